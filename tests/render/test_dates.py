"""Dates on the page: the booklet prints each training day's date in its title bar (read back with
pypdf) and when each week starts, in the layout's `date_format`, on log sheets too; without a
start date it leaves a cell to write the date in.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from support import ROOT, shown_date, write_cells

import pdfgen
from pdfgen.cli import cli
from pdfgen.compose.grid import compose_day
from pdfgen.plan.loading import load_plan
from pdfgen.plan.loads import Load
from pdfgen.render.fonts import register
from pdfgen.schedule.expand import expand
from pdfgen.style.loading import load_layout

WHOLE_BACK = ROOT / "examples" / "whole-back.yaml"
MAXES = {"good-morning": "90kg"}
MONDAY = date(2027, 1, 4)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


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
    return [
        m
        for text in pages
        for m in re.findall(r"Week starting (\w{3} \d{1,2} \w{3} \d{4}|\S+)", text)
    ]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


# -- dates in the booklet -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated(render: Callable[..., bytes]) -> list[str]:
    """The whole-back booklet from Monday 4 January 2027 (mon, wed, fri), as page texts."""
    return texts(render(str(WHOLE_BACK), start="2027-01-04", maxes=MAXES))


def test_the_booklet_dates_every_training_day(dated: list[str]) -> None:
    schedule = expand(load_plan(WHOLE_BACK), start=MONDAY, maxes={"good-morning": Load(90.0, "kg")})
    titles = day_titles(dated)
    expected = {
        (day.week, day.day): (day.session.name, shown_date(day.date))
        for week in schedule.weeks
        for day in week.days
        if day.date is not None
    }
    assert len(expected) == 8 * 3
    assert titles == expected
    # Spot checks, by hand: week 1 is Mon 4, Wed 6, Fri 8 January; A B A.
    assert titles[(1, 1)] == ("Pull and hinge", shown_date("2027-01-04"))
    assert titles[(1, 2)] == ("Row and shrug", shown_date("2027-01-06"))
    assert titles[(1, 3)] == ("Pull and hinge", shown_date("2027-01-08"))
    assert titles[(2, 1)] == ("Row and shrug", shown_date("2027-01-11"))
    assert titles[(8, 3)] == ("Row and shrug", shown_date("2027-02-26"))


def test_the_booklet_says_when_each_week_starts(dated: list[str]) -> None:
    assert week_starts(dated) == [shown_date(MONDAY + timedelta(weeks=n)) for n in range(8)]


def test_the_booklet_states_the_rotation(dated: list[str]) -> None:
    overview = next(text for text in dated if "Program at a glance" in text)
    assert (
        "3 training days a week; the sessions take turns, week by week: A B A / B A B."
        in " ".join(overview.split())
    )


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
    assert week_starts(pages) == [shown_date(MONDAY + timedelta(weeks=n)) for n in range(6)]
    assert {when for _, when in day_titles(pages).values()} == {""}


def test_days_on_the_command_line_date_a_plan_without_training_days(tmp_path: Path) -> None:
    out = tmp_path / "zoe.pdf"
    result = invoke(
        "build", "upper-back", "--start", "2027-01-04", "--days", "mon,thu", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    titles = day_titles(texts(out.read_bytes()))
    assert titles[(1, 1)][1] == shown_date("2027-01-04")
    assert titles[(1, 2)][1] == shown_date("2027-01-07")
    assert titles[(6, 2)][1] == shown_date("2027-02-11")


def test_an_undated_day_has_a_date_cell_to_write_in() -> None:
    layout = load_layout()
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    plan = load_plan("upper-back")
    blank = expand(plan).weeks[0].days[0]
    dated_day = expand(plan, start=MONDAY, days=("mon", "thu")).weeks[0].days[0]
    grid = compose_day(blank, layout, layout.frame_width, "kg", measure)
    assert [r.role for r in write_cells(grid, "date")] == ["date"]
    assert not any(ISO_DATE.search(run.text) for run in grid.runs)
    grid = compose_day(dated_day, layout, layout.frame_width, "kg", measure)
    assert write_cells(grid, "date") == []
    assert shown_date("2027-01-04") in [run.text for run in grid.runs]


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
