"""Exit statuses and messages of the command line: 0 ok, 1 bad input, 2 usage, 4 cannot write,
130 interrupted (through `main()`, the console script, for Ctrl-C); never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from support import TESTS

import pdfgen
import pdfgen.app.booklet
import pdfgen.cli
from pdfgen.cli import cli

FIXTURES = TESTS / "fixtures" / "render"
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
