"""The validated plan: the one type every stage after loading works with.

These models are the plan format's schema (the keys of `docs` and `pdfgen schema` come from here).
They describe a plan as the loader returns it; `pdfgen.plan.loading` is the only code that
reads YAML into them. Limits keep a typo from producing a 10,000-page file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pdfgen.io.fields import Name, Note, Paragraph, Range, Strict, text
from pdfgen.io.yamldoc import Document
from pdfgen.plan.circuit import CircuitWork
from pdfgen.plan.exercise import Exercise, ExerciseEntry, ExerciseId
from pdfgen.plan.fields import LoadText, Reps, Rir, Rpe, Seconds, Tempo, TrainingMax, sets_field
from pdfgen.plan.limits import (
    MAX_EXERCISES_PER_SESSION,
    MAX_PLAN_EXERCISES,
    MAX_SESSIONS,
    MAX_SETS_PER_SESSION,
    MAX_WEEKS,
    Kind,
    Weekday,
)
from pdfgen.plan.loads import Load
from pdfgen.plan.options import read_days
from pdfgen.plan.rules import Progression, Rounding
from pdfgen.plan.sets import SetGroup
from pdfgen.plan.weekly import groups_of
from pdfgen.plan.weeks import Cycle, SchemeName, Warmup, WeekChange, WeekTable, spread


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


def _superset(value: str) -> str:
    if not re.fullmatch(r"[A-Z]", value):
        raise ValueError(f"'{value}' is not a superset letter; use one capital letter, like A.")
    return value


def _weeks_once(value: Any) -> Any:
    if isinstance(value, dict):
        numbers = [int(k) if isinstance(k, str) and k.strip().isdigit() else k for k in value]
        twice = sorted({n for n in numbers if numbers.count(n) > 1}, key=str)
        if twice:
            raise ValueError(f"week {twice[0]} is given twice.")
    return value


# A `weeks:` key: a table of weeks, or the name of one of the plan's `schemes`.
Weeks = Annotated[
    Annotated[WeekTable, BeforeValidator(_weeks_once), Tag("~table")]
    | Annotated[SchemeName, Tag("~name")],
    Discriminator(lambda v: "~name" if isinstance(v, str) else "~table"),
]


def table_of(
    weeks: dict[Any, WeekChange] | str, schemes: Mapping[str, dict[Any, WeekChange]]
) -> dict[int, WeekChange]:
    """A `weeks:` key by single week: its own table, or the scheme it names (the loader
    checked both)."""
    table = schemes.get(weeks, {}) if isinstance(weeks, str) else weeks
    return spread(table)


class Prescription(Strict):
    """One exercise in a session: what to do and how much."""

    exercise: Name = Field(description="An id, name or alias from the exercise library.")
    kind: Kind | None = Field(
        default=None,
        description="What kind of work it is here, over the exercise's own (a weighted vest "
        "makes push-ups weighted work).",
    )
    sets: sets_field(1) | None = Field(  # type: ignore[valid-type]
        default=None,
        description="How many sets (3), or the sets themselves: '5 @ 65% TM, 5+ @ 85% TM', "
        "'5x3+', or a list of them, each a scheme or a mapping of an exercise's keys.",
    )
    reps: Reps | None = Field(default=None, description="The target of every set, or one per set.")
    rest: Name | None = None
    load: LoadText | None = Field(
        default=None,
        description="'40 kg', '90 lb', '70%' of the one-rep max, '65% TM' of the training "
        "max, '90% 5RM', '80% of set 1', one per set '40/45/50 kg', or a text.",
    )
    hold: Seconds | None = Field(default=None, description="How long each rep is held: '10 s'.")
    sides: Literal["together", "separate"] | None = Field(
        default=None,
        description="'separate': each side is logged in its own row (left, then right).",
    )
    tempo: Tempo | None = Field(
        default=None, description="Seconds down, pause, up, pause: '3-1-1-0'."
    )
    rpe: Rpe | None = Field(default=None, description="Target effort, 1 to 10, or a range.")
    rir: Rir | None = Field(default=None, description="Target reps in reserve, or a range.")
    warmup: Warmup | None = None
    superset: Annotated[str, text(1), AfterValidator(_superset)] | None = Field(
        default=None, description="A letter; exercises in a row with the same letter alternate."
    )
    notes: Note | None = None
    progression: Progression | None = None
    round_loads_to: Rounding | None = Field(
        default=None, description="This exercise's load increments (dumbbells: 2 kg)."
    )
    weeks: Weeks = Field(
        default_factory=dict,
        description="Changes for single weeks or spans (1-3), or the name of one of the "
        "plan's `schemes`.",
    )

    @model_validator(mode="after")
    def _complete(self) -> Prescription:
        if self.rpe is not None and self.rir is not None:
            raise ValueError("give an RPE or an RIR target, not both.")
        if self.sets is None and self.reps is not None and len(self.reps) > 1:
            return self  # "reps: 12/10/8/6": a set per target
        if self.sets is None and not self.weeks:
            raise ValueError(
                "needs `sets` (3, or sets like '5x5'), or a `weeks` table that gives them."
            )
        if self.sets is not None:
            groups_of(self.sets, self.reps, self.load, self.hold)
        return self

    def track(self) -> tuple[str, ...]:
        """What progresses session by session as one: an exercise written the same in several
        sessions (StrongLifts' squat in workouts A and B) is one track; written otherwise
        (GZCLP's heavy squat and its lighter 3 x 10) each is its own."""
        return (self.exercise, str(self.sets), str(self.reps), str(self.load))

    def groups(self) -> tuple[SetGroup, ...]:
        """The sets as written for every week (none when only a week table gives them)."""
        if self.sets is None and not (self.reps and len(self.reps) > 1):
            return ()
        return groups_of(self.sets, self.reps, self.load, self.hold)


class Circuit(CircuitWork):
    """Exercises done in turn for rounds: a circuit, intervals, an EMOM."""

    # Marks the model in the union of session items (see `pdfgen.io.validation`).
    marker: ClassVar[str] = "circuit"

    circuit: Name = Field(description="Its name on the page: 'Run and walk', 'EMOM 20'.")
    weeks: Weeks = Field(
        default_factory=dict,
        description="The work of single weeks or spans, or the name of one of the plan's "
        "`schemes`.",
    )

    @model_validator(mode="after")
    def _has_work(self) -> Circuit:
        if not self.segments() and not self.weeks:
            raise ValueError("needs `work` (8 x (running 60 s, walking 90 s)) or `exercises`.")
        return self


def _item_kind(value: Any) -> str:
    if isinstance(value, Circuit) or (isinstance(value, dict) and "circuit" in value):
        return "~circuit"
    return "~exercise"


SessionItem = Annotated[
    Annotated[Prescription, Tag("~exercise")] | Annotated[Circuit, Tag("~circuit")],
    Discriminator(_item_kind),
]


class Session(Strict):
    """A training day's program."""

    name: Name
    exercises: list[SessionItem] = Field(
        min_length=1,
        max_length=MAX_EXERCISES_PER_SESSION,
        description="Exercises, and circuits (an item with `circuit:`), in order.",
    )

    @field_validator("exercises")
    @classmethod
    def _sets_in_a_day(
        cls, exercises: list[Prescription | Circuit]
    ) -> list[Prescription | Circuit]:
        # 20 exercises of 20 sets each are allowed one by one, but 400 rows a day is a typo.
        total = sum(_rows(item) for item in exercises)
        if total > MAX_SETS_PER_SESSION:
            raise ValueError(
                f"add up to {total} sets in one session; the most is {MAX_SETS_PER_SESSION}."
            )
        return exercises

    def keys(self) -> list[str]:
        """Each item's part of its fields' names, by position: an exercise's id (`squat`, and
        `squat-2` for its second time in the session), a circuit's `circuit-1`, `circuit-2`..."""
        seen: dict[str, int] = {}
        keys = []
        for item in self.exercises:
            name = "circuit" if isinstance(item, Circuit) else item.exercise
            count = seen[name] = seen.get(name, 0) + 1
            keys.append(
                f"circuit-{count}"
                if name == "circuit" and isinstance(item, Circuit)
                else name
                if count == 1
                else f"{name}-{count}"
            )
        return keys

    @property
    def prescriptions(self) -> list[Prescription]:
        """The session's exercises, without its circuits."""
        return [item for item in self.exercises if isinstance(item, Prescription)]


def _rows(item: Prescription | Circuit) -> int:
    """The rows an item prints in a week without changes: its sets, or a circuit's rounds."""
    if isinstance(item, Circuit):
        return sum(s.rows for s in item.segments())
    sets = sum(g.count for g in item.groups())
    return sets + (item.warmup.sets if item.warmup else 0)


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
    training_max: TrainingMax | None = Field(
        default=None,
        description="The training max, as a share of the one-rep max ('90%'), for loads "
        "like '65% TM'.",
    )
    cycle: Cycle | None = Field(
        default=None, description="Weeks that repeat, each cycle heavier (5/3/1)."
    )
    schemes: dict[SchemeName, WeekTable] = Field(
        default={},
        max_length=20,
        description="Week tables by a name of your own, used by exercises as `weeks: NAME`.",
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

    def table(self, item: Prescription | Circuit) -> dict[int, WeekChange]:
        """An item's week table by single week (its own, or the scheme it names)."""
        return table_of(item.weeks, self.schemes)

    # Set by the loader: where the plan came from, for problems found after loading.
    _document: Document | None = PrivateAttr(default=None)

    # Set by the loader: circuits' exercises by the names they are written with, and what each
    # new cycle adds to an exercise's loads, by id.
    _names: dict[str, str] = PrivateAttr(default_factory=dict)
    _cycle_add: dict[str, Load] = PrivateAttr(default_factory=dict)

    def with_exercises(
        self,
        sessions: list[Session],
        used: dict[str, Exercise],
        document: Document | None = None,
        *,
        names: dict[str, str] | None = None,
        cycle_add: dict[str, Load] | None = None,
    ) -> Plan:
        """A copy whose sessions refer to exercises by id, with those exercises attached."""
        plan = self.model_copy(update={"sessions": sessions})
        plan._resolved = dict(used)
        plan._document = document
        plan._names = dict(names or {})
        plan._cycle_add = dict(cycle_add or {})
        return plan

    def step_exercise(self, name: str) -> tuple[str, Exercise]:
        """The id and exercise a circuit's step names."""
        ex_id = self._names[name]
        return ex_id, self._resolved[ex_id]

    def cycle_add(self, ex_id: str) -> Load | None:
        """What each new cycle adds to an exercise's loads (None: nothing)."""
        return self._cycle_add.get(ex_id)

    def locate(self, path: tuple[str | int, ...]) -> tuple[str, int | None, int | None]:
        """File, line and column of a field of the plan file, as far as they are known."""
        if self._document is None:
            return "<plan>", None, None
        return self._document.locate(path)
