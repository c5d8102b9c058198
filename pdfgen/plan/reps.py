"""Rep targets: what a plan writes in `reps:`, parsed once into a value every later stage uses.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MAX_REPS = 100
MAX_SECONDS = 600

_TARGET = re.compile(
    r"""(?P<low>\d{1,4})\s*(?:[-–—]|to)\s*(?P<high>\d{1,4})|(?P<one>\d{1,4})""", re.VERBOSE
)
_SECONDS = re.compile(r"\s*(seconds|second|secs|sec|s)\b\s*", re.IGNORECASE)
_SIDE = re.compile(r"\s*(/|per|a|each)\s*(side|leg|arm)\s*", re.IGNORECASE)
_AMRAP = re.compile(r"\s*(amrap|max)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class RepTarget:
    """A set's target: a rep count or range, seconds for timed sets, or as many reps as possible."""

    low: int
    high: int
    unit: Literal["reps", "seconds"] = "reps"
    per_side: bool = False
    amrap: bool = False

    def __str__(self) -> str:
        """The target as printed.

        >>> [str(parse_reps(s)) for s in ["6-8", 12, "AMRAP", "30s", "10/side", "30-45 s"]]
        ['6–8', '12', 'AMRAP', '30 s', '10 / side', '30–45 s']
        """
        if self.amrap:
            return "AMRAP"
        text = str(self.low) if self.low == self.high else f"{self.low}–{self.high}"
        if self.unit == "seconds":
            text += " s"
        if self.per_side:
            text += " / side"
        return text


class RepsError(ValueError):
    """A rep target that cannot be read or makes no sense."""


def parse_reps(value: int | str) -> RepTarget:
    """Read a rep target as plans write it.

    >>> parse_reps("6-8")
    RepTarget(low=6, high=8, unit='reps', per_side=False, amrap=False)
    >>> parse_reps(12).low, parse_reps("30s").unit, parse_reps("10/side").per_side
    (12, 'seconds', True)
    >>> parse_reps("12-8")
    Traceback (most recent call last):
    pdfgen.plan.reps.RepsError: the range 12-8 runs backwards; write the low number first (8-12).
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RepsError(_HELP)
    text = str(value).strip()
    if _AMRAP.fullmatch(text):
        return RepTarget(1, MAX_REPS, amrap=True)
    match = _TARGET.match(text)
    if match is None:
        raise RepsError(_HELP)
    rest = text[match.end() :]
    unit: Literal["reps", "seconds"] = "reps"
    per_side = False
    seconds = _SECONDS.match(rest)
    if seconds:
        unit, rest = "seconds", rest[seconds.end() :]
    side = _SIDE.fullmatch(rest)
    if side:
        per_side, rest = True, ""
    if rest.strip():
        raise RepsError(_HELP)
    if match["one"]:
        low = high = int(match["one"])
    else:
        low, high = int(match["low"]), int(match["high"])
    if min(low, high) < 1:
        raise RepsError("a rep target must be at least 1.")
    if high < low:
        raise RepsError(
            f"the range {low}-{high} runs backwards; write the low number first ({high}-{low})."
        )
    most = MAX_SECONDS if unit == "seconds" else MAX_REPS
    if high > most:
        what = "seconds" if unit == "seconds" else "reps"
        raise RepsError(f"{high} {what} is more than the {most} a set can hold.")
    return RepTarget(low, high, unit, per_side)


_HELP = "write reps as a number (12), a range (6-8), AMRAP, seconds (30s) or per side (10/side)."
