"""What a client types into a cell, read the way people type it: a weight (`62,5`, `62.5 kg`,
`140 lb` on a kg sheet), reps (`8`), an effort (`7.5`), a time (`45`, `45 s`, `1:30`, `2 min`) or
a distance (`5`, `5 km`, `400 m`, `3.1 mi`). Anything else is kept as text and reported with
where it is, never dropped.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from pdfgen.units import MAX_LOAD, convert, unit_of

_NUMBER = re.compile(r"\s*(\d{1,4}(?:[.,]\d{1,3})?)\s*")
_WEIGHT = re.compile(r"\s*(\d{1,4}(?:[.,]\d{1,3})?)\s*(kg|kgs|lb|lbs)?\.?\s*", re.IGNORECASE)
# "1,250" is a thousand and a quarter to some and one and a quarter to others.
_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_CLOCK = re.compile(r"\s*(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)\s*")
_DURATION = re.compile(
    r"\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hours?)?\.?\s*",
    re.IGNORECASE,
)
_DISTANCE = re.compile(
    r"\s*(\d{1,5}(?:[.,]\d{1,3})?)\s*(km|k|m|metres?|meters?|mi|miles?)?\.?\s*", re.IGNORECASE
)
MAX_SECONDS = 24 * 3600
MAX_KM = 1000.0
KM_PER_MILE = 1.609344


def read_weight(text: str, units: str, where: str, problems: list[str]) -> float | str | None:
    """A typed weight in the sheet's units: `62,5`, `62.5 kg`, `140 lb` (converted).

    >>> read_weight("62,5", "kg", "", []), read_weight("62.5 KG", "kg", "", [])
    (62.5, 62.5)
    >>> read_weight("", "kg", "", []) is None
    True
    >>> problems = []
    >>> read_weight("sixty", "kg", "week 1, day 1, Pull-up, set 2", problems), problems
    ('sixty', ["week 1, day 1, Pull-up, set 2: weight 'sixty' is not a number; kept as text."])
    """
    if not text:
        return None
    match = _WEIGHT.fullmatch(text)
    if match and _THOUSANDS.fullmatch(match[1]):
        problems.append(
            f"{where}: weight {text!r} could be {match[1].replace(',', '.')} or "
            f"{match[1].replace(',', '')}; kept as text."
        )
        return text
    if match:
        number = float(match[1].replace(",", "."))
        unit = (match[2] or units).lower().rstrip("s")
        if number <= MAX_LOAD[unit]:
            return round(convert(number, unit_of(unit), sheet_units(units)), 2)
    problems.append(f"{where}: weight {text!r} is not a number; kept as text.")
    return text


def read_reps(text: str, where: str, problems: list[str]) -> int | str | None:
    """Typed reps: a whole number (`8`, `8.0`); anything else is kept as text.

    >>> read_reps("8", "", []), read_reps(" 12 ", "", [])
    (8, 12)
    >>> problems = []
    >>> read_reps("8+2", "week 2, day 1, Row, set 1", problems), problems
    ('8+2', ["week 2, day 1, Row, set 1: reps '8+2' is not a whole number; kept as text."])
    """
    if not text:
        return None
    match = _NUMBER.fullmatch(text)
    if match:
        number = float(match[1].replace(",", "."))
        if number.is_integer() and number <= 1000:
            return int(number)
    problems.append(f"{where}: reps {text!r} is not a whole number; kept as text.")
    return text


def read_rpe(text: str, where: str, problems: list[str], kind: str = "rpe") -> float | str | None:
    """A typed effort: an RPE from 1 to 10, or reps in reserve (`kind` "rir") from 0 to 10.

    >>> read_rpe("8,5", "", []), read_rpe("0", "", [], "rir")
    (8.5, 0.0)
    """
    if not text:
        return None
    least, said = (0, "reps in reserve (RIR)") if kind == "rir" else (1, "effort (RPE)")
    match = _NUMBER.fullmatch(text)
    if match and least <= (number := float(match[1].replace(",", "."))) <= 10:
        return number
    problems.append(f"{where}: {said} {text!r} is not a number from {least} to 10; kept as text.")
    return text


def read_time(text: str, where: str, problems: list[str]) -> float | str | None:
    """A typed time, in seconds: a bare number is seconds; `1:30` is a minute and a half.

    >>> [read_time(t, "", []) for t in ("45", "45 s", "1:30", "2 min", "1:02:03", "1.5 h")]
    [45.0, 45.0, 90.0, 120.0, 3723.0, 5400.0]
    """
    if not text:
        return None
    clock = _CLOCK.fullmatch(text)
    seconds: float | None = None
    if clock:
        seconds = int(clock[1] or 0) * 3600 + int(clock[2]) * 60 + int(clock[3])
    elif match := _DURATION.fullmatch(text):
        number = float(match[1].replace(",", "."))
        unit = (match[2] or "s").lower()
        scale = 3600 if unit.startswith("h") else 60 if unit.startswith("m") else 1
        seconds = number * scale
    if seconds is not None and 0 < seconds <= MAX_SECONDS:
        return float(seconds)
    problems.append(f"{where}: time {text!r} is not a time (like 45, 45 s or 1:30); kept as text.")
    return text


def read_distance(
    text: str, where: str, problems: list[str], bare: str = "km"
) -> float | str | None:
    """A typed distance, in kilometres: a bare number is in `bare`, the unit its target was
    printed in (500 for a 500 m row is metres).

    >>> [read_distance(t, "", []) for t in ("5", "5 km", "400 m", "3.1 mi")]
    [5.0, 5.0, 0.4, 4.989]
    >>> read_distance("500", "", [], bare="m")
    0.5
    """
    if not text:
        return None
    match = _DISTANCE.fullmatch(text)
    if match:
        number = float(match[1].replace(",", "."))
        unit = (match[2] or bare or "km").lower()
        if unit in ("km", "k"):
            km = number
        elif unit.startswith("mi"):
            km = number * KM_PER_MILE
        else:
            km = number / 1000
        if 0 < km <= MAX_KM:
            return round(km, 3)
    problems.append(
        f"{where}: distance {text!r} is not a distance (like 5 km or 400 m); kept as text."
    )
    return text


def sheet_units(units: str) -> Any:
    return "lb" if units == "lb" else "kg"
