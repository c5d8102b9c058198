"""The training calendar: `training_dates` and `expand()` date every session and every week from
`start` and the training days, and sessions take turns through the weeks (2 sessions on 3 days:
A B A, then B A B).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pdfgen.plan.limits import WEEKDAYS, Weekday
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.schedule.calendar import training_dates
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Schedule

MONDAY = date(2027, 1, 4)
WEDNESDAY = date(2027, 1, 6)

TWO_ON_THREE = """\
program: Two sessions, three days
weeks: 4
training_days: [mon, wed, fri]
sessions:
  - name: Pull
    exercises:
      - {exercise: pull-up, sets: 3, reps: 6-8}
  - name: Hinge
    exercises:
      - {exercise: good-morning, sets: 3, reps: 8}
"""


def test_a_start_on_a_training_day_dates_that_day_first() -> None:
    assert [training_dates(MONDAY, ("mon", "thu"), week) for week in (1, 2, 3)] == [
        [date(2027, 1, 4), date(2027, 1, 7)],
        [date(2027, 1, 11), date(2027, 1, 14)],
        [date(2027, 1, 18), date(2027, 1, 21)],
    ]


def test_a_start_on_another_weekday_takes_the_next_training_days() -> None:
    # The week runs Wednesday to Tuesday: Thursday, then the next Monday.
    assert [training_dates(WEDNESDAY, ("mon", "thu"), week) for week in (1, 2)] == [
        [date(2027, 1, 7), date(2027, 1, 11)],
        [date(2027, 1, 14), date(2027, 1, 18)],
    ]
    # The order the days are written in does not matter.
    assert training_dates(WEDNESDAY, ("thu", "mon"), 1) == training_dates(
        WEDNESDAY, ("mon", "thu"), 1
    )


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sets(st.sampled_from(WEEKDAYS), min_size=1),
    st.integers(1, 52),
)
def test_each_training_day_falls_once_in_its_week(
    start: date, days: set[Weekday], week: int
) -> None:
    first = start + timedelta(weeks=week - 1)
    dates = training_dates(start, tuple(days), week)
    assert len(dates) == len(days)
    assert dates == sorted(dates)
    assert all(first <= d < first + timedelta(days=7) for d in dates)
    assert {WEEKDAYS[d.weekday()] for d in dates} == days


def test_expand_dates_every_session_and_week() -> None:
    schedule = expand(load_plan("upper-back"), start=MONDAY, days=("mon", "thu"))
    assert [w.start for w in schedule.weeks] == [MONDAY + timedelta(weeks=n) for n in range(6)]
    for week in schedule.weeks:
        assert [d.date for d in week.days] == training_dates(MONDAY, ("mon", "thu"), week.number)
    assert schedule.training_days == ("mon", "thu")


def test_expand_starting_on_another_weekday() -> None:
    schedule = expand(load_plan("upper-back"), start=WEDNESDAY, days=("mon", "thu"))
    assert schedule.weeks[0].start == WEDNESDAY
    assert schedule.weeks[1].start == date(2027, 1, 13)
    assert [d.date for d in schedule.weeks[0].days] == [date(2027, 1, 7), date(2027, 1, 11)]
    assert [d.day for d in schedule.weeks[0].days] == [1, 2]


def test_without_a_start_nothing_is_dated() -> None:
    schedule = expand(load_plan("upper-back"), days=("mon", "thu"))
    assert all(w.start is None for w in schedule.weeks)
    assert all(d.date is None for w in schedule.weeks for d in w.days)


def test_a_start_without_training_days_dates_only_the_weeks() -> None:
    schedule = expand(load_plan("upper-back"), start=MONDAY)
    assert schedule.weeks[1].start == date(2027, 1, 11)
    assert all(d.date is None for w in schedule.weeks for d in w.days)
    assert [len(w.days) for w in schedule.weeks] == [2] * 6  # days_per_week: 2


def letters(schedule: Schedule) -> list[str]:
    return [schedule.rotation(week.number) for week in schedule.weeks]


def test_two_sessions_on_three_days_take_turns_across_weeks() -> None:
    schedule = expand(load_plan_text(TWO_ON_THREE), start=MONDAY)
    assert letters(schedule) == ["A B A", "B A B", "A B A", "B A B"]
    week2 = schedule.weeks[1]
    assert [(d.date, d.session.name) for d in week2.days] == [
        (date(2027, 1, 11), "Hinge"),
        (date(2027, 1, 13), "Pull"),
        (date(2027, 1, 15), "Hinge"),
    ]


def test_more_sessions_than_days_cycle_without_restarting() -> None:
    text = TWO_ON_THREE.replace("[mon, wed, fri]", "[tue, sat]") + (
        "  - name: Shrug\n    exercises:\n      - {exercise: dumbbell-shrug, sets: 3, reps: 12}\n"
    )
    schedule = expand(load_plan_text(text))
    assert letters(schedule) == ["A B", "C A", "B C", "A B"]


def test_days_given_as_an_option_win_over_the_plans() -> None:
    schedule = expand(load_plan_text(TWO_ON_THREE), start=MONDAY, days=("tue", "thu"))
    assert letters(schedule) == ["A B", "A B", "A B", "A B"]
    assert [d.date for d in schedule.weeks[0].days] == [date(2027, 1, 5), date(2027, 1, 7)]
