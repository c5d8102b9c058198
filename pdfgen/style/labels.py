"""Every printed word of a layout, so that a translation is a layout file: the labels, and the
placeholders (`{name}`) each may show.
"""

from __future__ import annotations

import string
from typing import Any

from pydantic import (
    Field,
    field_validator,
)

from pdfgen.io.fields import Label, Strict


class Labels(Strict):
    """Every printed word, so that a translation is a layout file. `{name}` places a value."""

    cover_kicker: Label
    client: Label
    trainer: Label
    start_date: Label
    length: Label
    length_value: Label
    weeks_one: Label
    weeks_many: Label
    days_one: Label
    days_many: Label
    units: Label
    focus: Label
    cover_notes: Label
    how_to_use_title: Label
    how_to_use: list[Label] = Field(max_length=8)
    overview_title: Label
    session_title: Label
    rotation: Label
    rotation_by_week: Label
    sets_reps: Label
    exercise: Label
    rest: Label
    load: Label
    notes: Label
    guide_title: Label
    trains: Label
    equipment: Label
    setup: Label
    steps: Label
    cues: Label
    mistakes: Label
    safety: Label
    week_title: Label
    week_start: Label
    day_title: Label
    continued: Label
    week_notes: Label
    deload: Label
    deload_week: Label
    tempo: Label
    chart_title: Label
    chart_sets: Label
    chart_reps: Label
    chart_load: Label
    chart_minutes: Label
    chart_week: Label
    week_axis: Label
    chart_deload: Label
    progression: Label
    warmup: Label
    date: Label
    effort: Label
    exercise_rpe: Label
    exercise_rir: Label
    day_notes: Label
    notes_title: Label
    page_of: Label
    cover_outline: Label
    subject: Label
    subject_client: Label
    weight: Label
    added_load: Label
    other_exercises: Label
    picture_credit: Label
    credits_title: Label
    time_done: Label
    distance_done: Label
    reps_or_time: Label
    weight_or_distance: Label
    assisted: Label
    no_load: Label
    share: Label
    warmup_set: Label
    reps_range: Label
    seconds: Label
    per_side: Label
    amrap: Label
    rpe: Label
    rir: Label
    sets_times_reps: Label
    warmup_sets: Label
    progression_reps_one: Label
    progression_reps_many: Label
    progression_then: Label
    progression_step: Label
    progression_sets_one: Label
    progression_sets_many: Label
    every_week: Label
    every_weeks: Label
    progression_deload: Label
    progression_deload_lighter: Label
    progression_deload_load: Label
    progression_deload_reps: Label
    progression_session: Label
    progression_stages: Label
    failure_last_stage: Label
    failure_once: Label
    failure_many: Label
    progression_amrap_goal: Label
    deload_fewer_sets: Label
    deload_fewer_reps: Label
    deload_lighter: Label
    deload_easier: Label
    list_and: Label
    at_least: Label
    hold: Label
    minutes: Label
    hours: Label
    metres: Label
    kilometres: Label
    miles: Label
    side_left: Label
    side_right: Label
    side_set: Label
    drop_set: Label
    rest_pause_set: Label
    by_week: Label
    left_out: Label
    one_week: Label
    many_weeks: Label
    of_each_cycle: Label
    rounds: Label
    every_interval: Label
    cycle: Label
    ordinals: list[Label] = Field(
        min_length=4, max_length=4, description="Suffixes of 4th, 1st, 2nd and 3rd."
    )

    @field_validator("page_of")
    @classmethod
    def _page_last(cls, value: str) -> str:
        if "{page}" in value.partition("{pages}")[2]:
            raise ValueError("put {page} before {pages}, as in 'page {page} of {pages}'.")
        return value

    @field_validator("*")
    @classmethod
    def _placeholders(cls, value: Any, info: Any) -> Any:
        allowed = PLACEHOLDERS.get(info.field_name, set())
        for item in value if isinstance(value, list) else [value]:
            check_placeholders(item, allowed)
        return value


PLACEHOLDERS: dict[str, set[str]] = {
    "length_value": {"weeks", "days", "sessions"},
    "weeks_one": {"n"},
    "weeks_many": {"n"},
    "days_one": {"n"},
    "days_many": {"n"},
    "session_title": {"letter", "name"},
    "rotation_by_week": {"days", "order"},
    "rotation": {"days", "order"},
    "week_title": {"week", "weeks"},
    "week_start": {"date"},
    "day_title": {"week", "day", "session", "letter"},
    "page_of": {"page", "pages"},
    "chart_load": {"units"},
    "subject": {"program", "weeks"},
    "subject_client": {"subject", "client"},
    "weight": {"value", "units"},
    "added_load": {"load"},
    "picture_credit": {"credit"},
    "assisted": {"load"},
    "share": {"percent"},
    "warmup_set": {"n"},
    "reps_range": {"low", "high"},
    "seconds": {"reps"},
    "per_side": {"reps"},
    "rpe": {"value"},
    "rir": {"value"},
    "sets_times_reps": {"sets", "reps"},
    "warmup_sets": {"target", "n", "warmup"},
    "progression_reps_one": {"n"},
    "progression_reps_many": {"n"},
    "progression_then": {"climb", "step"},
    "progression_step": {"step"},
    "progression_sets_one": {"n", "every", "most"},
    "progression_sets_many": {"n", "every", "most"},
    "every_weeks": {"n"},
    "progression_deload": {"nth", "sets"},
    "progression_deload_lighter": {"nth", "sets", "share"},
    "progression_deload_load": {"nth", "share"},
    "progression_deload_reps": {"nth"},
    "progression_session": {"step"},
    "progression_stages": {"stages"},
    "failure_last_stage": {"first", "drop"},
    "failure_once": {"drop"},
    "failure_many": {"n", "drop"},
    "progression_amrap_goal": {"step", "n"},
    "deload_week": {"changes"},
    "list_and": {"rest", "last"},
    "at_least": {"reps"},
    "hold": {"reps", "hold"},
    "minutes": {"reps"},
    "hours": {"reps"},
    "metres": {"reps"},
    "kilometres": {"reps"},
    "miles": {"reps"},
    "side_set": {"n", "side"},
    "drop_set": {"n"},
    "rest_pause_set": {"n"},
    "rounds": {"n"},
    "by_week": {"weeks"},
    "week_notes": {"week"},
    "left_out": {"weeks"},
    "one_week": {"weeks"},
    "many_weeks": {"weeks"},
    "of_each_cycle": {"weeks"},
    "every_interval": {"interval"},
    "cycle": {"weeks", "add"},
}


def check_placeholders(value: str, allowed: set[str]) -> str:
    """Refuse a `{name}` in a label that the label cannot show."""
    try:
        fields = [(n, spec, conv) for _, n, spec, conv in string.Formatter().parse(value) if n]
    except ValueError:
        raise ValueError(
            "has a '{' or '}' without its pair; write {{ and }} for a printed brace."
        ) from None
    # A format spec ({day:x^9999}) could fail or run away when printed: names only.
    for name, spec, conversion in fields:
        if spec or conversion:
            raise ValueError(f"write a placeholder as {{{name}}}, with no format after it.")
    used = [name for name, _, _ in fields]
    if used.count("pages") > 1:
        raise ValueError("can show {pages} only once.")
    unknown = set(used) - allowed
    if unknown:
        can = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        raise ValueError(
            f"'{{{sorted(unknown)[0]}}}' is not a value this label can show (it can show: {can})."
        )
    return value
