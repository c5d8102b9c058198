"""`pdfgen schema` (the plan's and the layout's JSON Schema, checked with an independent
validator) and `pdfgen exercises` (the library, searched by name, alias, muscle and area).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from pdfgen.cli import cli
from pdfgen.plan.library import builtin_library

# --- pdfgen schema ------------------------------------------------------------------------------


def plan_schema() -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_schema_is_json_with_the_plan_keys() -> None:
    schema = plan_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"program", "sessions", "weeks", "days_per_week", "exercises"} <= set(
        schema["properties"]
    )
    assert set(schema["required"]) == {"program", "sessions"}


def test_schema_refuses_unknown_keys_everywhere() -> None:
    schema = plan_schema()
    assert schema["additionalProperties"] is False
    for name in ("Session", "Prescription", "ExerciseEntry"):
        assert schema["$defs"][name]["additionalProperties"] is False
    for name in ("Circuit", "GroupSpec", "Cycle", "Part"):
        assert schema["$defs"][name]["additionalProperties"] is False
    # A week is its keys, or its sets alone (`3: 5x5 @ 80%`).
    assert schema["$defs"]["WeekChange"]["anyOf"][0]["additionalProperties"] is False
    prescription = schema["$defs"]["Prescription"]
    # Sets and reps may come from a set scheme or a week table instead.
    assert set(prescription["required"]) == {"exercise"}
    assert set(schema["$defs"]["Circuit"]["required"]) == {"circuit"}
    assert _sets_count(schema)["type"] == "integer"
    assert prescription["properties"]["reps"]["anyOf"][0]["anyOf"][0] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
    }


def _sets_count(schema: dict[str, Any]) -> dict[str, Any]:
    """The `sets:` key's first form: a count."""
    sets = schema["$defs"]["Prescription"]["properties"]["sets"]
    count: dict[str, Any] = sets["anyOf"][0]["oneOf"][0]
    return count


def test_schema_states_the_limits_as_json_schema() -> None:
    schema = plan_schema()
    sets = _sets_count(schema)
    assert (sets.get("minimum"), sets.get("maximum")) == (1, 20)
    weeks = schema["properties"]["weeks"]
    assert (weeks.get("minimum"), weeks.get("maximum")) == (1, 52)
    assert not {"ge", "le"} & (set(sets) | set(weeks))


def test_schema_validates_with_jsonschema_when_installed() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = plan_schema()
    good: dict[str, Any] = {
        "program": "P",
        "sessions": [{"name": "A", "exercises": [{"exercise": "pull-up", "sets": 3, "reps": 8}]}],
    }
    jsonschema.validate(good, schema)
    program: dict[str, Any] = {
        "program": "5/3/1",
        "training_max": "90%",
        "cycle": {"weeks": 4, "add": {"squat": "5 kg"}},
        "schemes": {"main": {"1": "5 @ 65% TM, 5+ @ 85% TM", "4": {"sets": 0}}},
        "sessions": [
            {
                "name": "Squat",
                "exercises": [
                    {"exercise": "squat", "weeks": "main"},
                    {"exercise": "squat", "sets": [{"sets": 5, "reps": 10, "load": "50% TM"}]},
                    {"circuit": "Finisher", "work": "3 x (burpee 10, plank 30 s)"},
                ],
            }
        ],
    }
    jsonschema.validate(program, schema)
    for bad in (
        {**good, "sesions": []},
        {**good, "sessions": [{**good["sessions"][0], "day": "Monday"}]},
        {"program": "P"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_layout_schema() -> None:
    result = CliRunner().invoke(cli, ["schema", "--layout"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "pdfgen layout"
    assert {"page", "grid", "labels"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


# --- pdfgen exercises ---------------------------------------------------------------------------


def test_exercises_lists_the_whole_library() -> None:
    result = CliRunner().invoke(cli, ["exercises"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")}
    assert listed == set(builtin_library())


def test_exercises_finds_pulldown() -> None:
    result = CliRunner().invoke(cli, ["exercises", "pulldown"])
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert "lat-pulldown" in ids
    assert "low-row" in ids  # its alias is "Low Row / Pulldown"
    assert "pull-up" not in ids
    assert "Lat Pulldown (to chest)" in result.stdout


def listed(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, ["exercises", *args])
    assert result.exit_code == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]


def test_exercises_searches_areas_before_muscles() -> None:
    # The area's own exercises first; then those whose muscles include the lower back.
    found = listed("LOWER BACK")
    assert set(found[:2]) == {"good-morning", "hyperextension"}
    assert len(found) > 2
    assert set(listed("--area", "lower back")) == {"good-morning", "hyperextension"}


def test_exercises_with_no_match_exits_1() -> None:
    result = CliRunner().invoke(cli, ["exercises", "zzz"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no exercise matches 'zzz'." in result.stderr
