"""What composed geometry is made of: boxes and lines of text with coordinates (points, origin at
the top-left of what they are in, y growing downwards), with colour roles the layout fills in.
The composers (a day's grid, a notes box) make them; the renderer only paints them. A booklet
has thousands of boxes and lines: they are named tuples, which cost half what a frozen
dataclass does to make.

Pure: no PDF library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from pdfgen.units import MM

Measure = Callable[[str, bool, float], float]
ColorRole = Literal[
    "text", "accent", "muted", "rule", "shade", "header_fill", "header_text", "white"
]

PAD = 1.6 * MM


class Rect(NamedTuple):
    """A box: filled, outlined, or a blank cell for writing in (`write`), which has the `name`
    its form field gets in a fillable document (none where the same blank is printed twice,
    as on the second part of a day split across pages)."""

    x: float
    y: float
    w: float
    h: float
    fill: ColorRole | None = None
    stroke: ColorRole | None = "rule"
    line_width: float = 0.7  # a grid rule: thin, but not lost on a light photocopy
    write: bool = False
    role: str = ""
    name: str = ""


class Run(NamedTuple):
    """A line of text; `y` is its baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    align: Literal["left", "center", "right"] = "left"
    color: ColorRole = "text"


@dataclass(frozen=True)
class DayGrid:
    """A composed day: its size, boxes and text."""

    width: float
    height: float
    rects: tuple[Rect, ...]
    runs: tuple[Run, ...]


def baseline(top: float, height: float, size: float) -> float:
    return top + height / 2 + size * 0.35


def in_cell(
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    *,
    bold: bool = False,
    center: bool = True,
    color: ColorRole = "text",
) -> Run:
    if center:
        return Run(
            x + w / 2, baseline(y, h, size), text, size, bold=bold, align="center", color=color
        )
    return Run(x + PAD, baseline(y, h, size), text, size, bold=bold, color=color)
