"""Expanding a plan week by week into the training days a client will do.

Pure: no I/O and no drawing. The result says which session falls on which day of which week, and
each set's target, so that every page drawn later only has to print it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, timedelta

from pdfgen.plan import MAX_WEEKS, Exercise, Plan, Prescription, Session
from pdfgen.reps import RepTarget


@dataclass(frozen=True)
class SetTarget:
    """One set to do: its number within the exercise and the target to aim for."""

    number: int
    reps: RepTarget


@dataclass(frozen=True)
class Entry:
    """One exercise on a training day, with its sets."""

    exercise_id: str
    exercise: Exercise
    prescription: Prescription
    sets: tuple[SetTarget, ...]


@dataclass(frozen=True)
class Day:
    """One training day."""

    week: int
    day: int  # 1-based within the week
    session: Session
    letter: str  # A, B, C... by the session's place in the plan
    entries: tuple[Entry, ...]
    date: date | None = None

    @property
    def set_count(self) -> int:
        """Rows in this day's grid."""
        return sum(len(e.sets) for e in self.entries)


@dataclass(frozen=True)
class Week:
    """One week of the block."""

    number: int
    days: tuple[Day, ...]
    start: date | None = None


@dataclass(frozen=True)
class Schedule:
    """The whole block, week by week."""

    plan: Plan
    weeks: tuple[Week, ...]
    days_per_week: int
    start: date | None = None

    @property
    def total_weeks(self) -> int:
        """Weeks in the block."""
        return len(self.weeks)

    def rotation(self, week: int = 1) -> str:
        """The order of sessions in a week, as letters.

        Two sessions on three days alternate: A B A in week 1, then B A B.
        """
        return " ".join(day.letter for day in self.weeks[week - 1].days)


def session_letter(index: int) -> str:
    """A, B, C... for the session at `index`.

    >>> [session_letter(i) for i in range(3)]
    ['A', 'B', 'C']
    """
    return string.ascii_uppercase[index % 26]


def session_order(sessions: int, days_per_week: int, week: int) -> list[int]:
    """Which session (by index) falls on each training day of `week` (1-based).

    Sessions cycle through the weeks without restarting, so every session gets its turn:

    >>> session_order(2, 3, 1), session_order(2, 3, 2)
    ([0, 1, 0], [1, 0, 1])
    >>> session_order(1, 2, 5)
    [0, 0]
    """
    first = (week - 1) * days_per_week
    return [(first + day) % sessions for day in range(days_per_week)]


def expand(
    plan: Plan,
    *,
    weeks: int | None = None,
    start: date | None = None,
    days_per_week: int | None = None,
) -> Schedule:
    """The plan's block, expanded to `weeks` weeks (default: the plan's own length)."""
    total = plan.weeks if weeks is None else weeks
    if not 1 <= total <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}, not {total}")
    per_week = days_per_week or plan.training_days
    built = tuple(_week(plan, number, per_week, start) for number in range(1, total + 1))
    return Schedule(plan, built, per_week, start)


def _week(plan: Plan, number: int, per_week: int, start: date | None) -> Week:
    week_start = start + timedelta(weeks=number - 1) if start else None
    days = tuple(
        _day(plan, number, day_index + 1, session_index)
        for day_index, session_index in enumerate(
            session_order(len(plan.sessions), per_week, number)
        )
    )
    return Week(number, days, week_start)


def _day(plan: Plan, week: int, day: int, session_index: int) -> Day:
    session = plan.sessions[session_index]
    entries = tuple(
        Entry(
            exercise_id=item.exercise,
            exercise=plan.exercise(item),
            prescription=item,
            sets=tuple(SetTarget(n, item.reps) for n in range(1, item.sets + 1)),
        )
        for item in session.exercises
    )
    return Day(week, day, session, session_letter(session_index), entries)
