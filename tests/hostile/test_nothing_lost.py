"""Nothing lost, nowhere wrong: what pdfgen does with files that are not its to replace, inputs
that are not regular files, races between runs, killed batches, and every path and name that
used to end in a traceback.

Each case runs the real console script where it is about the process (races, pipes, devices,
signals) and asserts the exit status, the message, that no traceback was printed, and the state
of every file involved afterwards.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import signal
import socket
import stat
import subprocess
import time
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from support import MINIMAL_PLAN, console_script

import pdfgen
from pdfgen.errors import OutputError

TIMEOUT = 60
MM = 72 / 25.4
ONE_WEEK_PLAN = MINIMAL_PLAN + "weeks: 1\n"


def run(
    *args: str, cwd: Path, timeout: float = TIMEOUT, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """The console script, as a user runs it."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [*console_script(), *args],
        cwd=cwd,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*console_script(), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def assert_clean_failure(
    result: subprocess.CompletedProcess[str], status: int, *words: str
) -> None:
    assert result.returncode == status, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip(), "a failure says why"
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "plan.yaml").write_text(ONE_WEEK_PLAN, encoding="utf-8")
    return tmp_path


def roster(path: Path, *rows: str, header: str = "client,plan,weeks") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# -- 1. never replace what is not ours ----------------------------------------------------------


def test_two_builds_racing_for_one_name_never_both_win(work: Path) -> None:
    """Before: 7 of 20 pairs both printed "wrote" and one silently replaced the other. Three
    builds start together for each of eight names: exactly one writes, the others say the file
    exists (exit 4)."""
    for round_ in range(8):
        name = f"same-{round_}.pdf"
        processes = [
            start("build", "plan.yaml", "-o", name, "--client", f"C{n}", cwd=work) for n in range(3)
        ]
        results = [(p.wait(TIMEOUT), *p.communicate()) for p in processes]
        winners = [r for r in results if r[0] == 0]
        assert len(winners) == 1, results
        for status, _, err in results:
            if status != 0:
                assert status == 4 and "already exists" in err and "Traceback" not in err
        assert len(PdfReader(work / name).pages) > 0  # whole, and one run's alone
    assert temporaries(work) == []


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def test_two_batches_into_one_folder_write_each_booklet_once(work: Path) -> None:
    clients = [f"Client {n}" for n in range(6)]
    first = roster(work / "a.csv", *(f"{c},plan.yaml,1" for c in clients))
    second = roster(work / "b.csv", *(f"{c},plan.yaml,1" for c in clients))
    for round_ in range(2):
        out = work / f"out{round_}"
        processes = [
            start("batch", str(r), "-o", str(out), "--jobs", "1", cwd=work) for r in (first, second)
        ]
        outputs = [(p.wait(TIMEOUT), *p.communicate()) for p in processes]
        assert all(status == 0 for status, _, _ in outputs), outputs
        written = [int(o.split(" written")[0].rsplit("\n", 1)[-1]) for _, o, _ in outputs]
        assert sum(written) == len(clients), outputs  # each booklet written by one batch only
        manifest = _manifest(out)
        for file, row in manifest.items():
            assert row["sha256"] == sha256(out / file), "the manifest describes the file there"
        assert temporaries(out) == []


@pytest.mark.parametrize(
    "target",
    ["out/Ann - plan.pdf", "out/ann - PLAN.pdf", "out/manifest.csv", "out", "clients.csv"],
)
def test_merge_may_not_name_a_file_the_batch_writes(work: Path, target: str) -> None:
    clients = roster(work / "clients.csv", "Ann,plan.yaml,1", "Bob,plan.yaml,1")
    before = clients.read_bytes()
    result = run("batch", "clients.csv", "-o", "out", "--merge", target, "--force", cwd=work)
    assert_clean_failure(result, 2, "--merge")
    assert not (work / "out").exists(), "refused before any work"
    assert clients.read_bytes() == before


def _special(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    elif kind == "device":
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own


def _can_make_devices() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


SPECIAL = [
    "fifo",
    "folder",
    "socket",
    pytest.param(
        "device",
        marks=pytest.mark.skipif(not _can_make_devices(), reason="making a device node needs root"),
    ),
]


@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("force", [False, True])
def test_output_that_is_not_a_regular_file_is_refused(work: Path, kind: str, force: bool) -> None:
    target = work / "out.pdf"
    _special(kind, target)
    mode = os.lstat(target).st_mode
    args = ["build", "plan.yaml", "-o", str(target), *(["--force"] if force else [])]
    result = run(*args, cwd=work)
    # A folder is the command line's to refuse (a usage error); the others, the writer's.
    assert_clean_failure(result, 2 if kind == "folder" else 4)
    assert os.lstat(target).st_mode == mode, "the node is untouched"
    assert temporaries(work) == []


def test_dev_null_is_never_replaced(work: Path) -> None:
    before = os.stat("/dev/null")
    result = run("build", "plan.yaml", "-o", "/dev/null", "--force", cwd=work)
    assert_clean_failure(result, 4, "not a file")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_dangling_link_is_kept_without_force_and_replaced_with_it(work: Path) -> None:
    link = work / "out.pdf"
    link.symlink_to(work / "nowhere" / "target.pdf")
    result = run("build", "plan.yaml", "-o", "out.pdf", cwd=work)
    assert_clean_failure(result, 4, "already exists")
    assert link.is_symlink()
    result = run("build", "plan.yaml", "-o", "out.pdf", "--force", cwd=work)
    assert result.returncode == 0, result.stderr
    assert not link.is_symlink() and link.is_file(), "the link is replaced by the booklet"
    assert not (work / "nowhere").exists(), "nothing is made where the link pointed"


@pytest.mark.damaged_pdf  # a stand-in file that is not a whole PDF
def test_a_link_to_a_file_is_replaced_and_its_target_kept(work: Path) -> None:
    other = work / "other.pdf"
    other.write_bytes(b"%PDF- theirs")
    link = work / "out.pdf"
    link.symlink_to(other)
    result = run("build", "plan.yaml", "-o", "out.pdf", "--force", cwd=work)
    assert result.returncode == 0, result.stderr
    assert other.read_bytes() == b"%PDF- theirs"
    assert not link.is_symlink()


@pytest.mark.damaged_pdf  # a stand-in file that is not a whole PDF
def test_a_hard_link_keeps_the_old_content(work: Path) -> None:
    target = work / "out.pdf"
    target.write_bytes(b"%PDF- old")
    os.link(target, work / "copy.pdf")
    result = run("build", "plan.yaml", "-o", "out.pdf", "--force", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "copy.pdf").read_bytes() == b"%PDF- old"
    assert target.read_bytes().startswith(b"%PDF-1.")


@pytest.mark.damaged_pdf  # a stand-in file that is not a whole PDF
def test_a_replaced_file_keeps_its_permission_bits(work: Path) -> None:
    target = work / "out.pdf"
    target.write_bytes(b"%PDF- old")
    target.chmod(0o600)
    result = run("build", "plan.yaml", "-o", "out.pdf", "--force", cwd=work)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_sigterm_in_a_batch_removes_only_its_own_temporary_files(work: Path) -> None:
    out = work / "out"
    out.mkdir()
    mine = out / ".Client 00 - long.pdf.something.tmp"
    mine.write_text("the user's own file", encoding="utf-8")
    (work / "long.yaml").write_text(_long_plan(), encoding="utf-8")
    clients = roster(work / "c.csv", *(f"Client {n:02d},long.yaml,12" for n in range(6)))
    process = start("batch", str(clients), "-o", str(out), "--jobs", "2", cwd=work)
    try:
        _wait_for(lambda: any(out.glob("*.pdf")))  # under way
        process.send_signal(signal.SIGTERM)
        process.wait(TIMEOUT)
    finally:
        printed = _stop(process)
    assert process.returncode == 143, printed
    assert mine.read_text(encoding="utf-8") == "the user's own file"
    assert [p.name for p in out.glob(".pdfgen-*")] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_do_not_outlive_a_killed_batch(work: Path) -> None:
    (work / "long.yaml").write_text(_long_plan(), encoding="utf-8")
    clients = roster(work / "c.csv", *(f"Client {n:02d},long.yaml,12" for n in range(6)))
    process = start("batch", str(clients), "-o", "out", "--jobs", "2", cwd=work)
    try:
        _wait_for(lambda: len(_children(process.pid)) >= 2)
        workers = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(TIMEOUT)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers), "the workers ended with their batch"
    finally:
        _stop(process)


def _long_plan() -> str:
    lines = ["program: Long", "days_per_week: 7", "sessions:"]
    for session in range(7):
        lines += [f"  - name: Session {session + 1}", "    exercises:"]
        lines += [
            "      - {exercise: pull-up, sets: 4, reps: 8-12}",
            "      - {exercise: good-morning, sets: 4, reps: 8-12, load: 40 kg}",
        ] * 5
    return "\n".join(lines) + "\n"


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition: object, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting")
        time.sleep(0.01)


def _stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Stop `process` and anything it started that still runs; what it printed."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # its session's group: workers too
    return process.communicate()


# -- 2. inputs that are not regular files; limits on the bytes read ------------------------------


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.fixture
def fifo(work: Path) -> Path:
    return _fifo(work / "pipe.yaml")


CASES = {
    "plan": lambda src: ["build", src, "-o", "x.pdf"],
    "layout": lambda src: ["build", "plan.yaml", "--layout", src, "-o", "x.pdf"],
    "client file": lambda src: ["build", "plan.yaml", "--client-file", src, "-o", "x.pdf"],
    "roster": lambda src: ["batch", src, "-o", "out"],
    "validate": lambda src: ["validate", src],
    "logo": lambda src: ["build", "plan.yaml", "--logo", src, "-o", "x.pdf"],
    "log": lambda src: ["next", "plan.yaml", "--log", src],
    "filled PDF": lambda src: ["read-log", src],
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
def test_a_pipe_or_device_as_input_is_refused_at_once(work: Path, case: str, source: str) -> None:
    src = str(_fifo(work / "in.csv")) if source == "fifo" else source
    if case == "log" and source == "fifo":
        src = str(_fifo(work / "in-log.csv"))
    result = run(*CASES[case](src), cwd=work, timeout=20)
    assert_clean_failure(result, 1, "not a")
    assert not (work / "x.pdf").exists() and not (work / "out").exists()


def test_a_pipe_as_a_roster_plan_and_as_a_kept_booklet_is_refused(work: Path) -> None:
    _fifo(work / "piped.yaml")
    out = work / "out"
    out.mkdir()
    _fifo(out / "Bob - plan.pdf")
    clients = roster(work / "c.csv", "Ann,piped.yaml,1", "Bob,plan.yaml,1", "Cy,plan.yaml,1")
    result = run("batch", str(clients), "-o", "out", "--merge", "all.pdf", cwd=work, timeout=30)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "row 2 (Ann)" in result.stderr and "named pipe" in result.stderr
    assert "row 3 (Bob)" in result.stderr and "named pipe" in result.stderr
    assert stat.S_ISFIFO(os.lstat(out / "Bob - plan.pdf").st_mode)


def test_a_huge_fake_font_is_refused_without_reading_it(work: Path) -> None:
    font = work / "huge.ttf"
    with font.open("wb") as handle:
        handle.write(b"\x00\x01\x00\x00")
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    (work / "layout.yaml").write_text("fonts: {regular: huge.ttf}\n", encoding="utf-8")
    started = time.monotonic()
    result = run("validate", "layout.yaml", cwd=work, timeout=20)
    assert_clean_failure(result, 1, "larger than")
    assert time.monotonic() - started < 15


def test_a_pipe_as_a_font_is_refused(work: Path) -> None:
    _fifo(work / "piped.ttf")
    (work / "layout.yaml").write_text("fonts: {bold: piped.ttf}\n", encoding="utf-8")
    result = run(
        "build", "plan.yaml", "--layout", "layout.yaml", "-o", "x.pdf", cwd=work, timeout=20
    )
    assert_clean_failure(result, 1, "named pipe")


# -- 3. no tracebacks --------------------------------------------------------------------------


def test_next_of_a_folder(work: Path) -> None:
    (work / "log.csv").write_text("client\n", encoding="utf-8")
    (work / "folder").mkdir()
    result = run("next", "folder", "--log", "log.csv", cwd=work)
    assert_clean_failure(result, 1, "folder")


def test_next_of_a_plan_that_cannot_be_read(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any file whatever its mode, so the refusal is injected.
    from click.testing import CliRunner

    from pdfgen.cli import cli
    from pdfgen.io import reading

    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("plan.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading.os, "open", refuse)
    (work / "log.csv").write_text("client\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["next", str(work / "plan.yaml"), "--log", str(work / "log.csv")]
    )
    assert result.exit_code == 1
    assert "permission denied" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("folder", ["afile/sub", "dangling", "afile"])
def test_batch_output_folder_that_cannot_be_made(work: Path, folder: str) -> None:
    (work / "afile").write_text("x", encoding="utf-8")
    (work / "dangling").symlink_to(work / "gone")
    roster(work / "c.csv", "Ann,plan.yaml,1")
    result = run("batch", "c.csv", "-o", folder, cwd=work)
    # A file named as the folder is the command line's to refuse (a usage error).
    assert_clean_failure(result, 2 if folder == "afile" else 4, folder.split("/")[0])
    assert (work / "afile").read_text(encoding="utf-8") == "x"


def test_batch_in_a_folder_that_cannot_be_written(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfgen.app.batch

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    roster(work / "c.csv", "Ann,plan.yaml,1")
    monkeypatch.setattr(pdfgen.app.batch.Path, "mkdir", refuse)
    with pytest.raises(OutputError, match="permission denied"):
        pdfgen.app.batch.run_batch(work / "c.csv", work / "new")


LONG = "x" * 300


@pytest.mark.parametrize(
    "args",
    [
        ["build", "plan.yaml", "-o", f"{LONG}.pdf"],
        ["build", f"{LONG}.yaml"],
        ["build", "plan.yaml", "--layout", f"{LONG}.yaml", "-o", "x.pdf"],
        ["read-log", f"{LONG}.pdf"],
        ["batch", "c.csv", "-o", LONG],
        ["log", "plan.yaml", "-o", f"{LONG}.pdf"],
    ],
    ids=["-o", "PLAN", "--layout", "read-log", "batch -o", "log -o"],
)
def test_names_too_long_for_the_file_system(work: Path, args: list[str]) -> None:
    roster(work / "c.csv", "Ann,plan.yaml,1")
    result = run(*args, cwd=work)
    assert result.returncode in (1, 4), result.stderr
    assert "Traceback" not in result.stderr
    assert "too long" in result.stderr or "no such" in result.stderr


def test_read_log_output_name_too_long(work: Path) -> None:
    filled = work / "log.pdf"
    pdfgen.render_log("upper-back", filled, weeks="1", fillable=True)
    result = run("read-log", "log.pdf", "-o", f"{LONG}.csv", cwd=work)
    assert_clean_failure(result, 4, "too long")


def test_default_log_name_of_a_long_cjk_client_fits(work: Path) -> None:
    client = "東京都の山田花子さん" * 8  # 80 characters, 240 bytes
    result = run("log", "plan.yaml", "--client", client, cwd=work)
    assert result.returncode == 0, result.stderr
    [made] = work.glob("*.pdf")
    assert len(made.name.encode("utf-8")) <= 130


@pytest.mark.parametrize("where", ["option", "client file", "roster", "validate roster"])
def test_a_block_past_the_year_9999(work: Path, where: str) -> None:
    (work / "client.yaml").write_text("client: Ann\nstart: 9999-12-31\n", encoding="utf-8")
    roster(work / "c.csv", "Ann,plan.yaml,1,9999-12-31", header="client,plan,weeks,start")
    args = {
        "option": ["build", "plan.yaml", "--start", "9999-12-31"],
        "client file": ["build", "plan.yaml", "--client-file", "client.yaml"],
        "roster": ["batch", "c.csv", "-o", "out"],
        "validate roster": ["validate", "c.csv"],
    }[where]
    result = run(*args, cwd=work)
    assert_clean_failure(result, 1, "year 9999")
    assert list(work.glob("*.pdf")) == []


def test_validate_finds_a_client_file_whose_block_runs_past_9999(work: Path) -> None:
    (work / "client.yaml").write_text(
        "client: Ann\nweeks: 2\nstart: 9999-12-25\n", encoding="utf-8"
    )
    result = run("validate", "client.yaml", cwd=work)
    assert_clean_failure(result, 1, "client.yaml:3", "year 9999")


@pytest.mark.parametrize("command", [["schema"], ["exercises"], ["read-log", "log.pdf"]])
def test_a_full_standard_output(work: Path, command: list[str]) -> None:
    pdfgen.render_log("upper-back", work / "log.pdf", weeks="1", fillable=True)
    with open("/dev/full", "w") as full:
        result = run(*command, cwd=work, stdout=full)
    assert result.returncode == 4, result.stderr
    assert "standard output" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, "one sentence"


@pytest.mark.parametrize("command", [["schema"], ["exercises"]])
def test_a_closed_pipe_ends_quietly(work: Path, command: list[str]) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    with os.fdopen(writer, "w") as closed:
        result = run(*command, cwd=work, stdout=closed)
    assert result.returncode == 141
    assert result.stderr == ""


class _Broken(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def _closed() -> io.BytesIO:
    handle = io.BytesIO()
    handle.close()
    return handle


@pytest.mark.parametrize(
    "out", [io.StringIO, _closed, _Broken], ids=["text mode", "closed", "broken pipe"]
)
def test_the_api_reports_a_bad_file_object_as_an_output_error(out: object) -> None:
    with pytest.raises(OutputError, match="cannot write the output"):
        pdfgen.render_booklet("upper-back", out(), weeks=1)  # type: ignore[operator]


# -- 4. quiet wrong answers -------------------------------------------------------------------


def test_a_roster_that_repeats_a_column_is_refused(work: Path) -> None:
    roster(work / "c.csv", "Ann,Bob,plan.yaml", header="client,client,plan")
    for args in (["batch", "c.csv", "-o", "out"], ["validate", "c.csv"]):
        result = run(*args, cwd=work)
        assert_clean_failure(result, 1, "'client' appears twice")
    assert not (work / "out").exists()


@pytest.mark.parametrize("weeks", ["1_2", "٣", "+3"])
def test_whole_numbers_are_plain_digits(work: Path, weeks: str) -> None:
    roster(work / "c.csv", f"Ann,plan.yaml,{weeks}")
    result = run("validate", "c.csv", cwd=work)
    assert_clean_failure(result, 1, "whole number")
    (work / "client.yaml").write_text(f"client: Ann\nweeks: '{weeks}'\n", encoding="utf-8")
    result = run("validate", "client.yaml", cwd=work)
    assert_clean_failure(result, 1, "client.yaml:2", "whole number")


def test_next_with_zero_kg_logged_keeps_the_load(work: Path) -> None:
    """A weight of 0 is no weight; before, `next` made a plan with `load: 0 kg` and blamed a
    file that does not exist ("the next block of upper-back.yaml:29:15")."""
    from pdfgen.logbook.readlog import COLUMNS

    rows = [
        {
            "client": "Ann",
            "week": 1,
            "day": 1,
            "date": "",
            "session": "Upper back",
            "exercise": "Dumbbell shrug",
            "exercise_id": "dumbbell-shrug",
            "entry": "",
            "set": n,
            "warmup": "no",
            "deload": "no",
            "target_reps": "12-15",
            "target_load": "",
            "weight": "0",
            "units": "kg",
            "reps": "13",
            "done": "yes",
            "rpe": "",
            "notes": "",
            "week_notes": "",
            "booklet_notes": "",
        }
        for n in (1, 2, 3)
    ]
    with (work / "log.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    result = run("next", "upper-back", "--log", "log.csv", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Dumbbell shrug: unchanged (no weight written in week 1, day 1)" in result.stdout
    assert "load: 0 kg" not in (work / "upper-back-next.yaml").read_text(encoding="utf-8")


def test_a_date_format_that_cannot_fit_is_refused_where_it_is_written(work: Path) -> None:
    (work / "layout.yaml").write_text(
        "# long dates\ndate_format: '%A %d %B %Y, week %U of the year'\n", encoding="utf-8"
    )
    result = run("validate", "layout.yaml", cwd=work)
    assert_clean_failure(result, 1, "layout.yaml:2", "date_format", "too long")


def test_a_long_date_format_that_is_allowed_fits_its_box(tmp_path: Path) -> None:
    from pdfgen.style.loading import load_layout

    layout_file = tmp_path / "layout.yaml"
    layout_file.write_text("date_format: '%A %-d %B %Y'\n", encoding="utf-8")
    out = tmp_path / "b.pdf"
    pdfgen.render_booklet(
        "upper-back",
        out,
        weeks=1,
        start="2027-09-29",
        days="wed,fri",
        layout=load_layout(layout_file),
    )
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[-2]  # the week (the notes page follows)
        boxes = [r for r in page.rects if abs(r["width"] - 38 * MM) < 0.5]  # the date boxes
        assert len(boxes) == 2
        for box in boxes:
            inside = page.crop((0, box["top"], page.width, box["bottom"])).extract_words()
            printed = [w for w in inside if w["x1"] > box["x0"]]  # reaching into the box
            assert " ".join(w["text"] for w in printed).endswith("2027")
            assert all(box["x0"] < w["x0"] and w["x1"] < box["x1"] for w in printed)


def test_bidi_controls_are_removed_from_file_names(work: Path) -> None:
    evil = "Ann\u202egpj.exe"
    result = run("build", "plan.yaml", "--client", evil, cwd=work)
    assert result.returncode == 0, result.stderr
    [made] = work.glob("*.pdf")
    assert "\u202e" not in made.name
    roster(work / "c.csv", f"{evil},plan.yaml,1")
    result = run("batch", "c.csv", "-o", "out", cwd=work)
    assert result.returncode == 0, result.stderr
    assert all("\u202e" not in p.name for p in (work / "out").iterdir())


@pytest.mark.parametrize(
    "option", ["--layout", "--client-file", "--logo", "--log", "PLAN", "roster"]
)
def test_a_missing_file_of_any_kind_reads_the_same(work: Path, option: str) -> None:
    args = {
        "--layout": ["build", "plan.yaml", "--layout", "missing.yaml"],
        "--client-file": ["build", "plan.yaml", "--client-file", "missing.yaml"],
        "--logo": ["build", "plan.yaml", "--logo", "missing.png"],
        "--log": ["next", "plan.yaml", "--log", "missing.csv"],
        "PLAN": ["build", "missing.yaml"],
        "roster": ["batch", "missing.csv"],
    }[option]
    result = run(*args, cwd=work)
    assert_clean_failure(result, 1)
    assert "missing." in result.stderr and "no such" in result.stderr, result.stderr


@pytest.mark.damaged_pdf  # a stand-in file that is not a whole PDF
def test_output_below_a_file_is_described_as_such(work: Path) -> None:
    (work / "a.pdf").write_bytes(b"%PDF- mine")
    result = run("build", "plan.yaml", "-o", "a.pdf/x.pdf", cwd=work)
    assert_clean_failure(result, 4, "a.pdf is a file, not a folder")
    assert "does not exist" not in result.stderr


@pytest.mark.parametrize("command", ["build", "log"])
def test_an_empty_output_name_is_a_usage_error(work: Path, command: str) -> None:
    result = run(command, "plan.yaml", "-o", "", cwd=work)
    assert_clean_failure(result, 2, "empty")


def test_a_layout_too_wide_for_its_paper_names_the_users_file(work: Path) -> None:
    (work / "narrow.yaml").write_text("page: {size: [100, 200]}\n", encoding="utf-8")
    result = run("validate", "narrow.yaml", cwd=work)
    assert_clean_failure(result, 1, "narrow.yaml")
    assert "base.yaml" not in result.stderr
