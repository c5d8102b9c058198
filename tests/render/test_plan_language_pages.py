"""What the plan language prints: details that fit, deload words that say what changes, the
load chart of an exercise done twice a session, a week table that ends, sets in short.

Each test reads the built PDF's text (pypdf) or the schedule the pages are drawn from.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from support import EXAMPLES

import pdfgen
from pdfgen.cli import cli
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import load_series

DETAILS = """\
program: Details
weeks: 5
progression:
  deload: {every: 4, sets: 1.0, load: 0.9}
sessions:
  - name: A
    exercises:
      - exercise: back extension
        sets: 1
        reps: 12
        rest: 90 s
        tempo: 3-1-1-0
        rpe: 8
        load: bodyweight
        notes: Squeeze the glutes at the top and hold a second.
      - exercise: side plank
        sets: 2
        reps: 30s/side
      - exercise: back squat
        sets: 3
        reps: 5
        load: 60 kg
        warmup: {sets: 2, reps: 5, load: empty bar}
        weeks:
          1: {load: 60 kg}
          2: {load: 62.5 kg}
          3: {load: 65 kg}
"""

ONE_SET_DETAILS = (
    "Rest 90 s",
    "tempo 3-1-1-0",
    "RPE 8",
    "bodyweight",
    "Squeeze the glutes at the top and hold a second.",
)


def pages(data: bytes) -> list[str]:
    """Each page's text with its lines joined, so that a wrapped note reads as one."""
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def booklet(plan: Any, **options: Any) -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet(plan, buffer, **options)
    return buffer.getvalue()


def log(plan: Any, weeks: int, **options: Any) -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_log(plan, buffer, weeks=f"1-{weeks}", **options)
    return buffer.getvalue()


def week_pages(texts: list[str]) -> list[str]:
    return [t for t in texts if re.search(r"Week \d+ · Day \d+", t)]


@pytest.mark.parametrize("page_size", ["a4", "a5", "letter"])
@pytest.mark.parametrize("make", [booklet, log], ids=["booklet", "log"])
def test_a_one_set_entry_prints_its_rest_tempo_effort_load_and_notes_whole(
    make: Any, page_size: str
) -> None:
    plan = load_plan_text(DETAILS, "details.yaml")
    found = week_pages(pages(make(plan, page_size=page_size, weeks=5)))
    assert found
    for text in found:
        for detail in ONE_SET_DETAILS:
            assert detail in text, (detail, text[:400])


def test_targets_and_warm_up_loads_in_words_fit_their_cells() -> None:
    plan = load_plan_text(DETAILS, "details.yaml")
    [week_1, *_] = week_pages(pages(booklet(plan, weeks=1)))
    assert week_1.count("30 s / side") == 2
    assert week_1.count("empty bar") == 2
    assert "…" not in week_1


def test_a_deload_that_keeps_the_sets_says_only_that_the_loads_are_lighter() -> None:
    plan = load_plan_text(DETAILS, "details.yaml")
    texts = pages(booklet(plan, weeks=5))
    overview = next(t for t in texts if "Program at a glance" in t)
    assert "deload every 4th week (at 90% of the load)" in overview
    assert "100%" not in " ".join(texts)
    [deload_page] = [t for t in texts if "Week 4 of 5 · deload" in t]
    assert "fewer sets" not in deload_page
    assert "lighter" in deload_page


def test_a_block_longer_than_a_week_table_says_which_weeks_print_the_exercise_own_sets(
    tmp_path: Path,
) -> None:
    (tmp_path / "plan.yaml").write_text(DETAILS, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "plan.yaml"), "--weeks", "6", "-o", str(tmp_path / "b.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "warning: Back squat: its week table ends at week 3 and the plan at week 5, so week 6 "
        "and later print its own sets" in result.output
    )
    # Within the plan's own five weeks the table is a set of one-week changes: no warning.
    quiet = CliRunner().invoke(
        cli, ["build", str(tmp_path / "plan.yaml"), "-o", str(tmp_path / "c.pdf")]
    )
    assert quiet.exit_code == 0 and "warning" not in quiet.output


MAXES = {"squat": "140kg", "deadlift": "180kg", "bench-press": "100kg", "overhead-press": "60kg"}


def test_the_load_chart_follows_the_top_sets_of_an_exercise_done_twice_a_session() -> None:
    schedule = expand(load_plan(EXAMPLES / "programs/531-bbb.yaml"), maxes=MAXES, weeks=4)
    series = load_series(schedule)
    # Deadlift training max 0.9 × 180 = 162 kg; the heaviest set each week, to 2.5 kg:
    # 85 % 137.7 → 137.5; 90 % 145.8 → 145; 95 % 153.9 → 155; deload 60 % 97.2 → 97.5.
    # Its 5 × 10 at 50 % (80 kg) is never the line.
    assert series["Deadlift"] == [(1, 137.5), (2, 145.0), (3, 155.0), (4, 97.5)]
    assert sorted(series) == ["Back squat", "Bench press", "Deadlift", "Overhead press"]


def test_the_overview_writes_each_set_of_a_short_scheme_and_counts_a_long_one() -> None:
    texts = pages(booklet(EXAMPLES / "programs/531-bbb.yaml", maxes=MAXES, weeks=4))
    overview = next(t for t in texts if "Program at a glance" in t)
    assert "Overhead press 5/5/5+" in overview  # the main sets, week 1
    assert "5 × 10" in overview  # Boring But Big
