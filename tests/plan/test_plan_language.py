"""The plan language beyond its doctests: set schemes, work lines, loads, maxes, rep targets,
week tables and cycles as a trainer writes them (examples/programs/*.yaml), and the loader's
checks of what the schema alone cannot see, each error located by line and field.

Expected numbers are worked by hand, with the arithmetic beside them, so that a test fails when
the arithmetic in pdfgen changes, not only when it crashes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import EXAMPLES

from pdfgen.errors import InputError, Problem
from pdfgen.plan.limits import MAX_SETS
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.plan.loads import Base, Load, LoadError, parse_load, parse_loads
from pdfgen.plan.maxes import Max, epley
from pdfgen.plan.model import Plan, Prescription
from pdfgen.plan.options import read_max
from pdfgen.plan.reps import RepsError, parse_reps
from pdfgen.plan.sets import Effort, SchemeError, SetGroup, parse_scheme
from pdfgen.plan.weekly import week_of
from pdfgen.plan.weeks import Cycle, WeekChange, spread
from pdfgen.plan.work import WorkError, parse_work
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Schedule

PROGRAMS = EXAMPLES / "programs"

# The head of a one-session plan; each test adds its exercises (line 5 is the first of them).
HEAD = "program: P\nsessions:\n  - name: S\n    exercises:\n"


def groups(text: str) -> list[tuple[int, str, str | None]]:
    """A scheme's groups as (count, reps as written, load as written)."""
    return [(g.count, str(g.reps), g.load) for g in parse_scheme(text)]


def problems_of(text: str) -> list[Problem]:
    """The problems the loader reports for a plan text named plan.yaml (it must fail)."""
    with pytest.raises(InputError) as caught:
        load_plan_text(text, "plan.yaml")
    return caught.value.problems


def only_problem(text: str) -> Problem:
    """The one problem of a plan that has exactly one."""
    found = problems_of(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of `text` that holds `needle`."""
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return number


Weights = list[list[float | None]]


def loads_of(schedule: Schedule, exercise: str, session: str, occurrence: int = 1) -> Weights:
    """The set weights of an exercise's `occurrence`-th entry each time a session is trained
    (empty where that week leaves it out)."""
    weeks: Weights = []
    for week in schedule.weeks:
        for day in week.days:
            if day.session.name != session:
                continue
            entries = [e for e in day.entries if e.exercise_id == exercise]
            found = [e for e in entries if e.occurrence == occurrence]
            weeks.append(
                [t.load.weight if t.load else None for t in found[0].sets] if found else []
            )
    return weeks


# -- set schemes -------------------------------------------------------------------------------


def test_five_three_one_week_one_is_three_single_sets_the_last_at_least_five() -> None:
    """5/3/1 writes each set with its own reps and share of the training max."""
    written = parse_scheme("5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM")
    assert [(g.count, str(g.reps), g.load) for g in written] == [
        (1, "5", "65% TM"),
        (1, "5", "75% TM"),
        (1, "5+", "85% TM"),
    ]
    last = written[-1].reps
    assert last is not None and last.amrap and last.low == 5  # "5+": 5, then as many as possible
    assert not any(g.last_amrap for g in written)  # each set says its own; no group-wide "+"


def test_gzclp_five_by_three_plus_is_one_group_whose_last_set_goes_on() -> None:
    """GZCLP's "5x3+" is five sets of three; only the fifth is as many as possible."""
    (group,) = parse_scheme("5x3+")
    assert (group.count, str(group.reps), group.last_amrap) == (5, "3", True)
    # The plus is the group's, not each set's.
    assert group.reps is not None and not group.reps.amrap
    assert group.load is None  # the exercise's `load:` fills it in later


def test_every_set_as_many_as_possible_is_not_a_last_set_plus() -> None:
    """With no minimum to carry, "3xAMRAP" makes every set AMRAP: no last-set plus."""
    (group,) = parse_scheme("3xAMRAP")
    assert group.count == 3 and not group.last_amrap
    assert group.reps is not None and group.reps.amrap and group.reps.low == 0


def test_a_pyramid_gives_one_group_per_set_with_its_own_load() -> None:
    assert groups("12/10/8/6 @ 40/45/50/55 kg") == [
        (1, "12", "40 kg"),
        (1, "10", "45 kg"),
        (1, "8", "50 kg"),
        (1, "6", "55 kg"),
    ]


def test_a_pyramid_of_times_writes_the_unit_once() -> None:
    """In "30/45/60 s" the unit after the last number is the unit of them all."""
    written = parse_scheme("30/45/60 s")
    assert [(g.reps.low, g.reps.unit) for g in written if g.reps] == [
        (30, "seconds"),
        (45, "seconds"),
        (60, "seconds"),
    ]


def test_a_pyramid_with_drop_sets_drops_after_its_last_set_only() -> None:
    written = parse_scheme("12/10/8 @ 40/45/50 kg + 2 drops")
    assert [g.drops for g in written] == [0, 0, 2]


@pytest.mark.parametrize(
    ("text", "effort"),
    [
        ("3x8 @ RPE 8", ("rpe", Effort(8, 8))),
        ("3x8 @ RPE 7.5", ("rpe", Effort(7.5, 7.5))),
        ("3x8 RPE 7-8", ("rpe", Effort(7, 8))),
        ("3x10 RIR 1-2", ("rir", Effort(1, 2))),
        ("3x10 @ RIR 0", ("rir", Effort(0, 0))),
    ],
)
def test_an_effort_target_is_not_a_load(text: str, effort: tuple[str, Effort]) -> None:
    """An "@ RPE 8" reads as an effort, never as a load called "RPE 8"."""
    (group,) = parse_scheme(text)
    kind, value = effort
    assert getattr(group, kind) == value
    assert group.load is None
    assert group.count == 3


def test_an_effort_range_prints_with_a_dash() -> None:
    (group,) = parse_scheme("3x10 RIR 1-2")
    assert str(group.rir) == "1–2"


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("3x10 rest 90 s", "90 s"),
        ("3x8 @ 60 kg rest 2 min", "2 min"),
        ("5x5 rest 3 mins", "3 mins"),
    ],
)
def test_a_rest_is_read_off_the_group(text: str, rest: str) -> None:
    (group,) = parse_scheme(text)
    assert group.rest == rest
    assert group.reps is not None and group.reps.unit == "reps"  # "rest 90 s" is no timed target


@pytest.mark.parametrize(
    ("text", "drops", "rest_pause"),
    [
        ("12 @ 60 kg + 2 drops", 2, 0),
        ("12 + drop sets 2", 2, 0),
        ("10 RIR 1 + rest-pause 2", 0, 2),
        ("10 + 1 rest-pause set", 0, 1),
    ],
)
def test_sets_after_a_set(text: str, drops: int, rest_pause: int) -> None:
    (group,) = parse_scheme(text)
    assert (group.count, group.drops, group.rest_pause) == (1, drops, rest_pause)


def test_a_top_set_and_back_off_sets_share_the_top_sets_load() -> None:
    written = parse_scheme("1x5 @ 100 kg, 3x5 @ 80% of set 1")
    assert [(g.count, g.load) for g in written] == [(1, "100 kg"), (3, "80% of set 1")]
    back_off = parse_load(written[1].load or "")
    assert back_off is not None and back_off.of == Base("set", 1) and back_off.value == 80


def test_a_decimal_comma_does_not_split_groups() -> None:
    """A comma between two digits is 62,5 kg; a comma and a space start the next group."""
    assert groups("5x5 @ 62,5 kg, 1x5 @ 70 kg") == [(5, "5", "62,5 kg"), (1, "5", "70 kg")]
    assert groups("5 @ 60 kg,5 @ 70 kg") == [(1, "5", "60 kg"), (1, "5", "70 kg")]


def test_the_most_sets_a_scheme_may_add_up_to() -> None:
    # 5 + 5 + 10 = 20 sets: the limit itself is fine.
    assert sum(g.count for g in parse_scheme("5x5, 5x3, 10x1")) == MAX_SETS == 20


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3x8 @ RPE 8 RIR 2", "give an RPE or an RIR target, not both."),
        ("3x8 @", "say after @ what load, like '5 @ 60 kg'."),
        ("3x8, , 3x5", "has an empty set between commas."),
        ("12/10/8 @ 40/45 kg", "gives 2 loads for 3 sets; give one load per set, or one for all."),
        ("5x5 @ 60-70%", "'60-70%' is a range; pdfgen needs one load to work out"),
        ("5x5 @ 250%", "250% is not a usable percentage (1 to 200)."),
        ("21x1", "adds up to 21 sets; the most is 20."),  # 21 > MAX_SETS
        ("5x5, 5x5, 5x5, 6x1", "adds up to 21 sets; the most is 20."),  # 5 + 5 + 5 + 6 = 21
        ("12 + 6 drops", "1 to 5 drop or rest-pause sets follow a set."),
        ("3 x 12/10/8", "give a count (3x8) or one number per set (12/10/8), not both."),
        ("3x8 @ RPE 11", "RPE 11 is not a target (RPE 1-10, RIR 0-10)."),
        ("3x8 @ RPE 0", "RPE 0 is not a target"),
        ("0x5", "a group has at least one set."),
        ("3x12-8", "the range 12-8 runs backwards"),
    ],
)
def test_a_scheme_that_cannot_be_read_says_why(text: str, says: str) -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text)
    assert says in str(caught.value)
    assert f"'{text}'" in str(caught.value)  # the message quotes what was written


# -- work lines: circuits and intervals ------------------------------------------------------


def test_couch_to_5k_week_one_is_a_walk_then_eight_rounds() -> None:
    """The warm-up walk is a segment of one round; the brackets repeat their steps."""
    walk, rounds = parse_work("walking 5 min, 8 x (running 60 s, walking 90 s)")
    assert (walk.rounds, [(s.exercise, s.reps.low) for s in walk.steps]) == (1, [("walking", 300)])
    assert rounds.rounds == 8
    assert [(s.exercise, str(s.reps), s.reps.low) for s in rounds.steps] == [
        ("running", "60 s", 60),
        ("walking", "90 s", 90),
    ]
    assert (walk.rows, rounds.rows) == (1, 16)  # 8 rounds x 2 steps, a row each to tick


def test_steps_without_brackets_are_one_round_in_order() -> None:
    (segment,) = parse_work("running 3 min, walking 90 s, running 5 min")
    assert segment.rounds == 1
    assert [(s.exercise, s.reps.low) for s in segment.steps] == [
        ("running", 180),  # 3 x 60 s
        ("walking", 90),
        ("running", 300),  # 5 x 60 s
    ]


def test_a_step_carries_its_load_and_its_side() -> None:
    (emom,) = parse_work("10 x (kettlebell swing 10 @ 24 kg, push-up 5)")
    swing, push_up = emom.steps
    assert (swing.exercise, swing.reps.low, swing.load) == ("kettlebell swing", 10, "24 kg")
    assert (push_up.exercise, push_up.reps.low, push_up.load) == ("push-up", 5, None)
    (sides,) = parse_work("2 x (lunge 10/side, plank 30 s)")
    assert sides.steps[0].reps.per_side and sides.steps[1].reps.timed


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("8 x running 60 s", "put the steps of rounds in brackets"),
        ("8 x (running 60 s) walking 5 min", "put a comma between"),
        ("61 x (running 60 s)", "1 to 60 rounds."),
        ("0 x (running 60 s)", "1 to 60 rounds."),
        # 31 rounds x 2 steps = 62 rows, over the 60 a circuit prints.
        ("31 x (running 60 s, walking 90 s)", "makes 62 rows; the most a circuit prints is 60."),
        ("8 x (running 60 s, , walking 90 s)", "has an empty step between commas."),
        ("running", "write each exercise with its target"),
        ("kettlebell swing 10 @ 60-70%", "'60-70%' is a range"),
    ],
)
def test_work_that_cannot_be_read_says_why(text: str, says: str) -> None:
    with pytest.raises(WorkError) as caught:
        parse_work(text)
    assert says in str(caught.value)


# -- loads --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "of", "offset"),
    [
        ("65% TM", 65, Base("tm"), 0),
        ("65 % of the training max", 65, Base("tm"), 0),
        ("90% 5RM", 90, Base("max", 5), 0),
        ("90% of the 5RM", 90, Base("max", 5), 0),
        ("90% 5-rep max", 90, Base("max", 5), 0),
        ("5RM + 2.5 kg", 100, Base("max", 5), 2.5),  # the Texas Method's new five-rep best
        ("5RM - 5 kg", 100, Base("max", 5), -5),
        ("90% 5RM + 2.5 kg", 90, Base("max", 5), 2.5),
        ("80% of set 1", 80, Base("set", 1), 0),
        ("70%", 70, Base("max", 1), 0),
        ("1RM", 100, Base("max", 1), 0),
    ],
)
def test_a_share_of_a_max(text: str, value: float, of: Base, offset: float) -> None:
    load = parse_load(text)
    assert load is not None and load.is_percent
    assert (load.value, load.of, load.offset) == (value, of, offset)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40 kg", Load(40, "kg")),
        ("62,5kg", Load(62.5, "kg")),
        ("90 lb", Load(90, "lb")),
        ("60 KG", Load(60, "kg")),
        ("+10 kg", Load(10, "kg", 1)),
        ("-20 kg", Load(20, "kg", -1)),
        ("assisted 20 kg", Load(20, "kg", -1)),
        ("20 kg assistance", Load(20, "kg", -1)),
    ],
)
def test_a_weight(text: str, expected: Load) -> None:
    assert parse_load(text) == expected


@pytest.mark.parametrize("text", ["bodyweight", "light", "empty bar", "max"])
def test_words_are_a_description_not_a_load(text: str) -> None:
    """A bare "max" is "as heavy as good form allows", not the one-rep max."""
    assert parse_load(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("100 lbs", Load(100, "lb")), ("60 kgs", Load(60, "kg")), ("5 lbs", Load(5, "lb"))],
)
def test_a_plural_unit_is_a_weight(text: str, expected: Load) -> None:
    assert parse_load(text) == expected


def test_a_signed_percentage_is_refused_or_kept_as_assistance() -> None:
    """Assistance written as a share must never come out as weight added on the belt."""
    text = HEAD + "      - {exercise: pull-up, sets: 1, reps: 5, load: '-30%'}\n"
    try:
        plan = load_plan_text(text, "plan.yaml")
    except InputError as exc:
        assert exc.problems[0].field == "sessions[1].exercises[1].load"
        return
    schedule = expand(plan, weeks=1, maxes={"pull-up": "100kg"})
    load = schedule.weeks[0].days[0].entries[0].sets[0].load
    assert load is not None and (load.added or 0) < 0  # 30% of 100 kg is 30 kg of assistance


def test_one_load_per_set() -> None:
    assert [str(x) for x in parse_loads("40/45/50 kg")] == ["40 kg", "45 kg", "50 kg"]
    assert [str(x) for x in parse_loads("75/85/95% TM")] == ["75% TM", "85% TM", "95% TM"]
    assert parse_loads("60 kg") == [Load(60, "kg")]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("60-70%", "'60-70%' is a range; pdfgen needs one load to work out: pick one ('65%')"),
        ("60–70% TM", "is a range"),
        ("250%", "250% is not a usable percentage (1 to 200)."),
        ("1000%", "1000% is not a usable percentage (1 to 200)."),
        ("0%", "0% is not a usable percentage (1 to 200)."),
        ("999999%", "'999999%' is not a usable percentage (1 to 200)."),
        ("90% 25RM", "a 25-rep max is not one pdfgen works from (1 to 20 reps)."),
        ("80% of set 1 + 5 kg", "a share of an earlier set takes no weight after it."),
        ("75% whatever", "looks like a load to work out, but pdfgen cannot read it"),
        ("2000 kg", "2000 kg is more than anyone can lift."),
        ("0 kg", "a load of 0 kg is no load"),
        ("62.55555 kg", "has more decimal places than any plate"),
        ("+70% TM", "a percentage load has no sign"),
        ("assisted 20%", "write assistance as a weight"),
    ],
)
def test_a_load_that_cannot_be_worked_out_is_an_error(text: str, says: str) -> None:
    """Never printed as words by mistake: what looks computed but is not is refused."""
    with pytest.raises(LoadError) as caught:
        parse_load(text)
    assert says in str(caught.value)


# -- maxes: Epley's one-rep max ------------------------------------------------------------------


def test_epley_one_rep_max_of_a_five_rep_max() -> None:
    # 140 kg x 5: e1RM = 140 x (1 + 5/30) = 140 x 7/6 = 163.333... kg
    five = Max(140, "kg", 5)
    assert five.rep_max(1) == pytest.approx(163.3333, abs=1e-4)
    assert five.rep_max(5) == 140  # the max's own reps are the weight itself, not re-estimated
    # a three-rep max from it: 163.333 / (1 + 3/30) = 163.333 / 1.1 = 148.485 kg
    assert five.rep_max(3) == pytest.approx(148.4848, abs=1e-4)
    # 90 % of the five-rep max, before any rounding: 0.9 x 140 = 126 kg
    assert 0.9 * five.rep_max(5) == pytest.approx(126.0)


def test_epley_is_its_own_inverse() -> None:
    # 163.33 / (7/6) = 139.997 kg: the five-rep max the one-rep max stands for.
    assert Max(163.33, "kg").rep_max(5) == pytest.approx(139.997, abs=1e-3)
    assert epley(1) == 1.0  # a one-rep max is the weight itself, not 1/30 more
    assert epley(10) == pytest.approx(1 + 10 / 30)


def test_a_max_in_pounds_converts_after_estimating() -> None:
    # 163.333 kg / 0.45359237 = 360.09 lb
    assert Max(140, "kg", 5).in_units("lb") == pytest.approx(360.088, abs=1e-3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("140kgx5", Max(140, "kg", 5)),
        ("140 kg × 5", Max(140, "kg", 5)),
        ("140kg x 5 reps", Max(140, "kg", 5)),
        ("140x5", Max(140, None, 5)),  # a bare number: the client's units, not yet known
        ("62,5 kg", Max(62.5, "kg", 1)),
        ("175 lb", Max(175, "lb", 1)),
        (140, Max(140, None, 1)),
    ],
)
def test_read_max(text: str | int, expected: Max) -> None:
    assert read_max(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("140kgx21", "must be a max of 1 to 20 reps (Epley's estimate is unreliable beyond)"),
        ("140kgx0", "must be a max of 1 to 20 reps"),
        ("70%", "must be a weight like 80kg or 175lb"),
        ("+10 kg", "must be a weight like 80kg or 175lb"),
        ("heavy", "not 'heavy'"),
        (True, "not true"),
    ],
)
def test_read_max_refuses(text: str | bool, says: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_max(text)
    assert says in str(caught.value)


def test_read_max_in_plural_pounds() -> None:
    assert read_max("300 lbs") == Max(300, "lb", 1)


TEXAS = PROGRAMS / "texas-method.yaml"
FIVE_REP_MAXES = {
    "squat": "140kgx5",
    "bench-press": "100kgx5",
    "overhead-press": "60kgx5",
    "deadlift": "180kgx5",
}


def test_texas_method_loads_from_a_five_rep_max() -> None:
    """The numbers the example's header promises, from a 140 kg five-rep squat."""
    schedule = expand(load_plan(TEXAS), weeks=2, maxes=FIVE_REP_MAXES)
    # Volume day: 90% x 140 = 126 kg, to 2.5 kg plates: 126 / 2.5 = 50.4 -> 50 x 2.5 = 125 kg;
    # week 2 is a load step (2.5 kg) on: 128.5 / 2.5 = 51.4 -> 51 x 2.5 = 127.5 kg.
    assert loads_of(schedule, "back-squat", "Volume day") == [[125.0] * 5, [127.5] * 5]
    # Light day: 72% x 140 = 100.8 / 2.5 = 40.32 -> 100 kg; 103.3 / 2.5 = 41.32 -> 102.5 kg.
    assert loads_of(schedule, "back-squat", "Light day") == [[100.0] * 2, [102.5] * 2]
    # Intensity day: 140 + 2.5 = 142.5 kg; then 142.5 + 2.5 = 145 kg.
    assert loads_of(schedule, "back-squat", "Intensity day") == [[142.5], [145.0]]


def test_ninety_percent_of_a_five_rep_max_before_rounding() -> None:
    """With a 0.1 kg increment the rounding is invisible: the arithmetic itself shows."""
    plan = load_plan_text(
        HEAD
        + "      - {exercise: squat, sets: 1, reps: 5, load: 90% 5RM}\n"
        + "      - {exercise: squat, sets: 1, reps: 1, load: 70%}\n"
        + "round_loads_to: {kg: 0.1}\n"
    )
    schedule = expand(plan, weeks=1, maxes={"squat": "140kgx5"})
    day = schedule.weeks[0].days[0]
    five, one = (entry.sets[0].load for entry in day.entries)
    assert five is not None and five.weight == pytest.approx(126.0)  # 0.9 x 140
    # 70% of the estimated one-rep max: 0.7 x 163.333 = 114.333 -> 114.3 kg
    assert one is not None and one.weight == pytest.approx(114.3)


def test_the_same_max_given_as_a_one_rep_max() -> None:
    # 163.33 kg once is a five-rep max of 139.997 kg: 90% of it is 125.997 -> 125 kg (x 2.5)
    schedule = expand(load_plan(TEXAS), weeks=1, maxes={**FIVE_REP_MAXES, "squat": "163.33kg"})
    assert loads_of(schedule, "back-squat", "Volume day") == [[125.0] * 5]


# -- rep targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "amrap"),
    [
        ("5+", 5, 5, "reps", True),
        ("5+ reps", 5, 5, "reps", True),
        ("AMRAP", 0, 0, "reps", True),
        ("max", 0, 0, "reps", True),
        ("8 to 12", 8, 12, "reps", False),
        ("20 min", 1200, 1200, "seconds", False),  # 20 x 60 s
        ("1.5 h", 5400, 5400, "seconds", False),  # 1.5 x 3600 s
        ("60-90 s", 60, 90, "seconds", False),
        ("5 km", 5000, 5000, "metres", False),
        ("2,5 km", 2500, 2500, "metres", False),
        ("3 mi", 4828.032, 4828.032, "metres", False),  # 3 x 1609.344 m
        ("400 m", 400, 400, "metres", False),
    ],
)
def test_rep_targets(text: str, low: float, high: float, unit: str, amrap: bool) -> None:
    target = parse_reps(text)
    assert (target.low, target.high, target.unit, target.amrap) == pytest.approx(
        (low, high, unit, amrap)
    )


def test_a_time_prints_in_the_unit_it_was_written_in() -> None:
    assert [str(parse_reps(t)) for t in ["20 min", "1.5 h", "3 mi", "10 per leg"]] == [
        "20 min",
        "1.5 h",
        "3 mi",
        "10 / side",
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "6x10s",
            "'6x10s' is sets × reps: write it as `sets: 6x10s`, or give sets and reps apart.",
        ),
        ("3x8", "write it as `sets: 3x8`"),
        ("12-8", "the range 12-8 runs backwards; write the low number first (8-12)."),
        ("0", "a rep target must be at least 1."),
        ("101", "101 reps is more than the 100 a set can hold."),
        ("601 s", "601 seconds is more than the 600 a timed set can hold"),
        ("6 h", "360 minutes is more than the 5 hours pdfgen plans."),
        ("101 km", "101 km is more than the 100 km pdfgen plans."),
        ("5-8+", "write an AMRAP with its minimum as one number, like '5+'."),
        ("8.5", "8.5 is not a whole number of reps."),
    ],
)
def test_a_rep_target_that_cannot_be_read(text: str, says: str) -> None:
    with pytest.raises(RepsError) as caught:
        parse_reps(text)
    assert says in str(caught.value)


# -- week tables and cycles -----------------------------------------------------------------------

BBB = PROGRAMS / "531-bbb.yaml"
ONE_REP_MAXES = {
    "squat": "140kg",
    "deadlift": "180kg",
    "bench-press": "100kg",
    "overhead-press": "60kg",
}


def squat_entries(plan: Plan) -> tuple[Prescription, Prescription]:
    """The 5/3/1 example's squat day: the main sets, then Boring But Big."""
    day = next(s for s in plan.sessions if s.name == "Squat")
    main, bbb, _ = day.exercises
    assert isinstance(main, Prescription) and isinstance(bbb, Prescription)
    return main, bbb


def test_a_named_week_table_is_read_by_week() -> None:
    plan = load_plan(BBB)
    main, bbb = squat_entries(plan)
    table = plan.table(main)
    assert sorted(table) == [1, 2, 3, 4]
    week_two = week_of(main, table[2])
    assert [(g.count, str(g.reps), g.load) for g in week_two.groups] == [
        (1, "3", "70% TM"),
        (1, "3", "80% TM"),
        (1, "3+", "90% TM"),
    ]
    assert week_of(main, table[4]).deload and not week_two.deload
    # "1-3: 5x10 @ 50% TM" is spread over its weeks; "4: 0" is no sets at all that week.
    assert sorted(plan.table(bbb)) == [1, 2, 3, 4]
    assert week_of(bbb, plan.table(bbb)[4]).groups == ()


def test_five_three_one_loads_by_hand_over_two_cycles() -> None:
    """TM = 90% of the one-rep max; each load rounded to 2.5 kg; the cycle adds 5 kg to the
    squat's TM; the BBB sets are left out of the deload week."""
    schedule = expand(load_plan(BBB), weeks=8, maxes=ONE_REP_MAXES)
    # TM = 0.9 x 140 = 126 kg.
    # week 1: 65/75/85% = 81.9, 94.5, 107.1 -> 82.5, 95, 107.5
    # week 2: 70/80/90% = 88.2, 100.8, 113.4 -> 87.5, 100, 112.5
    # week 3: 75/85/95% = 94.5, 107.1, 119.7 -> 95, 107.5, 120
    # week 4 (deload): 40/50/60% = 50.4, 63, 75.6 -> 50, 62.5, 75
    # cycle 2, TM = 126 + 5 = 131 kg; week 5: 85.15, 98.25, 111.35 -> 85, 97.5, 112.5
    assert loads_of(schedule, "back-squat", "Squat") == [
        [82.5, 95.0, 107.5],
        [87.5, 100.0, 112.5],
        [95.0, 107.5, 120.0],
        [50.0, 62.5, 75.0],
        [85.0, 97.5, 112.5],
        [92.5, 105.0, 117.5],  # 91.7, 104.8, 117.9
        [97.5, 112.5, 125.0],  # 98.25, 111.35, 124.45
        [52.5, 65.0, 77.5],  # 52.4, 65.5, 78.6
    ]
    # Boring But Big, 5 x 10 at 50% TM: 63 -> 62.5 kg, then 65.5 -> 65 kg; none in the deloads.
    bbb = loads_of(schedule, "back-squat", "Squat", occurrence=2)
    assert bbb == [[62.5] * 5] * 3 + [[]] + [[65.0] * 5] * 3 + [[]]


def test_a_week_that_sets_zero_leaves_the_exercise_out() -> None:
    text = HEAD + (
        "      - exercise: squat\n"
        "        sets: 3\n"
        "        reps: 5\n"
        "        load: 100 kg\n"
        "        weeks: {2: 0, 3: {sets: 0}}\n"
        "      - {exercise: bench press, sets: 3, reps: 5, load: 60 kg}\n"
    )
    schedule = expand(load_plan_text(text), weeks=3)
    by_week = [[e.exercise_id for e in w.days[0].entries] for w in schedule.weeks]
    assert by_week == [["back-squat", "bench-press"], ["bench-press"], ["bench-press"]]


def test_a_weeks_reps_keep_a_schemes_counts_and_loads() -> None:
    text = HEAD + (
        "      - exercise: squat\n"
        "        sets: 1x5 @ 100 kg, 3x5 @ 80 kg\n"
        "        weeks: {2: {reps: 3}}\n"
    )
    plan = load_plan_text(text)
    (item,) = plan.sessions[0].exercises
    assert isinstance(item, Prescription)
    week_two = week_of(item, plan.table(item)[2])
    assert [(g.count, str(g.reps), g.load) for g in week_two.groups] == [
        (1, "3", "100 kg"),
        (3, "3", "80 kg"),
    ]


def test_spans_spread_to_single_weeks() -> None:
    weeks = spread({"1-3": WeekChange(sets=2), 4: WeekChange(sets=0)})
    assert {week: change.sets for week, change in weeks.items()} == {1: 2, 2: 2, 3: 2, 4: 0}


def test_the_week_of_a_cycle() -> None:
    # A 4-week cycle: block week 5 is the second cycle's first week, week 8 its fourth.
    cycle = Cycle(weeks=4)
    assert [cycle.week_of(w) for w in (1, 4, 5, 8, 9)] == [(0, 1), (0, 4), (1, 1), (1, 4), (2, 1)]


def test_the_cycle_adds_by_exercise_as_the_plan_names_them() -> None:
    plan = load_plan(BBB)
    assert plan.cycle_add("back-squat") == Load(5, "kg")  # written `squat: 5 kg`
    assert plan.cycle_add("bench-press") == Load(2.5, "kg")
    assert plan.cycle_add("chin-up") is None


def test_every_example_program_loads() -> None:
    """The programs trainers copy from must stay valid plans."""
    paths = sorted(PROGRAMS.glob("*.yaml"))
    assert len(paths) >= 10
    for path in paths:
        assert load_plan(path).program


# -- the loader's checks: every problem located by line and field --------------------------------


def exercise_plan(*lines: str, top: str = "") -> str:
    """A plan whose one exercise entry is `lines` (already indented as entry keys)."""
    return f"program: P\n{top}sessions:\n  - name: S\n    exercises:\n" + "".join(
        line + "\n" for line in lines
    )


def test_a_training_max_load_without_a_training_max() -> None:
    text = exercise_plan(
        "      - exercise: squat", "        sets: 3", "        reps: 5", "        load: 65% TM"
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (
        line_of(text, "65% TM"),
        "sessions[1].exercises[1].load",
    )
    assert problem.message == (
        "'65% TM' is a share of the training max, but the plan gives none: add "
        "`training_max: 90%` (of the one-rep max)."
    )
    assert str(problem).startswith("plan.yaml:8:15: sessions[1].exercises[1].load: '65% TM'")
    assert load_plan_text(text.replace("sessions:", "training_max: 90%\nsessions:"))


def test_each_training_max_load_of_a_scheme_is_reported() -> None:
    text = exercise_plan(
        "      - exercise: squat", "        sets: 5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM"
    )
    found = problems_of(text)
    assert [(p.line, p.field) for p in found] == [(6, "sessions[1].exercises[1].sets")] * 3
    assert sorted(p.message.split("'")[1] for p in found) == ["65% TM", "75% TM", "85% TM"]


SCHEME_PLAN = """\
from pdfgen.errors import InputError
from pdfgen.plan.loading import load_plan_text
text = (
    "program: P\\nsessions:\\n  - name: S\\n    exercises:\\n      - exercise: squat\\n"
    "        sets: 5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM\\n"
)
try:
    load_plan_text(text, "plan.yaml")
except InputError as exc:
    print("|".join(p.message.split("'")[1] for p in exc.problems))
"""


def test_problems_at_one_place_come_in_the_order_written() -> None:
    """The same plan gives the same message on every run (deterministic output)."""
    orders = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        ran = subprocess.run(
            [sys.executable, "-c", SCHEME_PLAN], env=env, capture_output=True, text=True, check=True
        )
        orders.add(ran.stdout.strip())
    assert orders == {"65% TM|75% TM|85% TM"}


def test_a_training_max_load_in_a_named_scheme_points_at_the_scheme() -> None:
    text = (
        "program: P\n"
        "schemes:\n"
        "  heavy:\n"
        "    1: 3 @ 90% TM\n"
        "sessions:\n"
        "  - name: S\n"
        "    exercises:\n"
        "      - {exercise: squat, sets: 3, reps: 5, load: 100 kg, weeks: heavy}\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (4, "schemes.heavy.1.sets")
    assert "'90% TM' is a share of the training max, but the plan gives none" in problem.message


@pytest.mark.parametrize(
    ("load", "says"),
    [
        (
            "60-70%",
            "'60-70%' is a range; pdfgen needs one load to work out: pick one ('65%'), and "
            "give the range in `notes`.",
        ),
        ("650%", "650% is not a usable percentage (1 to 200)."),
        ("1000%", "1000% is not a usable percentage (1 to 200)."),
        ("90% 30RM", "a 30-rep max is not one pdfgen works from (1 to 20 reps)."),
    ],
)
def test_a_load_that_cannot_be_worked_out(load: str, says: str) -> None:
    text = exercise_plan(
        "      - exercise: squat", "        sets: 3", "        reps: 5", f"        load: {load}"
    )
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.field) == (8, 15, "sessions[1].exercises[1].load")
    assert problem.message == says


def test_a_range_in_a_scheme_is_located_at_the_sets() -> None:
    text = exercise_plan("      - exercise: squat", "        sets: 5x5 @ 60-70%")
    problem = only_problem(text)
    assert (problem.line, problem.field) == (6, "sessions[1].exercises[1].sets")
    assert "'60-70%' is a range" in problem.message


def test_a_scheme_name_that_is_not_defined() -> None:
    text = (
        "program: P\n"
        "training_max: 90%\n"
        "schemes:\n"
        "  five-three-one:\n"
        "    1-4: 5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM\n"
        "sessions:\n"
        "  - name: S\n"
        "    exercises:\n"
        "      - {exercise: squat, weeks: five-three-one}\n"
        "      - {exercise: bench press, weeks: five-three-0ne}\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (10, "sessions[1].exercises[2].weeks")
    assert problem.message == "no scheme is named 'five-three-0ne' (the plan's: five-three-one)."


def test_a_scheme_no_exercise_uses() -> None:
    text = (
        "program: P\nschemes:\n  spare:\n    1: 3x5\n"
        + HEAD[11:]
        + ("      - {exercise: squat, sets: 3, reps: 5}\n")
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (4, "schemes.spare")  # the table's first line
    assert problem.message == "the scheme 'spare' is used by no exercise (`weeks: spare`)."


@pytest.mark.parametrize(
    ("week", "says"),
    [
        (
            "2: 1x5 @ 100 kg, 1x5 @ 80% of set 3",
            "set 2 is 80% of set 3, which is not an earlier set",
        ),
        ("2: 3x5 @ 80% of set 1", "set 1 is 80% of set 1, which is not an earlier set"),
        ("2: 1x5 @ RPE 8, 1x5 @ 80% of set 1", "set 2 is 80% of set 1, but set 1 has no load"),
    ],
)
def test_a_share_of_a_set_in_a_week_must_be_of_an_earlier_loaded_set(week: str, says: str) -> None:
    text = exercise_plan(
        "      - exercise: squat",
        "        sets: 3",
        "        reps: 5",
        "        weeks:",
        f"          {week}",
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (9, "sessions[1].exercises[1].weeks.2")
    assert says in problem.message


OWN_SETS = {
    # name: (the entry's lines, the line and field of the bad share, what it says)
    "scheme": (
        ("        sets: 1x5 @ 100 kg, 1x5 @ 80% of set 3",),
        (6, "sessions[1].exercises[1].sets"),
        "set 2 is 80% of set 3, which is not an earlier set; a share is of a set before it.",
    ),
    "itself": (
        ("        sets: 3x5 @ 80% of set 1",),
        (6, "sessions[1].exercises[1].sets"),
        "set 1 is 80% of set 1, which is not an earlier set; a share is of a set before it.",
    ),
    "no-load-to-share": (
        ("        sets: 1x5 @ RPE 8, 1x5 @ 80% of set 1",),
        (6, "sessions[1].exercises[1].sets"),
        "set 2 is 80% of set 1, but set 1 has no load to take a share of.",
    ),
    "load-and-count": (
        ("        sets: 2", "        reps: 5", "        load: 80% of set 3"),
        (8, "sessions[1].exercises[1].load"),
        "set 1 is 80% of set 3, which is not an earlier set; a share is of a set before it.",
    ),
    "list": (
        (
            "        sets:",
            "          - 1x5 @ 100 kg",
            "          - {sets: 1, reps: 5, load: 80% of set 3}",
        ),
        (8, "sessions[1].exercises[1].sets[2].load"),
        "set 2 is 80% of set 3, which is not an earlier set; a share is of a set before it.",
    ),
}


@pytest.mark.parametrize("name", list(OWN_SETS))
def test_a_share_of_a_set_in_the_exercises_own_sets_is_checked(name: str) -> None:
    """A share of set 3 on a two-set exercise fails when loading (it once passed validation
    and crashed `pdfgen build` with an AssertionError in schedule/targets.py)."""
    lines, _, says = OWN_SETS[name]
    problem = only_problem(exercise_plan("      - exercise: squat", *lines))
    assert problem.message == says
    assert problem.field.startswith("sessions[1].exercises[1].")


@pytest.mark.parametrize("name", list(OWN_SETS))
def test_a_share_of_a_set_is_located_where_it_is_written(name: str) -> None:
    lines, where, _ = OWN_SETS[name]
    problem = only_problem(exercise_plan("      - exercise: squat", *lines))
    assert (problem.line, problem.field) == where


def test_a_cycle_add_for_an_exercise_that_is_not_in_the_library() -> None:
    text = exercise_plan(
        "      - {exercise: squat, sets: 3, reps: 5, load: 65% TM}",
        top="training_max: 90%\ncycle:\n  weeks: 4\n  add: {squat: 5 kg, bench prss: 2.5 kg}\n",
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (5, "cycle.add.bench prss")
    assert problem.message == "'bench prss' is not in the exercise library."


def test_a_cycle_add_for_an_exercise_the_plan_lacks() -> None:
    text = exercise_plan(
        "      - {exercise: squat, sets: 3, reps: 5, load: 65% TM}",
        top="training_max: 90%\ncycle:\n  weeks: 4\n  add: {squat: 5 kg, deadlift: 5 kg}\n",
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (5, "cycle.add.deadlift")
    assert "deadlift" in problem.message


def test_a_bad_cycle_add_gets_one_clear_problem() -> None:
    text = exercise_plan(
        "      - {exercise: squat, sets: 3, reps: 5, load: 65% TM}",
        top="training_max: 90%\ncycle: {weeks: 4, add: 65% TM}\n",
    )
    problem = only_problem(text)
    assert problem.field == "cycle.add"
    assert "'65% TM' is not a load step; write it as '2.5 kg', '5 lb' or '5%'." in problem.message


def test_week_keys_are_checked_one_by_one() -> None:
    text = exercise_plan(
        "      - exercise: squat",
        "        sets: 3",
        "        reps: 5",
        "        weeks:",
        "          1-3: {sets: 4}",
        "          3: {sets: 2}",
        "          wk5: {sets: 1}",
        "          4-2: {sets: 1}",
        "          60: {sets: 1}",
    )
    found = problems_of(text)
    at = "sessions[1].exercises[1].weeks"
    assert [(p.line, p.field, p.message) for p in found] == [
        (10, f"{at}.3", "week 3 is given twice."),
        (11, f"{at}.wk5", "'wk5' is not a week; write a week number (3) or weeks (1-3)."),
        (12, f"{at}.4-2", "weeks 4-2 run backwards; write 2-4."),
        (13, f"{at}.60", "week 60 is not a week from 1 to 52."),
    ]


def test_a_week_past_the_cycle() -> None:
    text = exercise_plan(
        "      - exercise: squat",
        "        sets: 3",
        "        reps: 5",
        "        weeks:",
        "          4: {sets: 2}",
        top="cycle: {weeks: 3}\n",
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (10, "sessions[1].exercises[1].weeks.4")
    assert problem.message.startswith("week 4 is past the cycle of 3 weeks;")


def test_an_exercises_week_takes_no_circuit_keys_and_a_circuits_no_exercise_keys() -> None:
    exercise = exercise_plan(
        "      - exercise: squat",
        "        sets: 3",
        "        reps: 5",
        "        weeks:",
        "          2: {work: running 5 min}",
    )
    problem = only_problem(exercise)
    assert (problem.line, problem.message) == (9, "an exercise's week takes sets, not work.")
    circuit = exercise_plan(
        "      - circuit: Run",
        "        work: running 5 min",
        "        weeks:",
        "          2: {reps: 5}",
    )
    problem = only_problem(circuit)
    assert (problem.line, problem.message) == (8, "a circuit's week takes its work, not reps.")


def test_a_circuits_week_of_work_is_parsed_where_it_is_written() -> None:
    text = exercise_plan(
        "      - circuit: Run",
        "        work: running 5 min",
        "        weeks:",
        "          2: 8 x running 60 s",
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (8, "sessions[1].exercises[1].weeks.2")
    assert "put the steps of rounds in brackets" in problem.message


def test_a_circuit_names_an_exercise_the_library_lacks() -> None:
    text = exercise_plan("      - circuit: Run", "        work: 8 x (runing 60 s, walking 90 s)")
    problem = only_problem(text)
    assert problem.message == "'runing' is not in the exercise library (`pdfgen exercises`)."
    assert problem.field.startswith("sessions[1].exercises[1]")


def test_a_circuits_unknown_exercise_is_located_at_its_work() -> None:
    text = exercise_plan("      - circuit: Run", "        work: 8 x (runing 60 s, walking 90 s)")
    problem = only_problem(text)
    assert (problem.line, problem.field) == (6, "sessions[1].exercises[1].work")


def test_a_circuits_load_is_a_weight() -> None:
    text = exercise_plan(
        "      - circuit: Swings", "        work: 10 x (kettlebell swing 10 @ 70%, push-up 5)"
    )
    assert only_problem(text).message == "'70%': a circuit's load is a weight, or words."


def test_sets_times_reps_in_reps_is_a_hint_to_write_sets() -> None:
    text = exercise_plan("      - exercise: plank", "        sets: 3", "        reps: 6x10s")
    problem = only_problem(text)
    assert (problem.line, problem.field) == (7, "sessions[1].exercises[1].reps")
    assert problem.message == (
        "'6x10s' is sets × reps: write it as `sets: 6x10s`, or give sets and reps apart."
    )


def test_an_effort_target_is_one_of_rpe_or_rir() -> None:
    text = exercise_plan("      - exercise: squat", "        sets: 3x5 @ RPE 8 RIR 2")
    problem = only_problem(text)
    assert (problem.line, problem.field) == (6, "sessions[1].exercises[1].sets")
    assert problem.message == "'3x5 @ RPE 8 RIR 2': give an RPE or an RIR target, not both."


def test_a_training_max_over_the_one_rep_max() -> None:
    text = exercise_plan(
        "      - {exercise: squat, sets: 3, reps: 5, load: 65% TM}", top="training_max: 120%\n"
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (2, "training_max")
    assert "from 50% to 100%, like 90%" in problem.message


def test_problems_found_after_validation_are_reported_together() -> None:
    """One run lists every check of the plan as a whole, in the order of the file."""
    text = exercise_plan(
        "      - {exercise: squat, sets: 3, reps: 5, load: 65% TM}",
        "      - {exercise: bench press, sets: 3, reps: 5, weeks: {2: '1x5, 1x5 @ 80% of set 3'}}",
        "      - {exercise: deadlift, weeks: nope}",
    )
    found = problems_of(text)
    assert [p.line for p in found] == [5, 6, 7]
    assert str(InputError(found)).startswith("plan.yaml has 3 problems:")


def test_every_problem_of_a_plan_is_reported_together() -> None:
    """A schema problem and the whole-plan checks in one run: the trainer fixes them all."""
    text = exercise_plan(
        "      - {exercise: squat, sets: 3, reps: 5, load: 65% TM}",
        "      - {exercise: bench press, sets: 3, reps: 5, load: 60-70%}",
        "      - {exercise: deadlift, weeks: nope}",
    )
    assert [p.line for p in problems_of(text)] == [5, 6, 7]


def test_a_set_group_is_a_value() -> None:
    """Groups compare by value, which `pdfgen next` relies on to find a GZCLP stage."""
    assert parse_scheme("6x2+") == (SetGroup(6, parse_reps(2), last_amrap=True),)
    assert parse_scheme("6x2+") != parse_scheme("6x2")
