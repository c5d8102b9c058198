"""Progression: each week's sets, reps and load, as the plan's rules and per-week changes say.

Property tests over random rules and targets for the pure arithmetic of
`pdfgen.schedule.progression` (a deload never raises a target, sets stay between the start and
`max`, loads only climb, reps stay in their range and unit); a known program,
examples/whole-back.yaml, worked by hand week by week (the arithmetic, then the loads on the
bar); then worked examples through `expand()` on plans read with `load_plan_text` (the issue's
3 × 6-8 example, per-week overrides, timed and per-side targets, percentage loads, kg and lb).
The expected numbers are literals worked out by hand, never the formula under test again.
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from support import EXAMPLES, printed_load, set_label

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.plan.loads import Load
from pdfgen.plan.model import Plan
from pdfgen.plan.reps import RepTarget, parse_reps
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Entry, Schedule
from pdfgen.schedule.progression import Rule, WeekTarget, week_target

SETTINGS = settings(max_examples=200, deadline=None)
WEEKS = 20

# -- strategies ---------------------------------------------------------------------------------


@st.composite
def targets(draw: st.DrawFn, ranged: bool | None = None) -> RepTarget:
    """A rep target as plans write it: a count or a range, in reps or seconds, maybe per side."""
    unit = draw(st.sampled_from(["reps", "seconds"]))
    low = draw(st.integers(1, 30) if unit == "reps" else st.integers(5, 120))
    spans = {None: st.integers(0, 12), True: st.integers(1, 12), False: st.just(0)}
    span = draw(spans[ranged])
    return RepTarget(low, low + span, unit, per_side=draw(st.booleans()))


@st.composite
def rules(draw: st.DrawFn, sets: int = 1) -> Rule:
    """Any rule the plan format can state (zero: not at all); `max` is never below `sets`."""
    deload = draw(st.booleans())
    grow = draw(st.booleans())
    return Rule(
        reps_step=draw(st.integers(0, 6)),
        load_step=draw(st.sampled_from([0.0, 1.0, 1.25, 2.0, 2.5, 5.0])),
        load_percent=draw(st.sampled_from([0.0, 0.0, 2.5, 5.0])),
        add_sets=draw(st.integers(1, 5)) if grow else 0,
        sets_every=draw(st.integers(1, 6)) if grow else 0,
        max_sets=draw(st.integers(sets, 20)) if grow else 0,
        deload_every=draw(st.integers(2, 8)) if deload else 0,
        deload_sets=draw(st.floats(0.1, 1.0)) if deload else 1.0,
        deload_load=draw(st.floats(0.1, 1.0)) if deload else 1.0,
    )


@st.composite
def cases(
    draw: st.DrawFn, ranged: bool | None = None
) -> tuple[int, RepTarget, float | None, Rule, list[WeekTarget]]:
    """Starting sets, target and load, a rule, and the weeks they give."""
    sets = draw(st.integers(1, 20))
    reps = draw(targets(ranged))
    # A load is a weight a gym can load: no subnormal floats, which no step can raise.
    load = draw(st.none() | st.just(0.0) | st.floats(0.5, 300.0, allow_nan=False))
    rule = draw(rules(sets))
    return sets, reps, load, rule, weeks_of(sets, reps, load, rule, WEEKS)


def weeks_of(
    sets: int, reps: RepTarget, load: float | None, rule: Rule, weeks: int
) -> list[WeekTarget]:
    """Weeks 1 to `weeks` of one exercise."""
    return [week_target(sets, reps, load, rule, week) for week in range(1, weeks + 1)]


def progressing(weeks: list[WeekTarget]) -> list[WeekTarget]:
    return [w for w in weeks if not w.deload]


# -- properties of the arithmetic ---------------------------------------------------------------


@SETTINGS
@given(cases())
def test_a_deload_week_never_raises_a_target(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    _, _, load, _, weeks = case
    for week in weeks[1:]:
        if not week.deload:
            continue
        before = weeks[week.week - 2]  # the week before: deloads are at least 2 weeks apart
        assert not before.deload
        assert week.sets <= before.sets
        assert week.reps.low <= before.reps.low
        assert week.reps.high <= before.reps.high
        if load is not None:
            assert week.load is not None and before.load is not None
            assert week.load <= before.load + 1e-9


@SETTINGS
@given(cases())
def test_sets_stay_between_the_start_and_max(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    sets, _, _, rule, weeks = case
    ceiling = rule.max_sets if rule.add_sets else sets
    for week in weeks:
        assert 1 <= week.sets <= ceiling
        if not week.deload:
            assert week.sets >= sets
    # Sets only ever grow from one progressing week to the next.
    counts = [w.sets for w in progressing(weeks)]
    assert counts == sorted(counts)


@SETTINGS
@given(cases())
def test_loads_never_fall_from_one_progressing_week_to_the_next(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    _, _, load, _, weeks = case
    loads = [w.load for w in progressing(weeks)]
    if load is None:
        assert all(value is None for value in loads)
        return
    assert all(value is not None for value in loads)
    for earlier, later in pairwise(loads):
        assert earlier is not None and later is not None
        assert later >= earlier - 1e-9
    assert loads[0] == pytest.approx(load)


@SETTINGS
@given(cases(ranged=True))
def test_reps_climb_within_a_range_and_then_the_load_steps(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    _, reps, load, rule, weeks = case
    for week in weeks:
        assert reps.low <= week.reps.low <= week.reps.high <= reps.high
        assert (week.reps.unit, week.reps.per_side) == (reps.unit, reps.per_side)
        if rule.reps_step:
            assert week.reps.low == week.reps.high  # one number a week, not the range
        if week.deload:
            assert week.reps.low == reps.low  # a deload works at the bottom of the range
    if not rule.reps_step:
        return
    # Each progressing week adds `reps_step` until the top is out of reach, then the range
    # starts again one load step heavier.
    shown = progressing(weeks)
    for before, after in pairwise(shown):
        if after.reps.low == before.reps.low + rule.reps_step:
            assert after.steps == before.steps
        else:
            assert after.reps.low == reps.low
            assert before.reps.low + rule.reps_step > reps.high
            assert after.steps == before.steps + 1
            if load is not None and (rule.load_step or (rule.load_percent and load)):
                assert after.load is not None and before.load is not None
                assert after.load > before.load


@SETTINGS
@given(cases(ranged=False))
def test_a_fixed_count_stays_fixed_and_its_load_steps_every_week(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    _, reps, load, rule, weeks = case
    assert {w.reps for w in weeks} == {reps}
    shown = progressing(weeks)
    assert [w.steps for w in shown] == list(range(len(shown)))
    if load is None:
        return
    # The same rise every progressing week, and a rise only when there is a step (how big:
    # the worked examples below).
    loads = [w.load for w in shown if w.load is not None]
    assert len(loads) == len(shown) >= 2
    rises = [after - before for before, after in pairwise(loads)]
    assert rises == pytest.approx([rises[0]] * len(rises))
    if rule.load_step:
        assert rises[0] > 0
    elif not rule.load_percent:
        assert rises[0] == 0


@SETTINGS
@given(cases())
def test_a_deload_takes_its_share_of_the_last_weeks_sets_and_load(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    _, _, _, rule, weeks = case
    for week in weeks[1:]:
        if week.deload:
            before = weeks[week.week - 2]
            assert week.sets == math.ceil(before.sets * rule.deload_sets)
            if before.load is not None:
                assert week.load == pytest.approx(before.load * rule.deload_load)


@SETTINGS
@given(cases())
def test_a_deload_does_not_advance_the_progression(
    case: tuple[int, RepTarget, float | None, Rule, list[WeekTarget]],
) -> None:
    """The weeks with deloads are the weeks without, with the deload weeks slipped in."""
    sets, reps, load, rule, weeks = case
    plain = weeks_of(sets, reps, load, replace(rule, deload_every=0), WEEKS)
    shown = progressing(weeks)
    for with_deloads, without in zip(shown, plain, strict=False):
        assert (with_deloads.sets, with_deloads.reps, with_deloads.steps) == (
            without.sets,
            without.reps,
            without.steps,
        )
        assert with_deloads.load == without.load


# -- a known program, worked by hand --------------------------------------------------------------
#
# examples/whole-back.yaml, built as its header says (`--max good-morning=90kg`): 8 weeks; the
# plan's progression is one more rep a week through each range, then +2.5 kg and the range
# again; every 4th week a deload at ⌈half⌉ the sets, the bottom of the range and 0.9 × last
# week's load. Deload weeks do not count as progressing weeks, so weeks 1 2 3 (4) 5 6 7 (8) are
# positions 0 1 2 (-) 3 4 5 (-), and a deload repeats the last position's load, lightened.

WHOLE_BACK = EXAMPLES / "whole-back.yaml"
WHOLE_BACK_RULE = Rule(reps_step=1, load_step=2.5, deload_every=4, deload_sets=0.5, deload_load=0.9)


def test_the_arithmetic_of_a_range_a_load_step_and_deloads() -> None:
    """Lat pulldown, 3 × 8-10 at 45 kg: week_target before any rounding."""
    weeks = weeks_of(3, parse_reps("8-10"), 45.0, WHOLE_BACK_RULE, 8)
    assert [(w.sets, str(w.reps), w.load, w.deload) for w in weeks] == [
        (3, "8", 45.0, False),  # position 0
        (3, "9", 45.0, False),  # 8 + 1
        (3, "10", 45.0, False),  # 8 + 2: the top of the range
        (2, "8", pytest.approx(40.5), True),  # ⌈3 × 0.5⌉ = 2; 0.9 × 45 = 40.5
        (3, "8", 47.5, False),  # the range again, 45 + 2.5
        (3, "9", 47.5, False),
        (3, "10", 47.5, False),
        (2, "8", pytest.approx(42.75), True),  # 0.9 × 47.5 = 42.75
    ]


def test_the_arithmetic_of_a_sets_rule_up_to_its_max() -> None:
    """Shrugs, 3 × 12-15 at 24 kg with `load: 2 kg, sets: {add: 1, every: 3, max: 4}`, over
    12 weeks so that the sets meet their max."""
    rule = replace(WHOLE_BACK_RULE, load_step=2.0, add_sets=1, sets_every=3, max_sets=4)
    weeks = weeks_of(3, parse_reps("12-15"), 24.0, rule, 12)
    assert [(w.sets, str(w.reps), w.load, w.deload) for w in weeks] == [
        (3, "12", 24.0, False),  # position 0: 3 + 1 × (0 // 3) = 3 sets
        (3, "13", 24.0, False),
        (3, "14", 24.0, False),
        (2, "12", pytest.approx(21.6), True),  # ⌈3 × 0.5⌉ = 2; 0.9 × 24 = 21.6
        (4, "15", 24.0, False),  # position 3: 3 + 1 × (3 // 3) = 4 sets; 12-15 has 4 steps
        (4, "12", 26.0, False),  # position 4: the range again, 24 + 2
        (4, "13", 26.0, False),
        (2, "12", pytest.approx(23.4), True),  # ⌈4 × 0.5⌉ = 2; 0.9 × 26 = 23.4
        (4, "14", 26.0, False),  # position 6: 3 + 1 × (6 // 3) = 5, but max is 4
        (4, "15", 26.0, False),
        (4, "12", 28.0, False),  # position 8: the range a third time, 26 + 2
        (2, "12", pytest.approx(25.2), True),  # 0.9 × 28 = 25.2
    ]


def test_the_arithmetic_of_a_fixed_count() -> None:
    """Hyperextension, 2 × 15 at bodyweight with `load: 1.25 kg`: a fixed count completes its
    one-step range every week, so every progressing week takes a load step."""
    rule = replace(WHOLE_BACK_RULE, load_step=1.25)
    weeks = weeks_of(2, parse_reps("15"), None, rule, 8)
    assert [(w.sets, str(w.reps), w.steps, w.deload) for w in weeks] == [
        (2, "15", 0, False),
        (2, "15", 1, False),
        (2, "15", 2, False),
        (1, "15", 2, True),  # ⌈2 × 0.5⌉ = 1, at last week's 2 steps
        (2, "15", 3, False),
        (2, "15", 4, False),
        (2, "15", 5, False),
        (1, "15", 5, True),
    ]
    assert {w.load for w in weeks} == {None}  # a load in words has no number to step


@pytest.fixture(scope="module")
def whole_back() -> Schedule:
    return expand(load_plan(WHOLE_BACK), maxes={"good-morning": "90kg"})


def entries_of(schedule: Schedule, exercise_id: str) -> list[Entry]:
    """The exercise's entry in each week, from the first day that trains it."""
    return [
        next(e for day in week.days for e in day.entries if e.exercise_id == exercise_id)
        for week in schedule.weeks
    ]


def printed(schedule: Schedule, exercise_id: str) -> list[tuple[int, str, str]]:
    """Work sets, target and load as the page prints them, week by week; every day of a week
    that trains the exercise prints the same."""
    rows = []
    for week in schedule.weeks:
        [row] = {shown(e) for day in week.days for e in day.entries if e.exercise_id == exercise_id}
        rows.append(row)
    return rows


def test_the_known_programs_deload_weeks_and_sessions(whole_back: Schedule) -> None:
    assert [w.deload for w in whole_back.weeks] == [False, False, False, True] * 2
    # Two sessions on mon, wed, fri take turns: A B A, then B A B.
    assert [whole_back.rotation(n) for n in (1, 2, 3)] == ["A B A", "B A B", "A B A"]


def test_the_known_programs_loads_on_the_bar(whole_back: Schedule) -> None:
    """Loads rounded to 2.5 kg (the plan's default, halves up): 40.5 → 40, 42.75 → 42.5."""
    assert printed(whole_back, "lat-pulldown") == [
        (3, "8", "45 kg"),
        (3, "9", "45 kg"),
        (3, "10", "45 kg"),
        (2, "8", "40 kg"),  # 0.9 × 45 = 40.5: 16.2 steps of 2.5 kg, so 16 → 40 kg
        (3, "8", "47.5 kg"),
        (3, "9", "47.5 kg"),
        (3, "10", "47.5 kg"),
        (2, "8", "42.5 kg"),  # 0.9 × 47.5 = 42.75: 17.1 steps → 17 → 42.5 kg
    ]
    # `load: 50%` of the 90 kg max is 45 kg, and steps by the plan's 2.5 kg like the pulldown.
    assert printed(whole_back, "good-morning") == printed(whole_back, "lat-pulldown")
    assert [e.load for e in entries_of(whole_back, "good-morning")] == [
        *[45.0, 45.0, 45.0, 40.0],
        *[47.5, 47.5, 47.5, 42.5],
    ]
    # Reverse cable crossover, 3 × 12-15 at 10 kg: four steps to a range, so the load first
    # steps in week 6; both deloads round back up to the working load.
    assert printed(whole_back, "reverse-cable-crossover") == [
        (3, "12", "10 kg"),
        (3, "13", "10 kg"),
        (3, "14", "10 kg"),
        (2, "12", "10 kg"),  # 0.9 × 10 = 9: 3.6 steps of 2.5 kg → 4 → 10 kg
        (3, "15", "10 kg"),
        (3, "12", "12.5 kg"),
        (3, "13", "12.5 kg"),
        (2, "12", "12.5 kg"),  # 0.9 × 12.5 = 11.25: 4.5 steps, a half, up → 5 → 12.5 kg
    ]


def test_the_known_programs_dumbbells(whole_back: Schedule) -> None:
    """Dumbbells in 2 kg steps (`round_loads_to: {kg: 2}`) and `load: 2 kg`."""
    assert printed(whole_back, "incline-dumbbell-row") == [
        (3, "10", "16 kg"),
        (3, "11", "16 kg"),
        (3, "12", "16 kg"),
        (2, "10", "14 kg"),  # 0.9 × 16 = 14.4: 7.2 steps of 2 kg → 7 → 14 kg
        (3, "10", "18 kg"),
        (3, "11", "18 kg"),
        (3, "12", "18 kg"),
        (2, "10", "16 kg"),  # 0.9 × 18 = 16.2: 8.1 steps → 8 → 16 kg
    ]
    # Shrugs also add a set every 3 progressing weeks, up to 4; week 8 says `sets: 2`.
    assert printed(whole_back, "dumbbell-shrug") == [
        (3, "12", "24 kg"),
        (3, "13", "24 kg"),
        (3, "14", "24 kg"),
        (2, "12", "22 kg"),  # 0.9 × 24 = 21.6: 10.8 steps of 2 kg → 11 → 22 kg
        (4, "15", "24 kg"),  # the 4th set comes with the 4th progressing week
        (4, "12", "26 kg"),
        (4, "13", "26 kg"),
        (2, "12", "24 kg"),  # 0.9 × 26 = 23.4: 11.7 steps → 12 → 24 kg
    ]
    notes = [e.notes for e in entries_of(whole_back, "dumbbell-shrug")]
    assert notes == [None] * 7 + ["Test week – one all-out set after these."]


def test_the_known_programs_load_in_words_and_warm_ups(whole_back: Schedule) -> None:
    # Hyperextension at bodyweight, `load: 1.25 kg` a week: steps × 1.25 kg on 2.5 kg plates,
    # halves up (1.25 → 2.5, 3.75 → 5, 6.25 → 7.5). Bodyweight work takes no share of a load in
    # a deload: the deload halves its sets and keeps last week's added weight.
    assert printed(whole_back, "hyperextension") == [
        (2, "15", ""),
        (2, "15", "+2.5 kg"),  # 1 × 1.25
        (2, "15", "+2.5 kg"),  # 2 × 1.25
        (1, "15", "+2.5 kg"),  # the deload: last week's 2 steps
        (2, "15", "+5 kg"),  # 3 × 1.25 = 3.75
        (2, "15", "+5 kg"),  # 4 × 1.25
        (2, "15", "+7.5 kg"),  # 5 × 1.25 = 6.25
        (1, "15", "+7.5 kg"),  # the deload: last week's 5 steps
    ]
    # The pulldown's warm-up, 1 × 10 at 50% of that week's work load on the bar: 45 × 0.5 =
    # 22.5; 40 × 0.5 = 20; 47.5 × 0.5 = 23.75, 9.5 steps of 2.5 kg, a half, up → 25; 42.5 × 0.5
    # = 21.25, 8.5 steps → 9 → 22.5.
    first = [e.sets[0] for e in entries_of(whole_back, "lat-pulldown")]
    assert [(set_label(s), str(s.reps), printed_load(s)) for s in first] == [
        ("W1", "10", "22.5 kg"),
        ("W1", "10", "22.5 kg"),
        ("W1", "10", "22.5 kg"),
        ("W1", "10", "20 kg"),
        ("W1", "10", "25 kg"),
        ("W1", "10", "25 kg"),
        ("W1", "10", "25 kg"),
        ("W1", "10", "22.5 kg"),
    ]


# -- through expand(): the plan as a trainer writes it ------------------------------------------

EXAMPLE = """\
program: The worked example
weeks: 6
progression:
  reps: 1
  load: 2.5 kg
  deload: {every: 4, sets: 0.5}
sessions:
  - name: Pull
    exercises:
      - exercise: lat-pulldown
        sets: 3
        reps: 6-8
        load: 40 kg
"""


def plan_of(text: str, name: str = "plan.yaml") -> Plan:
    return load_plan_text(text, name)


def entries(schedule: Schedule, position: int = 0) -> list[Entry]:
    """The entry at `position` on the first day of every week."""
    return [week.days[0].entries[position] for week in schedule.weeks]


def shown(entry: Entry, units: str = "kg") -> tuple[int, str, str]:
    """Sets, target and load as the grid prints them (every work set alike)."""
    work = entry.work_sets
    assert len({(s.reps, s.load) for s in work}) == 1, "every work set has the same target"
    return len(work), str(work[0].reps), printed_load(work[0], units)


def test_the_issues_worked_example() -> None:
    """3 × 6-8, reps 1, load 2.5 kg, a deload every 4th week at half the sets."""
    schedule = expand(plan_of(EXAMPLE), weeks=6)
    assert [shown(e) for e in entries(schedule)] == [
        (3, "6", "40 kg"),
        (3, "7", "40 kg"),
        (3, "8", "40 kg"),
        (2, "6", "40 kg"),
        (3, "6", "42.5 kg"),
        (3, "7", "42.5 kg"),
    ]
    assert [e.deload for e in entries(schedule)] == [False, False, False, True, False, False]
    assert [w.deload for w in schedule.weeks] == [False, False, False, True, False, False]
    assert [e.load for e in entries(schedule)] == [40.0, 40.0, 40.0, 40.0, 42.5, 42.5]
    # Every set is numbered; no warm-ups here.
    assert [set_label(s) for s in entries(schedule)[3].sets] == ["1", "2"]


def test_a_deload_load_share_lightens_the_last_weeks_load() -> None:
    text = EXAMPLE.replace("sets: 0.5}", "sets: 0.5, load: 0.9}")
    schedule = expand(plan_of(text), weeks=8)
    loads = [shown(e)[2] for e in entries(schedule)]
    # Week 3 was 40 kg: 36 kg, rounded to 2.5 kg plates 35 kg. Week 7 was 42.5 kg: 38.25 kg,
    # 37.5 kg.
    assert loads == [*["40 kg"] * 3, "35 kg", *["42.5 kg"] * 3, "37.5 kg"]


def test_an_exercises_own_progression_overrides_the_plans_key_by_key() -> None:
    text = EXAMPLE.replace("load: 40 kg\n", "load: 40 kg\n        progression: {load: 5 kg}\n")
    schedule = expand(plan_of(text), weeks=5)
    # The load step is the exercise's; the reps and deload rules still the plan's.
    assert [shown(e) for e in entries(schedule)] == [
        (3, "6", "40 kg"),
        (3, "7", "40 kg"),
        (3, "8", "40 kg"),
        (2, "6", "40 kg"),
        (3, "6", "45 kg"),
    ]


def test_a_sets_rule_adds_sets_up_to_max() -> None:
    text = EXAMPLE.replace(
        "  deload: {every: 4, sets: 0.5}\n", "  sets: {add: 1, every: 2, max: 5}\n"
    )
    schedule = expand(plan_of(text), weeks=8)
    assert [shown(e)[0] for e in entries(schedule)] == [3, 3, 4, 4, 5, 5, 5, 5]


def test_a_per_week_override_wins_over_the_rules() -> None:
    text = EXAMPLE + "        weeks: {3: {sets: 4, notes: Test set}, 4: {sets: 3}}\n"
    schedule = expand(plan_of(text), weeks=5)
    week = entries(schedule)
    assert [shown(e) for e in week] == [
        (3, "6", "40 kg"),
        (3, "7", "40 kg"),
        (4, "8", "40 kg"),  # sets: 4 wins over 3; the reps still follow the rule
        (3, "6", "40 kg"),  # the deload's half is overridden too
        (3, "6", "42.5 kg"),
    ]
    assert week[2].notes == "Test set"
    assert week[1].notes is None


def test_a_per_week_load_override_is_the_load_of_that_week() -> None:
    text = EXAMPLE + "        weeks: {5: {load: 50 kg}}\n"
    schedule = expand(plan_of(text), weeks=6)
    assert [shown(e)[2] for e in entries(schedule)][4] == "50 kg"


def test_a_per_week_reps_override_leaves_the_load_alone() -> None:
    text = EXAMPLE + "        weeks: {5: {reps: 10}}\n"
    schedule = expand(plan_of(text), weeks=6)
    week5 = entries(schedule)[4]
    assert shown(week5)[1] == "10"
    assert shown(week5)[2] == "42.5 kg"


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, float, str, str]:
    """A one-exercise plan with a weight and random rules; its plate increment in kg, its
    starting load and its load step as written."""
    increment = draw(st.sampled_from([1.0, 2.0, 2.5, 5.0]))
    rules: list[str] = []
    step = draw(st.integers(0, 3))
    if step:
        rules.append(f"reps: {step}")
    load_step = draw(st.sampled_from(["", "1.25 kg", "2.5 kg", "5 lb", "5%"]))
    if load_step:
        rules.append(f"load: {load_step}")
    if draw(st.booleans()):
        every = draw(st.integers(2, 6))
        sets_share = draw(st.sampled_from([0.1, 0.5, 0.6, 1]))
        load_share = draw(st.sampled_from([0.5, 0.9, 1]))
        rules.append(f"deload: {{every: {every}, sets: {sets_share}, load: {load_share}}}")
    if draw(st.booleans()):
        rules.append(f"sets: {{add: 1, every: {draw(st.integers(1, 4))}, max: 8}}")
    reps = draw(st.sampled_from(["6-8", "12", "8-12", "30-45s", "10/side", "AMRAP"]))
    load = draw(st.sampled_from(["kg", "lb"]))
    amount = draw(st.integers(4, 160)) * (1 if load == "kg" else 2)
    text = f"""\
program: Random
round_loads_to: {{kg: {increment}, lb: 5}}
progression: {{{", ".join(rules)}}}
sessions:
  - name: S
    exercises:
      - exercise: lat-pulldown
        sets: {draw(st.integers(1, 6))}
        reps: {reps}
        load: {amount} {load}
"""
    return text, increment, f"{amount} {load}", load_step


@settings(max_examples=100, deadline=None)
@given(plans(), st.sampled_from(["kg", "lb"]))
def test_printed_loads_are_on_the_plates_and_never_fall_or_rise_in_a_deload(
    case: tuple[str, float, str, str], units: str
) -> None:
    text, increment, start, load_step = case
    schedule = expand(plan_of(text), weeks=12, units=units)  # type: ignore[arg-type]
    step = increment if units == "kg" else 5.0
    # A weight written in the client's units, stepped by weights written in them, prints as
    # the trainer's own arithmetic; anything worked out (a conversion, a %, a deload's share)
    # is rounded to the plates.
    written = start.endswith(units) and (not load_step or load_step.endswith(units))
    week = entries(schedule)
    loads = [e.load for e in week]
    for index, (entry, load) in enumerate(zip(week, loads, strict=True)):
        assert load is not None
        assert shown(entry, units)[2] == f"{load:g} {units}"
        light = entry.deload and ("load: 0.5}" in text or "load: 0.9}" in text)
        if written and light and index and load == loads[index - 1]:
            continue  # the week before's weight: its share rounded onto the plates was heavier
        if written and not light:
            amount, added = float(start.split()[0]), float((load_step or "1 x").split()[0])
            steps = (load - amount) / added
            assert steps == pytest.approx(round(steps), abs=1e-6)
        else:
            assert load / step == pytest.approx(round(load / step), abs=1e-6)
    for before, after in pairwise(week):
        assert before.load is not None and after.load is not None
        if after.deload:
            assert after.load <= before.load
            assert len(after.work_sets) <= len(before.work_sets)
    climbing = [e.load for e in week if not e.deload]
    assert climbing == sorted(climbing)


TIMED = """\
program: Timed and per side
weeks: 5
progression: {reps: 5}
sessions:
  - name: Hold
    exercises:
      - exercise: hyperextension
        sets: 2
        reps: 30-45s
        load: 10 kg
        progression: {load: 2.5 kg}
      - exercise: good-morning
        sets: 2
        reps: 8-10/side
        progression: {reps: 1}
      - exercise: dumbbell-shrug
        sets: 2
        reps: 40s
        load: 20 kg
        progression: {load: 2 kg}
        round_loads_to: {kg: 2}
"""


def test_timed_and_per_side_targets_progress_in_their_own_unit() -> None:
    schedule = expand(plan_of(TIMED), weeks=5)
    timed = entries(schedule, 0)
    # Hyperextension is bodyweight work: its 10 kg is added to the body (a plate held).
    assert [shown(e)[1:] for e in timed] == [
        ("30 s", "+10 kg"),
        ("35 s", "+10 kg"),
        ("40 s", "+10 kg"),
        ("45 s", "+10 kg"),
        ("30 s", "+12.5 kg"),
    ]
    assert all(s.reps.unit == "seconds" for e in timed for s in e.sets)
    sides = entries(schedule, 1)
    assert [shown(e)[1] for e in sides] == [
        "8 / side",
        "9 / side",
        "10 / side",
        "8 / side",
        "9 / side",
    ]
    assert all(s.reps.per_side and s.reps.unit == "reps" for e in sides for s in e.sets)
    # A fixed time stays fixed and its load steps every week.
    fixed = entries(schedule, 2)
    assert [shown(e)[1:] for e in fixed] == [
        ("40 s", "20 kg"),
        ("40 s", "22 kg"),
        ("40 s", "24 kg"),
        ("40 s", "26 kg"),
        ("40 s", "28 kg"),
    ]


PERCENT = """\
program: Percent
weeks: 3
round_loads_to: {kg: 2.5, lb: 5}
progression: {load: 2.5 kg}
sessions:
  - name: Hinge
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 8
      - exercise: good-morning
        sets: 3
        reps: 8
        load: 70%
"""


def test_a_percentage_load_is_a_share_of_the_clients_max() -> None:
    schedule = expand(plan_of(PERCENT), maxes={"good-morning": Load(100.0, "kg")})
    assert [shown(e)[2] for e in entries(schedule, 1)] == ["70 kg", "72.5 kg", "75 kg"]
    assert [e.load for e in entries(schedule, 1)] == [70.0, 72.5, 75.0]


def test_a_percentage_load_is_rounded_to_the_plate_increment() -> None:
    # 70 % of 93 kg is 65.1 kg: the bar loads 65 kg.
    schedule = expand(plan_of(PERCENT), maxes={"good-morning": Load(93.0, "kg")})
    assert shown(entries(schedule, 1)[0])[2] == "65 kg"
    # With 2 kg increments: 66 kg.
    text = PERCENT.replace("{kg: 2.5, lb: 5}", "{kg: 2, lb: 5}")
    schedule = expand(plan_of(text), maxes={"good-morning": Load(93.0, "kg")})
    assert shown(entries(schedule, 1)[0])[2] == "66 kg"


def test_loads_convert_to_pounds_and_round_to_5_lb() -> None:
    # 40 kg is 88.2 lb: 90 lb; 42.5 kg is 93.7 lb: 95 lb.
    schedule = expand(plan_of(EXAMPLE), weeks=5, units="lb")
    assert [shown(e, "lb")[2] for e in entries(schedule)] == [*["90 lb"] * 4, "95 lb"]
    # A max in kg and a client in lb: 70 % of 93 kg is 143.5 lb, 145 lb.
    schedule = expand(plan_of(PERCENT), units="lb", maxes={"good-morning": Load(93.0, "kg")})
    loads = [shown(e, "lb")[2] for e in entries(schedule, 1)]
    assert loads[0] == "145 lb"
    assert all(float(text.split()[0]) % 5 == 0 for text in loads)


def test_a_described_loads_step_in_pounds_is_rounded() -> None:
    text = EXAMPLE.replace("load: 40 kg", "load: bodyweight")
    schedule = expand(plan_of(text), weeks=5, units="lb")
    week5 = entries(schedule)[4]
    assert week5.load_note == "bodyweight"
    assert shown(week5, "lb")[2] == "+5 lb"


def test_a_percentage_load_without_a_max_names_the_file_line_and_field() -> None:
    with pytest.raises(InputError) as caught:
        expand(plan_of(PERCENT))
    [problem] = caught.value.problems
    assert problem.file == "plan.yaml"
    assert problem.line == 14  # `load: 70%`
    assert problem.field == "sessions[1].exercises[2].load"
    message = str(caught.value)
    assert message.startswith("plan.yaml:14:")
    assert "Give maxes={'good-morning': '60kg'}." in message
    assert "70%" in message


def test_a_percentage_load_without_a_max_fails_on_the_command_line(tmp_path: Path) -> None:
    plan = tmp_path / "percent.yaml"
    plan.write_text(PERCENT, encoding="utf-8")
    out = tmp_path / "out.pdf"
    runner = CliRunner()
    for command in ("build", "log"):
        result = runner.invoke(cli, [command, str(plan), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert f"{plan}:14:" in result.stderr
        assert "--max good-morning=" in result.stderr
        assert "Traceback" not in result.output
        assert not out.exists()
    # Given the max, it renders.
    result = runner.invoke(cli, ["log", str(plan), "-o", str(out), "--max", "good-morning=90kg"])
    assert result.exit_code == 0, result.output
    assert out.exists()
