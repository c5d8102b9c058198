"""The limits of a plan and the week's days: small facts the plan model, the per-client options
and the schedule share, with no schema library behind them (the command line reads them before
it knows which command runs). Limits keep a typo from producing a 10,000-page file."""

from __future__ import annotations

from typing import Literal

MAX_WEEKS = 52
MAX_SESSIONS = 7
MAX_EXERCISES_PER_SESSION = 20
MAX_SETS = 20
MAX_SETS_PER_SESSION = 80
MAX_PLAN_EXERCISES = 60

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# What kind of work an exercise is, which decides what is logged and progressed.
Kind = Literal["weighted", "bodyweight", "band", "timed", "distance", "carry"]
KINDS: tuple[Kind, ...] = ("weighted", "bodyweight", "band", "timed", "distance", "carry")
# The kinds that lift a load (and so are progressed by load steps).
LIFTED: frozenset[Kind] = frozenset({"weighted", "carry"})
