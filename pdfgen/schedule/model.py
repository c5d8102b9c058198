"""The schedule: the block week by week, as the training days a client will do, with every
set's target for that week. Numbers and structured values only (a load in the client's units,
a rep target, a date); `pdfgen.compose.words` says them in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pdfgen.plan.exercise import Exercise
from pdfgen.plan.limits import Kind, Weekday
from pdfgen.plan.model import Circuit, Plan, Prescription, Session
from pdfgen.plan.reps import RepTarget
from pdfgen.plan.sets import Effort
from pdfgen.schedule.calendar import session_letter
from pdfgen.units import Unit


@dataclass(frozen=True)
class LoadTarget:
    """A set's load, as numbers. A weight in the client's units (rounded to what the gym can
    load); or, on a load the plan describes in words ("bodyweight"), what its load steps add to
    it, in the client's units or as a percentage, or in a deload the share of it to use."""

    weight: float | None = None
    added: float | None = None  # negative: assistance (a machine or band)
    added_percent: float | None = None
    share: float | None = None
    words: str = ""  # a set's load as the plan describes it ("empty bar"), printed as written


Side = Literal["", "left", "right"]
Extra = Literal["", "drop", "rest_pause"]


@dataclass(frozen=True)
class SetTarget:
    """One row of a day's grid: a warm-up or work set (one side of it, or a drop or rest-pause
    set after it, or a circuit's step) and what to aim for."""

    number: int  # 1, 2, ... counted apart for warm-up and work sets; a circuit's row
    reps: RepTarget
    load: LoadTarget | None = None
    warmup: bool = False
    side: Side = ""
    extra: Extra = ""  # a drop set or rest-pause set after set `number`
    extra_number: int = 0  # 1, 2, ... among them
    effort: Effort | None = None  # this set's own effort target (the entry's is on the entry)
    effort_kind: Literal["rpe", "rir"] = "rpe"
    rest: str = ""  # this set's own rest, where its group has one
    note: str = ""  # this set's own note
    step: int = -1  # a circuit's row: the index of its step in `Entry.steps`
    shown: int = 0  # a circuit's row: the round (or minute) it prints; 0 prints nothing

    @property
    def counts(self) -> bool:
        """Whether the row is a work set of its own (not a warm-up, nor a drop or rest-pause
        set after one, nor the second side of one)."""
        return not self.warmup and not self.extra and self.side != "right"


@dataclass(frozen=True)
class Step:
    """An exercise of a circuit, which rows point to."""

    exercise_id: str
    exercise: Exercise
    kind: Kind
    loaded: bool


@dataclass(frozen=True)
class Entry:
    """One exercise (or circuit) on a training day, with its sets for that week."""

    exercise_id: str
    exercise: Exercise
    prescription: Prescription | Circuit  # as the plan writes it, for every week
    sets: tuple[SetTarget, ...]
    kind: Kind = "weighted"  # what kind of work it is here, and so what is logged
    loaded: bool = True  # whether a weight is lifted, added or assisting, and so logged
    label: str = ""  # "A1", "A2" within a superset
    deload: bool = False
    load: float | None = None  # the heaviest work load in the client's units, for charts
    load_note: str = ""  # a load the plan describes in words ("bodyweight", "light")
    notes: str | None = None
    key: str = ""  # the entry's part of its fields' names: its id, `squat-2`, `circuit-1`
    rest: str | None = None
    tempo: str | None = None
    effort: Effort | None = None
    effort_kind: Literal["rpe", "rir"] = "rpe"
    occurrence: int = 1  # the how-manieth time the session has this exercise
    steps: tuple[Step, ...] = ()  # a circuit's exercises
    every: int | None = None  # a circuit done on the interval (seconds): an EMOM

    @property
    def work_sets(self) -> tuple[SetTarget, ...]:
        """The sets that count: not the warm-ups, nor the sets after a set."""
        return tuple(s for s in self.sets if not s.warmup and not s.extra)

    @property
    def is_circuit(self) -> bool:
        """Whether the entry is a circuit (its rows are its steps, round by round)."""
        return bool(self.steps)

    def row_exercise(self, target: SetTarget) -> tuple[str, Exercise, Kind, bool]:
        """A row's exercise: its step's in a circuit, the entry's otherwise (id, exercise,
        kind, loaded)."""
        if target.step >= 0:
            step = self.steps[target.step]
            return step.exercise_id, step.exercise, step.kind, step.loaded
        return self.exercise_id, self.exercise, self.kind, self.loaded


@dataclass(frozen=True)
class Day:
    """One training day."""

    week: int
    day: int  # 1-based within the week
    session: Session
    letter: str  # A, B, C... by the session's place in the plan
    entries: tuple[Entry, ...]
    date: date | None = None


@dataclass(frozen=True)
class Week:
    """One week of the block."""

    number: int
    days: tuple[Day, ...]
    start: date | None = None

    @property
    def deload(self) -> bool:
        """Whether this week is a deload week for any exercise."""
        return any(e.deload for day in self.days for e in day.entries)


@dataclass(frozen=True)
class Schedule:
    """The whole block, week by week."""

    plan: Plan
    weeks: tuple[Week, ...]
    days_per_week: int
    start: date | None = None
    units: Unit = "kg"
    training_days: tuple[Weekday, ...] = field(default=())
    warnings: tuple[str, ...] = ()  # what the plan leaves unsaid for this block

    @property
    def total_weeks(self) -> int:
        """Weeks in the block."""
        return len(self.weeks)

    def first_time(self, session: int, position: int) -> Entry | None:
        """A session's exercise (or circuit) the first time it is trained in the block (None
        if the block is too short for it to come round)."""
        item = self.plan.sessions[session].exercises[position]
        for week in self.weeks:
            for day in week.days:
                if day.letter != session_letter(session):
                    continue
                for entry in day.entries:
                    if entry.prescription is item:
                        return entry
        return None

    def deload_changes(self, number: int) -> set[str]:
        """What week `number`'s deload entries change, from their targets against the last
        week before that was not a deload: "sets" (fewer sets, or an exercise left out),
        "reps" (fewer reps) and "load" (lighter loads)."""
        before: dict[int, Entry] = {}
        for week in self.weeks[: number - 1]:
            for day in week.days:
                for entry in day.entries:
                    if not entry.deload:
                        before[id(entry.prescription)] = entry
        changes: set[str] = set()
        week = self.weeks[number - 1]
        for day in week.days:
            present = {id(e.prescription) for e in day.entries}
            for item in day.session.exercises:
                if id(item) in before and id(item) not in present:
                    changes.add("sets")  # left out this week
            for entry in day.entries:
                last = before.get(id(entry.prescription))
                if entry.deload and last is not None:
                    changes |= _lighter(entry, last)
        return changes

    def rotation(self, week: int = 1) -> str:
        """The order of sessions in a week, as letters.

        Two sessions on three days alternate: A B A in week 1, then B A B.
        """
        return " ".join(day.letter for day in self.weeks[week - 1].days)

    def rotations(self) -> list[str]:
        """The orders of the weeks until they repeat: ["A B A", "B A B"] for two sessions on
        three days, four weeks for four sessions on three days (GZCLP), one for most plans."""
        orders: list[str] = []
        for week in self.weeks:
            order = self.rotation(week.number)
            if order in orders:
                break
            orders.append(order)
        return orders


def _lighter(entry: Entry, last: Entry) -> set[str]:
    """How an entry is easier than the same exercise's `last` entry."""
    changes = set()
    now, then = [s for s in entry.sets if s.counts], [s for s in last.sets if s.counts]
    if len(now) < len(then):
        changes.add("sets")
    if sum(s.reps.low for s in now) < sum(s.reps.low for s in then) and len(now) == len(then):
        changes.add("reps")
    shares = [s.load.share for s in now if s.load and s.load.share is not None]
    if (entry.load is not None and last.load is not None and entry.load < last.load) or any(
        share < 1 for share in shares
    ):
        changes.add("load")
    return changes


@dataclass(frozen=True)
class Volume:
    """A week's planned volume: work sets, and the reps of the sets counted in reps."""

    week: int
    sets: int
    reps: int
    deload: bool
    minutes: int = 0  # planned time under work: timed sets, and reps held


def weekly_volume(schedule: Schedule) -> list[Volume]:
    """Planned work sets, reps and minutes per week. A range counts its bottom, an AMRAP its
    minimum; timed sets count as sets and minutes, not reps, and a held rep as both; warm-ups,
    drop and rest-pause sets and a set's second side do not count."""
    volumes = []
    for week in schedule.weeks:
        work = [s for day in week.days for e in day.entries for s in e.sets if s.counts]
        reps = sum(int(s.reps.low) for s in work if s.reps.unit == "reps")
        seconds = sum(s.reps.low for s in work if s.reps.timed)
        seconds += sum(s.reps.low * s.reps.hold for s in work if s.reps.unit == "reps")
        volumes.append(Volume(week.number, len(work), reps, week.deload, round(seconds / 60)))
    return volumes


def load_series(schedule: Schedule) -> dict[str, list[tuple[int, float]]]:
    """Each exercise with a planned weight: its heaviest work load per week, in the client's
    units. An exercise a session has twice (5/3/1's main sets and its 5 × 10) is one series
    of its heaviest sets: the line a client follows is their top set's."""
    series: dict[str, dict[int, float]] = {}
    for week in schedule.weeks:
        for day in week.days:
            for entry in day.entries:
                if entry.load is None:
                    continue
                name = entry.exercise.name
                points = series.setdefault(name, {})
                points[week.number] = max(points.get(week.number, entry.load), entry.load)
    return {name: sorted(points.items()) for name, points in series.items()}
