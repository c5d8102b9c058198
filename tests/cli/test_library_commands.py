"""`pdfgen exercises` (names before muscles and equipment, filters, JSON for other tools) and
`pdfgen plans` (the built-in plans and examples, and a copy to start from), through the command
line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pdfgen.cli import cli
from pdfgen.plan.library import builtin_library
from pdfgen.plan.loading import load_plan

FIELDS = {"id", "name", "aliases", "kind", "area", "muscles", "equipment", "summary"}
FIELDS |= {"setup", "steps", "cues", "mistakes", "safety", "video"}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def listed(*args: str) -> list[str]:
    result = run("exercises", *args)
    assert result.exit_code == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]


def test_a_query_lists_names_before_equipment() -> None:
    found = listed("squat")
    squats = [i for i in found if "squat" in i]
    assert found[: len(squats)] == squats, "every squat before anything else"
    assert found[0] == "back-squat", "an exact name first (the back squat is 'Squat')"
    assert "good-morning" in found, "its equipment is a squat rack"
    assert found.index("good-morning") > found.index("goblet-squat")


def test_filters_narrow_the_list() -> None:
    assert set(listed("--area", "core", "--kind", "timed")) == {
        "plank",
        "side-plank",
        "hollow-hold",
    }
    kettlebell = listed("--equipment", "kettlebell")
    assert "kettlebell-swing" in kettlebell
    library = builtin_library()
    assert all(any("kettlebell" in e.lower() for e in library[i].equipment) for i in kettlebell)


def test_json_lists_the_whole_library_with_every_field() -> None:
    result = run("exercises", "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) >= 80
    assert len(items) == len(builtin_library())
    for item in items:
        assert set(item) == FIELDS
        assert item["steps"] and item["cues"] and item["safety"] and item["kind"]


def test_plans_lists_the_built_in_plans_and_examples() -> None:
    result = run("plans")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    ids = {line.split()[0]: line.split()[1] for line in lines}
    expected = {"upper-back", "middle-back", "lower-back", "full-body-beginner"}
    expected |= {"home-no-equipment", "low-back-care"}
    assert {i for i, kind in ids.items() if kind == "plan"} == expected
    assert ids["whole-back"] == "example"
    assert "northside" not in ids, "a layout is not a plan"


def test_a_plan_is_copied_out_to_start_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("plans", "--copy", "whole-back", "mine.yaml")
    assert result.exit_code == 0, result.stderr
    copied = (tmp_path / "mine.yaml").read_text(encoding="utf-8")
    assert copied.startswith("# A fuller plan that shows what the format can say")
    assert load_plan(tmp_path / "mine.yaml").program == "Whole back, two sessions"
    again = run("plans", "--copy", "whole-back", "mine.yaml")
    assert again.exit_code == 4 and "already exists" in again.stderr


def test_examples_build_by_id_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(
        "build",
        "whole-back",
        "--layout",
        "northside",
        "--weeks",
        "1",
        "--max",
        "good-morning=90kg",
        "-o",
        "b.pdf",
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "b.pdf").is_file()
