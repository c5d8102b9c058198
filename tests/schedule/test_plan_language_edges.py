"""The plan language at its edges: what is checked before a build, deloads with per-session
progression, drop sets on small weights, a rest said once, distances logged in the unit they
were set in, and the words of `pdfgen validate`.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from support import printed_load, set_label, words
from support.pdfs import fill_form

import pdfgen
from pdfgen.cli import cli
from pdfgen.compose.grid import _details
from pdfgen.errors import InputError
from pdfgen.logbook.typed import read_distance
from pdfgen.plan.loading import load_plan_text
from pdfgen.schedule.expand import expand
from pdfgen.style.loading import load_layout


def one_exercise(line: str, head: str = "") -> str:
    return f"program: X\n{head}sessions:\n  - name: D\n    exercises:\n      - {line}\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{exercise: squat, sets: "1x5, 3x5 @ 80% of set 1"}',
            "set 2 is 80% of set 1, but set 1 has no load to take a share of.",
        ),
        (
            '{exercise: squat, sets: "1x5 @ 80% of set 2, 1x5 @ 100 kg"}',
            "set 1 is 80% of set 2, which is not an earlier set",
        ),
        (
            "{exercise: squat, reps: 5, weeks: {1: 3, 2: 4, 3: 5}}",
            "week 4 is not in this week table, and the exercise has no sets of its own "
            "(add `cycle: {weeks: 3}` to repeat it, or give it `sets:`).",
        ),
    ],
)
def test_what_a_build_cannot_print_is_refused_when_the_plan_is_read(
    line: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_plan_text(one_exercise(line), "plan.yaml")
    [problem] = caught.value.problems
    assert message in problem.message
    assert problem.line == 5


def test_a_deload_week_also_rests_a_progression_by_session() -> None:
    head = (
        "weeks: 4\ntraining_days: [mon, wed, fri]\n"
        "progression: {load: 2.5 kg, every: session, deload: {every: 2, sets: 0.5, load: 0.9}}\n"
    )
    plan = load_plan_text(one_exercise("{exercise: squat, sets: 5, reps: 5, load: 60 kg}", head))
    loads = [
        (len(day.entries[0].work_sets), printed_load(day.entries[0].work_sets[0]))
        for week in expand(plan).weeks
        for day in week.days
    ]
    # +2.5 kg a session: 60, 62.5, 65; week 2 is a deload at 90 % of 65 = 58.5 → 57.5 kg, with
    # ⌈5 × 0.5⌉ = 3 sets; its sessions are not steps, so week 3 goes on from 65: 67.5, 70, 72.5.
    assert loads == [
        (5, "60 kg"), (5, "62.5 kg"), (5, "65 kg"),
        (3, "57.5 kg"), (3, "57.5 kg"), (3, "57.5 kg"),
        (5, "67.5 kg"), (5, "70 kg"), (5, "72.5 kg"),
        (3, "65 kg"), (3, "65 kg"), (3, "65 kg"),
    ]  # fmt: skip


def test_each_drop_set_is_lighter_than_the_set_before_it() -> None:
    plan = load_plan_text(one_exercise('{exercise: biceps curl, sets: "12 @ 10 kg + 2 drops"}'))
    [entry] = expand(plan, weeks=1).weeks[0].days[0].entries
    # 80 % of 10 kg is 8 kg, on 2.5 kg steps 7.5 kg; 80 % of 8 kg is 6.4 kg, which rounds to
    # 7.5 kg again, so the second drop goes a step lower: 5 kg.
    assert [(set_label(s), printed_load(s)) for s in entry.sets] == [
        ("1", "10 kg"),
        ("↓1", "7.5 kg"),
        ("↓2", "5 kg"),
    ]


def test_a_rest_written_in_a_scheme_for_every_set_is_said_once() -> None:
    plan = load_plan_text(one_exercise('{exercise: squat, sets: "3x8 @ 40 kg RPE 8 rest 2 min"}'))
    [entry] = expand(plan, weeks=1).weeks[0].days[0].entries
    layout = load_layout()
    assert _details(entry, layout.grid.columns, words()) == "Rest 2 min · RPE 8"


def test_a_bare_number_typed_for_a_distance_is_in_the_unit_of_its_target() -> None:
    assert read_distance("500", "", [], bare="m") == 0.5
    assert read_distance("5", "", [], bare="km") == 5.0
    assert read_distance("3", "", [], bare="mi") == pytest.approx(4.828, abs=0.001)
    assert read_distance("400 m", "", [], bare="km") == 0.4


def test_validate_counts_in_words(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(one_exercise("{exercise: squat, sets: 3, reps: 5}", "weeks: 1\n"), "utf-8")
    result = CliRunner().invoke(cli, ["validate", str(plan)])
    assert result.exit_code == 0, result.output
    assert "1 session, 1 exercise, 1 week" in result.output


ROWING = one_exercise("{exercise: rowing machine, sets: 2, reps: 500 m}") + (
    "  - name: E\n    exercises:\n      - {exercise: rowing machine, sets: 2, reps: 500 m}\n"
    "      - {exercise: squat, sets: 1, reps: 5, load: 60 kg}\n"
)


def test_a_distance_row_is_read_back_in_metres_and_its_heading_prints_whole(
    tmp_path: Path,
) -> None:
    plan = load_plan_text(ROWING)
    blank = io.BytesIO()
    pdfgen.render_log(plan, blank, weeks="1", fillable=True)
    names = set(PdfReader(io.BytesIO(blank.getvalue())).get_fields())
    first = "w01_d1_rowing-machine_s1_distance"
    assert first in names
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill_form(blank.getvalue(), {first: "500"}))
    [row] = [r for r in pdfgen.read_log(filled).sets if r.distance is not None]
    assert row.distance == 0.5  # km: the 500 typed under a 500 m target
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(filled).pages)
    assert "Distance" in text and "Weight / distance" in text and "…" not in text
