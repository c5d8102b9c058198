"""Expanding a plan week by week into the training days a client will do.

Pure: no I/O and no drawing. The result says which session falls on which day (and date) of
which week, and every set's target for that week after progression, so that every page drawn
later only has to print it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from pdfgen.errors import InputError, Problem
from pdfgen.plan.client import ClientOptions, block_too_late, check_options
from pdfgen.plan.limits import LIFTED, Weekday
from pdfgen.plan.loads import Load, parse_load, round_to
from pdfgen.plan.model import (
    Plan,
    Prescription,
    Progression,
    missing_maxes,
)
from pdfgen.plan.reps import RepTarget
from pdfgen.schedule.calendar import session_letter, session_order, superset_labels, training_dates
from pdfgen.schedule.model import Day, Entry, LoadTarget, Schedule, SetTarget, Week
from pdfgen.schedule.progression import Rule, WeekTarget, week_target
from pdfgen.units import Unit, convert


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
        lifted = self.plan.kind(item) in LIFTED
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
        if base and not lifted:
            # Bodyweight work loaded on purpose: a weight added (a belt) or assistance.
            load, value = LoadTarget(added=value), None
        elif not base and target.deload and rule.deload_load < 1 and lifted:
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
            self.plan.kind(item),
            self._on_purpose(item),
            label,
            target.deload,
            value,
            note,
            notes,
        )

    def _added(self, steps: int, item: Prescription) -> LoadTarget | None:
        """What a load in words ("bodyweight") gains after `steps` load steps: 5 kg, 10%."""
        rules = self._rules(item, self._on_purpose(item))
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
            # Assistance is a negative weight added: load steps take it towards none.
            return (-load.value if load.sign < 0 else load.value), load.weight_unit
        best = self.maxes.get(item.exercise)
        if best is None or best.is_percent:
            raise AssertionError("expand() checked every percentage load has its max")
        return best.value * load.value / 100, best.weight_unit

    def _on_purpose(self, item: Prescription) -> bool:
        """Whether the plan loads this exercise on purpose: lifted work always; bodyweight,
        band, timed and distance work only with a weight of its own (a belt, assistance) or a
        load step of its own."""
        if self.plan.kind(item) in LIFTED:
            return True
        own_step = item.progression is not None and item.progression.load is not None
        return own_step or parse_load(item.load or "") is not None

    def _rules(self, item: Prescription, on_purpose: bool = True) -> Progression | None:
        """The exercise's own progression keys over the plan's. The plan's load step and its
        deload's lighter load apply only to work loaded on purpose (see `_on_purpose`)."""
        plan = self.plan.progression
        if plan is not None and not on_purpose:
            lighter = plan.deload.model_copy(update={"load": 1.0}) if plan.deload else None
            plan = plan.model_copy(update={"load": None, "deload": lighter})
        if item.progression is None:
            return plan
        return item.progression.over(plan)

    def _rule(self, item: Prescription, unit: Unit | None) -> Rule:
        # The same prescription comes back every week: build its rule once.
        key = (id(item), unit)
        if key not in self._rule_cache:
            self._rule_cache[key] = self._make_rule(item, unit)
        return self._rule_cache[key]

    def _make_rule(self, item: Prescription, unit: Unit | None) -> Rule:
        rules = self._rules(item, self._on_purpose(item))
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
        converted = convert(value, unit, self.units)
        # Assistance (a negative weight added) rounds as the weight it is.
        rounded = math.copysign(round_to(abs(converted), self._increment(item)), converted)
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
