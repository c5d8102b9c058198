"""Colours as layouts write them ('#rrggbb'), and the arithmetic of a brand colour: which
colours it sets, darkened where it would be unreadable on white paper or under white text.

Pure: no I/O.
"""

from __future__ import annotations

import re

WHITE = "#ffffff"
# WCAG contrast: 3:1 for headings in colour on white paper.
MIN_ACCENT_CONTRAST = 3.0

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def hex_color(value: str) -> str:
    """A colour written '#rrggbb', in lower case; ValueError saying how to write it.

    >>> hex_color("#1D4E89")
    '#1d4e89'
    """
    if not _HEX.fullmatch(value):
        raise ValueError(f"'{value}' is not a colour; write it as '#rrggbb', like '#1d4e89'.")
    return value.lower()


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """The relative luminance of '#rrggbb' (WCAG): 0 for black, 1 for white.

    >>> luminance("#000000"), luminance("#ffffff")
    (0.0, 1.0)
    """

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    >>> round(contrast("#000000", "#ffffff"), 1), round(contrast("#1d4e89", "#ffffff"), 1)
    (21.0, 8.4)
    """
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: str, b: str, share_of_b: float) -> str:
    """`a` with `share_of_b` of `b` mixed in.

    >>> mix("#1d4e89", "#ffffff", 0.9)
    '#e8edf3'
    """
    channels = (
        round(x + (y - x) * share_of_b) for x, y in zip(_channels(a), _channels(b), strict=True)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def brand_colors(color: str, text_color: str) -> dict[str, str]:
    """The layout colours a brand colour sets: the header fill itself, header text that reads
    on it (white or the text colour), an accent for headings on white paper (the colour,
    darkened until it reads), and a light tint of it for shaded boxes.

    >>> brand_colors("#1d4e89", "#1a1a1a")["accent"]
    '#1d4e89'
    >>> yellow = brand_colors("#ffd400", "#1a1a1a")
    >>> yellow["accent"], yellow["header_text"], yellow["shade"]
    ('#a78c00', '#1a1a1a', '#fffbe6')
    """
    accent = color
    while contrast(accent, WHITE) < MIN_ACCENT_CONTRAST:
        accent = mix(accent, "#000000", 0.1)
    readable = WHITE if contrast(WHITE, color) >= contrast(text_color, color) else text_color
    return {
        "accent": accent,
        "header_fill": color,
        "header_text": readable,
        "shade": mix(color, WHITE, 0.9),
    }
