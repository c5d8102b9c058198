"""Week tables and cycles: what an exercise does differently in given weeks, tables a plan names
once and uses for many exercises, and a cycle that repeats them.

    schemes:
      five-three-one:
        1: 5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM
        2: 3 @ 70% TM, 3 @ 80% TM, 3+ @ 90% TM
        3: 5 @ 75% TM, 3 @ 85% TM, 1+ @ 95% TM
        4: {sets: 5 @ 40% TM, 5 @ 50% TM, 5 @ 60% TM, deload: true}
    cycle: {weeks: 4, add: {squat: 5 kg, bench press: 2.5 kg}}

A week's value is a mapping of the keys it changes, or a set scheme alone (for a circuit, its
work alone). Keys are week numbers (3) or spans (1-3); with a cycle, weeks of the cycle.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from pdfgen.io.fields import Name, Note, Range, Strict
from pdfgen.plan.circuit import CircuitWork
from pdfgen.plan.fields import (
    LoadText,
    Reps,
    Rir,
    Rpe,
    Seconds,
    Tempo,
    WeekKey,
    WeekSets,
    week_span,
)
from pdfgen.plan.limits import MAX_SETS, MAX_WEEKS
from pdfgen.plan.rules import LoadStep


class Warmup(Strict):
    """Warm-up sets: printed before the work sets, not counted as work."""

    sets: Annotated[int, Range(1, 5)]
    reps: Reps | None = Field(default=None, description="Default: the bottom of the target.")
    load: LoadText | None = Field(
        default=None, description="Text, a weight, or a % of the work load."
    )


def _shorthand(value: Any) -> Any:
    # `3: 5x5 @ 80%` is `3: {sets: 5x5 @ 80%}`; `4: 0` leaves the exercise out that week.
    if isinstance(value, str | list) or (isinstance(value, int) and not isinstance(value, bool)):
        return {"sets": value}
    return value


class WeekChange(CircuitWork):
    """What one week (or span of weeks) does differently; wins over the progression rules and
    changes nothing else. An exercise takes the exercise keys, a circuit the circuit keys."""

    sets: WeekSets | None = Field(
        default=None,
        description="Sets that week (a count or a scheme); 0 leaves the exercise out. For a "
        "circuit, its work.",
    )
    reps: Reps | None = None
    load: LoadText | None = None
    hold: Seconds | None = None
    rpe: Rpe | None = None
    rir: Rir | None = None
    tempo: Tempo | None = None
    warmup: Warmup | None = None
    deload: bool | None = Field(
        default=None,
        description="A lighter week on purpose: printed as a deload, not judged by `pdfgen next`.",
    )

    @model_validator(mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return _shorthand(value)

    @model_validator(mode="after")
    def _one_effort_target(self) -> WeekChange:
        if self.rpe is not None and self.rir is not None:
            raise ValueError("give an RPE or an RIR target, not both.")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # A week is also written as its sets (or a circuit's work) alone: `3: 5x5 @ 80%`.
        keys = handler.resolve_ref_schema(handler(core_schema))
        short = {"description": "The week's sets (or a circuit's work) alone."}
        return {
            "anyOf": [
                keys,
                {"type": "string", **short},
                {"type": "integer", "minimum": 0, "maximum": MAX_SETS, **short},
                {"type": "array", **short},
            ]
        }

    def circuit_keys(self) -> set[str]:
        """The keys set here that only a circuit takes."""
        return self.model_fields_set & {"rounds", "exercises", "work", "every"}

    def exercise_keys(self) -> set[str]:
        """The keys set here that only an exercise takes."""
        return self.model_fields_set & {
            "sets",
            "reps",
            "load",
            "hold",
            "rpe",
            "rir",
            "tempo",
            "warmup",
        }


WeekTable = dict[WeekKey, WeekChange]
SchemeName = Annotated[str, BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)]


def table_problems(table: dict[Any, WeekChange]) -> list[tuple[Any, str]]:
    """What is wrong with a week table's keys, key by key: a key that is no week (or span of
    weeks), or a week given twice.

    >>> table_problems({"1-3": WeekChange(sets=2), 3: WeekChange(sets=0), 0: WeekChange()})
    [(3, 'week 3 is given twice.'), (0, 'week 0 is not a week from 1 to 52.')]
    """
    problems: list[tuple[Any, str]] = []
    seen: set[int] = set()
    for key in table:
        try:
            first, last = week_span(key)
        except ValueError as exc:
            problems.append((key, str(exc)))
            continue
        if not 1 <= first <= last <= MAX_WEEKS:
            problems.append((key, f"week {key} is not a week from 1 to {MAX_WEEKS}."))
            continue
        twice = seen & set(range(first, last + 1))
        if twice:
            problems.append((key, f"week {min(twice)} is given twice."))
        seen |= set(range(first, last + 1))
    return problems


def spread(table: dict[Any, WeekChange]) -> dict[int, WeekChange]:
    """A week table by single week, its spans spread out; ValueError for a bad or doubled key.

    >>> sorted(spread({"1-3": WeekChange(sets=2), 4: WeekChange(sets=0)}))
    [1, 2, 3, 4]
    """
    weeks: dict[int, WeekChange] = {}
    for key, change in table.items():
        first, last = week_span(key)
        if not 1 <= first <= last <= MAX_WEEKS:
            raise ValueError(f"week {key} is not a week from 1 to {MAX_WEEKS}.")
        for week in range(first, last + 1):
            if week in weeks:
                raise ValueError(f"week {week} is given twice.")
            weeks[week] = change
    return weeks


class Cycle(Strict):
    """Weeks that repeat: week tables are read by the week of the cycle, and each new cycle
    starts heavier by `add`."""

    weeks: Annotated[int, Range(1, MAX_WEEKS)] = Field(description="Weeks in one cycle.")
    add: LoadStep | dict[Name, LoadStep] | None = Field(
        default=None,
        description="Added each new cycle to every exercise's loads and maxes (the training "
        "max of 5/3/1): one load for all, or by exercise ({squat: 5 kg, bench press: 2.5 kg}).",
    )
    notes: Note | None = None

    def week_of(self, week: int) -> tuple[int, int]:
        """The cycle (0 for the first) and the week of the cycle that block week `week` is.

        >>> Cycle(weeks=4).week_of(1), Cycle(weeks=4).week_of(6)
        ((0, 1), (1, 2))
        """
        return (week - 1) // self.weeks, (week - 1) % self.weeks + 1
