"""The per-client options of a booklet or log sheets, checked and parsed in one place.

The command line and the Python API take the same options; each bad one is reported with what
to write instead, all of them together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import cast

from pdfgen.errors import InputError, Problem
from pdfgen.plan.loading import builtin_library, name_index, normalise
from pdfgen.plan.loads import Load, LoadError, Unit, parse_load
from pdfgen.plan.model import MAX_WEEKS, WEEKDAYS, Plan, Weekday
from pdfgen.schedule.expand import block_too_late
from pdfgen.style.layout import PAGE_SIZES_MM

UNITS = ("kg", "lb")
FULL_NAMES = {
    day[:3]: day
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}
MAX_NAME = 80
MAX_NOTES = 600


@dataclass(frozen=True)
class ClientOptions:
    """A client's options, checked."""

    client: str = ""
    trainer: str = ""
    weeks: int | None = None
    start: date | None = None
    units: Unit = "kg"
    page_size: str | None = None
    days: tuple[Weekday, ...] = ()
    maxes: Mapping[str, Load] | None = None
    notes: str = ""


def check_options(
    plan: Plan,
    *,
    client: str = "",
    trainer: str = "",
    weeks: int | None = None,
    start: date | str | None = None,
    units: str = "kg",
    page_size: str | None = None,
    days: str | list[str] | tuple[str, ...] | None = None,
    maxes: Mapping[str, str | float | Load] | None = None,
    notes: str = "",
) -> ClientOptions:
    """The options as values, or an InputError naming every bad one."""
    problems: list[str] = []
    if len(notes) > MAX_NOTES:
        problems.append(f"the notes are {len(notes):,} characters long; the most is {MAX_NOTES}.")
    for name, value in (("client", client), ("trainer", trainer)):
        if len(value) > MAX_NAME:
            problems.append(f"--{name} is {len(value)} characters long; the most is {MAX_NAME}.")
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        problems.append(f"--weeks must be from 1 to {MAX_WEEKS}, not {weeks}.")
    if units not in UNITS:
        problems.append(f"--units must be kg or lb, not '{units}'.")
    if page_size is not None and page_size not in PAGE_SIZES_MM:
        problems.append(f"--page-size must be a4, letter or a5, not '{page_size}'.")
    start_date = _start(start, problems)
    if start_date is not None and (weeks is None or 1 <= weeks <= MAX_WEEKS):
        late = block_too_late(start_date, weeks or plan.weeks)
        if late:
            problems.append(f"--start: {late}")
    weekdays = _days(days, problems)
    unit = cast(Unit, units if units in UNITS else "kg")
    best = _maxes(plan, maxes or {}, unit, problems)
    if problems:
        raise InputError([Problem("options", p) for p in problems])
    return ClientOptions(client, trainer, weeks, start_date, unit, page_size, weekdays, best, notes)


def _start(start: date | str | None, problems: list[str]) -> date | None:
    if not isinstance(start, str):
        return start
    try:
        return date.fromisoformat(start)
    except ValueError:
        problems.append(f"--start must be a date written YYYY-MM-DD, not '{start}'.")
        return None


def parse_days(text: str | list[str] | tuple[str, ...]) -> tuple[Weekday, ...]:
    """Training weekdays from "mon,thu" (or a list); ValueError says what to write.

    >>> parse_days("Mon, thu"), parse_days(["tuesday", "fri"])
    (('mon', 'thu'), ('tue', 'fri'))
    """
    words = text.split(",") if isinstance(text, str) else list(text)
    days: list[Weekday] = []
    for word in words:
        spoken = word.strip().lower()
        key = spoken[:3]
        # "mon", "mond" and "monday" are Monday; "monkey" is not.
        if key not in WEEKDAYS or not FULL_NAMES[key].startswith(spoken):
            raise ValueError(f"'{word.strip()}' is not a weekday; write days as mon,tue,...,sun.")
        day: Weekday = key
        if day in days:
            raise ValueError(f"'{day}' is named twice.")
        days.append(day)
    if not days:
        raise ValueError("name at least one weekday, like mon,thu.")
    return tuple(days)


def _days(
    days: str | list[str] | tuple[str, ...] | None, problems: list[str]
) -> tuple[Weekday, ...]:
    if not days:
        return ()
    try:
        return parse_days(days)
    except ValueError as exc:
        problems.append(f"--days: {exc}")
        return ()


def _maxes(
    plan: Plan, given: Mapping[str, str | float | Load], units: Unit, problems: list[str]
) -> dict[str, Load]:
    """Maxes by exercise id; an exercise may be named by id, name or alias. A max for a library
    exercise this plan does not use is ignored: one client file serves every plan."""
    index = name_index(plan.used_exercises)
    library = name_index(builtin_library())
    found: dict[str, Load] = {}
    for name, value in given.items():
        ex_id = index.get(normalise(name))
        if ex_id is None:
            if normalise(name) not in library:
                problems.append(f"--max {name}: there is no exercise of that name.")
            continue
        try:
            load = _as_load(value, units)
        except LoadError as exc:
            problems.append(f"--max {name}: {exc}")
            continue
        found[ex_id] = load
    return found


def _as_load(value: str | float | Load, units: Unit) -> Load:
    if isinstance(value, Load):
        load: Load | None = value
    elif isinstance(value, int | float) or re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", str(value)):
        load = parse_load(f"{value} {units}")  # a bare number is in the client's units
    else:
        load = parse_load(str(value))
    if load is None or load.is_percent or load.value <= 0:
        raise LoadError(f"'{value}' is not a weight; write it like 80kg or 175lb.")
    return load


def parse_week_range(text: str, last: int) -> list[int]:
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
            raise ValueError(f"'{text}' is not a range of weeks; write 3, 1-4, 2,5-6 or all.")
        low = int(match[1])
        high = int(match[2] or low)
        if not 1 <= low <= high <= MAX_WEEKS:
            raise ValueError(f"weeks run from 1 to {MAX_WEEKS}, low to high; not '{part}'.")
        weeks += [w for w in range(low, high + 1) if w not in weeks]
    return weeks


def weeks_to_print(text: str, plan_weeks: int) -> list[int]:
    """The weeks `--weeks` asks for, within the plan's length, or an InputError."""
    try:
        wanted = parse_week_range(text, plan_weeks)
    except ValueError as exc:
        raise InputError([Problem("options", f"--weeks: {exc}")]) from None
    if max(wanted) > plan_weeks:
        message = (
            f"--weeks {text}: the plan is {plan_weeks} weeks long; ask for weeks 1 to "
            f"{plan_weeks}, or lengthen the plan's `weeks:`."
        )
        raise InputError([Problem("options", message)])
    return wanted
