"""An n-rep max (`140kgx5`) is read the same wherever a client's maxes are written: on the
command line, in a client file and in a roster; and so are its errors.

The Texas Method's volume day is 5 × 5 at 90 % of the 5-rep max: for squat 140 kg × 5 that is
0.9 × 140 = 126 → 125 kg on 2.5 kg plates, and for deadlift 180 kg × 5, 162 → 162.5 kg.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from support import EXAMPLES

from pdfgen.cli import cli

PLAN = str(EXAMPLES / "programs/texas-method.yaml")
MAXES = {"squat": "140kgx5", "deadlift": "180 kg x 5", "bench-press": "100kgx5",
         "overhead-press": "60kgX5"}  # fmt: skip


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def volume_day(pdf: Path) -> str:
    """The text of week 1, day 1, its lines joined."""
    for page in PdfReader(pdf).pages:
        text = " ".join((page.extract_text() or "").split())
        if "Week 1 · Day 1 · Volume day" in text:
            return text
    raise AssertionError(f"{pdf} has no volume day")


def assert_volume_loads(pdf: Path) -> None:
    text = volume_day(pdf)
    assert "Back squat Rest 3-5 min 1 2 3 4 5 5 5 5 5 5 125 kg 125 kg 125 kg 125 kg 125 kg" in text
    assert "Deadlift Rest 3-5 min 1 5 162.5 kg" in text


def test_on_the_command_line(tmp_path: Path) -> None:
    options = [f"--max={name}={value}" for name, value in MAXES.items()]
    result = invoke("build", PLAN, *options, "--weeks", "1", "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 0, result.output
    assert_volume_loads(tmp_path / "b.pdf")


def test_in_a_client_file(tmp_path: Path) -> None:
    lines = ["client: Sam", "maxes:", *(f"  {name}: {value}" for name, value in MAXES.items())]
    (tmp_path / "sam.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = invoke("build", PLAN, "--client-file", str(tmp_path / "sam.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert_volume_loads(out)


def test_in_a_roster(tmp_path: Path) -> None:
    columns = ",".join(f"max.{name}" for name in MAXES)
    values = ",".join(MAXES.values())
    roster = tmp_path / "roster.csv"
    roster.write_text(f"client,plan,weeks,{columns}\nSam,{PLAN},1,{values}\n", encoding="utf-8")
    result = invoke("batch", str(roster), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    [booklet] = (tmp_path / "out").glob("*.pdf")
    assert_volume_loads(booklet)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("140kgx0", "squat"),
        ("140kgx31", "squat"),
        ("x5", "squat"),
    ],
)
def test_a_max_that_cannot_be_read_is_refused_naming_the_exercise(
    tmp_path: Path, written: str, message: str
) -> None:
    maxes = [f"--max={name}={value}" for name, value in MAXES.items() if name != "squat"]
    result = invoke("build", PLAN, f"--max=squat={written}", *maxes, "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "b.pdf").exists()


def test_a_client_file_max_that_cannot_be_read_names_the_file_line_and_exercise(
    tmp_path: Path,
) -> None:
    (tmp_path / "sam.yaml").write_text("client: Sam\nmaxes:\n  squat: 140kgx0\n", encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = invoke("build", PLAN, "--client-file", str(tmp_path / "sam.yaml"), "-o", str(out))
    assert result.exit_code == 1
    assert "sam.yaml:3:3: maxes: squat must be a max of 1 to 20 reps" in result.output
    assert not out.exists()
