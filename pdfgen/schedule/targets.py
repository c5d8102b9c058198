"""Each exercise's targets in one week: its sets, group by group, after progression, with loads
worked out from the client's maxes and converted to their units.

Pure: no I/O and no drawing.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Literal

from pdfgen.plan.limits import LIFTED
from pdfgen.plan.loads import parse_load, round_to
from pdfgen.plan.maxes import Max
from pdfgen.plan.model import Plan, Prescription
from pdfgen.plan.reps import RepTarget, with_hold
from pdfgen.plan.sets import Effort, SetGroup
from pdfgen.plan.weekly import Weekly, week_of
from pdfgen.plan.weeks import WeekChange
from pdfgen.schedule.model import Entry, LoadTarget, SetTarget
from pdfgen.schedule.progression import WeekTarget, week_target
from pdfgen.schedule.rules import Rules
from pdfgen.units import Unit, convert

DROP = 0.8  # each drop set is this share of the load before it
AMRAP = RepTarget(0, 0, amrap=True)


class Targets:
    """Targets week by week: progression, and loads in the client's units."""

    def __init__(self, plan: Plan, units: Unit, maxes: dict[str, Max]) -> None:
        self.plan, self.units, self.maxes = plan, units, maxes
        self.rules = Rules(plan, units)

    def entry(
        self,
        item: Prescription,
        week: int,
        change: object,
        cycle: int,
        sessions: int,
        label: str,
    ) -> Entry | None:
        """The exercise's entry in `week` (None when the week leaves it out): `change` is the
        week's change, `cycle` how many cycles came before, `sessions` how many sessions
        before trained the exercise."""
        weekly = week_of(item, change if isinstance(change, WeekChange) else None)
        if not weekly.groups:
            return None
        lifted = self.plan.kind(item) in LIFTED
        rows: list[SetTarget] = []
        weights: list[float | None] = []  # each work set's weight, for "% of set 1"
        deload = weekly.deload
        note = ""
        first_target: WeekTarget | None = None
        own = item.groups()
        for index, group in enumerate(weekly.groups):
            base = self._base_load(group.load, item, cycle, weights)
            unit = base[1] if base else None
            rule = self.rules.rule(item, unit)
            at = sessions if self.rules.per_session(item) else None
            # The rules run on the exercise's own reps; a week's own reps then replace them.
            reps = group.reps or AMRAP
            if "reps" in weekly.own and len(own) == len(weekly.groups):
                reps = own[index].reps or reps
            target = week_target(group.count, reps, base[0] if base else None, rule, week, at)
            target = _own(target, group, weekly, base)
            first_target = first_target or target
            deload = deload or target.deload
            # A deload's share of a weight is worked out, so it rounds to what can be loaded.
            light = target.deload and rule.deload_load != 1
            written = self.rules.as_written(group.load, item)
            load, value = self._weight(target.load, unit, item, written and not light)
            if light and target.load is not None and value is not None:
                # Rounding a deload's share up must not make it heavier than the week before.
                before = self._weight(target.load / rule.deload_load, unit, item, written)
                if before[1] is not None and value > before[1]:
                    load, value = before
            if not base and group.load:
                note = note or group.load
            if base and not lifted:
                # Bodyweight work loaded on purpose: a weight added (a belt) or assistance.
                load, value = LoadTarget(added=value), None
            elif not base and target.deload and rule.deload_load < 1 and lifted:
                load = LoadTarget(share=rule.deload_load)  # of last week's load
            elif not base and target.steps:
                load = self._added(target.steps, item)
            reps = with_hold(target.reps, group.hold) if group.hold else target.reps
            effort, kind = _effort(group)
            for index in range(target.sets):
                number = len(weights) + 1
                weights.append(value)
                # "5x3+": the group's last set goes on for as many reps as possible.
                last = group.last_amrap and index == target.sets - 1
                row = SetTarget(
                    number,
                    replace(reps, amrap=True) if last else reps,
                    load,
                    effort=effort,
                    effort_kind=kind,
                    rest=group.rest or "",
                    note=group.notes or "",
                )
                rows += _sides(row, weekly.separate_sides)
            rows += self._after(group, rows[-1] if rows else None, value, item, len(weights))
        assert first_target is not None
        work_load = next((w for w in weights if w is not None), None)
        warmups = self._warmups(weekly, first_target, work_load, item)
        entry_effort, entry_kind = _entry_effort(weekly)
        heaviest = max((w for w in weights if w is not None), default=None)
        return Entry(
            item.exercise,
            self.plan.exercise(item),
            item,
            warmups + tuple(rows),
            self.plan.kind(item),
            self.rules.on_purpose(item),
            label,
            deload,
            heaviest if lifted else None,
            note,
            weekly.notes,
            rest=weekly.rest,
            tempo=weekly.tempo,
            effort=entry_effort,
            effort_kind=entry_kind,
        )

    def _after(
        self,
        group: SetGroup,
        last: SetTarget | None,
        value: float | None,
        item: Prescription,
        number: int,
    ) -> list[SetTarget]:
        """The drop sets or rest-pause sets after a group's last set."""
        if last is None:
            return []
        rows = []
        before = value
        for k in range(1, group.drops + 1):
            load = LoadTarget(share=DROP**k)
            if value is not None and before is not None:
                weight = self._weight(value * DROP**k, self.units, item)[1] or 0.0
                # Rounding must not print a drop as heavy as the set before it.
                weight = min(weight, before - self.rules.increment(item))
                if weight > 0:
                    load, before = LoadTarget(weight=weight), weight
            rows.append(SetTarget(number, AMRAP, load, extra="drop", extra_number=k))
        for k in range(1, group.rest_pause + 1):
            rows.append(SetTarget(number, AMRAP, last.load, extra="rest_pause", extra_number=k))
        return rows

    def _added(self, steps: int, item: Prescription) -> LoadTarget | None:
        """What a load in words ("bodyweight") gains after `steps` load steps: 5 kg, 10%."""
        rules = self.rules.rules(item, self.rules.on_purpose(item))
        step = rules.load if rules else None
        if step is None:
            return None
        if step.is_percent:
            return LoadTarget(added_percent=step.value * steps)
        return LoadTarget(
            added=round_to(step.in_units(self.units) * steps, self.rules.increment(item))
        )

    def _base_load(
        self, text: str | None, item: Prescription, cycle: int, weights: list[float | None]
    ) -> tuple[float, Unit] | None:
        """A group's load before progression, with its unit: a weight, or a share of a max,
        the training max or an earlier set; with what the cycles so far have added."""
        load = parse_load(text) if text else None
        if load is None:
            return None
        add = self.plan.cycle_add(item.exercise)
        if not load.is_percent:
            # Assistance is a negative weight added: load steps take it towards none.
            value = -load.value if load.sign < 0 else load.value
            if add is not None and not add.is_percent:
                value += cycle * add.in_units(load.weight_unit)
            return value, load.weight_unit
        if load.of.kind == "set":
            earlier = weights[load.of.n - 1] if load.of.n <= len(weights) else None
            if earlier is None:
                raise AssertionError("the loader checked an earlier set has a load")
            return earlier * load.value / 100, self.units
        best = self.maxes.get(item.exercise)
        if best is None or best.unit is None:
            raise AssertionError("expand() checked every percentage load has its max")
        if load.of.kind == "tm":
            share = self.plan.training_max
            assert share is not None, "the loader checked a TM load has a training max"
            of = best.rep_max(1) * share
        else:
            of = best.rep_max(load.of.n)
        if add is not None and not add.is_percent:
            of += cycle * add.in_units(best.unit)
        elif add is not None:
            of *= (1 + add.value / 100) ** cycle
        value = of * load.value / 100
        if load.offset:
            value += convert(load.offset, load.offset_unit, best.unit)
        return value, best.unit

    def _weight(
        self, value: float | None, unit: Unit | None, item: Prescription, exact: bool = False
    ) -> tuple[LoadTarget | None, float | None]:
        """A load in the client's units, rounded to what the gym can load (or, `exact`, as
        written): as a set's target, and as a number."""
        if value is None or unit is None:
            return None, None
        converted = convert(value, unit, self.units)
        if exact:
            return LoadTarget(weight=round(converted, 3)), round(converted, 3)
        # Assistance (a negative weight added) rounds as the weight it is.
        rounded = math.copysign(round_to(abs(converted), self.rules.increment(item)), converted)
        return LoadTarget(weight=rounded), rounded

    def _warmups(
        self, weekly: Weekly, target: WeekTarget, work_load: float | None, item: Prescription
    ) -> tuple[SetTarget, ...]:
        warmup = weekly.warmup
        if warmup is None:
            return ()
        # By default a warm-up set aims at the bottom of the work target (5 before an AMRAP).
        bottom = (
            RepTarget(5, 5)
            if target.reps.amrap and not target.reps.low
            else replace(target.reps, high=target.reps.low, amrap=False)
        )
        reps = warmup.reps[0] if warmup.reps else bottom
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


def _own(
    target: WeekTarget, group: SetGroup, weekly: Weekly, base: tuple[float, Unit] | None
) -> WeekTarget:
    """A week's own values win over the rules, and change nothing else."""
    if "sets" in weekly.own:
        target = replace(target, sets=group.count)
    if "reps" in weekly.own and group.reps is not None:
        target = replace(target, reps=group.reps)
    if "load" in weekly.own:
        target = replace(target, load=base[0] if base else None, steps=0)
    return target


def _sides(row: SetTarget, separate: bool) -> list[SetTarget]:
    """A set as rows: one, or one per side when the plan logs the sides apart."""
    if not separate:
        return [row]
    return [replace(row, side="left"), replace(row, side="right")]


def _effort(group: SetGroup) -> tuple[Effort | None, Literal["rpe", "rir"]]:
    if group.rpe is not None:
        return group.rpe, "rpe"
    if group.rir is not None:
        return group.rir, "rir"
    return None, "rpe"


def _entry_effort(weekly: Weekly) -> tuple[Effort | None, Literal["rpe", "rir"]]:
    if weekly.rpe is not None:
        return weekly.rpe, "rpe"
    if weekly.rir is not None:
        return weekly.rir, "rir"
    return None, "rpe"
