"""The rules of a plan that say how targets change: progression week by week or session by
session, deloads, what `pdfgen next` does on failure, and the plates a gym has.

A plan states them once (`progression:`) and an exercise may override any key.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema

from pdfgen.io.fields import Range, Strict
from pdfgen.plan.limits import MAX_SETS, MAX_WEEKS
from pdfgen.plan.loads import Load, LoadError, parse_load
from pdfgen.plan.sets import SchemeError, parse_scheme


def _load_step(value: Any) -> Load:
    if isinstance(value, Load):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("write a load step as '2.5 kg', '5 lb' or '5%'.")
    try:
        step = parse_load(str(value))
    except LoadError as exc:
        raise ValueError(str(exc)) from None
    if step is None or (step.is_percent and (step.of.kind != "max" or step.of.n != 1)):
        raise ValueError(f"'{value}' is not a load step; write it as '2.5 kg', '5 lb' or '5%'.")
    if step.sign < 0:
        raise ValueError(
            f"'{value}': a load step is what is added each time; write it without a minus."
        )
    return Load(step.value, step.unit)


LoadStep = Annotated[
    Load,
    PlainValidator(_load_step),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["2.5 kg", "5 lb", "5%"]}),
]
Fraction = Annotated[float, Range(0.1, 1.0, whole=False)]


def _stage(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("write a stage as sets like '6x2+'.")
    try:
        parse_scheme(str(value))
    except SchemeError as exc:
        raise ValueError(str(exc)) from None
    return str(value).strip()


Stage = Annotated[str, PlainValidator(_stage), WithJsonSchema({"type": "string"})]


class SetsRule(Strict):
    """Add sets as the weeks go by."""

    add: Annotated[int, Range(1, 5)] = Field(default=1, description="Sets to add each time.")
    every: Annotated[int, Range(1, MAX_WEEKS)] = Field(description="Every this many weeks.")
    max: Annotated[int, Range(1, MAX_SETS)] = Field(description="Never more sets than this.")


class Deload(Strict):
    """A lighter week at a regular interval."""

    every: Annotated[int, Range(2, MAX_WEEKS)] = Field(description="Every this many weeks.")
    sets: Fraction = Field(default=0.5, description="Share of the sets, rounded up.")
    load: Fraction = Field(default=1.0, description="Share of the last week's load.")


def _not_a_percentage(step: Load) -> Load:
    if step.is_percent and step.value >= 100:
        raise ValueError(f"'{step}': a drop of the whole load leaves nothing to lift.")
    return step


class OnFailure(Strict):
    """What `pdfgen next` does when sessions fail (a work set short of its reps)."""

    after: Annotated[int, Range(1, 10)] = Field(
        default=1, description="Failed sessions in a row before the rule applies."
    )
    drop: Annotated[LoadStep, AfterValidator(_not_a_percentage)] | None = Field(
        default=None, description="How much lighter the load starts again: '10%' or '5 kg'."
    )


class Progression(Strict):
    """How targets change week by week (or session by session); on the plan (for every
    exercise) or on one exercise, whose keys override the plan's."""

    reps: Annotated[int, Range(1, 60)] | None = Field(
        default=None,
        description="Reps added each time, bottom of the range to top (seconds or minutes "
        "for a time, in the unit the target is written in).",
    )
    load: LoadStep | None = Field(
        default=None, description="A load step: after each completed range, or each time."
    )
    every: Literal["week", "session"] = Field(
        default="week",
        description="Progress each week, or each session the exercise is trained "
        "(StrongLifts: +2.5 kg every session).",
    )
    sets: SetsRule | None = None
    deload: Deload | None = None
    stages: list[Stage] | None = Field(
        default=None,
        min_length=2,
        max_length=5,
        description="Set schemes to move through on failure, the first the exercise's own "
        "(GZCLP: [5x3+, 6x2+, 10x1+]); `pdfgen next` moves on at the same load.",
    )
    on_failure: OnFailure | None = Field(
        default=None,
        description="What `pdfgen next` does after failed sessions (StrongLifts: "
        "{after: 3, drop: 10%}); with stages, once the last stage fails.",
    )
    amrap_goal: Annotated[int, Range(1, 100)] | None = Field(
        default=None,
        description="`pdfgen next` adds a load step once the last set (as many reps as "
        "possible) reaches this many reps (GZCLP's T3: 25).",
    )

    def over(self, base: Progression | None) -> Progression:
        """These rules on top of `base`, key by key."""
        if base is None:
            return self
        return base.model_copy(update={key: getattr(self, key) for key in self.model_fields_set})


class Rounding(Strict):
    """Loads are rounded to a multiple of these: two of the smallest plates."""

    kg: Annotated[float, Range(0.1, 20, whole=False)] = 2.5
    lb: Annotated[float, Range(0.1, 50, whole=False)] = 5.0
