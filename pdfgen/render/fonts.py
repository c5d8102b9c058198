"""Registering a layout's fonts with reportlab, when first needed and once per process."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pdfgen.errors import input_error
from pdfgen.io import resources
from pdfgen.io.reading import check_input
from pdfgen.style.layout import Fonts
from pdfgen.style.loading import MAX_FONT_BYTES


@dataclass(frozen=True)
class FontSet:
    """reportlab names of a layout's registered fonts, and what the regular font can draw."""

    regular: str
    bold: str
    glyphs: frozenset[int]

    def has_glyph(self, codepoint: int) -> bool:
        """Whether the regular font draws this character."""
        return codepoint in self.glyphs


@cache
def _register(path: str) -> tuple[str, frozenset[int]]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    # A name from the file's path: two files with the same internal font name must stay two
    # fonts, or bold would silently print as regular.
    digest = hashlib.sha1(path.encode()).hexdigest()[:8]
    name = f"{Path(path).stem}-{digest}"
    check_input(path, what="font", limit=MAX_FONT_BYTES)
    try:
        font = TTFont(name, path)
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as exc:
        if Path(path).parent == resources.fonts_dir():
            message = f"pdfgen's own font file is damaged ({exc}); {resources.REINSTALL}."
        else:
            message = f"this font file cannot be used ({exc}); name another .ttf in the layout."
        raise input_error(path, message) from None
    pdfmetrics.registerFont(font)
    return name, frozenset(font.face.charToGlyph)


def register(fonts: Fonts) -> FontSet:
    """Register the layout's fonts (once each) and return their reportlab names."""
    from reportlab.pdfbase import pdfmetrics

    regular, glyphs = _register(fonts.regular)
    bold, _ = _register(fonts.bold)
    # A family, so that our own <b> in paragraphs picks the layout's bold face. No italics are
    # printed, and loading a third font would cost every run.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return FontSet(regular, bold, glyphs)
