"""What `pdfgen next` decides for one exercise from what was logged: each set judged by its own
target, each session as met or failed, then the plan's rules.

* A set **falls short** when it did fewer reps (or seconds) than the bottom of its own target,
  as that week printed it ("5+" needs 5; week 2 of 5/3/1 needs 3, not the base 5). A session
  **fails** when one of its work sets falls short.
* **Stages** (GZCLP): a failed session moves the exercise to its next stage's sets at the same
  load; once the last stage fails, it starts again at the first, lighter by `on_failure.drop`.
* **On failure** (StrongLifts): after `after` failed sessions in a row the load drops by `drop`;
  a failed session before that keeps the load.
* **An AMRAP goal** (GZCLP's T3): the load steps up once the last set reaches the goal.
* Otherwise **double progression**: every set reached the top of the exercise's range, a load
  step more; sets fell short in each of the last two sessions, a step less; else the load stays.
* A load that is a **share of a max** (70%, 65% TM, 90% 5RM) is never turned into a weight: the
  decision says what to do with the client's max instead.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from pdfgen.logbook.judging import Judged, base_target, judge
from pdfgen.logbook.readlog import LoggedSet
from pdfgen.plan.loads import Load, format_weight, parse_load, parse_loads, round_to
from pdfgen.plan.model import Plan, Prescription
from pdfgen.plan.rules import Progression
from pdfgen.plan.sets import parse_scheme
from pdfgen.units import MAX_LOAD, Unit


@dataclass(frozen=True)
class Decision:
    """What happens to one exercise's load (and sets), and why."""

    session: str
    exercise: str
    old: str  # the plan's load as written, or ""
    new: str | None  # the next block's load, or None when it stays as the plan has it
    reason: str
    old_sets: str = ""  # the plan's sets as written, where a stage changes them
    new_sets: str | None = None  # the next stage's sets

    @property
    def changes(self) -> bool:
        """Whether the plan's text changes."""
        return (self.new is not None and self.new != self.old) or self.sets_change

    @property
    def sets_change(self) -> bool:
        """Whether the plan's sets change (a new stage)."""
        return self.new_sets is not None and self.new_sets != self.old_sets

    def __str__(self) -> str:
        if self.new is None:
            change = "unchanged"
        elif self.new == self.old:
            change = f"stays at {self.new}"
        else:
            change = f"{self.old or 'no load'} → {self.new}"
        if self.sets_change:
            change += f", sets {self.old_sets or '—'} → {self.new_sets}"
        return f"{self.session} · {self.exercise}: {change} ({self.reason})"


def rules_of(plan: Plan, item: Prescription) -> Progression | None:
    """The exercise's progression: its own keys over the plan's."""
    if item.progression is None:
        return plan.progression
    return item.progression.over(plan.progression)


def per_session(plan: Plan, item: Prescription) -> bool:
    """Whether the exercise progresses session by session (StrongLifts), not week by week."""
    rules = rules_of(plan, item)
    return rules is not None and rules.every == "session"


def decide(plan: Plan, session: str, item: Prescription, rows: Sequence[LoggedSet]) -> Decision:
    """The next block's load (and stage) for one exercise, from its logged sets (any order)."""
    name = plan.exercise(item).name
    old = str(item.load or "")
    old_sets = item.sets if isinstance(item.sets, str) else ""

    def keep(reason: str) -> Decision:
        return Decision(session, name, old, None, reason, old_sets)

    sessions = judge(item, rows)
    if not sessions:
        return keep("no reps logged outside deload weeks")
    last = sessions[-1]
    rules = rules_of(plan, item)
    if _shares_of_a_max(item, plan):
        return keep(_max_advice(sessions, plan, item))
    weights = last.weights()
    if not weights:
        return keep(f"no weight written in {last.when}")
    if _loads_in_sets(item):
        return keep(f"its loads are written set by set; {_summary(last)}")
    units: Unit = "lb" if last.sets[0][0].units == "lb" else "kg"
    lifted = max(weights)
    step, increment = _step(plan, item, rules, units, lifted)
    if rules is not None and rules.stages:
        return _staged(session, name, item, rules, sessions, lifted, step, increment, units)
    if rules is not None and rules.on_failure and rules.on_failure.drop:
        new, reason = _reset(rules, sessions, lifted, step, increment, units)
    elif rules is not None and rules.amrap_goal:
        new, reason = _amrap_goal(rules.amrap_goal, last, lifted, step, increment)
    elif all(target.amrap and not target.low for _, target, _ in last.sets):
        return keep("as many reps as possible: no range to judge by")
    else:
        new, reason = _double(item, sessions, lifted, step, increment)
    return _decision(session, name, old, new, reason, units, increment, old_sets)


def _decision(
    session: str,
    name: str,
    old: str,
    new: float,
    reason: str,
    units: Unit,
    increment: float,
    old_sets: str = "",
    new_sets: str | None = None,
) -> Decision:
    if new > MAX_LOAD[units]:
        new, reason = (
            round_to(MAX_LOAD[units], increment),
            f"{reason}, but it is the most pdfgen plans",
        )
    written = format_weight(new, units)
    # The same weight spelled otherwise ("40kg") is no change: the plan keeps its spelling.
    if _same_load(old, new, units):
        written = old
    return Decision(session, name, old, written, reason, old_sets, new_sets)


def _double(
    item: Prescription, sessions: list[Judged], lifted: float, step: float, increment: float
) -> tuple[float, str]:
    """Double progression: the top of the range, a step up; short twice running, a step down."""
    last = sessions[-1]
    base = base_target(item)
    tops = [
        base.high if base is not None and not base.amrap else t.low if t.amrap else t.high
        for _, t, _ in last.sets
    ]
    unit = "s" if last.sets[0][1].timed else "reps"
    reached = sum((done or 0) >= top for (_, _, done), top in zip(last.sets, tops, strict=True))
    top_text = f"{int(tops[0])} {unit}" if len(set(tops)) == 1 else "their top"
    if reached == len(last.sets):
        return round_to(lifted + step, increment), f"every set reached {top_text} in {last.when}"
    if len(sessions) >= 2 and all(s.failed for s in sessions[-2:]):
        bottom = int(min(t.low for _, t, _ in last.sets))
        return (
            max(round_to(lifted - step, increment), increment),
            f"sets fell below {bottom} {unit} in the last two sessions",
        )
    return (
        round_to(lifted, increment),
        f"{reached} of {len(last.sets)} sets reached {top_text} in {last.when}",
    )


def _reset(
    rules: Progression,
    sessions: list[Judged],
    lifted: float,
    step: float,
    increment: float,
    units: Unit,
) -> tuple[float, str]:
    """StrongLifts: a load step after a session met; the same load after a failed one; after
    `after` failed sessions in a row at that load, lighter by `drop`."""
    failure = rules.on_failure
    assert failure is not None and failure.drop is not None
    last = sessions[-1]
    if not last.failed:
        return round_to(lifted + step, increment), f"every set met its target in {last.when}"
    streak = 0
    for judged in reversed(sessions):
        if not judged.failed or max(judged.weights() or [0]) != lifted:
            break
        streak += 1
    if streak >= failure.after:
        lighter = _less(lifted, failure.drop, units)
        return (
            max(round_to(lighter, increment), increment),
            f"{streak} failed sessions in a row at {format_weight(lifted, units)}: "
            f"{failure.drop} lighter",
        )
    return (
        round_to(lifted, increment),
        f"{_sets_short(last)} in {last.when} ({streak} of {failure.after} failed "
        "sessions before it gets lighter)",
    )


def _staged(
    session: str,
    name: str,
    item: Prescription,
    rules: Progression,
    sessions: list[Judged],
    lifted: float,
    step: float,
    increment: float,
    units: Unit,
) -> Decision:
    """GZCLP: a failed session moves to the next stage's sets at the same load; the last
    stage failed starts again at the first, lighter."""
    stages = rules.stages or []
    old_sets = item.sets if isinstance(item.sets, str) else str(item.sets or "")
    old = str(item.load or "")
    current = _stage_of(old_sets, stages)
    last = sessions[-1]
    if not last.failed:
        new, reason = round_to(lifted + step, increment), f"every set met its target in {last.when}"
        return _decision(session, name, old, new, reason, units, increment, old_sets, old_sets)
    if current + 1 < len(stages):
        reason = (
            f"{_sets_short(last)} in {last.when}: the next stage, {stages[current + 1]}, "
            "at the same load"
        )
        return _decision(
            session,
            name,
            old,
            round_to(lifted, increment),
            reason,
            units,
            increment,
            old_sets,
            stages[current + 1],
        )
    drop = rules.on_failure.drop if rules.on_failure and rules.on_failure.drop else None
    lighter = _less(lifted, drop, units) if drop is not None else lifted
    reason = f"the last stage failed in {last.when}: back to {stages[0]}"
    if drop is not None:
        reason += f", {drop} lighter"
    return _decision(
        session,
        name,
        old,
        max(round_to(lighter, increment), increment),
        reason,
        units,
        increment,
        old_sets,
        stages[0],
    )


def _stage_of(written: str, stages: list[str]) -> int:
    """Which stage the exercise's sets are (0 when they are none of them)."""
    try:
        mine = parse_scheme(written)
    except ValueError:
        return 0
    for index, stage in enumerate(stages):
        if parse_scheme(stage) == mine:
            return index
    return 0


def _amrap_goal(
    goal: int, last: Judged, lifted: float, step: float, increment: float
) -> tuple[float, str]:
    done = last.sets[-1][2] or 0
    if done >= goal:
        return round_to(
            lifted + step, increment
        ), f"the last set reached {goal} reps in {last.when}"
    return round_to(
        lifted, increment
    ), f"the last set reached {int(done)} of {goal} reps in {last.when}"


def _shares_of_a_max(item: Prescription, plan: Plan) -> bool:
    """Whether the exercise's loads are shares of the client's max (in any week)."""
    texts = [item.load or ""] + [g.load or "" for g in item.groups()]
    texts += [change.load or "" for change in plan.table(item).values()]
    for change in plan.table(item).values():
        if isinstance(change.sets, str):
            with suppress(ValueError):
                texts += [g.load or "" for g in parse_scheme(change.sets)]
    for text in texts:
        try:
            loads = parse_loads(text) if text else []
        except ValueError:
            continue
        if any(load is not None and load.is_percent and load.of.kind != "set" for load in loads):
            return True
    return False


def _max_advice(sessions: list[Judged], plan: Plan, item: Prescription) -> str:
    last = sessions[-1]
    failed = [s for s in sessions if s.failed]
    raise_by = _max_raise(plan, item, max(s.week for s in sessions))
    if not failed:
        return (
            f"its loads are shares of the client's max; every set met its target up to "
            f"{last.when}: raise the max{raise_by} for the next block (--max)"
        )
    return (
        f"its loads are shares of the client's max; sets fell short in {failed[-1].when}: "
        "keep the max for the next block"
    )


def _max_raise(plan: Plan, item: Prescription, last_week: int) -> str:
    """How much to raise the client's max so that the next block starts a cycle on from the
    last cycle logged. A cycle's increment is of the training max where the plan has one:
    +2.5 kg on a training max of 90 % is +2.8 kg on the max."""
    add = plan.cycle_add(item.exercise)
    if add is None or plan.cycle is None:
        return ""
    cycles = -(-last_week // plan.cycle.weeks)  # the cycles the log reached, its last counted
    why = f"{cycles} × the cycle's {add}"
    if add.is_percent:
        return f" by {add.value * cycles:g}% ({why})"
    if plan.training_max is None:
        return f" by {add.value * cycles:g} {add.weight_unit} ({why})"
    amount = add.value * cycles / plan.training_max
    return (
        f" by {amount:.1f} {add.weight_unit} ({why} on a training max of {plan.training_max:.0%})"
    )


def _loads_in_sets(item: Prescription) -> bool:
    """Whether the exercise's weights are written set by set (a pyramid, a scheme)."""
    loads = {g.load for g in item.groups() if g.load}
    return len(loads) > 1 or (bool(loads) and item.load is None)


def _summary(last: Judged) -> str:
    return (
        f"{len(last.sets) - last.short()} of {len(last.sets)} sets met their targets in {last.when}"
    )


def _sets_short(session: Judged) -> str:
    """How many sets fell short, in words: "1 set short", "2 sets short"."""
    n = session.short()
    return f"{n} set{'' if n == 1 else 's'} short"


def _less(lifted: float, drop: Load, units: Unit) -> float:
    return lifted * (1 - drop.value / 100) if drop.is_percent else lifted - drop.in_units(units)


def _same_load(old: str, new: float, units: Unit) -> bool:
    try:
        load = parse_load(old)
    except ValueError:
        return False
    return load is not None and load.unit == units and abs(load.value - new) < 1e-9


def _step(
    plan: Plan, item: Prescription, rules: Progression | None, units: Unit, lifted: float
) -> tuple[float, float]:
    """The load step in `units` (the plan's, or the rounding increment), and the increment."""
    rounding = item.round_loads_to or plan.round_loads_to
    increment = rounding.kg if units == "kg" else rounding.lb
    load = rules.load if rules else None
    if load is None:
        return increment, increment
    if load.is_percent:
        return lifted * load.value / 100, increment
    return load.in_units(units), increment
