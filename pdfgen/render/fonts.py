"""Registering a layout's fonts with reportlab, when first needed and once per process; and
noting every character they are asked to draw that they have no glyph for, so that a warning
can say which ones print as boxes (found from what was drawn, not from a list of what might be).
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pdfgen.errors import input_error
from pdfgen.io import resources
from pdfgen.io.reading import check_input
from pdfgen.style.layout import Fonts
from pdfgen.style.loading import MAX_FONT_BYTES


@dataclass(frozen=True)
class FontSet:
    """reportlab names of a layout's registered fonts, and what they could not draw."""

    regular: str
    bold: str
    _fonts: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def forget(self) -> None:
        """Start a new document: forget the characters found missing so far."""
        for font in self._fonts:
            font.missing.clear()

    def missing(self) -> list[str]:
        """The characters drawn since `forget()` that a font has no glyph for, in the order
        they were first drawn."""
        found: dict[str, None] = {}
        for font in self._fonts:
            found.update(font.missing)
        return list(found)


@cache
def _font_class() -> Any:
    from reportlab.pdfbase.ttfonts import TTFont

    class RecordingFont(TTFont):  # type: ignore[misc]  # reportlab is untyped
        """A TrueType font that notes each character it is asked to draw and has no glyph
        for: every text reportlab draws with it (paragraphs, grids, the chart, headers) is
        split into glyphs here."""

        def __init__(self, name: str, path: str) -> None:
            super().__init__(name, path)
            known = {chr(code) for code in self.face.charToGlyph}
            self.known = frozenset(known | set(" \t\n\r\xa0"))
            self.missing: dict[str, None] = {}

        def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
            if isinstance(text, str) and not self.known.issuperset(text):
                for char in text:
                    if char not in self.known:
                        self.missing.setdefault(char)
            return super().splitString(text, doc, encoding)

    return RecordingFont


@cache
def _register(path: str) -> tuple[str, Any]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    # A name from the file's path: two files with the same internal font name must stay two
    # fonts, or bold would silently print as regular.
    digest = hashlib.sha1(path.encode()).hexdigest()[:8]
    name = f"{Path(path).stem}-{digest}"
    check_input(path, what="font", limit=MAX_FONT_BYTES)
    try:
        font = _font_class()(name, path)
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as exc:
        if Path(path).parent == resources.fonts_dir():
            message = f"pdfgen's own font file is damaged ({exc}); {resources.REINSTALL}."
        else:
            message = f"this font file cannot be used ({exc}); name another .ttf in the layout."
        raise input_error(path, message) from None
    pdfmetrics.registerFont(font)
    return name, font


def register(fonts: Fonts) -> FontSet:
    """Register the layout's fonts (once each) and return their reportlab names."""
    from reportlab.pdfbase import pdfmetrics

    regular, regular_font = _register(fonts.regular)
    bold, bold_font = _register(fonts.bold)
    # A family, so that our own <b> in paragraphs picks the layout's bold face. No italics are
    # printed, and loading a third font would cost every run.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return FontSet(regular, bold, (regular_font, bold_font))
