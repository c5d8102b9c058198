"""The validated plan: the one type every stage after loading works with.

These models are the plan format's schema (the keys of `docs` and `pdfgen schema` come from here).
They describe a plan as the loader returns it; `pdfgen.plan.loading` is the only code that
reads YAML into them. Limits keep a typo from producing a 10,000-page file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from pdfgen.errors import Ask, Problem
from pdfgen.io.fields import Name, Note, Paragraph, Range, Strict, text
from pdfgen.io.yamldoc import Document, dotted
from pdfgen.plan.exercise import Exercise, ExerciseEntry, ExerciseId
from pdfgen.plan.limits import (
    MAX_EXERCISES_PER_SESSION,
    MAX_PLAN_EXERCISES,
    MAX_SESSIONS,
    MAX_SETS,
    MAX_SETS_PER_SESSION,
    MAX_WEEKS,
    Kind,
    Weekday,
)
from pdfgen.plan.loads import Load, LoadError, parse_load
from pdfgen.plan.options import read_days
from pdfgen.plan.reps import RepsError, RepTarget, parse_reps


def _reps(value: Any) -> RepTarget:
    if isinstance(value, RepTarget):
        return value
    try:
        return parse_reps(value)
    except RepsError as exc:
        raise ValueError(str(exc)) from None


Reps = Annotated[
    RepTarget,
    PlainValidator(_reps),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 100},
                {"type": "string", "examples": ["6-8", "AMRAP", "30s", "10/side"]},
            ],
            "description": "A number (12), a range (6-8), AMRAP, seconds (30s) "
            "or per side (10/side).",
        }
    ),
]


def _load_text(value: Any) -> Any:
    # A load that reads as a quantity must be a sane one; anything else is a description.
    if isinstance(value, str):
        try:
            parse_load(value)
        except LoadError as exc:
            raise ValueError(str(exc)) from None
    return value


LoadText = Annotated[Name, AfterValidator(_load_text)]


def _load_step(value: Any) -> Load:
    if isinstance(value, Load):
        return value
    try:
        step = parse_load(str(value)) if isinstance(value, str | int | float) else None
    except LoadError as exc:
        raise ValueError(str(exc)) from None
    if step is None or isinstance(value, bool):
        raise ValueError("write a load step as '2.5 kg', '5 lb' or '5%'.")
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


class Progression(Strict):
    """How targets change week by week; on the plan (for every exercise) or on one exercise,
    whose keys override the plan's."""

    reps: Annotated[int, Range(1, 60)] | None = Field(
        default=None, description="Reps (or seconds) added a week, bottom of the range to top."
    )
    load: LoadStep | None = Field(
        default=None, description="A load step: after each completed range, or weekly."
    )
    sets: SetsRule | None = None
    deload: Deload | None = None

    def over(self, base: Progression | None) -> Progression:
        """These rules on top of `base`, key by key."""
        if base is None:
            return self
        return base.model_copy(update={key: getattr(self, key) for key in self.model_fields_set})


def _weekday(value: Any) -> Any:
    # Written as on the command line: Mon, Thursday and thu are all Thursday's... each its own.
    if isinstance(value, str):
        try:
            return read_days(value)[0] if "," not in value else value
        except ValueError:
            raise ValueError(
                f"'{value}' is not a weekday; write days as mon, tue, ... sun (any case)."
            ) from None
    return value


def _digits(value: Any) -> Any:
    # Mapping keys are read as text; a week number written as a key is still a number.
    return int(value) if isinstance(value, str) and value.isdigit() else value


# (pydantic runs the last-listed "before" validator first.)
WeekNumber = Annotated[int, Range(1, MAX_WEEKS), BeforeValidator(_digits)]


class WeekChange(Strict):
    """What one week of an exercise does differently; wins over the progression rules."""

    sets: Annotated[int, Range(1, MAX_SETS)] | None = None
    reps: Reps | None = None
    load: LoadText | None = None
    notes: Note | None = None


class Warmup(Strict):
    """Warm-up sets: printed before the work sets, not counted as work."""

    sets: Annotated[int, Range(1, 5)]
    reps: Reps | None = Field(default=None, description="Default: the bottom of the target.")
    load: LoadText | None = Field(
        default=None, description="Text, a weight, or a % of the work load."
    )


class Rounding(Strict):
    """Loads are rounded to a multiple of these: two of the smallest plates."""

    kg: Annotated[float, Range(0.1, 20, whole=False)] = 2.5
    lb: Annotated[float, Range(0.1, 50, whole=False)] = 5.0


def _tempo(value: str) -> str:
    if not re.fullmatch(r"[0-9Xx]([-/ ]?[0-9Xx]){2,3}", value):
        raise ValueError(
            f"'{value}' is not a tempo; write the seconds down, pause, up and pause, like 3-1-1-0 "
            "(X for explosive)."
        )
    return value


def _superset(value: str) -> str:
    if not re.fullmatch(r"[A-Z]", value):
        raise ValueError(f"'{value}' is not a superset letter; use one capital letter, like A.")
    return value


class Prescription(Strict):
    """One exercise in a session: what to do and how much."""

    exercise: Name = Field(description="An id, name or alias from the exercise library.")
    kind: Kind | None = Field(
        default=None,
        description="What kind of work it is here, over the exercise's own (a weighted vest "
        "makes push-ups weighted work).",
    )
    sets: Annotated[int, Range(1, MAX_SETS)]
    reps: Reps
    rest: Name | None = None
    load: LoadText | None = Field(
        default=None, description="'40 kg', '90 lb', '70%' of the client's max, or a text."
    )
    tempo: Annotated[str, text(20), AfterValidator(_tempo)] | None = Field(
        default=None, description="Seconds down, pause, up, pause: '3-1-1-0'."
    )
    rpe: Annotated[float, Range(1, 10, whole=False)] | None = Field(
        default=None, description="Target effort, 1 to 10."
    )
    rir: Annotated[int, Range(0, 10)] | None = Field(
        default=None, description="Target reps in reserve."
    )
    warmup: Warmup | None = None
    superset: Annotated[str, text(1), AfterValidator(_superset)] | None = Field(
        default=None, description="A letter; exercises in a row with the same letter alternate."
    )
    notes: Note | None = None
    progression: Progression | None = None
    round_loads_to: Rounding | None = Field(
        default=None, description="This exercise's load increments (dumbbells: 2 kg)."
    )
    weeks: dict[WeekNumber, WeekChange] = Field(
        default={}, description="Changes for single weeks, by week number."
    )

    @field_validator("weeks", mode="before")
    @classmethod
    def _weeks_once(cls, value: Any) -> Any:
        if isinstance(value, dict):
            numbers = [_digits(key) for key in value]
            twice = sorted({n for n in numbers if numbers.count(n) > 1}, key=str)
            if twice:
                raise ValueError(f"week {twice[0]} is given twice.")
        return value

    @model_validator(mode="after")
    def _one_effort_target(self) -> Prescription:
        if self.rpe is not None and self.rir is not None:
            raise ValueError("give an RPE or an RIR target, not both.")
        return self


class Session(Strict):
    """A training day's program."""

    name: Name
    exercises: list[Prescription] = Field(min_length=1, max_length=MAX_EXERCISES_PER_SESSION)

    @field_validator("exercises")
    @classmethod
    def _sets_in_a_day(cls, exercises: list[Prescription]) -> list[Prescription]:
        # 20 exercises of 20 sets each are allowed one by one, but 400 rows a day is a typo.
        total = sum(item.sets + (item.warmup.sets if item.warmup else 0) for item in exercises)
        if total > MAX_SETS_PER_SESSION:
            raise ValueError(
                f"add up to {total} sets in one session; the most is {MAX_SETS_PER_SESSION}."
            )
        return exercises


class Plan(Strict):
    """A training plan.

    After loading, every `Prescription.exercise` is the id of an exercise in `used_exercises`:
    the library's, merged with what the plan's own `exercises:` state.
    """

    program: Name = Field(description="The title.")
    focus: Name | None = Field(default=None, description="Body area or goal.")
    summary: Paragraph | None = Field(default=None, description="A paragraph for the cover.")
    weeks: Annotated[int, Range(1, MAX_WEEKS)] = Field(
        default=4, description="Default block length in weeks."
    )
    days_per_week: Annotated[int, Range(1, 7)] | None = Field(
        default=None, description="Training days a week (default: one per session)."
    )
    training_days: list[Annotated[Weekday, BeforeValidator(_weekday)]] | None = Field(
        default=None,
        min_length=1,
        max_length=7,
        description="Weekdays to train: [mon, thu] (any case; full names too).",
    )
    progression: Progression | None = Field(
        default=None, description="Rules for every exercise; an exercise's own override them."
    )
    round_loads_to: Rounding = Field(
        default_factory=lambda: Rounding(), description="What the gym can load, per unit."
    )
    sessions: list[Session] = Field(
        min_length=1,
        max_length=MAX_SESSIONS,
        description="Training days, cycled through the weeks.",
    )
    exercises: dict[ExerciseId, ExerciseEntry] = Field(
        default={},
        max_length=MAX_PLAN_EXERCISES,
        description="Exercises defined or overridden in this plan, by id.",
    )

    @field_validator("training_days")
    @classmethod
    def _days_agree(cls, days: list[Weekday] | None, info: ValidationInfo) -> list[Weekday] | None:
        if days is None:
            return days
        if len(set(days)) != len(days):
            raise ValueError("names a day twice.")
        per_week = info.data.get("days_per_week")
        if per_week is not None and per_week != len(days):
            raise ValueError(
                f"names {len(days)} days but days_per_week is {per_week}; give one of them."
            )
        return days

    @property
    def sessions_per_week(self) -> int:
        """Training days a week: as the plan says, or one per session."""
        return self.days_per_week or len(self.training_days or ()) or len(self.sessions)

    # Set by the loader: the exercises the sessions use, by id, in order of first use.
    _resolved: dict[str, Exercise] = PrivateAttr(default_factory=dict)

    @property
    def used_exercises(self) -> dict[str, Exercise]:
        """The exercises the plan's sessions use, by id, in order of first use."""
        return dict(self._resolved)

    def exercise(self, prescription: Prescription) -> Exercise:
        """The exercise a prescription refers to."""
        return self._resolved[prescription.exercise]

    def kind(self, prescription: Prescription) -> Kind:
        """What kind of work a prescription is: its own `kind`, or its exercise's."""
        return prescription.kind or self._resolved[prescription.exercise].kind

    # Set by the loader: where the plan came from, for problems found after loading.
    _document: Document | None = PrivateAttr(default=None)

    def with_exercises(
        self, sessions: list[Session], used: dict[str, Exercise], document: Document | None = None
    ) -> Plan:
        """A copy whose sessions refer to exercises by id, with those exercises attached."""
        plan = self.model_copy(update={"sessions": sessions})
        plan._resolved = dict(used)
        plan._document = document
        return plan

    def locate(self, path: tuple[str | int, ...]) -> tuple[str, int | None, int | None]:
        """File, line and column of a field of the plan file, as far as they are known."""
        if self._document is None:
            return "<plan>", None, None
        return self._document.locate(path)


def missing_maxes(plan: Plan, maxes: Mapping[str, Load]) -> list[Problem]:
    """A located problem for each percentage load whose exercise has no max."""
    problems: list[Problem] = []
    for s, session in enumerate(plan.sessions):
        for e, item in enumerate(session.exercises):
            if item.exercise in maxes:
                continue
            loads: list[tuple[tuple[str | int, ...], str | None]] = [(("load",), item.load)]
            loads += [(("weeks", week, "load"), change.load) for week, change in item.weeks.items()]
            for where, written in loads:
                load = parse_load(written) if written else None
                if load is None or not load.is_percent:
                    continue
                path = ("sessions", s, "exercises", e, *where)
                file, line, column = plan.locate(path)
                message = (
                    f"{written} of {plan.exercise(item).name} needs the client's one-rep max "
                    "(the weight they can lift once)."
                )
                ask = Ask("maxes", item.exercise, "60kg")
                problems.append(Problem(file, message, line, column, dotted(path), ask=ask))
    return problems
