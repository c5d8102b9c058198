"""Every plan that was valid before the plan language keeps its meaning.

`tests/fixtures/plans/printed-before-plan-language.json` was written by `printed_targets` below,
run on the release before the plan language (commit 769b256) with its own code: each plan's
sets, reps and loads as the grid printed them, week by week, in kg on the plan's own block and
in lb over 12 weeks, with a max for every exercise. Today's code must print the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pdfgen.compose.words import Words
from pdfgen.plan.loading import load_plan
from pdfgen.schedule.expand import expand
from pdfgen.style.loading import load_layout

ROOT = Path(__file__).resolve().parents[2]
BEFORE = json.loads(
    (ROOT / "tests/fixtures/plans/printed-before-plan-language.json").read_text(encoding="utf-8")
)


def printed_targets(path: Path, units: str, weeks: int | None) -> list[str]:
    """One line per exercise per training day: its set labels, targets and loads as printed."""
    plan = load_plan(path)
    ids = {item.exercise for session in plan.sessions for item in session.prescriptions}
    maxes = {exercise: "100kg" if units == "kg" else "225lb" for exercise in ids}
    words = Words(load_layout().labels, units=units)
    schedule = expand(plan, weeks=weeks, units=units, maxes=maxes)
    lines = []
    for week in schedule.weeks:
        for day in week.days:
            for entry in day.entries:
                sets = " ".join(
                    f"{words.set_label(t)}:{words.reps(t.reps)}@{words.load(t.load)}"
                    for t in entry.sets
                )
                deload = " (deload)" if entry.deload else ""
                lines.append(f"W{week.number} D{day.day} {entry.exercise.name}{deload} | {sets}")
    return lines


@pytest.mark.parametrize("case", sorted(BEFORE))
def test_a_plan_valid_before_prints_the_same_targets(case: str) -> None:
    path, units = case.rsplit(" ", 1)
    weeks = None if units == "kg" else 12
    assert printed_targets(ROOT / path, units, weeks) == BEFORE[case]


def test_the_comparison_covers_every_built_in_plan() -> None:
    built_in = {f"plans/{p.name}" for p in (ROOT / "plans").glob("*.yaml")}
    compared = {case.rsplit(" ", 1)[0] for case in BEFORE}
    assert built_in <= compared
