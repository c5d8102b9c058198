"""Rep targets: what a plan writes in `reps:`, parsed once into a value every later stage uses.

A target is a count of reps (12, a range 6-8, at least 5 and then as many as possible "5+",
AMRAP), a time (30 s, 20 min, 1 h) or a distance (400 m, 5 km, 3 mi), for each side where the
plan says "/side". Times are kept in seconds and distances in metres, with the unit the plan
wrote them in, so that they print as written.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MAX_REPS = 100
MAX_SECONDS = 600  # a timed set written in seconds: a hold, a carry
MAX_DURATION = 5 * 3600  # written in minutes or hours: a run, a ride
MAX_METRES = 100_000

Measure = Literal["reps", "seconds", "metres"]

# Each unit a plan may write, with what it measures, its factor to seconds or metres, and the
# unit it prints as.
_UNITS: dict[str, tuple[Measure, float, str]] = {}
_WRITTEN: tuple[tuple[tuple[str, ...], Measure, float, str], ...] = (
    (("s", "sec", "secs", "second", "seconds"), "seconds", 1, "s"),
    (("min", "mins", "minute", "minutes"), "seconds", 60, "min"),
    (("h", "hr", "hrs", "hour", "hours"), "seconds", 3600, "h"),
    (("m", "metre", "metres", "meter", "meters"), "metres", 1, "m"),
    (("km", "kilometre", "kilometres", "kilometer", "kilometers"), "metres", 1000, "km"),
    (("mi", "mile", "miles"), "metres", 1609.344, "mi"),
)
for _names, _measure, _factor, _shown in _WRITTEN:
    for _name in _names:
        _UNITS[_name] = (_measure, _factor, _shown)

_NUMBER = r"\d{1,5}(?:[.,]\d{1,2})?"
_UNIT = "|".join(sorted(map(re.escape, [*_UNITS, "reps", "rep"]), key=len, reverse=True))
_TARGET = re.compile(
    rf"""\s*(?:(?P<low>{_NUMBER})\s*(?:[-–—]|to)\s*(?P<high>{_NUMBER})|(?P<one>{_NUMBER}))
    \s*(?P<plus>\+)?\s*(?:(?P<unit>{_UNIT})(?![a-z]))?\s*(?P<plus2>\+)?\s*""",
    re.VERBOSE | re.IGNORECASE,
)
_SIDE = re.compile(r"\s*(/|per|a|each)\s*(side|leg|arm)\s*", re.IGNORECASE)
_AMRAP = re.compile(r"\s*(amrap|max)\s*", re.IGNORECASE)
_SETS_TIMES_REPS = re.compile(r"\s*\d+\s*[x×]\s*\S.*", re.IGNORECASE)


@dataclass(frozen=True)
class RepTarget:
    """A set's target. `low` and `high` are reps, seconds or metres (`unit`); `shown` is the
    unit a time or distance prints in. An AMRAP target's `low` is its minimum ("5+"; 0 for a
    plain AMRAP). `hold` is how long each rep is held, in seconds."""

    low: float
    high: float
    unit: Measure = "reps"
    per_side: bool = False
    amrap: bool = False
    shown: str = ""
    hold: int = 0

    @property
    def timed(self) -> bool:
        """Whether the target is a time."""
        return self.unit == "seconds"

    @property
    def factor(self) -> float:
        """Seconds or metres in one of the units the target is shown in."""
        return _UNITS[self.shown][1] if self.shown else 1

    def __str__(self) -> str:
        """The target as plans write it (the page says it through `compose.words`).

        >>> [str(parse_reps(s)) for s in ["6-8", 12, "AMRAP", "5+", "30s", "10/side", "20 min"]]
        ['6–8', '12', 'AMRAP', '5+', '30 s', '10 / side', '20 min']
        """
        if self.amrap and not self.low:
            return "AMRAP"
        low, high = _number(self.low / self.factor), _number(self.high / self.factor)
        text = low if self.low == self.high else f"{low}–{high}"
        if self.amrap:
            text += "+"
        if self.shown:
            text += f" {self.shown}"
        if self.per_side:
            text += " / side"
        return text


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


class RepsError(ValueError):
    """A rep target that cannot be read or makes no sense."""


def parse_reps(value: int | str) -> RepTarget:
    """Read a rep target as plans write it.

    >>> parse_reps("6-8")
    RepTarget(low=6, high=8, unit='reps', per_side=False, amrap=False, shown='', hold=0)
    >>> parse_reps(12).low, parse_reps("30s").unit, parse_reps("10/side").per_side
    (12, 'seconds', True)
    >>> parse_reps("5+").amrap, parse_reps("20 min").high, parse_reps("5 km").high
    (True, 1200, 5000.0)
    >>> parse_reps("12-8")
    Traceback (most recent call last):
    pdfgen.plan.reps.RepsError: the range 12-8 runs backwards; write the low number first (8-12).
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RepsError(HELP)
    text = str(value).strip()
    if _AMRAP.fullmatch(text):
        return RepTarget(0, 0, amrap=True)
    if _SETS_TIMES_REPS.fullmatch(text):
        raise RepsError(
            f"'{text}' is sets × reps: write it as `sets: {text}`, or give sets and reps apart."
        )
    match = _TARGET.match(text)
    if match is None:
        raise RepsError(HELP)
    rest = text[match.end() :]
    side = _SIDE.fullmatch(rest)
    if rest.strip() and not side:
        raise RepsError(HELP)
    return _target(match, per_side=bool(side))


def _target(match: re.Match[str], per_side: bool) -> RepTarget:
    written = (match["unit"] or "").lower()
    measure, factor, shown = _UNITS.get(written, ("reps", 1, ""))
    low_text, high_text = (
        (match["one"], match["one"]) if match["one"] else (match["low"], match["high"])
    )
    low, high = _amount(low_text, measure, factor), _amount(high_text, measure, factor)
    if min(low, high) <= 0:
        raise RepsError("a rep target must be at least 1.")
    if high < low:
        raise RepsError(
            f"the range {low_text}-{high_text} runs backwards; write the low number first "
            f"({high_text}-{low_text})."
        )
    plus = bool(match["plus"] or match["plus2"])
    if plus and low != high:
        raise RepsError(
            f"'{match.group(0).strip()}': write an AMRAP with its minimum as one number, like '5+'."
        )
    _check_size(high, measure, shown)
    return RepTarget(low, high, measure, per_side, plus, "" if measure == "reps" else shown)


def _amount(text: str, measure: Measure, factor: float) -> float:
    value = float(text.replace(",", "."))
    if measure == "reps":
        if value != int(value):
            raise RepsError(f"{text} is not a whole number of reps.")
        return int(value)
    if measure == "seconds":
        return round(value * factor)
    return round(value * factor, 3)


def _check_size(high: float, measure: Measure, shown: str) -> None:
    if measure == "reps" and high > MAX_REPS:
        raise RepsError(f"{high:g} reps is more than the {MAX_REPS} a set can hold.")
    if measure == "seconds" and shown == "s" and high > MAX_SECONDS:
        raise RepsError(
            f"{high:g} seconds is more than the {MAX_SECONDS} a timed set can hold; a longer "
            f"effort is written in minutes ('{high / 60:.3g} min')."
        )
    if measure == "seconds" and high > MAX_DURATION:
        raise RepsError(
            f"{high / 60:g} minutes is more than the {MAX_DURATION // 3600} hours pdfgen plans."
        )
    if measure == "metres" and high > MAX_METRES:
        raise RepsError(
            f"{high / 1000:g} km is more than the {MAX_METRES // 1000} km pdfgen plans."
        )


def with_hold(target: RepTarget, seconds: int) -> RepTarget:
    """The target with each rep held `seconds` (McGill's curl-up: 6 reps of 10 s)."""
    return RepTarget(
        target.low, target.high, target.unit, target.per_side, target.amrap, target.shown, seconds
    )


HELP = (
    "write reps as a number (12), a range (6-8), at least a number and then as many as "
    "possible (5+), AMRAP, a time (30s, 20 min), a distance (400 m, 5 km) or per side (10/side)."
)


class RepTargets(tuple[RepTarget, ...]):
    """A `reps:` key: the target of every set, or one per set ("12/10/8/6").

    >>> str(RepTargets([parse_reps(12), parse_reps(10)]))
    '12/10'
    """

    __slots__ = ()

    def __str__(self) -> str:
        return "/".join(str(target) for target in self)
