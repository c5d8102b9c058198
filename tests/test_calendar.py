"""The training calendar: `--start` and the training days date every session and every week.

The dates are worked out by `schedule.training_dates` and `expand()`; the booklet prints them in
each day's title bar (read back with pypdf) in the layout's `date_format`, and leaves them blank
to write in without a start date. Sessions take turns through the weeks (2 sessions on 3 days:
A B A, then B A B). Bad `--days` are refused with a message.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

import pdfgen
from pdfgen.cli import cli
from pdfgen.compose.grid import compose_day
from pdfgen.errors import InputError
from pdfgen.plan.limits import WEEKDAYS, Weekday
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.plan.loads import Load
from pdfgen.plan.options import read_days as parse_days
from pdfgen.render.fonts import register
from pdfgen.schedule.calendar import training_dates
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Schedule
from pdfgen.style.loading import load_layout

ROOT = Path(__file__).parent.parent
WHOLE_BACK = ROOT / "examples" / "whole-back.yaml"
MAXES = {"good-morning": "90kg"}
MONDAY = date(2027, 1, 4)
WEDNESDAY = date(2027, 1, 6)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

TWO_ON_THREE = """\
program: Two sessions, three days
weeks: 4
training_days: [mon, wed, fri]
sessions:
  - name: Pull
    exercises:
      - {exercise: pull-up, sets: 3, reps: 6-8}
  - name: Hinge
    exercises:
      - {exercise: good-morning, sets: 3, reps: 8}
"""


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def day_titles(pages: list[str]) -> dict[tuple[int, int], tuple[str, str]]:
    """(week, day) → (session name, the date printed in the title bar, or "")."""
    found: dict[tuple[int, int], tuple[str, str]] = {}
    for text in pages:
        for week, day, session, when in re.findall(
            r"^Week (\d+) · Day (\d+) · (.+?) Date ?(.*)$", text, re.M
        ):
            key = (int(week), int(day))
            if key not in found:  # a day continued on a second page says it again
                found[key] = (session.removesuffix(" · deload"), when.strip())
    return found


def week_starts(pages: list[str]) -> list[str]:
    return [m for text in pages for m in re.findall(r"Week starting (\S+)", text)]


# -- training_dates and expand() ----------------------------------------------------------------


def test_a_start_on_a_training_day_dates_that_day_first() -> None:
    assert [training_dates(MONDAY, ("mon", "thu"), week) for week in (1, 2, 3)] == [
        [date(2027, 1, 4), date(2027, 1, 7)],
        [date(2027, 1, 11), date(2027, 1, 14)],
        [date(2027, 1, 18), date(2027, 1, 21)],
    ]


def test_a_start_on_another_weekday_takes_the_next_training_days() -> None:
    # The week runs Wednesday to Tuesday: Thursday, then the next Monday.
    assert [training_dates(WEDNESDAY, ("mon", "thu"), week) for week in (1, 2)] == [
        [date(2027, 1, 7), date(2027, 1, 11)],
        [date(2027, 1, 14), date(2027, 1, 18)],
    ]
    # The order the days are written in does not matter.
    assert training_dates(WEDNESDAY, ("thu", "mon"), 1) == training_dates(
        WEDNESDAY, ("mon", "thu"), 1
    )


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sets(st.sampled_from(WEEKDAYS), min_size=1),
    st.integers(1, 52),
)
def test_each_training_day_falls_once_in_its_week(
    start: date, days: set[Weekday], week: int
) -> None:
    first = start + timedelta(weeks=week - 1)
    dates = training_dates(start, tuple(days), week)
    assert len(dates) == len(days)
    assert dates == sorted(dates)
    assert all(first <= d < first + timedelta(days=7) for d in dates)
    assert {WEEKDAYS[d.weekday()] for d in dates} == days


def test_expand_dates_every_session_and_week() -> None:
    schedule = expand(load_plan("upper-back"), start=MONDAY, days=("mon", "thu"))
    assert [w.start for w in schedule.weeks] == [MONDAY + timedelta(weeks=n) for n in range(6)]
    for week in schedule.weeks:
        assert [d.date for d in week.days] == training_dates(MONDAY, ("mon", "thu"), week.number)
    assert schedule.training_days == ("mon", "thu")


def test_expand_starting_on_another_weekday() -> None:
    schedule = expand(load_plan("upper-back"), start=WEDNESDAY, days=("mon", "thu"))
    assert schedule.weeks[0].start == WEDNESDAY
    assert schedule.weeks[1].start == date(2027, 1, 13)
    assert [d.date for d in schedule.weeks[0].days] == [date(2027, 1, 7), date(2027, 1, 11)]
    assert [d.day for d in schedule.weeks[0].days] == [1, 2]


def test_without_a_start_nothing_is_dated() -> None:
    schedule = expand(load_plan("upper-back"), days=("mon", "thu"))
    assert all(w.start is None for w in schedule.weeks)
    assert all(d.date is None for w in schedule.weeks for d in w.days)


def test_a_start_without_training_days_dates_only_the_weeks() -> None:
    schedule = expand(load_plan("upper-back"), start=MONDAY)
    assert schedule.weeks[1].start == date(2027, 1, 11)
    assert all(d.date is None for w in schedule.weeks for d in w.days)
    assert [len(w.days) for w in schedule.weeks] == [2] * 6  # days_per_week: 2


def letters(schedule: Schedule) -> list[str]:
    return [schedule.rotation(week.number) for week in schedule.weeks]


def test_two_sessions_on_three_days_take_turns_across_weeks() -> None:
    schedule = expand(load_plan_text(TWO_ON_THREE), start=MONDAY)
    assert letters(schedule) == ["A B A", "B A B", "A B A", "B A B"]
    week2 = schedule.weeks[1]
    assert [(d.date, d.session.name) for d in week2.days] == [
        (date(2027, 1, 11), "Hinge"),
        (date(2027, 1, 13), "Pull"),
        (date(2027, 1, 15), "Hinge"),
    ]


def test_more_sessions_than_days_cycle_without_restarting() -> None:
    text = TWO_ON_THREE.replace("[mon, wed, fri]", "[tue, sat]") + (
        "  - name: Shrug\n    exercises:\n      - {exercise: dumbbell-shrug, sets: 3, reps: 12}\n"
    )
    schedule = expand(load_plan_text(text))
    assert letters(schedule) == ["A B", "C A", "B C", "A B"]


def test_days_given_as_an_option_win_over_the_plans() -> None:
    schedule = expand(load_plan_text(TWO_ON_THREE), start=MONDAY, days=("tue", "thu"))
    assert letters(schedule) == ["A B", "A B", "A B", "A B"]
    assert [d.date for d in schedule.weeks[0].days] == [date(2027, 1, 5), date(2027, 1, 7)]


# -- the --days option ------------------------------------------------------------------------


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


# -- dates in the booklet -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated(render: Callable[..., bytes]) -> list[str]:
    """The whole-back booklet from Monday 4 January 2027 (mon, wed, fri), as page texts."""
    return texts(render(str(WHOLE_BACK), start="2027-01-04", maxes=MAXES))


def test_the_booklet_dates_every_training_day(dated: list[str]) -> None:
    schedule = expand(load_plan(WHOLE_BACK), start=MONDAY, maxes={"good-morning": Load(90.0, "kg")})
    titles = day_titles(dated)
    expected = {
        (day.week, day.day): (day.session.name, day.date.isoformat())
        for week in schedule.weeks
        for day in week.days
        if day.date is not None
    }
    assert len(expected) == 8 * 3
    assert titles == expected
    # Spot checks, by hand: week 1 is Mon 4, Wed 6, Fri 8 January; A B A.
    assert titles[(1, 1)] == ("Pull and hinge", "2027-01-04")
    assert titles[(1, 2)] == ("Row and shrug", "2027-01-06")
    assert titles[(1, 3)] == ("Pull and hinge", "2027-01-08")
    assert titles[(2, 1)] == ("Row and shrug", "2027-01-11")
    assert titles[(8, 3)] == ("Row and shrug", "2027-02-26")


def test_the_booklet_says_when_each_week_starts(dated: list[str]) -> None:
    assert week_starts(dated) == [(MONDAY + timedelta(weeks=n)).isoformat() for n in range(8)]


def test_the_booklet_states_the_rotation(dated: list[str]) -> None:
    overview = next(text for text in dated if "Program at a glance" in text)
    assert "3 training days a week; the sessions take turns: A B A." in overview


def test_without_a_start_the_dates_are_left_blank(render: Callable[..., bytes]) -> None:
    pages = texts(render(str(WHOLE_BACK), maxes=MAXES))
    titles = day_titles(pages)
    assert len(titles) == 8 * 3
    assert {when for _, when in titles.values()} == {""}
    assert week_starts(pages) == []
    assert not any(ISO_DATE.search(text) for text in pages)


def test_with_a_start_but_no_training_days_only_weeks_are_dated(
    render: Callable[..., bytes],
) -> None:
    pages = texts(render("upper-back", start="2027-01-04"))
    assert week_starts(pages) == [(MONDAY + timedelta(weeks=n)).isoformat() for n in range(6)]
    assert {when for _, when in day_titles(pages).values()} == {""}


def test_days_on_the_command_line_date_a_plan_without_training_days(tmp_path: Path) -> None:
    out = tmp_path / "zoe.pdf"
    result = invoke(
        "build", "upper-back", "--start", "2027-01-04", "--days", "mon,thu", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    titles = day_titles(texts(out.read_bytes()))
    assert titles[(1, 1)][1] == "2027-01-04"
    assert titles[(1, 2)][1] == "2027-01-07"
    assert titles[(6, 2)][1] == "2027-02-11"


def test_an_undated_day_has_a_date_cell_to_write_in() -> None:
    layout = load_layout()
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    plan = load_plan("upper-back")
    blank = expand(plan).weeks[0].days[0]
    dated_day = expand(plan, start=MONDAY, days=("mon", "thu")).weeks[0].days[0]
    grid = compose_day(blank, layout, layout.frame_width, "kg", measure)
    assert [r.role for r in grid.write_cells("date")] == ["date"]
    assert not any(ISO_DATE.search(run.text) for run in grid.runs)
    grid = compose_day(dated_day, layout, layout.frame_width, "kg", measure)
    assert grid.write_cells("date") == []
    assert "2027-01-04" in [run.text for run in grid.runs]


# -- the date format is the layout's ------------------------------------------------------------


def test_a_layouts_date_format_is_used_in_the_booklet(
    tmp_path: Path, render: Callable[..., bytes]
) -> None:
    layout = tmp_path / "dotted-dates.yaml"
    layout.write_text('date_format: "%d.%m.%Y"\n', encoding="utf-8")
    pages = texts(
        render("upper-back", start="2027-01-04", days="mon,thu", layout=str(layout), client="Zoë")
    )
    assert week_starts(pages)[:2] == ["04.01.2027", "11.01.2027"]
    titles = day_titles(pages)
    assert titles[(1, 1)][1] == "04.01.2027"
    assert titles[(1, 2)][1] == "07.01.2027"
    assert titles[(6, 2)][1] == "11.02.2027"
    cover = pages[0]
    assert "04.01.2027" in cover
    assert not any(ISO_DATE.search(text) for text in pages)


def test_a_layouts_date_format_is_used_on_log_sheets(tmp_path: Path) -> None:
    layout = tmp_path / "log-dotted.yaml"
    layout.write_text('extends: log\ndate_format: "%d.%m.%Y"\n', encoding="utf-8")
    buffer = io.BytesIO()
    pdfgen.render_log(
        "upper-back",
        buffer,
        weeks="2",
        start="2027-01-04",
        days="mon,thu",
        layout=str(layout),
    )
    pages = texts(buffer.getvalue())
    assert len(pages) == 1
    assert week_starts(pages) == ["11.01.2027"]
    titles = day_titles(pages)
    assert titles == {(2, 1): ("Upper back", "11.01.2027"), (2, 2): ("Upper back", "14.01.2027")}
