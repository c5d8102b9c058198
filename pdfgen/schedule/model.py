"""The schedule: the block week by week, as the training days a client will do, with every
set's target for that week. Numbers and structured values only (a load in the client's units,
a rep target, a date); `pdfgen.compose.words` says them in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pdfgen.plan.exercise import Exercise
from pdfgen.plan.limits import Kind, Weekday
from pdfgen.plan.model import Plan, Prescription, Session
from pdfgen.plan.reps import RepTarget
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


@dataclass(frozen=True)
class SetTarget:
    """One row of a day's grid: a warm-up or work set and what to aim for."""

    number: int  # 1, 2, ... counted apart for warm-up and work sets
    reps: RepTarget
    load: LoadTarget | None = None
    warmup: bool = False


@dataclass(frozen=True)
class Entry:
    """One exercise on a training day, with its sets for that week."""

    exercise_id: str
    exercise: Exercise
    prescription: Prescription
    sets: tuple[SetTarget, ...]
    kind: Kind = "weighted"  # what kind of work it is here, and so what is logged
    loaded: bool = True  # whether a weight is lifted, added or assisting, and so logged
    label: str = ""  # "A1", "A2" within a superset
    deload: bool = False
    load: float | None = None  # the work load in the client's units, for charts
    load_note: str = ""  # a load the plan describes in words ("bodyweight", "light")
    notes: str | None = None

    @property
    def work_sets(self) -> tuple[SetTarget, ...]:
        """The sets that count: not the warm-ups."""
        return tuple(s for s in self.sets if not s.warmup)


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

    @property
    def total_weeks(self) -> int:
        """Weeks in the block."""
        return len(self.weeks)

    def first_time(self, session: int, position: int) -> Entry | None:
        """A session's exercise the first time it is trained in the block (None if the block
        is too short for the session to come round)."""
        for week in self.weeks:
            for day in week.days:
                if day.letter == session_letter(session):
                    return day.entries[position]
        return None

    def rotation(self, week: int = 1) -> str:
        """The order of sessions in a week, as letters.

        Two sessions on three days alternate: A B A in week 1, then B A B.
        """
        return " ".join(day.letter for day in self.weeks[week - 1].days)


@dataclass(frozen=True)
class Volume:
    """A week's planned volume: work sets, and the reps of the sets counted in reps."""

    week: int
    sets: int
    reps: int
    deload: bool


def weekly_volume(schedule: Schedule) -> list[Volume]:
    """Planned work sets and reps per week. A range counts its bottom; timed and AMRAP sets
    count as sets but not as reps; warm-ups do not count."""
    volumes = []
    for week in schedule.weeks:
        work = [s for day in week.days for e in day.entries for s in e.work_sets]
        reps = sum(s.reps.low for s in work if s.reps.unit == "reps" and not s.reps.amrap)
        volumes.append(Volume(week.number, len(work), reps, week.deload))
    return volumes


def load_series(schedule: Schedule) -> dict[str, list[tuple[int, float]]]:
    """Each exercise with a planned weight: its work load per week, in the client's units."""
    series: dict[str, dict[int, float]] = {}
    for week in schedule.weeks:
        for day in week.days:
            for entry in day.entries:
                if entry.load is not None:
                    series.setdefault(entry.exercise.name, {})[week.number] = entry.load
    return {name: sorted(points.items()) for name, points in series.items()}
