"""Loads: what a plan writes in `load:` and in a load step, and plate rounding.

Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from pdfgen.units import MAX_LOAD, Unit, convert, unit_of

_QUANTITY = re.compile(
    r"\s*(?P<value>\d{1,4}(?:[.,]\d{1,3})?)\s*(?P<unit>kg|kgs|lb|lbs|%)\s*", re.IGNORECASE
)


@dataclass(frozen=True)
class Load:
    """A load: an amount in kg or lb, or a percentage (of the client's max, or of a load)."""

    value: float
    unit: Unit | Literal["%"]

    @property
    def is_percent(self) -> bool:
        """Whether this is a percentage rather than a weight."""
        return self.unit == "%"

    @property
    def weight_unit(self) -> Unit:
        """The unit of a weight (not a percentage)."""
        return unit_of(self.unit)

    def in_units(self, units: Unit) -> float:
        """A weight's value in `units`.

        >>> round(Load(100, "kg").in_units("lb"), 1)
        220.5
        """
        return convert(self.value, self.weight_unit, units)

    def __str__(self) -> str:
        return f"{self.value:g}%" if self.is_percent else f"{self.value:g} {self.unit}"


class LoadError(ValueError):
    """A load that cannot be read."""


def parse_load(text: str | int | float) -> Load | None:
    """A load as plans write it, or None when it is a description ("bodyweight", "light").

    >>> parse_load("40 kg"), parse_load("62,5kg"), parse_load("70%"), parse_load("bodyweight")
    (Load(value=40.0, unit='kg'), Load(value=62.5, unit='kg'), Load(value=70.0, unit='%'), None)
    """
    match = _QUANTITY.fullmatch(str(text))
    if match is None:
        return None
    value = float(match["value"].replace(",", "."))
    unit = match["unit"].lower().rstrip("s")
    if unit == "%":
        if not 0 < value <= 200:
            raise LoadError(f"{value:g}% is not a usable percentage (1 to 200).")
        return Load(value, "%")
    if value > MAX_LOAD[unit]:
        raise LoadError(f"{value:g} {unit} is more than anyone can lift.")
    if value <= 0:
        raise LoadError(f"a load of {value:g} {unit} is no load; leave it out, or describe it.")
    return Load(value, unit_of(unit))


def round_to(value: float, increment: float) -> float:
    """`value` rounded to the nearest multiple of `increment` (halves round up); a positive
    load never rounds down to nothing.

    A bar loads in steps of the smallest plate pair: with 1.25 kg plates, 2.5 kg.

    >>> round_to(43.7, 2.5), round_to(41.25, 2.5), round_to(88.18, 5), round_to(1, 2.5)
    (42.5, 42.5, 90.0, 2.5)
    """
    if increment <= 0:
        return value
    steps = math.floor(value / increment + 0.5 + 1e-9)
    if value > 0:
        steps = max(steps, 1)
    return float(max(0.0, round(steps * increment, 3)))


def format_weight(value: float, unit: Unit) -> str:
    """A weight as printed: no needless decimals.

    >>> format_weight(42.5, "kg"), format_weight(90.0, "lb")
    ('42.5 kg', '90 lb')
    """
    return f"{value:g} {unit}"
