"""Loads: what a plan writes in `load:` and in a load step, and plate rounding.

Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from pdfgen.units import MAX_LOAD, Unit, convert, unit_of

_QUANTITY = re.compile(
    r"\s*(?P<sign>[+−-])?\s*(?P<value>\d{1,4}(?:[.,]\d+)?)\s*(?P<unit>kg|kgs|lb|lbs|%)\s*",
    re.IGNORECASE,
)
# Assistance written in words: "assisted 20 kg", "20 kg assistance".
_ASSISTED = re.compile(r"\s*assisted\s+(?P<a>.+)|(?P<b>.+?)\s+assist(?:ance|ed)?\s*", re.IGNORECASE)
Sign = Literal[0, 1, -1]


@dataclass(frozen=True)
class Load:
    """A load: an amount in kg or lb, or a percentage (of the client's max, or of a load)."""

    value: float
    unit: Unit | Literal["%"]
    # On bodyweight work: +1 a weight added (a belt or vest), -1 assistance (a machine or band);
    # 0 a load of its own.
    sign: Sign = field(default=0, repr=False)

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
        text = f"{self.value:g}%" if self.is_percent else f"{self.value:g} {self.unit}"
        return {1: "+", -1: "-", 0: ""}[self.sign] + text


class LoadError(ValueError):
    """A load that cannot be read."""


def parse_load(text: str | int | float) -> Load | None:
    """A load as plans write it, or None when it is a description ("bodyweight", "light").

    >>> parse_load("40 kg"), parse_load("62,5kg"), parse_load("70%"), parse_load("bodyweight")
    (Load(value=40.0, unit='kg'), Load(value=62.5, unit='kg'), Load(value=70.0, unit='%'), None)

    On bodyweight work a weight is added on purpose ("+10 kg") or is assistance ("-20 kg",
    "assisted 20 kg", "20 kg assistance"):

    >>> parse_load("+10 kg").sign, parse_load("assisted 20 kg").sign, parse_load("-20 kg").sign
    (1, -1, -1)
    """
    assisted = _ASSISTED.fullmatch(str(text))
    if assisted:
        load = parse_load(assisted["a"] or assisted["b"])
        if load is None or load.sign or load.is_percent:
            raise LoadError(f"'{text}': write assistance as a weight, like 'assisted 20 kg'.")
        return Load(load.value, load.unit, -1)
    match = _QUANTITY.fullmatch(str(text))
    if match is None:
        return None
    sign: Sign = {"+": 1, "-": -1, "−": -1}.get(match["sign"] or "", 0)  # type: ignore[assignment]
    number = match["value"].replace(",", ".")
    value = float(number)
    unit = match["unit"].lower().rstrip("s")
    if len(number.partition(".")[2]) > 3:
        raise LoadError(
            f"{number} {unit} has more decimal places than any plate; write at most three "
            f"({value:.3f} {unit})."
        )
    if unit == "%":
        if not 0 < value <= 200:
            raise LoadError(f"{value:g}% is not a usable percentage (1 to 200).")
        return Load(value, "%", sign)
    if value > MAX_LOAD[unit]:
        raise LoadError(f"{value:g} {unit} is more than anyone can lift.")
    if value <= 0:
        raise LoadError(f"a load of {value:g} {unit} is no load; leave it out, or describe it.")
    return Load(value, unit_of(unit), sign)


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
