"""The exercise library a trainer writes real plans with: every movement pattern covered, names
as people write them, suggestions by words, the kind of work each exercise is, and what the kind
decides about loads and their steps."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import printed_load

from pdfgen.errors import InputError
from pdfgen.plan.library import builtin_library, load_library, suggest
from pdfgen.plan.loading import load_plan_text
from pdfgen.schedule.expand import expand

# What trainers and physios prescribe, by pattern, and an exercise of each the library has.
PATTERNS = {
    "squat": "back-squat",
    "hinge": "romanian-deadlift",
    "lunge": "reverse-lunge",
    "single leg": "bulgarian-split-squat",
    "horizontal push": "bench-press",
    "vertical push": "overhead-press",
    "horizontal pull": "barbell-row",
    "vertical pull": "chin-up",
    "carry": "farmers-walk",
    "anti-extension": "dead-bug",
    "anti-rotation": "pallof-press",
    "anti-lateral flexion": "side-plank",
    "shoulder health": "band-external-rotation",
    "hips and glutes": "clamshell",
    "calves and ankles": "standing-calf-raise",
    "mobility": "cat-cow",
    "rehabilitation": "mcgill-curl-up",
    "olympic derivative": "power-clean",
    "conditioning": "rowing-machine",
}
REHAB = ["bird-dog", "dead-bug", "side-plank", "mcgill-curl-up", "clamshell", "glute-bridge"]
REHAB += ["band-external-rotation", "wall-slide"]
CONDITIONING = ["kettlebell-swing", "rowing-machine", "running", "walking", "cycling", "jump-rope"]

# Names people write, and the exercise each means.
EVERYDAY = {
    "Back squat": "back-squat",
    "Squats": "back-squat",
    "BB squat": "back-squat",
    "OHP": "overhead-press",
    "RDL": "romanian-deadlift",
    "Chin-ups": "chin-up",
    "Farmer's walk": "farmers-walk",
    "Farmer’s walk": "farmers-walk",  # a word processor's apostrophe
    "Bulgarian split squat": "bulgarian-split-squat",
    "Push-ups": "push-up",
    "hip_thrust": "hip-thrust",
    "Hip Thrusts": "hip-thrust",
    "Lat pulldowns": "lat-pulldown",  # a plural the library does not list
    "Back extensions": "hyperextension",
}


def test_every_pattern_a_trainer_prescribes_is_there() -> None:
    library = builtin_library()
    for pattern, ex_id in PATTERNS.items():
        assert ex_id in library, pattern
    assert set(REHAB + CONDITIONING) <= set(library)


@pytest.mark.parametrize(("written", "ex_id"), sorted(EVERYDAY.items()))
def test_a_plan_names_exercises_as_people_write_them(written: str, ex_id: str) -> None:
    plan = load_plan_text(
        f'program: P\nsessions:\n  - name: A\n    exercises:\n      - {{exercise: "{written}", '
        "sets: 3, reps: 8}\n"
    )
    assert plan.sessions[0].exercises[0].exercise == ex_id


def test_a_beginner_full_body_plan_in_everyday_names_validates_first_time() -> None:
    plan = load_plan_text(
        """\
program: My first plan
training_days: [Mon, Wed, Fri]
sessions:
  - name: Full body
    exercises:
      - {exercise: Squats, sets: 3, reps: 8-12, load: 20 kg}
      - {exercise: Push-ups, sets: 3, reps: 6-12}
      - {exercise: Dumbbell rows, sets: 3, reps: 10, load: 10 kg}
      - {exercise: Planks, sets: 3, reps: 30s}
"""
    )
    assert [i.exercise for i in plan.sessions[0].exercises] == [
        "back-squat",
        "push-up",
        "one-arm-dumbbell-row",
        "plank",
    ]
    assert plan.training_days == ["mon", "wed", "fri"]


def test_suggestions_put_whole_words_before_spelling() -> None:
    names = ["pull up", "push up", "reverse lunge", "walking lunge", "lateral lunge"]
    assert suggest("Push-upz", names) == ["push up"]
    assert suggest("pul up", names) == ["pull up"]
    assert suggest("Lunges", names, most=3) == ["lateral lunge", "reverse lunge", "walking lunge"]
    assert suggest("Turkish get-up", names) == []


def test_a_missing_exercise_names_every_close_one() -> None:
    with pytest.raises(InputError) as caught:
        load_plan_text(
            "program: P\nsessions:\n  - name: A\n    exercises:\n"
            "      - {exercise: Lunges, sets: 3, reps: 8}\n",
            "plan.yaml",
        )
    message = str(caught.value)
    assert message.startswith("plan.yaml:5:20: sessions[1].exercises[1].exercise:")
    for name in ("Reverse lunge", "Walking lunge", "Lateral lunge"):
        assert name in message
    assert "Pull-up" not in message


def test_kinds_are_what_the_work_is() -> None:
    library = builtin_library()
    kinds = {ex_id: library[ex_id].kind for ex_id in ["back-squat", "push-up", "plank"]}
    assert kinds == {"back-squat": "weighted", "push-up": "bodyweight", "plank": "timed"}
    assert library["running"].kind == "distance"
    assert library["farmers-walk"].kind == "carry"
    assert library["band-pull-apart"].kind == "band"


def test_a_library_file_is_checked_like_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my-row:\n  name: My row\n  kind: lifted\n  steps: [one]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_library(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (3, "my-row.kind")
    assert "'weighted'" in problem.message


def test_the_same_id_in_two_library_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("my-row:\n  name: My row\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("my-row:\n  name: Another row\n", encoding="utf-8")
    with pytest.raises(InputError, match="the id 'my-row' is used twice in the library"):
        load_library(tmp_path)


# -- what the kind decides ------------------------------------------------------------------------

PLAN_WIDE_STEP = """\
program: Plan-wide steps
weeks: 8
progression:
  load: 2 kg
  deload: {every: 4, sets: 0.5, load: 0.9}
sessions:
  - name: A
    exercises:
      - {exercise: Push-ups, sets: 3, reps: 12}
      - {exercise: Plank, sets: 3, reps: 30s}
      - {exercise: Bodyweight squat, sets: 3, reps: 15, load: bodyweight}
      - {exercise: Goblet squat, sets: 3, reps: 10, load: 12 kg}
"""


def printed(text: str, position: int) -> list[tuple[int, str]]:
    """Sets and the printed load of one exercise, week by week."""
    schedule = expand(load_plan_text(text))
    found = []
    for week in schedule.weeks:
        entry = week.days[0].entries[position]
        found.append((len(entry.work_sets), printed_load(entry.work_sets[0])))
    return found


@pytest.mark.parametrize("position", [0, 1, 2])
def test_bodyweight_and_timed_work_never_shows_a_load_step_or_a_deload_share(
    position: int,
) -> None:
    """A plan-wide `load: 2 kg` printed "+2 kg / +4 kg" on push-ups and planks, and the deload
    "90%" on bodyweight squats: no longer. The deload halves the sets, as the plan says."""
    assert printed(PLAN_WIDE_STEP, position) == [
        (3, ""),
        (3, ""),
        (3, ""),
        (2, ""),  # the deload: ⌈3 × 0.5⌉ sets
        (3, ""),
        (3, ""),
        (3, ""),
        (2, ""),
    ]


def test_lifted_work_takes_the_plan_wide_step_and_the_deload_share() -> None:
    # 12 kg + 2 kg a week (a fixed count steps weekly), printed as written: the trainer chose a
    # 12 kg kettlebell. The deload is worked out, 90 % of last week's load on 2.5 kg plates:
    # week 4 0.9 × 16 = 14.4 → 15 kg; week 8 0.9 × 22 = 19.8 → 20 kg.
    loads = [load for _, load in printed(PLAN_WIDE_STEP, 3)]
    assert loads == ["12 kg", "14 kg", "16 kg", "15 kg", "18 kg", "20 kg", "22 kg", "20 kg"]


def test_bodyweight_work_loaded_on_purpose_says_which() -> None:
    text = """\
program: Loaded on purpose
weeks: 3
sessions:
  - name: A
    exercises:
      - {exercise: Pull-ups, sets: 3, reps: 5, load: +10 kg}
      - {exercise: Pull-ups, sets: 3, reps: 5, load: assisted 20 kg,
         progression: {load: 5 kg}}
      - {exercise: Push-ups, kind: weighted, sets: 3, reps: 8, load: 10 kg}
"""
    assert [load for _, load in printed(text, 0)] == ["+10 kg"] * 3
    # Assistance goes down by the load step: 20, 15, 10 kg of help.
    assert [load for _, load in printed(text, 1)] == [
        "20 kg assistance",
        "15 kg assistance",
        "10 kg assistance",
    ]
    assert [load for _, load in printed(text, 2)] == ["10 kg"] * 3  # a weighted vest


def test_assistance_on_lifted_work_is_refused_where_it_is_written() -> None:
    with pytest.raises(InputError) as caught:
        load_plan_text(
            "program: P\nsessions:\n  - name: A\n    exercises:\n"
            "      - {exercise: Back squat, sets: 3, reps: 5, load: -20 kg}\n",
            "plan.yaml",
        )
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (5, "sessions[1].exercises[1].load")
    assert "assistance, which only bodyweight work has" in problem.message


def test_a_load_step_with_too_many_decimals_says_so() -> None:
    with pytest.raises(InputError) as caught:
        load_plan_text(
            "program: P\nprogression: {load: 0.5625 kg}\nsessions:\n  - name: A\n"
            "    exercises:\n      - {exercise: Back squat, sets: 3, reps: 5}\n",
            "plan.yaml",
        )
    assert "more decimal places than any plate" in str(caught.value)
    assert "write a load step as" not in str(caught.value)
