"""A form field as the page places it: where it is, what it is called and what it accepts.

The renderer makes one for every blank a client fills in as it draws the page (it alone knows
where the page put each cell), and writes it into the page's document there and then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["text", "tick", "record"]


@dataclass(frozen=True)
class FieldSpec:
    """One form field, in `rect` (x0, y0, x1, y1, in points from its page's lower left
    corner)."""

    name: str
    kind: FieldKind
    rect: tuple[float, float, float, float]
    tooltip: str = ""
    max_length: int = 0  # 0: no limit
    multiline: bool = False
    centred: bool = False
    size: float = 8.0  # of the typed text
    value: str = ""  # a record's data
