"""The per-client options of a booklet or log sheets, each declared once.

An `Option` states a client option's name, help, metavar, the roster column that carries it and
how its value is read. From these declarations come the command line's flags (`pdfgen.cli`),
the keys of a client file (`pdfgen.plan.client`), a roster's columns (`pdfgen.app.roster`) and
the checks behind the Python API and `expand`: every entry point takes the same forms
(`start="2027-01-04"` or a date, `days="mon,thu"` or a list, `weeks="4"` or 4) and reports a bad
value the same way, each in its own words for the option's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pdfgen.errors import Ask, shown
from pdfgen.plan.limits import MAX_WEEKS, WEEKDAYS, Weekday
from pdfgen.plan.loads import Load, LoadError, parse_load
from pdfgen.plan.maxes import MAX_REPS_OF_A_MAX, Max
from pdfgen.units import MAX_LOAD, PAPER_SIZES_MM, UNITS

MAX_NAME = 80
MAX_NOTES = 600
MAX_MAXES = 60
FULL_NAMES = {
    day[:3]: day
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}


@dataclass(frozen=True)
class Option:
    """One per-client option: its name (the API's keyword and a client file's key), what it
    means, and how a value given in any accepted form is read (`read` raises ValueError with
    a message that reads after the option's name: "must be ...")."""

    name: str
    help: str
    read: Callable[[Any], Any]
    metavar: str = "TEXT"
    flag: str = ""  # the command line's, if not --name
    column: str = ""  # a roster's column, if rosters carry it
    choices: tuple[str, ...] = ()

    @property
    def cli_flag(self) -> str:
        """The command line's flag: `--page-size`."""
        return self.flag or "--" + self.name.replace("_", "-")


# -- reading values ---------------------------------------------------------------------------


def read_text(limit: int) -> Callable[[Any], str]:
    """A reader of text of at most `limit` characters (a number written there is text)."""

    def read(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError("must be text.")
        text = str(value).strip()
        if len(text) > limit:
            raise ValueError(f"is {len(text):,} characters long; the most is {limit:,}.")
        return text

    return read


def read_weeks(value: Any) -> int:
    """Weeks in a block: a whole number from 1 to 52, written in digits.

    >>> read_weeks("8"), read_weeks(6)
    (8, 6)
    >>> read_weeks("1_2")
    Traceback (most recent call last):
    ValueError: must be a whole number, not '1_2'.
    """
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,4}\s*", value):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, not {shown(value)}.")
    if not 1 <= value <= MAX_WEEKS:
        raise ValueError(f"must be from 1 to {MAX_WEEKS}, not {value}.")
    return value


def read_date(value: Any) -> date:
    """A date: a `date`, or text written YYYY-MM-DD.

    >>> read_date("2027-01-04")
    datetime.date(2027, 1, 4)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"must be a date written YYYY-MM-DD, not {shown(value)}.")


def read_days(value: Any) -> tuple[Weekday, ...]:
    """Training weekdays from "mon,thu" (or a list), in any case; full names too.

    >>> read_days("Mon, thu"), read_days(["tuesday", "FRI"])
    (('mon', 'thu'), ('tue', 'fri'))
    """
    if isinstance(value, str):
        words = value.split(",")
    elif isinstance(value, list | tuple) and all(isinstance(w, str) for w in value):
        words = list(value)
    else:
        raise ValueError(f"must be weekdays, like mon,thu; not {shown(value)}.")
    days: list[Weekday] = []
    for word in words:
        spoken = word.strip().lower()
        key = spoken[:3]
        # "mon", "mond" and "monday" are Monday; "monkey" is not.
        if key not in WEEKDAYS or not FULL_NAMES[key].startswith(spoken):
            raise ValueError(
                f"must be weekdays written mon,tue,...,sun; '{word.strip()}' is not one."
            )
        day = WEEKDAYS[WEEKDAYS.index(key)]  # the literal, for the type checker
        if day in days:
            raise ValueError(f"names '{day}' twice.")
        days.append(day)
    if not days:
        raise ValueError("must name at least one weekday, like mon,thu.")
    return tuple(days)


def read_choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    """A reader of one of `choices`, in any case."""

    def read(value: Any) -> str:
        if not isinstance(value, str) or value.strip().lower() not in choices:
            raise ValueError(f"must be {' or '.join(choices)}, not {shown(value)}.")
        return value.strip().lower()

    return read


def read_maxes(value: Any) -> dict[str, Max]:
    """Maxes by exercise name: a mapping ({"pull-up": "80kg"}), or `NAME=WEIGHT` texts as the
    command line repeats them. A bare number is in the client's units, which are not known
    here: its unit stays empty until the options meet (`check_options`).

    >>> read_maxes(["pull-up=80kg", "squat=140x5"])
    {'pull-up': Max(value=80.0, unit='kg', reps=1), 'squat': Max(value=140.0, unit=None, reps=5)}
    """
    if isinstance(value, Mapping):
        pairs = [(str(k), v) for k, v in value.items()]
    elif isinstance(value, list | tuple):
        pairs = [_split_max(item) for item in value]
    else:
        raise ValueError("must be exercises with their maxes, like pull-up=80kg.")
    if len(pairs) > MAX_MAXES:
        raise ValueError(f"gives {len(pairs)} maxes; the most is {MAX_MAXES}.")
    return {name.strip(): _named_max(name.strip(), weight) for name, weight in pairs}


def _named_max(name: str, value: Any) -> Max:
    """A max, its error naming the exercise: a client has several."""
    try:
        return read_max(value)
    except ValueError as exc:
        raise ValueError(f"{name} {exc}") from None


def _split_max(item: Any) -> tuple[str, Any]:
    if isinstance(item, tuple) and len(item) == 2:
        return str(item[0]), item[1]
    name, sep, weight = str(item).partition("=")
    if not sep or not name.strip() or not weight.strip():
        raise ValueError(f"must be written EXERCISE=WEIGHT, like pull-up=80kg; not {shown(item)}.")
    return name, weight


_BARE = re.compile(r"\s*\d{1,4}(?:[.,]\d{1,3})?\s*")
_TIMES = re.compile(r"(?P<weight>.*?)\s*[x×]\s*(?P<reps>\d{1,3})\s*(?:reps?)?\s*", re.IGNORECASE)


def read_max(value: Any) -> Max:
    """A max: a weight with its unit ("80kg", "175 lb") or a bare number of the client's units,
    lifted once, or `reps` times after an x ("140kgx5", "140 kg × 5": a five-rep max).

    >>> read_max("62,5 kg"), read_max(" 80 "), read_max("140kg x 5").reps
    (Max(value=62.5, unit='kg', reps=1), Max(value=80.0, unit=None, reps=1), 5)
    """
    if isinstance(value, Max):
        return value
    reps, written = 1, value
    if isinstance(value, str) and (times := _TIMES.fullmatch(value)):
        value, reps = times["weight"], int(times["reps"])
        if not 1 <= reps <= MAX_REPS_OF_A_MAX:
            raise ValueError(
                f"must be a max of 1 to {MAX_REPS_OF_A_MAX} reps (Epley's estimate is "
                f"unreliable beyond), not {reps}."
            )
    load: Load | float | None = None
    if isinstance(value, Load):
        load = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        load = float(value)
    elif isinstance(value, str) and _BARE.fullmatch(value):
        load = float(value.strip().replace(",", "."))
    elif isinstance(value, str):
        try:
            load = parse_load(value)
        except LoadError as exc:
            raise ValueError(f"must be a weight: {exc}") from None
    if isinstance(load, float) and 0 < load <= MAX_LOAD["kg"]:
        return Max(load, None, reps)
    if isinstance(load, Load) and not load.is_percent and not load.sign:
        return Max(load.value, load.weight_unit, reps)
    raise ValueError(
        f"must be a weight like 80kg or 175lb, or a weight with its reps like 140kgx5; "
        f"not {shown(written)}."
    )


# -- the declarations -------------------------------------------------------------------------

OPTIONS: dict[str, Option] = {
    option.name: option
    for option in (
        Option(
            "client",
            "The client's name, printed on every page.",
            read_text(MAX_NAME),
            metavar="NAME",
            column="client",
        ),
        Option(
            "trainer",
            "The trainer's name, on the cover and in the footer.",
            read_text(MAX_NAME),
            metavar="NAME",
            column="trainer",
        ),
        Option(
            "weeks",
            f"Weeks in the block, 1 to {MAX_WEEKS} (default: the plan's).",
            read_weeks,
            metavar="N",
            column="weeks",
        ),
        Option(
            "start",
            "The first day, YYYY-MM-DD (default: dates left blank to write in).",
            read_date,
            metavar="YYYY-MM-DD",
            column="start",
        ),
        Option(
            "days",
            "Training weekdays, like mon,thu (default: the plan's training_days); with "
            "a start date, every session is dated.",
            read_days,
            metavar="DAYS",
            column="days",
        ),
        Option(
            "units",
            "Units of the loads and the weight column (default: kg).",
            read_choice(UNITS),
            metavar="kg|lb",
            column="units",
            choices=UNITS,
        ),
        Option(
            "page_size",
            "Paper size (default: the layout's, A4).",
            read_choice(tuple(PAPER_SIZES_MM)),
            metavar="|".join(PAPER_SIZES_MM),
            column="page_size",
            choices=tuple(PAPER_SIZES_MM),
        ),
        Option(
            "maxes",
            "A max for percentage loads, like pull-up=80kg (a one-rep max) or "
            "squat=140kgx5 (a five-rep max); repeatable. A bare number is in the client's units.",
            read_maxes,
            metavar="EXERCISE=WEIGHT",
            flag="--max",
            column="max.",  # one column per exercise: max.pull-up
        ),
        Option(
            "notes",
            "The trainer's words for this client, printed on the cover.",
            read_text(MAX_NOTES),
            column="notes",
        ),
    )
}


def cli_name(option: str, key: str = "") -> str:
    """An option as the command line names it: `--weeks`, `--max pull-up`."""
    flag = OPTIONS[option].cli_flag
    return f"{flag} {key}" if key else flag


def roster_name(option: str, key: str = "") -> str:
    """An option as a roster names it: `the weeks column`, `the max.pull-up column`."""
    column = OPTIONS[option].column
    return f"the {column}{key} column"


def cli_ask(ask: Ask) -> str:
    """How to give a value on the command line: `--max good-morning=60kg`."""
    flag = cli_name(ask.option)
    return f"{flag} {ask.key}={ask.example}" if ask.key else f"{flag} {ask.example}"


def roster_ask(ask: Ask) -> str:
    """How to give a value in a roster: `a max.good-morning column (like 60kg)`."""
    column = OPTIONS[ask.option].column
    return f"a {column}{ask.key} column (like {ask.example})"


def parse_week_range(text: str, last: int = MAX_WEEKS) -> list[int]:
    """Week numbers from "3", "1-4", "2,5-6" or "all" (weeks 1 to `last`).

    >>> parse_week_range("1-4", 6), parse_week_range("all", 3), parse_week_range("2,5-6", 6)
    ([1, 2, 3, 4], [1, 2, 3], [2, 5, 6])
    """
    if text.strip().lower() == "all":
        return list(range(1, last + 1))
    weeks: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{1,2})\s*(?:-\s*(\d{1,2})\s*)?", part)
        if match is None:
            raise ValueError(f"must be weeks like 3, 1-4, 2,5-6 or all; not '{text}'.")
        low = int(match[1])
        high = int(match[2] or low)
        if not 1 <= low <= high <= MAX_WEEKS:
            raise ValueError(f"must run from 1 to {MAX_WEEKS}, low to high; not '{part.strip()}'.")
        weeks += [w for w in range(low, high + 1) if w not in weeks]
    return weeks


LOG_WEEKS = Option(
    "weeks",
    "Which weeks: 3, 1-4, 2,5-6 or all (all: the block's, by default the plan's length).",
    parse_week_range,
    metavar="RANGE",
)
