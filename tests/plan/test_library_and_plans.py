"""The built-in exercise library and plans match the article (see docs/product.md): nine exercises
fully described, the article's spellings as names or aliases, the three plans as the article
writes them, found by id from any folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.plan.library import builtin_library, load_library
from pdfgen.plan.loading import find_plan, load_plan, load_plan_text

LIBRARY_IDS = {
    "pull-up",
    "lat-pulldown",
    "incline-barbell-row",
    "dumbbell-shrug",
    "incline-dumbbell-row",
    "low-row",
    "reverse-cable-crossover",
    "good-morning",
    "hyperextension",
}

# The article's three programs: sets × reps (product.md, "The source programs").
ARTICLE = {
    "upper-back": [
        ("pull-up", 3, "6–8"),
        ("incline-barbell-row", 3, "12"),
        ("dumbbell-shrug", 3, "12–15"),
    ],
    "middle-back": [
        ("incline-dumbbell-row", 3, "10–12"),
        ("low-row", 3, "12"),
        ("reverse-cable-crossover", 3, "12–15"),
    ],
    "lower-back": [
        ("good-morning", 3, "10–12"),
        ("low-row", 3, "12"),
        ("hyperextension", 3, "15"),
    ],
}

# How the article spells each exercise; each spelling must find its library entry.
ARTICLE_SPELLINGS = {
    "Pull-ups": "pull-up",
    "Incline Bench Barbell Row": "incline-barbell-row",
    "Shrugs with dumbbells": "dumbbell-shrug",
    "Incline Dumbbell Row": "incline-dumbbell-row",
    "Low Row / Pulldown": "low-row",
    "Crossover": "reverse-cable-crossover",
    "Good Morning": "good-morning",
    "Hyperextension": "hyperextension",
    "Lat Pulldown (to chest)": "lat-pulldown",
}


# --- the exercise library ---------------------------------------------------------------------


def test_the_library_holds_the_nine_of_the_article_and_far_more() -> None:
    assert set(builtin_library()) >= LIBRARY_IDS
    assert len(builtin_library()) >= 80


AREAS = {
    "legs",
    "hips and glutes",
    "calves and ankles",
    "chest",
    "shoulders",
    "upper back",
    "middle back",
    "lower back",
    "arms",
    "core",
    "full body",
    "conditioning",
    "mobility",
}


@pytest.mark.parametrize("ex_id", sorted(builtin_library()))
def test_every_exercise_is_fully_described(ex_id: str) -> None:
    exercise = builtin_library()[ex_id]
    assert exercise.name
    assert exercise.area in AREAS
    assert exercise.muscles
    assert exercise.summary
    assert exercise.setup
    assert 3 <= len(exercise.steps) <= 6
    assert 2 <= len(exercise.cues) <= 4
    assert 2 <= len(exercise.mistakes) <= 4
    assert exercise.safety
    assert len(exercise.aliases) >= 2, "the names people actually write"
    assert exercise.described


def test_every_area_has_exercises() -> None:
    areas = {exercise.area for exercise in builtin_library().values()}
    assert areas == AREAS


@pytest.mark.parametrize(("spelling", "ex_id"), sorted(ARTICLE_SPELLINGS.items()))
def test_the_article_spellings_are_names_or_aliases(spelling: str, ex_id: str) -> None:
    exercise = builtin_library()[ex_id]
    names = {name.casefold() for name in (exercise.name, *exercise.aliases)}
    assert spelling.casefold() in names
    text = f"""\
program: P
sessions:
  - name: A
    exercises:
      - {{exercise: "{spelling}", sets: 3, reps: 12}}
"""
    assert load_plan_text(text).sessions[0].exercises[0].exercise == ex_id


def test_the_library_folder_validates_on_its_own() -> None:
    assert load_library(ROOT / "plans" / "exercises") == builtin_library()


def test_a_library_whose_names_clash_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.yaml"
    path.write_text(
        "row:\n  name: Row\nother-row:\n  name: Cable row\n  aliases: [row]\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        load_library(path)
    problem = exc.value.problems[0]
    assert (problem.line, problem.field) == (3, "other-row")
    assert "the name 'row' is used by 'row' too; each name and alias must be unique." in str(
        exc.value
    )


# --- the built-in plans -----------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", sorted(ARTICLE))
def test_builtin_plan_matches_the_article(plan_id: str) -> None:
    plan = load_plan(plan_id)
    assert len(plan.sessions) == 1
    rows = [(item.exercise, item.sets, str(item.reps)) for item in plan.sessions[0].exercises]
    assert rows == ARTICLE[plan_id]
    assert list(plan.used_exercises) == [ex_id for ex_id, _, _ in ARTICLE[plan_id]]
    assert plan.summary and len(plan.summary) > 80
    assert plan.focus == plan_id.replace("-", " ")
    assert 1 <= plan.weeks <= 52
    assert plan.days_per_week is not None
    assert 1 <= plan.days_per_week <= 7


def test_the_builtin_plans_are_the_three_of_the_article_and_three_more() -> None:
    plans = sorted(p.stem for p in (ROOT / "plans").glob("*.yaml"))
    more = ["full-body-beginner", "home-no-equipment", "low-back-care"]
    assert plans == sorted([*ARTICLE, *more])


def test_lat_pulldown_is_in_the_library_but_in_no_plan() -> None:
    used = {ex_id for plan_id in ARTICLE for ex_id in load_plan(plan_id).used_exercises}
    assert used == LIBRARY_IDS - {"lat-pulldown"}


def test_validate_the_shipped_plans_and_layouts() -> None:
    files = [
        *sorted((ROOT / "plans").glob("*.yaml")),
        *sorted((ROOT / "plans" / "exercises").glob("*.yaml")),
        *sorted((ROOT / "layouts").glob("*.yaml")),
    ]
    assert len(files) >= 14
    result = CliRunner().invoke(cli, ["validate", *map(str, files)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    assert all(line.startswith("ok: ") for line in lines)
    assert (
        f"ok: {ROOT / 'plans' / 'exercises' / 'back.yaml'}: exercise library, 9 exercises" in lines
    )
    assert any("upper-back.yaml: plan 'Strengthen the upper back'" in line for line in lines)
    assert any("a5.yaml: layout, 148 × 210 mm" in line for line in lines)


def test_a_builtin_plan_loads_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = load_plan("upper-back")
    assert plan.program == "Strengthen the upper back"
    assert find_plan("middle-back").name == "middle-back.yaml"


def test_a_file_in_the_current_folder_wins_over_a_builtin_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "upper-back").write_text(
        "program: Mine\nsessions:\n  - name: A\n    exercises:\n"
        "      - {exercise: pull-up, sets: 1, reps: 5}\n",
        encoding="utf-8",
    )
    assert load_plan("upper-back").program == "Mine"


def test_an_unknown_plan_id_suggests_the_closest() -> None:
    with pytest.raises(InputError) as exc:
        load_plan("uper-back")
    message = str(exc.value)
    assert message.startswith("uper-back: no such plan file, and no built-in plan or example")
    assert "`pdfgen plans` lists them" in message
    assert "Did you mean 'upper-back'?" in message
