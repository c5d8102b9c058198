"""Plan validation, driven by data: every file in fixtures/plans/invalid/ says in its header what
the error must say and where; every file in fixtures/plans/valid/ says what it resolves to.

Header lines of an invalid plan (before the first line that is not a comment):

    # expect: <text>   one or more; each must appear in the error message
    # absent: <text>   must not appear in it
    # line: N          the line of the first problem
    # bug: <reason>    a known bug in pdfgen: the file is expected to fail until it is fixed

A valid plan says `# ids:` (every prescription's resolved id, in order) and `# exercises:`
(the ids of `plan.used_exercises`, in order), comma-separated; `# reps:` (the printed targets,
`|`-separated) is optional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import MINIMAL_PLAN, TESTS, header

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.plan.library import builtin_library
from pdfgen.plan.loading import load_plan, load_plan_text

FIXTURES = TESTS / "fixtures" / "plans"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


def fixture_params(paths: list[Path]) -> list[object]:
    params: list[object] = []
    for path in paths:
        bug = header(path).get("bug")
        marks = [pytest.mark.xfail(reason=f"BUG: {bug[0]}", strict=True)] if bug else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def test_the_fixture_folders_are_populated() -> None:
    assert len(INVALID) >= 25
    assert len(VALID) >= 4
    for path in INVALID:
        meta = header(path)
        assert meta.get("expect"), f"{path.name} has no '# expect:' line"
        assert len(meta.get("line", [])) == 1, f"{path.name} needs one '# line:' line"


@pytest.mark.parametrize("path", fixture_params(INVALID))
def test_invalid_plan(path: Path) -> None:
    meta = header(path)
    with pytest.raises(InputError) as exc:
        load_plan(path)
    message = str(exc.value)
    for expected in meta["expect"]:
        assert expected in message
    for absent in meta.get("absent", []):
        assert absent not in message
    problems = exc.value.problems
    assert all(str(path) in str(problem) for problem in problems)
    assert problems[0].line == int(meta["line"][0])
    assert message.startswith(f"{path}:{meta['line'][0]}:") or message.startswith(
        f"{path} has {len(problems)} problems:"
    )

    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}")
    for expected in meta["expect"]:
        assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_every_file_and_fails_if_any_fails() -> None:
    good, bad = VALID[0], INVALID[0]
    result = CliRunner().invoke(cli, ["validate", str(good), str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stdout.count(f"ok: {good}: plan ") == 2
    assert result.stderr.count("error: ") == 1
    assert str(bad) in result.stderr


# --- problems too big to keep as fixture files -----------------------------------------------

PLAN = MINIMAL_PLAN


def test_a_50000_character_note(tmp_path: Path) -> None:
    path = tmp_path / "long-note.yaml"
    path.write_text(PLAN + "        notes: " + "x" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_plan(path)
    assert str(exc.value) == (
        f"{path}:8:16: sessions[1].exercises[1].notes: is 50,000 characters long; the most is 300."
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "is 50,000 characters long; the most is 300." in result.stderr
    assert len(result.stderr) < 500  # the note itself is not echoed


def test_a_huge_value_is_not_echoed_in_full() -> None:
    with pytest.raises(InputError) as exc:
        load_plan_text(PLAN.replace("sets: 3", "sets: " + "9" * 5000), "plan.yaml")
    assert "must be a whole number from 1 to 20" in str(exc.value)
    assert len(str(exc.value)) < 300


@pytest.mark.parametrize(
    ("key", "limit", "value", "message"),
    [
        ("weeks", 52, 53, "weeks: must be a whole number from 1 to 52, not 53."),
        ("days_per_week", 7, 8, "days_per_week: must be a whole number from 1 to 7, not 8."),
    ],
)
def test_plan_level_limits(key: str, limit: int, value: int, message: str) -> None:
    assert load_plan_text(PLAN.replace("sessions:", f"{key}: {limit}\nsessions:"))
    with pytest.raises(InputError) as exc:
        load_plan_text(PLAN.replace("sessions:", f"{key}: {value}\nsessions:"), "plan.yaml")
    assert str(exc.value) == f"plan.yaml:2:{len(key) + 3}: {message}"


def test_at_most_seven_sessions() -> None:
    session = "  - name: S\n    exercises:\n      - {exercise: pull-up, sets: 3, reps: 8}\n"
    assert len(load_plan_text("program: P\nsessions:\n" + session * 7).sessions) == 7
    with pytest.raises(InputError, match=r"sessions: has 8 items; the most is 7\."):
        load_plan_text("program: P\nsessions:\n" + session * 8)


def test_twenty_exercises_in_a_session_are_fine() -> None:
    lines = "".join("      - {exercise: pull-up, sets: 3, reps: 8}\n" for _ in range(20))
    plan = load_plan_text("program: P\nsessions:\n  - name: A\n    exercises:\n" + lines)
    assert len(plan.sessions[0].exercises) == 20


@pytest.mark.parametrize(("sets", "expected"), [("1", 1), ("20", 20), ("3.0", 3)])
def test_sets_within_the_limits(sets: str, expected: int) -> None:
    plan = load_plan_text(PLAN.replace("sets: 3", f"sets: {sets}"))
    assert plan.sessions[0].exercises[0].sets == expected


def test_an_unknown_exercise_far_from_any_name_gets_no_suggestion() -> None:
    with pytest.raises(InputError) as exc:
        load_plan_text(PLAN.replace("pull-up", "Turkish get-up"), "plan.yaml")
    message = str(exc.value)
    assert "'Turkish get-up' is not in the exercise library." in message
    assert "Did you mean" not in message


def test_every_unknown_exercise_is_reported() -> None:
    text = PLAN + "      - {exercise: Crosover, sets: 3, reps: 12}\n"
    with pytest.raises(InputError) as exc:
        load_plan_text(text.replace("pull-up", "Pul-ups"), "plan.yaml")
    assert [(p.line, p.field) for p in exc.value.problems] == [
        (5, "sessions[1].exercises[1].exercise"),
        (8, "sessions[1].exercises[2].exercise"),
    ]
    assert "Did you mean 'Reverse cable crossover' (reverse-cable-crossover)?" in str(exc.value)


# --- valid plans -------------------------------------------------------------------------------


def listed(meta: dict[str, list[str]], key: str, sep: str = ",") -> list[str]:
    return [item.strip() for item in meta[key][0].split(sep)]


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_plan(path: Path) -> None:
    meta = header(path)
    plan = load_plan(path)
    ids = [item.exercise for session in plan.sessions for item in session.exercises]
    assert ids == listed(meta, "ids")
    assert list(plan.used_exercises) == listed(meta, "exercises")
    if "reps" in meta:
        reps = [str(item.reps) for session in plan.sessions for item in session.exercises]
        assert reps == listed(meta, "reps", "|")

    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"ok: {path}: plan '{plan.program}'")
    assert result.stderr == ""


def test_reps_forms_are_parsed() -> None:
    plan = load_plan(FIXTURES / "valid" / "article-spellings.yaml")
    targets = {str(item.reps): item.reps[0] for item in plan.sessions[0].prescriptions}
    assert (targets["12"].low, targets["12"].high) == (12, 12)
    assert (targets["6–8"].low, targets["6–8"].high) == (6, 8)
    assert targets["AMRAP"].amrap
    assert (targets["30 s"].unit, targets["30 s"].low, targets["30 s"].shown) == (
        "seconds",
        30,
        "s",
    )
    assert targets["10 / side"].per_side
    assert targets["10 / side"].unit == "reps"


def test_a_plan_defined_exercise_is_used_as_written() -> None:
    plan = load_plan(FIXTURES / "valid" / "own-exercise.yaml")
    band = plan.used_exercises["band-pull-apart"]
    assert band.name == "Band pull-apart"
    assert band.equipment == ["resistance band"]
    assert len(band.steps) == 2
    assert "face-pull" not in plan.used_exercises  # defined but unused
    assert plan.used_exercises["pull-up"] == builtin_library()["pull-up"]


def test_a_plan_overrides_a_library_description() -> None:
    library_summary = builtin_library()["pull-up"].summary
    plan = load_plan(FIXTURES / "valid" / "override-description.yaml")
    assert plan.used_exercises["pull-up"].summary == (
        "Our gym's way – a dead hang at the bottom, chest to the bar at the top."
    )
    assert plan.used_exercises["dumbbell-shrug"] == builtin_library()["dumbbell-shrug"]
    # The override is the plan's own: the shared library is not changed.
    assert builtin_library()["pull-up"].summary == library_summary
    assert load_plan("upper-back").used_exercises["pull-up"].summary == library_summary


def test_an_override_keeps_what_it_does_not_restate() -> None:
    text = PLAN + (
        "      - {exercise: Pull-ups, sets: 2, reps: AMRAP}\n"
        "exercises:\n"
        "  pull-up:\n"
        "    summary: Our own words.\n"
    )
    plan = load_plan_text(text)
    pull_up = plan.used_exercises["pull-up"]
    assert pull_up.summary == "Our own words."
    assert pull_up.name == builtin_library()["pull-up"].name
    assert pull_up.steps == builtin_library()["pull-up"].steps
    assert pull_up.safety == builtin_library()["pull-up"].safety


def test_a_plan_defined_name_wins_over_a_library_alias() -> None:
    text = PLAN.replace("pull-up", "Shrugs") + (
        "exercises:\n  my-shrug:\n    name: Shrugs\n    steps: [Shrug the bar.]\n"
    )
    try:
        plan = load_plan_text(text)
    except InputError as exc:  # refusing the ambiguity would also be right
        assert "Shrugs" in str(exc)
        return
    assert plan.sessions[0].exercises[0].exercise == "my-shrug"


def test_a_custom_library_replaces_the_builtin_one() -> None:
    library = {"pull-up": builtin_library()["pull-up"]}
    assert load_plan_text(PLAN, library=library).used_exercises == library
    with pytest.raises(InputError, match="'dumbbell-shrug' is not in the exercise library"):
        load_plan_text(PLAN.replace("pull-up", "dumbbell-shrug"), library=library)
