"""Expanding a plan week by week into the training days a client will do.

Pure: no I/O and no drawing. The result says which session falls on which day (and date) of
which week, and every set's target for that week after progression, so that every page drawn
later only has to print it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from pdfgen.errors import InputError, Problem
from pdfgen.plan.client import ClientOptions, block_too_late, check_options
from pdfgen.plan.limits import WEEKDAYS, Weekday
from pdfgen.plan.loads import Load, parse_load, round_to
from pdfgen.plan.model import (
    Exercise,
    Plan,
    Prescription,
    Progression,
    Session,
    missing_maxes,
)
from pdfgen.plan.reps import RepTarget
from pdfgen.schedule.progression import Rule, WeekTarget, week_target
from pdfgen.units import Unit, convert


@dataclass(frozen=True)
class LoadTarget:
    """A set's load, as numbers. A weight in the client's units (rounded to what the gym can
    load); or, on a load the plan describes in words ("bodyweight"), what its load steps add to
    it, in the client's units or as a percentage, or in a deload the share of it to use."""

    weight: float | None = None
    added: float | None = None
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


def training_dates(start: date, weekdays: tuple[Weekday, ...], week: int) -> list[date]:
    """The dates of the training days in `week`, which begins `7 × (week - 1)` days after
    `start`; each weekday falls once in those seven days.

    >>> [d.isoformat() for d in training_dates(date(2027, 1, 4), ("mon", "thu"), 2)]
    ['2027-01-11', '2027-01-14']
    >>> [d.isoformat() for d in training_dates(date(2027, 1, 6), ("mon", "thu"), 1)]
    ['2027-01-07', '2027-01-11']
    """
    first = start + timedelta(weeks=week - 1)
    wanted = {WEEKDAYS.index(day) for day in weekdays}
    return [first + timedelta(days=n) for n in range(7) if (first.weekday() + n) % 7 in wanted]


def superset_labels(prescriptions: list[Prescription]) -> list[str]:
    """A1, A2... for exercises in a row that share a superset letter; "" for the others.

    >>> from types import SimpleNamespace as P
    >>> superset_labels([P(superset="A"), P(superset="A"), P(superset=None), P(superset="B")])
    ['A1', 'A2', '', 'B1']
    """
    labels: list[str] = []
    count = 0
    for index, item in enumerate(prescriptions):
        letter = item.superset
        if letter is None:
            labels.append("")
            continue
        same = index > 0 and prescriptions[index - 1].superset == letter
        count = count + 1 if same else 1
        labels.append(f"{letter}{count}")
    return labels


def expand(
    plan: Plan,
    *,
    weeks: int | str | None = None,
    start: date | str | None = None,
    days: str | Sequence[str] | None = None,
    units: str = "kg",
    maxes: Mapping[str, str | float | Load] | None = None,
) -> Schedule:
    """The plan's block, week by week (default: the plan's own length).

    The options take the forms the command line and `render_booklet` take: `weeks` 8 or "8",
    `start` a date or "2027-01-04", `days` "mon,thu" or a list (default: the plan's
    `training_days`; with `start`, every training day gets its date), `units` "kg" or "lb",
    `maxes` one-rep maxes by exercise id, name or alias, for percentage loads.
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
    targets = _Targets(plan, options.units, maxes)
    built = tuple(
        _week(plan, number, per_week, start, weekdays, targets) for number in range(1, total + 1)
    )
    return Schedule(plan, built, per_week, start, options.units, weekdays)


def _week(
    plan: Plan,
    number: int,
    per_week: int,
    start: date | None,
    weekdays: tuple[Weekday, ...],
    targets: _Targets,
) -> Week:
    week_start = start + timedelta(weeks=number - 1) if start else None
    dates: list[date | None] = [None] * per_week
    if start and weekdays:
        dates = list(training_dates(start, weekdays, number))
    order = session_order(len(plan.sessions), per_week, number)
    days = tuple(
        _day(plan, number, index + 1, session_index, dates[index], targets)
        for index, session_index in enumerate(order)
    )
    return Week(number, days, week_start)


def _day(
    plan: Plan, week: int, day: int, session_index: int, when: date | None, targets: _Targets
) -> Day:
    session = plan.sessions[session_index]
    labels = superset_labels(session.exercises)
    entries = tuple(
        targets.entry(item, week, session_index, position, label)
        for position, (item, label) in enumerate(zip(session.exercises, labels, strict=True))
    )
    return Day(week, day, session, session_letter(session_index), entries, when)


class _Targets:
    """Each exercise's targets week by week: progression, and loads in the client's units."""

    def __init__(self, plan: Plan, units: Unit, maxes: dict[str, Load]) -> None:
        self.plan, self.units, self.maxes = plan, units, maxes
        self._rule_cache: dict[tuple[int, Unit | None], Rule] = {}

    def entry(
        self, item: Prescription, week: int, session: int, position: int, label: str
    ) -> Entry:
        change = item.weeks.get(week)
        load_text = item.load
        base = self._base_load(load_text, item, session, position)
        unit = base[1] if base else None
        rule = self._rule(item, unit)
        target = week_target(item.sets, item.reps, base[0] if base else None, rule, week)
        if change:
            # A week's own values win over the rules, and change nothing else.
            if change.load:
                load_text = change.load
                base = self._base_load(load_text, item, session, position)
                unit = base[1] if base else None
                target = replace(target, load=base[0] if base else None, steps=0)
            target = replace(
                target, sets=change.sets or target.sets, reps=change.reps or target.reps
            )
        load, value = self._weight(target.load, unit, item)
        note = "" if base else (load_text or "")
        if not base and target.deload and rule.deload_load < 1:
            load = LoadTarget(share=rule.deload_load)  # of last week's load
        elif not base and target.steps:
            load = self._added(target.steps, item)
        sets = self._warmups(item, target, value) + tuple(
            SetTarget(n, target.reps, load) for n in range(1, target.sets + 1)
        )
        notes = change.notes if change and change.notes else item.notes
        return Entry(
            item.exercise,
            self.plan.exercise(item),
            item,
            sets,
            label,
            target.deload,
            value,
            note,
            notes,
        )

    def _added(self, steps: int, item: Prescription) -> LoadTarget | None:
        """What a load in words ("bodyweight") gains after `steps` load steps: 5 kg, 10%."""
        rules = self._rules(item)
        step = rules.load if rules else None
        if step is None:
            return None
        if step.is_percent:
            return LoadTarget(added_percent=step.value * steps)
        return LoadTarget(added=round_to(step.in_units(self.units) * steps, self._increment(item)))

    def _base_load(
        self, text: str | None, item: Prescription, session: int, position: int
    ) -> tuple[float, Unit] | None:
        load = parse_load(text) if text else None
        if load is None:
            return None
        if not load.is_percent:
            return load.value, load.weight_unit
        best = self.maxes.get(item.exercise)
        if best is None or best.is_percent:
            raise AssertionError("expand() checked every percentage load has its max")
        return best.value * load.value / 100, best.weight_unit

    def _rules(self, item: Prescription) -> Progression | None:
        """The exercise's own progression keys over the plan's."""
        if item.progression is None:
            return self.plan.progression
        return item.progression.over(self.plan.progression)

    def _rule(self, item: Prescription, unit: Unit | None) -> Rule:
        # The same prescription comes back every week: build its rule once.
        key = (id(item), unit)
        if key not in self._rule_cache:
            self._rule_cache[key] = self._make_rule(item, unit)
        return self._rule_cache[key]

    def _make_rule(self, item: Prescription, unit: Unit | None) -> Rule:
        rules = self._rules(item)
        if rules is None:
            return Rule()
        step = rules.load
        load_step = load_percent = 0.0
        if step is not None and step.is_percent:
            load_percent = step.value
        elif step is not None and unit is not None:
            load_step = step.in_units(unit)
        return Rule(
            reps_step=rules.reps or 0,
            load_step=load_step,
            load_percent=load_percent,
            add_sets=rules.sets.add if rules.sets else 0,
            sets_every=rules.sets.every if rules.sets else 0,
            max_sets=rules.sets.max if rules.sets else 0,
            deload_every=rules.deload.every if rules.deload else 0,
            deload_sets=rules.deload.sets if rules.deload else 1.0,
            deload_load=rules.deload.load if rules.deload else 1.0,
        )

    def _increment(self, item: Prescription) -> float:
        """What the gym can add to this exercise's load, in the client's units."""
        rounding = item.round_loads_to or self.plan.round_loads_to
        return float(getattr(rounding, self.units))

    def _weight(
        self, value: float | None, unit: Unit | None, item: Prescription
    ) -> tuple[LoadTarget | None, float | None]:
        """A load in the client's units, rounded to what the gym can load: as a set's target,
        and as a number."""
        if value is None or unit is None:
            return None, None
        rounded = round_to(convert(value, unit, self.units), self._increment(item))
        return LoadTarget(weight=rounded), rounded

    def _warmups(
        self, item: Prescription, target: WeekTarget, work_load: float | None
    ) -> tuple[SetTarget, ...]:
        warmup = item.warmup
        if warmup is None:
            return ()
        # By default a warm-up set aims at the bottom of the work target (5 before an AMRAP).
        bottom = (
            RepTarget(5, 5) if target.reps.amrap else replace(target.reps, high=target.reps.low)
        )
        reps = warmup.reps or bottom
        written = warmup.load or ""
        load = parse_load(written) if written else None
        target_load: LoadTarget | None = None
        if load is not None and load.is_percent:
            # A share of this week's work load; with no work weight there is nothing to share.
            share = None if work_load is None else work_load * load.value / 100
            target_load = self._weight(share, self.units, item)[0]
        elif load is not None:
            target_load = self._weight(load.value, load.weight_unit, item)[0]
        elif written:
            target_load = LoadTarget(words=written)
        return tuple(
            SetTarget(n, reps, target_load, warmup=True) for n in range(1, warmup.sets + 1)
        )
