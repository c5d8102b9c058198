"""`pdfgen build` through click's CliRunner: it writes a PDF, names it, passes its options to the
booklet, and treats the output file with care (kept without --force, a missing folder, ordinary
permissions, a full disk that keeps the earlier file).
"""

from __future__ import annotations

import errno
import gc
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from support import ROOT

from pdfgen.cli import cli, shell

OLD = b"%PDF-1.4\n% an earlier good booklet\n%%EOF\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, also the current directory."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def pages_of(path: Path) -> int:
    return len(PdfReader(path).pages)


# -- success ------------------------------------------------------------------------------------


def test_build_writes_a_pdf(runner: CliRunner, folder: Path) -> None:
    out = folder / "out.pdf"
    result = invoke(runner, "build", "upper-back", "-o", str(out), "--client", "X")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert pages_of(out) == 12
    assert result.stderr == ""
    assert re.fullmatch(rf"wrote {re.escape(str(out))} \(12 pages, \d+ KiB\)\n", result.stdout)
    assert "X" in PdfReader(out).pages[0].extract_text()


def test_default_output_name_from_plan_and_client(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-back", "--client", "Zoë Ørsted", "--weeks", "1")
    assert result.exit_code == 0, result.stderr
    expected = folder / "upper-back-zoë-ørsted.pdf"
    assert sorted(p.name for p in folder.iterdir()) == [expected.name]
    assert expected.read_bytes().startswith(b"%PDF-")
    assert expected.name in result.stdout


def test_default_output_name_for_a_plan_file_and_no_client(runner: CliRunner, folder: Path) -> None:
    plan = ROOT / "plans" / "lower-back.yaml"
    result = invoke(runner, "build", str(plan), "--weeks", "1")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["lower-back.pdf"]


def test_default_output_name_cannot_leave_the_folder(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-back", "--client", "../../etc/x", "--weeks", "1")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["upper-back-etc-x.pdf"]
    assert not (folder.parent / "x.pdf").exists()


def test_options_reach_the_booklet(runner: CliRunner, folder: Path) -> None:
    out = folder / "a5.pdf"
    result = invoke(
        runner,
        "build",
        "middle-back",
        "-o",
        str(out),
        "--client",
        "Юлия",
        "--trainer",
        "Sam",
        "--weeks",
        "2",
        "--start",
        "2027-03-01",
        "--page-size",
        "a5",
        "--units",
        "lb",
    )
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Week 2 of 2" in text and "Week 3 of" not in text
    assert "Week starting Mon 8 Mar 2027" in text
    assert "Weight (lb)" in text
    assert "Юлия" in text
    assert reader.metadata is not None and reader.metadata.author == "Sam"


def test_emoji_warning_goes_to_stderr(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-back", "-o", "x.pdf", "--client", "Anna 💪")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: ")
    assert "U+1F4AA" in result.stderr
    assert "U+1F4AA" not in result.stdout


# -- the output file ----------------------------------------------------------------------------


@pytest.mark.damaged_pdf
def test_existing_output_is_kept_without_force(runner: CliRunner, folder: Path) -> None:
    out = folder / "booklet.pdf"
    out.write_bytes(OLD)
    result = invoke(runner, "build", "upper-back", "-o", str(out))
    assert result.exit_code == 4
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert result.stdout == ""
    assert out.read_bytes() == OLD
    assert sorted(folder.iterdir()) == [out]
    assert_no_traceback(result)


def test_force_replaces_the_output(runner: CliRunner, folder: Path) -> None:
    out = folder / "booklet.pdf"
    out.write_bytes(OLD)
    result = invoke(runner, "build", "upper-back", "-o", str(out), "--force", "--weeks", "1")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() != OLD
    assert pages_of(out) == 7
    assert sorted(folder.iterdir()) == [out]


def test_output_into_a_missing_folder(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-back", "-o", str(folder / "nope" / "x.pdf"))
    assert result.exit_code == 4
    assert "does not exist" in result.stderr
    assert list(folder.iterdir()) == []


def test_output_is_written_with_ordinary_permissions(runner: CliRunner, folder: Path) -> None:
    mask = os.umask(0o022)
    try:
        result = invoke(runner, "build", "upper-back", "-o", "p.pdf", "--weeks", "1")
    finally:
        os.umask(mask)
    assert result.exit_code == 0
    assert (folder / "p.pdf").stat().st_mode & 0o777 == 0o644, "not the 0600 of a temp file"


class _FullDisk:
    """A file handle that writes half of what it is given, then finds the disk full."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return int(self.handle.fileno())


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.damaged_pdf
@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_full_disk_keeps_the_earlier_file(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    out = folder / "booklet.pdf"
    out.write_bytes(OLD)
    import pdfgen.io.writing

    if where == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(
            pdfgen.io.writing.os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k))
        )
    else:
        monkeypatch.setattr(pdfgen.io.writing.os, where, _enospc)
    result = invoke(runner, "build", "upper-back", "-o", str(out), "--force")
    assert result.exit_code == 4
    assert "disk is full" in result.stderr
    assert str(out) in result.stderr
    assert out.read_bytes() == OLD, "the earlier booklet survives byte for byte"
    assert sorted(p.name for p in folder.iterdir()) == ["booklet.pdf"], "no temporary file left"
    assert_no_traceback(result)


def test_full_disk_without_an_earlier_file_leaves_nothing(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfgen.io.writing

    # Without --force the finished file is published by a hard link, which fails if the name
    # was taken meanwhile.
    monkeypatch.setattr(pdfgen.io.writing.os, "link", _enospc)
    result = invoke(runner, "build", "upper-back", "-o", "new.pdf")
    assert result.exit_code == 4
    assert list(folder.iterdir()) == []


def test_a_build_in_a_process_pdfgen_is_a_guest_in_keeps_its_collector_whole(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only pdfgen's own process (the console script) moves what it imported out of the cycle
    collector's way; run from another program (here, the test's runner), nothing is frozen."""
    frozen = gc.get_freeze_count()
    result = runner.invoke(cli, ["build", "upper-back", "-o", str(folder / "a.pdf")])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == frozen
    monkeypatch.setattr(shell._Process, "own", True)
    try:
        result = runner.invoke(cli, ["log", "upper-back", "-o", str(folder / "b.pdf")])
        assert result.exit_code == 0, result.output
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
