"""Measures every stage shares, each defined once: points per millimetre, paper sizes, the two
weight units and the arithmetic between them.

Pure: no I/O.
"""

from __future__ import annotations

from typing import Literal

MM = 72 / 25.4  # points in a millimetre

PaperSize = Literal["a4", "letter", "a5"]
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a5": (148.0, 210.0),
}

Unit = Literal["kg", "lb"]
UNITS: tuple[Unit, ...] = ("kg", "lb")
LB_PER_KG = 2.2046226218
# More than anyone lifts: a larger number is a typo.
MAX_LOAD: dict[str, float] = {"kg": 1000.0, "lb": 2200.0}


def unit_of(word: str) -> Unit:
    """The unit a word names: "kg" or "kgs" is kg; anything else pdfgen accepts is lb.

    >>> unit_of("kgs"), unit_of("lb")
    ('kg', 'lb')
    """
    return "kg" if word.lower().startswith("kg") else "lb"


def convert(value: float, from_unit: Unit, to_unit: Unit) -> float:
    """A weight in other units.

    >>> round(convert(100, "kg", "lb"), 1), round(convert(45, "lb", "kg"), 2)
    (220.5, 20.41)
    """
    if from_unit == to_unit:
        return value
    return value * LB_PER_KG if from_unit == "kg" else value / LB_PER_KG
