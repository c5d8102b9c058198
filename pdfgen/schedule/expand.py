"""Expanding a plan week by week into the training days a client will do.

Pure: no I/O and no drawing. The result says which session falls on which day (and date) of
which week, and every set's target for that week after progression, so that every page drawn
later only has to print it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from pdfgen.errors import InputError, Problem
from pdfgen.io.yamldoc import dotted
from pdfgen.plan.client import ClientOptions, block_too_late, check_options
from pdfgen.plan.limits import Weekday
from pdfgen.plan.loads import Load
from pdfgen.plan.maxes import Max
from pdfgen.plan.model import Circuit, Plan, Prescription
from pdfgen.plan.needs import missing_maxes
from pdfgen.schedule.calendar import session_letter, session_order, superset_labels, training_dates
from pdfgen.schedule.circuits import circuit_entry
from pdfgen.schedule.model import Day, Entry, Schedule, Week
from pdfgen.schedule.targets import Targets


def expand(
    plan: Plan,
    *,
    weeks: int | str | None = None,
    start: date | str | None = None,
    days: str | Sequence[str] | None = None,
    units: str = "kg",
    maxes: Mapping[str, str | float | Load | Max] | None = None,
) -> Schedule:
    """The plan's block, week by week (default: the plan's own length).

    The options take the forms the command line and `render_booklet` take: `weeks` 8 or "8",
    `start` a date or "2027-01-04", `days` "mon,thu" or a list (default: the plan's
    `training_days`; with `start`, every training day gets its date), `units` "kg" or "lb",
    `maxes` by exercise id, name or alias ("140kg", or "140kgx5" for a five-rep max), for
    percentage loads.
    """
    options = check_options(plan, weeks=weeks, start=start, days=days, units=units, maxes=maxes)
    return expand_checked(plan, options)


def expand_checked(plan: Plan, options: ClientOptions, weeks: int | None = None) -> Schedule:
    """The block for options already checked; `weeks` (or the options', or the plan's) long."""
    total = weeks or options.weeks or plan.weeks
    maxes = dict(options.maxes or {})
    problems = missing_maxes(plan, maxes)
    late = block_too_late(options.start, total) if options.start is not None else ""
    if late:
        problems.append(Problem("", late, option="start"))
    if problems:
        raise InputError(problems)
    start = options.start
    weekdays = tuple(options.days or plan.training_days or ())
    per_week = len(weekdays) or plan.sessions_per_week
    builder = _Builder(plan, Targets(plan, options.units, maxes))
    built = tuple(builder.week(number, per_week, start, weekdays) for number in range(1, total + 1))
    if builder.problems:
        raise InputError(builder.problems)
    return Schedule(plan, built, per_week, start, options.units, weekdays, tuple(builder.warnings))


class _Builder:
    """The block being built, week after week and day after day, so that what progresses
    session by session can count the sessions before."""

    def __init__(self, plan: Plan, targets: Targets) -> None:
        self.plan, self.targets = plan, targets
        self.trained: dict[tuple[str, ...], int] = {}  # sessions so far on each track
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self._told: set[int] = set()

    def week(
        self, number: int, per_week: int, start: date | None, weekdays: tuple[Weekday, ...]
    ) -> Week:
        week_start = start + timedelta(weeks=number - 1) if start else None
        dates: list[date | None] = [None] * per_week
        if start and weekdays:
            dates = list(training_dates(start, weekdays, number))
        order = session_order(len(self.plan.sessions), per_week, number)
        days = tuple(
            self.day(number, index + 1, session_index, dates[index])
            for index, session_index in enumerate(order)
        )
        return Week(number, days, week_start)

    def day(self, week: int, day: int, session_index: int, when: date | None) -> Day:
        session = self.plan.sessions[session_index]
        labels = superset_labels(session.exercises)
        keys = session.keys()
        cycle, cycle_week = self.plan.cycle.week_of(week) if self.plan.cycle else (0, week)
        entries: list[Entry] = []
        for position, item in enumerate(session.exercises):
            change = self._change(item, week, cycle_week, (session_index, position))
            if isinstance(item, Circuit):
                entry = circuit_entry(self.plan, item, change, keys[position], self.targets.units)
            else:
                sessions = self.trained.get(_track(item), 0)
                entry = self.targets.entry(item, week, change, cycle, sessions, labels[position])
                if entry is not None:
                    entry = _placed(entry, keys[position], session.exercises, position)
            if entry is not None:
                entries.append(entry)
        # A deload week's sessions rest the progression: they do not count as a step.
        for track in {_track(e.prescription) for e in entries if not e.is_circuit and not e.deload}:
            self.trained[track] = self.trained.get(track, 0) + 1
        return Day(week, day, session, session_letter(session_index), tuple(entries), when)

    def _change(
        self, item: Prescription | Circuit, week: int, cycle_week: int, at: tuple[int, int]
    ) -> object:
        """The item's change for this week, if any; a week the plan does not define is a
        problem (nothing to print) or a warning (the table is not repeated)."""
        table = self.plan.table(item)
        change = table.get(cycle_week)
        if change is not None or not table:
            return change
        has_own = bool(item.segments()) if isinstance(item, Circuit) else bool(item.groups())
        last = max(table)
        if not has_own and id(item) not in self._told:
            self._told.add(id(item))
            self.problems.append(self._undefined(item, week, last, at))
        elif (
            week > last
            and week > self.plan.weeks
            and self.plan.cycle is None
            and id(item) not in self._told
        ):
            self._told.add(id(item))
            self.warnings.append(
                f"{self._name(item)}: its week table ends at week {last} and the plan at week "
                f"{self.plan.weeks}, so week {week} and later print its own sets (give the "
                "plan a `cycle:` to repeat the table)."
            )
        return None

    def _undefined(
        self, item: Prescription | Circuit, week: int, last: int, at: tuple[int, int]
    ) -> Problem:
        path = ("sessions", at[0], "exercises", at[1], "weeks")
        file, line, column = self.plan.locate(path)
        repeat = (
            f"the cycle has {self.plan.cycle.weeks} weeks"
            if self.plan.cycle
            else "add `cycle: {weeks: " + str(last) + "}` to repeat it"
        )
        message = (
            f"week {week} of {self._name(item)} is not in its week table, and it has no sets "
            f"of its own ({repeat}, or give it `sets:`)."
        )
        return Problem(file, message, line, column, dotted(path))

    def _name(self, item: Prescription | Circuit) -> str:
        if isinstance(item, Circuit):
            return item.circuit
        return self.plan.exercise(item).name


def _track(item: Prescription | Circuit) -> tuple[str, ...]:
    return ("circuit", item.circuit) if isinstance(item, Circuit) else item.track()


def _placed(entry: Entry, key: str, items: Sequence[object], position: int) -> Entry:
    """The entry with its key and how many times its exercise came before it in the session."""
    same = sum(
        1
        for other in items[: position + 1]
        if isinstance(other, Prescription) and other.exercise == entry.exercise_id
    )
    return replace(entry, key=key, occurrence=same)
