"""SIGTERM (a service manager, a container stop, `kill`) while pdfgen renders: exit status 143,
no PDF and no temporary file left, no traceback; `pdfgen batch` ends its workers too.

The subprocess tests send the signal to the pdfgen process only, as `kill PID` and `docker stop`
do, once the process has installed its handler (read from /proc where there is one), and run
it in a session of its own so that a stray signal never reaches pytest and so that a worker
left behind would show as a live process group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support import console_script, handles_signal

import pdfgen.app.batch
import pdfgen.app.workers
import pdfgen.cli
import pdfgen.io.writing
from pdfgen.app.batch import run_batch
from pdfgen.plan.library import builtin_library

TIMEOUT = 60
EXERCISES = tuple(builtin_library())  # every exercise the built-in library has


def long_plan(path: Path, weeks: int = 52) -> Path:
    """A plan that takes far longer to render than these tests wait: 7 sessions of 20
    exercises, every day of the week (tens of seconds for 52 weeks)."""
    lines = ["program: Long", f"weeks: {weeks}", "days_per_week: 7", "sessions:"]
    for session in range(7):
        lines += [f"  - name: Session {session + 1}", "    exercises:"]
        for n in range(20):
            exercise = EXERCISES[(session + n) % len(EXERCISES)]
            lines.append(f"      - {{exercise: {exercise}, sets: 4, reps: 8-12, load: 40 kg}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """PDFs and atomic-write temporaries under folder."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.suffix in (".pdf", ".tmp") or p.name.endswith(".tmp")
    )


@dataclass(frozen=True)
class Stopped:
    status: int
    stdout: str
    stderr: str
    seconds: float  # from the signal to the exit


def run_and_terminate(
    args: list[str], cwd: Path, ready: Callable[[], bool] = lambda: True
) -> Stopped | None:
    """Run pdfgen with `args`; once it handles SIGTERM and `ready()` holds, send it SIGTERM.
    None if it finished on its own first."""
    process = subprocess.Popen(
        [*console_script(), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not (handles_signal(process.pid, signal.SIGTERM) and ready()):
            if process.poll() is not None:
                process.communicate()
                return None
            if time.monotonic() > deadline:
                pytest.fail(f"pdfgen {args[0]} was not ready to stop within {TIMEOUT} s")
            time.sleep(0.005)
        if process.poll() is not None:
            process.communicate()
            return None
        process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"pdfgen {args[0]} did not stop within {TIMEOUT} s of SIGTERM")
        seconds = time.monotonic() - sent
        group_gone(process.pid)
        return Stopped(process.returncode, stdout.decode(), stderr.decode(), seconds)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def group_gone(pgid: int) -> None:
    """Fail if any process of the group outlives its leader (a batch worker left running)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        if time.monotonic() > deadline:
            os.killpg(pgid, signal.SIGKILL)
            pytest.fail("a process of pdfgen's group was still running after it exited")
        time.sleep(0.05)


def assert_terminated(stopped: Stopped) -> None:
    assert stopped.status == 143, stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert "terminated" in stopped.stderr
    assert stopped.seconds < 20, "pdfgen took its time to stop"


# -- pdfgen build -------------------------------------------------------------------------------


@pytest.mark.parametrize("started", [0.0, 0.5], ids=["at-once", "while-rendering"])
def test_sigterm_while_building_exits_143_and_writes_nothing(
    tmp_path: Path, started: float
) -> None:
    plan = long_plan(tmp_path / "long.yaml")
    out = tmp_path / "out"
    out.mkdir()
    clock = time.monotonic()
    stopped = run_and_terminate(
        ["build", str(plan), "-o", str(out / "long.pdf")],
        tmp_path,
        ready=lambda: time.monotonic() - clock >= started,
    )
    assert stopped is not None, "the booklet was done before the signal: make the plan longer"
    assert_terminated(stopped)
    assert leftovers(tmp_path) == []
    assert stopped.stdout == ""


def test_sigterm_while_writing_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The signal's exception raised in the middle of the atomic write (in-process: the moment
    is too short to hit from outside), and the handler put back afterwards."""
    monkeypatch.chdir(tmp_path)

    def terminated(*args: Any) -> None:
        raise pdfgen.cli.Terminated

    monkeypatch.setattr(pdfgen.io.writing.os, "fsync", terminated)
    monkeypatch.setattr(sys, "argv", ["pdfgen", "build", "upper-back", "--weeks", "1"])
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as exit_info:
        pdfgen.cli.main()
    assert exit_info.value.code == 143
    assert signal.getsignal(signal.SIGTERM) == before
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert "terminated" in err and "Traceback" not in err


def test_ctrl_c_still_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pdfgen.io.writing.os, "fsync", interrupted)
    monkeypatch.setattr(sys, "argv", ["pdfgen", "build", "upper-back", "--weeks", "1"])
    with pytest.raises(SystemExit) as exit_info:
        pdfgen.cli.main()
    assert exit_info.value.code == 130
    assert list(tmp_path.iterdir()) == []
    assert "interrupted" in capsys.readouterr().err


# -- pdfgen batch -------------------------------------------------------------------------------

ROWS = 20


@pytest.fixture(scope="module")
def terminated_batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stopped, Path]]:
    """`pdfgen batch` of 20 twelve-week booklets with two workers, sent SIGTERM as soon as the
    first booklet is in the folder (the others are being rendered then)."""
    work = tmp_path_factory.mktemp("sigterm-batch")
    roster = work / "clients.csv"
    rows = [f"Client {n:02d},upper-back,12" for n in range(ROWS)]
    roster.write_text("\n".join(["client,plan,weeks", *rows]) + "\n", encoding="utf-8")
    out = work / "out"
    for _ in range(3):
        stopped = run_and_terminate(
            ["batch", str(roster), "-o", str(out), "--jobs", "2"],
            work,
            ready=lambda: any(out.glob("*.pdf")),
        )
        if stopped is not None:
            yield stopped, out
            return
        for path in out.iterdir():
            path.unlink()
    pytest.fail("the batch finished before the signal, three times")


def test_sigterm_stops_a_batch_with_143(terminated_batch: tuple[Stopped, Path]) -> None:
    stopped, _ = terminated_batch
    assert_terminated(stopped)


def test_sigterm_leaves_only_whole_booklets(terminated_batch: tuple[Stopped, Path]) -> None:
    _, out = terminated_batch
    assert [name for name in leftovers(out) if name.endswith(".tmp")] == []
    booklets = sorted(out.glob("*.pdf"))
    assert 1 <= len(booklets) < ROWS, "the batch stopped part-way"
    assert {len(PdfReader(path).pages) for path in booklets} == {len(PdfReader(booklets[0]).pages)}


def test_sigterm_ends_workers_in_the_middle_of_a_booklet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers that are writing when the batch is terminated are ended at once (not waited
    for) and their temporary files removed. The workers are forked from this process, so they
    run the patched writer: the first booklet is written, the others hang half-way."""
    roster = tmp_path / "clients.csv"
    roster.write_text("client,plan,weeks\nA,upper-back,1\nB,upper-back,1\nC,upper-back,1\n")
    out = tmp_path / "out"
    real_write = pdfgen.app.workers.write_atomic

    def write(
        path: str | Path, data: bytes, *, force: bool = False, temp_name: str | None = None
    ) -> Path:
        target = Path(path)
        if target.name.startswith("A "):
            return real_write(target, data, force=force, temp_name=temp_name)
        assert temp_name, "the batch names each booklet's temporary file"
        (target.parent / temp_name).write_bytes(data[:100])
        time.sleep(TIMEOUT)
        raise AssertionError("a worker went on after the batch was terminated")

    def progress(result: pdfgen.app.batch.RowResult, total: int) -> None:
        if result.row == 2:  # row 1 is the header: A's booklet is written
            raise pdfgen.cli.Terminated

    monkeypatch.setattr(pdfgen.app.workers, "write_atomic", write)
    started = time.monotonic()
    with pytest.raises(pdfgen.cli.Terminated):
        run_batch(roster, out, jobs=2, progress=progress)
    assert time.monotonic() - started < TIMEOUT / 2, "the workers were waited for"
    assert leftovers(out) == ["A - upper-back.pdf"]
