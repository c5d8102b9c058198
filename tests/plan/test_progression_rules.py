"""The plan's progression rules, tempo, supersets, effort targets and training days are validated
where they are written: every bad value is reported with its file, line and field, all of a
plan's problems together.
"""

from __future__ import annotations

import pytest

from pdfgen.errors import InputError
from pdfgen.plan.loading import load_plan_text

PLAN = """\
program: P
{top}sessions:
  - name: S
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
{exercise}"""


def problem_of(top: str = "", exercise: str = "") -> tuple[str, InputError]:
    text = PLAN.format(top=top, exercise=exercise)
    with pytest.raises(InputError) as caught:
        load_plan_text(text, "plan.yaml")
    return text, caught.value


def line_of(text: str, needle: str) -> int:
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return number


@pytest.mark.parametrize(
    ("top", "exercise", "needle", "field", "says"),
    [
        (
            "progression:\n  deload: {every: 0}\n",
            "",
            "every: 0",
            "progression.deload.every",
            "from 2 to 52, not 0",
        ),
        (
            "progression:\n  reps: -1\n",
            "",
            "reps: -1",
            "progression.reps",
            "from 1 to 60, not -1",
        ),
        (
            "progression:\n  load: abc\n",
            "",
            "load: abc",
            "progression.load",
            "'2.5 kg', '5 lb' or '5%'",
        ),
        (
            "progression:\n  sets: {add: 1, every: 3, max: 0}\n",
            "",
            "max: 0",
            "progression.sets.max",
            "from 1 to 20, not 0",
        ),
        (
            "",
            "        progression: {load: -2.5 kg}\n",
            "-2.5 kg",
            "sessions[1].exercises[1].progression.load",
            "a load step is what is added each time; write it without a minus",
        ),
        (
            "",
            "        progression: {deload: {every: 4, sets: 1.5}}\n",
            "sets: 1.5",
            "sessions[1].exercises[1].progression.deload.sets",
            "from 0.1 to 1, not 1.5",
        ),
        (
            "",
            "        weeks: {0: {sets: 4}}\n",
            "weeks: {0",
            "sessions[1].exercises[1].weeks.0",
            "week 0 is not a week from 1 to 52.",
        ),
        (
            "training_days: [mon, funday]\n",
            "",
            "funday",
            "training_days[2]",
            "'funday' is not a weekday; write days as mon, tue, ... sun (any case).",
        ),
    ],
    ids=[
        "deload-every-0",
        "negative-rep-step",
        "load-step-abc",
        "sets-max-0",
        "negative-load-step",
        "deload-share-above-1",
        "week-0",
        "bad-weekday",
    ],
)
def test_a_bad_rule_is_reported_with_file_line_and_field(
    top: str, exercise: str, needle: str, field: str, says: str
) -> None:
    text, error = problem_of(top, exercise)
    [problem] = error.problems
    assert problem.file == "plan.yaml"
    assert problem.line == line_of(text, needle)
    assert problem.field == field
    assert says in problem.message
    assert str(error).startswith(f"plan.yaml:{problem.line}:")


def test_rpe_and_rir_together_are_refused_at_the_exercise() -> None:
    text, error = problem_of(exercise="        rpe: 8\n        rir: 2\n")
    [problem] = error.problems
    assert problem.message == "give an RPE or an RIR target, not both."
    assert problem.line in (line_of(text, "exercise: pull-up"), line_of(text, "rpe: 8"))
    assert problem.field.startswith("sessions[1].exercises[1]")


@pytest.mark.parametrize("tempo", ["fast", "3-1", "3-1-1-0-2", "3_1_1_0"])
def test_a_bad_tempo_is_located(tempo: str) -> None:
    text, error = problem_of(exercise=f"        tempo: {tempo}\n")
    [problem] = error.problems
    assert (problem.line, problem.field) == (
        line_of(text, "tempo:"),
        "sessions[1].exercises[1].tempo",
    )


def test_a_bad_tempo_message_says_how_to_write_a_tempo() -> None:
    _, error = problem_of(exercise="        tempo: fast\n")
    message = error.problems[0].message
    assert "pull-up" not in message
    assert "3-1-1-0" in message


@pytest.mark.parametrize("letter", ["a", "AB", "1", "Ä"])
def test_a_superset_that_is_not_one_capital_letter_is_located(letter: str) -> None:
    text, error = problem_of(exercise=f"        superset: {letter}\n")
    [problem] = error.problems
    assert (problem.line, problem.field) == (
        line_of(text, "superset:"),
        "sessions[1].exercises[1].superset",
    )


def test_a_bad_superset_message_asks_for_a_capital_letter() -> None:
    _, error = problem_of(exercise="        superset: a\n")
    message = error.problems[0].message
    assert "lower-case" not in message
    assert "letter" in message


def test_days_per_week_disagreeing_with_training_days_is_refused() -> None:
    _, error = problem_of(top="days_per_week: 3\ntraining_days: [mon, thu]\n")
    [problem] = error.problems
    assert problem.file == "plan.yaml"
    assert "names 2 days but days_per_week is 3" in problem.message


def test_days_per_week_disagreeing_with_training_days_is_located() -> None:
    text, error = problem_of(top="days_per_week: 3\ntraining_days: [mon, thu]\n")
    [problem] = error.problems
    assert problem.line in (line_of(text, "days_per_week"), line_of(text, "training_days"))
    assert problem.field in ("days_per_week", "training_days")


def test_a_weekday_named_twice_is_refused() -> None:
    _, error = problem_of(top="training_days: [mon, thu, mon]\n")
    assert "training_days: names a day twice" in str(error)


def test_every_problem_of_a_plan_is_reported_together() -> None:
    _, error = problem_of(
        top="progression:\n  reps: 0\n  deload: {every: 1}\n",
        exercise="        rpe: 11\n",
    )
    fields = [p.field for p in error.problems]
    assert fields == [
        "progression.reps",
        "progression.deload.every",
        "sessions[1].exercises[1].rpe",
    ]
