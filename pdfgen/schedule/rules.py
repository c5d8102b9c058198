"""Each exercise's progression rules as the schedule applies them: the plan's keys under the
exercise's own, as far as they make sense for its kind of work, built once per exercise.

Pure: no I/O.
"""

from __future__ import annotations

from pdfgen.plan.limits import LIFTED
from pdfgen.plan.loads import parse_load
from pdfgen.plan.model import Plan, Prescription
from pdfgen.plan.rules import Progression
from pdfgen.schedule.progression import Rule
from pdfgen.units import Unit


class Rules:
    """The rules of a plan's exercises, for a client's units."""

    def __init__(self, plan: Plan, units: Unit) -> None:
        self.plan, self.units = plan, units
        self._rule_cache: dict[tuple[int, Unit | None], Rule] = {}

    def per_session(self, item: Prescription) -> bool:
        rules = self.rules(item, self.on_purpose(item))
        return rules is not None and rules.every == "session"

    def on_purpose(self, item: Prescription) -> bool:
        """Whether the plan loads this exercise on purpose: lifted work always; bodyweight,
        band, timed and distance work only with a weight of its own (a belt, assistance) or a
        load step of its own."""
        if self.plan.kind(item) in LIFTED:
            return True
        own_step = item.progression is not None and item.progression.load is not None
        if own_step:
            return True
        return any(parse_load(g.load or "") is not None for g in item.groups()) or (
            parse_load(item.load or "") is not None if item.load and "/" not in item.load else False
        )

    def rules(self, item: Prescription, on_purpose: bool = True) -> Progression | None:
        """The exercise's own progression keys over the plan's. The plan's load step and its
        deload's lighter load apply only to work loaded on purpose (see `_on_purpose`)."""
        plan = self.plan.progression
        if plan is not None and not on_purpose:
            lighter = plan.deload.model_copy(update={"load": 1.0}) if plan.deload else None
            plan = plan.model_copy(update={"load": None, "deload": lighter})
        if item.progression is None:
            return plan
        return item.progression.over(plan)

    def rule(self, item: Prescription, unit: Unit | None) -> Rule:
        # The same prescription comes back every week: build its rule once.
        key = (id(item), unit)
        if key not in self._rule_cache:
            self._rule_cache[key] = self._make_rule(item, unit)
        return self._rule_cache[key]

    def _make_rule(self, item: Prescription, unit: Unit | None) -> Rule:
        rules = self.rules(item, self.on_purpose(item))
        if rules is None:
            return Rule()
        # A load that waits for an AMRAP goal is stepped by `pdfgen next`, not in print.
        step = rules.load if not rules.amrap_goal else None
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

    def as_written(self, text: str | None, item: Prescription) -> bool:
        """Whether a load is a weight written in the client's units that grows only by steps
        written in them: the trainer chose it (a 24 kg kettlebell, then 26 kg), so it prints
        as written, not rounded to the plan's increment."""
        load = parse_load(text) if text else None
        if load is None or load.is_percent or load.weight_unit != self.units:
            return False
        rules = self.rules(item, self.on_purpose(item))
        step = rules.load if rules else None
        return step is None or step.unit == self.units

    def increment(self, item: Prescription) -> float:
        """What the gym can add to this exercise's load, in the client's units."""
        rounding = item.round_loads_to or self.plan.round_loads_to
        return float(getattr(rounding, self.units))
