"""The command line (click's CliRunner, and `main()` for Ctrl-C) and the Python API it wraps.

Exit status: 0 ok, 1 bad input, 2 usage, 4 cannot write, 130 interrupted.
"""

from __future__ import annotations

import errno
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

import pdfgen
import pdfgen.app.booklet
import pdfgen.cli
from pdfgen.cli import cli

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "render"
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
    assert "Week starting 2027-03-08" in text
    assert "Weight (lb)" in text
    assert "Юлия" in text
    assert reader.metadata is not None and reader.metadata.author == "Sam"


def test_emoji_warning_goes_to_stderr(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-back", "-o", "x.pdf", "--client", "Anna 💪")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: ")
    assert "U+1F4AA" in result.stderr
    assert "U+1F4AA" not in result.stdout


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"pdfgen, version {pdfgen.__version__}\n"


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


# -- bad input and usage ------------------------------------------------------------------------


def test_bad_plan_names_file_line_and_field(runner: CliRunner, folder: Path) -> None:
    plan = FIXTURES / "bad-sets.yaml"
    out = folder / "out.pdf"
    result = invoke(runner, "build", str(plan), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert f"{plan}:6:" in result.stderr
    assert "sets" in result.stderr and "from 1 to 20" in result.stderr
    assert result.stdout == ""
    assert not out.exists()
    assert list(folder.iterdir()) == []
    assert_no_traceback(result)


def test_unknown_plan_id(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-bak", "-o", "out.pdf")
    assert result.exit_code == 1
    assert "upper-bak" in result.stderr
    assert "Did you mean 'upper-back'?" in result.stderr
    assert list(folder.iterdir()) == []
    assert_no_traceback(result)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--weeks", "0"], "--weeks"),
        (["--weeks", "53"], "--weeks"),
        (["--page-size", "a3"], "--page-size"),
        (["--units", "stone"], "--units"),
        (["--start", "2027-02-30"], "--start"),
        (["--start", "04/01/2027"], "--start"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, folder: Path, args: list[str], option: str) -> None:
    result = invoke(runner, "build", "upper-back", "-o", "out.pdf", *args)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    assert list(folder.iterdir()) == []


def test_missing_plan_argument_is_a_usage_error(runner: CliRunner) -> None:
    result = invoke(runner, "build")
    assert result.exit_code == 2
    assert "Missing argument 'PLAN'" in result.stderr


def test_long_client_name_is_a_usage_error(runner: CliRunner, folder: Path) -> None:
    result = invoke(runner, "build", "upper-back", "-o", "o.pdf", "--client", "x" * 81)
    assert result.exit_code == 2
    assert "--client" in result.stderr and "80" in result.stderr
    assert list(folder.iterdir()) == []


# -- main(): the console script -----------------------------------------------------------------


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["pdfgen", *args])
    with pytest.raises(SystemExit) as exit_info:
        pdfgen.cli.main()
    code = exit_info.value.code
    return code if isinstance(code, int) else (0 if code is None else 1)


def _interrupt(*args: object, **kwargs: object) -> Any:
    raise KeyboardInterrupt


def test_ctrl_c_while_rendering_exits_130_and_writes_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pdfgen.app.booklet, "render_pdf", _interrupt)
    assert run_main(monkeypatch, "build", "upper-back", "-o", "out.pdf") == 130
    assert list(folder.iterdir()) == []
    err = capsys.readouterr().err
    assert "interrupted" in err
    assert "Traceback" not in err


@pytest.mark.damaged_pdf
def test_ctrl_c_while_writing_keeps_the_earlier_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfgen.io.writing

    out = folder / "out.pdf"
    out.write_bytes(OLD)
    monkeypatch.setattr(pdfgen.io.writing.os, "replace", _interrupt)
    code = run_main(monkeypatch, "build", "upper-back", "-o", "out.pdf", "--force")
    assert code == 130
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir()) == ["out.pdf"]


def test_main_exit_codes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_main(monkeypatch, "build", "upper-back", "-o", "ok.pdf", "--weeks", "1") == 0
    assert (folder / "ok.pdf").exists()
    assert run_main(monkeypatch, "build", "upper-back", "-o", "ok.pdf") == 4
    assert run_main(monkeypatch, "build", "no-such-plan") == 1
    assert run_main(monkeypatch, "build", "upper-back", "--weeks", "0") == 2
    assert run_main(monkeypatch, "frobnicate") == 2


# -- other commands -----------------------------------------------------------------------------


def test_validate(runner: CliRunner) -> None:
    good = invoke(runner, "validate", str(ROOT / "plans" / "upper-back.yaml"))
    assert good.exit_code == 0
    assert good.stdout.startswith("ok: ")
    bad = invoke(runner, "validate", str(FIXTURES / "bad-sets.yaml"))
    assert bad.exit_code == 1
    assert "bad-sets.yaml:6:" in bad.stderr


def test_listings(runner: CliRunner) -> None:
    layouts = invoke(runner, "layouts")
    assert layouts.exit_code == 0
    assert {"base", "a5"} <= {line.split()[0] for line in layouts.stdout.splitlines()}
    exercises = invoke(runner, "exercises", "row")
    assert exercises.exit_code == 0
    assert "low-row" in exercises.stdout
    assert invoke(runner, "exercises", "zzzz-nothing").exit_code == 1
    schema = invoke(runner, "schema")
    assert schema.exit_code == 0 and '"sessions"' in schema.stdout


def _commands() -> Iterator[str]:
    yield from sorted(cli.commands)


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = list(_commands())
    assert {"build", "validate", "schema", "exercises", "layouts"} <= set(commands)
    missing = [name for name in commands if f"pdfgen {name}" not in readme]
    assert missing == [], f"commands not in README.md: {missing}"


# -- the Python API -----------------------------------------------------------------------------


def test_package_level_api() -> None:
    assert callable(pdfgen.load_plan)
    assert callable(pdfgen.render_booklet)
    for name in pdfgen.__all__:
        assert getattr(pdfgen, name) is not None
    with pytest.raises(AttributeError):
        _ = pdfgen.no_such_name  # type: ignore[attr-defined]


def test_render_to_a_path_and_to_a_file_object_give_the_same_bytes(tmp_path: Path) -> None:
    plan = pdfgen.load_plan("upper-back")
    options: dict[str, Any] = {"client": "Zoë Ørsted", "weeks": 2, "start": "2027-01-04"}
    path = tmp_path / "api.pdf"
    to_path = pdfgen.render_booklet(plan, path, **options)
    buffer = io.BytesIO()
    to_buffer = pdfgen.render_booklet(plan, buffer, **options)
    assert path.read_bytes() == buffer.getvalue()
    assert to_path.path == path and to_buffer.path is None
    assert to_path.pages == to_buffer.pages == len(PdfReader(path).pages) == 8
    assert to_path.size == to_buffer.size == path.stat().st_size
    # A plan id and a loaded plan give the same booklet.
    by_id = io.BytesIO()
    pdfgen.render_booklet("upper-back", by_id, **options)
    assert by_id.getvalue() == buffer.getvalue()


@pytest.mark.damaged_pdf
def test_api_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "api.pdf"
    path.write_bytes(OLD)
    with pytest.raises(pdfgen.OutputError, match="already exists"):
        pdfgen.render_booklet("upper-back", path, weeks=1)
    assert path.read_bytes() == OLD
    pdfgen.render_booklet("upper-back", path, weeks=1, force=True)
    assert path.read_bytes().startswith(b"%PDF-")


def test_api_bad_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(pdfgen.InputError) as info:
        pdfgen.load_plan(FIXTURES / "bad-sets.yaml")
    (problem,) = info.value.problems
    assert problem.line == 6 and "sets" in problem.field
    with pytest.raises(pdfgen.InputError, match="units must be kg or lb, not 'stone'"):
        pdfgen.render_booklet("upper-back", tmp_path / "x.pdf", units="stone")
    assert list(tmp_path.iterdir()) == []
