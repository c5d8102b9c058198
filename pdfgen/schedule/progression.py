"""Progression: each week's sets, reps and load for one exercise, from the plan's rules.

Pure, no I/O. The rules, as the plan format states them:

* `reps`: add this many reps a week, from the bottom of the range to the top; then start the
  range again with the load increased by one load step. A fixed count stays fixed (its one-step
  "range" completes every week, so the load steps weekly).
* `load`: the load step. Without `reps` it is added every week.
* `sets`: add `add` sets every `every` weeks, up to `max`.
* `deload`: every `every`-th week, `sets` times the sets (rounded up) at the bottom of the range
  with `load` times the last week's load. A deload week does not advance the progression.

>>> from pdfgen.plan.reps import parse_reps
>>> rule = Rule(reps_step=1, load_step=2.5, deload_every=4, deload_sets=0.5)
>>> for week in range(1, 6):
...     w = week_target(3, parse_reps("6-8"), 40.0, rule, week)
...     print(w.week, w.sets, w.reps, w.load, *(["deload"] if w.deload else []))
1 3 6 40.0
2 3 7 40.0
3 3 8 40.0
4 2 6 40.0 deload
5 3 6 42.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from pdfgen.plan.reps import RepTarget


@dataclass(frozen=True)
class Rule:
    """How an exercise progresses; zero means "not at all"."""

    reps_step: int = 0
    load_step: float = 0.0  # in the load's own unit
    load_percent: float = 0.0  # percent of the starting load, per step
    add_sets: int = 0
    sets_every: int = 0
    max_sets: int = 0
    deload_every: int = 0
    deload_sets: float = 1.0
    deload_load: float = 1.0


@dataclass(frozen=True)
class WeekTarget:
    """One week's prescription for one exercise."""

    week: int
    sets: int
    reps: RepTarget
    load: float | None
    deload: bool = False
    steps: int = 0  # load steps taken by this week (so a described load can say "+5 kg")


def is_deload(week: int, rule: Rule) -> bool:
    """Whether `week` (1-based) is a deload week.

    >>> [is_deload(w, Rule(deload_every=4)) for w in range(1, 9)]
    [False, False, False, True, False, False, False, True]
    """
    return rule.deload_every > 0 and week % rule.deload_every == 0


def position(week: int, rule: Rule) -> int:
    """How many progressing weeks come before `week`: deload weeks do not count.

    >>> [position(w, Rule(deload_every=4)) for w in range(1, 7)]
    [0, 1, 2, 3, 3, 4]
    """
    deloads_before = (week - 1) // rule.deload_every if rule.deload_every else 0
    return week - 1 - deloads_before


def reps_at(reps: RepTarget, step: int, pos: int) -> tuple[RepTarget, int]:
    """The target at progression position `pos`, and how many load steps have come by then:
    one per completed range, or one a week when the reps do not progress. A step of a time
    or distance is in the unit the target is written in.

    >>> from pdfgen.plan.reps import parse_reps
    >>> [(str(t), n) for t, n in (reps_at(parse_reps("6-8"), 1, p) for p in range(5))]
    [('6', 0), ('7', 0), ('8', 0), ('6', 1), ('7', 1)]
    >>> reps_at(parse_reps("12"), 1, 3)[1], str(reps_at(parse_reps("30-45s"), 5, 2)[0])
    (3, '40 s')
    """
    if step <= 0 or reps.amrap:
        return reps, pos
    size = step * reps.factor  # a step is in the unit the target is written in: 1 min is 60 s
    positions = int((reps.high - reps.low) // size) + 1
    laps, within = divmod(pos, positions)
    value = reps.low + within * size
    return replace(reps, low=value, high=value), laps


def sets_at(sets: int, rule: Rule, pos: int) -> int:
    """Work sets at position `pos`: `add` more every `every` progressing weeks, up to `max`.

    >>> [sets_at(3, Rule(add_sets=1, sets_every=3, max_sets=5), p) for p in range(0, 12, 2)]
    [3, 3, 4, 5, 5, 5]
    """
    if rule.add_sets <= 0 or rule.sets_every <= 0:
        return sets
    grown = sets + rule.add_sets * (pos // rule.sets_every)
    return max(sets, min(grown, rule.max_sets or grown))


def load_at(load: float | None, rule: Rule, steps: int) -> float | None:
    """The load after `steps` load steps (absolute, or a percentage of the starting load).

    >>> load_at(40.0, Rule(load_step=2.5), 3), load_at(100.0, Rule(load_percent=5), 2)
    (47.5, 110.0)
    >>> load_at(None, Rule(load_step=2.5), 3) is None
    True
    """
    if load is None:
        return None
    return load + steps * (rule.load_step + load * rule.load_percent / 100)


def week_target(
    sets: int, reps: RepTarget, load: float | None, rule: Rule, week: int, at: int | None = None
) -> WeekTarget:
    """One week's target for one exercise; `at` is the progression's position when it counts
    sessions rather than weeks (the sessions before, deload weeks' not counted)."""
    pos = position(week, rule) if at is None else at
    if is_deload(week, rule):
        last = max(pos - 1, 0)  # the load of the last progressing week
        _, steps = reps_at(reps, rule.reps_step, last)
        last_load = load_at(load, rule, steps)
        light = None if last_load is None else last_load * rule.deload_load
        bottom = reps if reps.amrap else replace(reps, high=reps.low)
        worked = sets_at(sets, rule, last)
        return WeekTarget(week, math.ceil(worked * rule.deload_sets), bottom, light, True, steps)
    target, steps = reps_at(reps, rule.reps_step, pos)
    return WeekTarget(
        week, sets_at(sets, rule, pos), target, load_at(load, rule, steps), steps=steps
    )
