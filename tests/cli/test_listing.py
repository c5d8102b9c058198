"""The commands that check and list (`validate`, `layouts`, `exercises`, `schema`), `--version`,
and every command documented in the README.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result
from support import ROOT, TESTS

import pdfgen
from pdfgen.cli import cli

FIXTURES = TESTS / "fixtures" / "render"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"pdfgen, version {pdfgen.__version__}\n"


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
