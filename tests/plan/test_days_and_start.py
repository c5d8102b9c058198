"""The `days` and `start` options: weekdays read in any case and spelling, and bad days or dates
refused with a message (a usage error on the command line, an InputError in the API).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import pdfgen
from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.plan.options import read_days as parse_days


def test_days_are_read_in_any_case_and_spelling() -> None:
    assert parse_days("Mon, THU") == ("mon", "thu")
    assert parse_days("monday,wednesday,friday") == ("mon", "wed", "fri")
    assert parse_days(["tues", "thurs"]) == ("tue", "thu")


@pytest.mark.parametrize(
    ("days", "says"),
    [
        ("mon,funday", "must be weekdays written mon,tue,...,sun; 'funday' is not one."),
        ("mo,th", "'mo' is not one"),
        ("mon,,thu", "'' is not one"),
        ("mon,Monday", "names 'mon' twice."),
    ],
)
def test_bad_days_are_refused(days: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_days(days)


@pytest.mark.parametrize("days", ["monkey", "wedding,thunder", "sunshine"])
def test_words_that_only_begin_like_a_weekday_are_refused(days: str) -> None:
    with pytest.raises(ValueError, match="is not one"):
        parse_days(days)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", ["build", "log"])
@pytest.mark.parametrize(
    ("days", "says"),
    [
        ("mon,funday", "Invalid value for '--days': must be weekdays written mon,tue,...,sun; "),
        ("mon,mon", "Invalid value for '--days': names 'mon' twice."),
    ],
)
def test_bad_days_on_the_command_line_are_a_usage_error(
    tmp_path: Path, command: str, days: str, says: str
) -> None:
    out = tmp_path / "out.pdf"
    result = invoke(command, "upper-back", "--start", "2027-01-04", "--days", days, "-o", str(out))
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", ["build", "log"])
def test_a_bad_start_date_is_a_usage_error(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.pdf"
    result = invoke(command, "upper-back", "--start", "2027-13-01", "-o", str(out))
    assert result.exit_code == 2
    assert "Invalid value for '--start'" in result.stderr
    assert "must be a date written YYYY-MM-DD, not '2027-13-01'" in result.stderr
    assert not out.exists()


def test_a_bad_start_date_in_the_api_is_an_input_error() -> None:
    with pytest.raises(InputError, match=re.escape("start must be a date written YYYY-MM-DD")):
        pdfgen.render_booklet("upper-back", io.BytesIO(), start="4 Jan 2027")
