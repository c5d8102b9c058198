"""Marks beside the text: an exercise's video as a QR code over its address, and the trainer's
logo and contact line on the cover, in the header and in the footer.

Sizes are decided here, from the address and the logo's proportions; the text drawn is plain
(never markup), cleaned and fitted with `pdfgen.compose.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Rect
from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from pdfgen.compose.text import fit_lines, one_line, wrap_address
from pdfgen.io.pictures import Picture
from pdfgen.style.layout import HEADER_BAND
from pdfgen.units import MM

# A QR code's side, quiet zone included: 24 mm scans from paper at arm's length; a long address
# makes more modules, and the code grows so that none is smaller than a phone reads in print.
QR_MIN = 24 * MM
QR_MAX = 40 * MM
QR_MODULE = 0.4 * MM
QR_QUIET = 4  # modules of white around the code, as the standard asks
QR_LEVEL = "M"  # a code still reads with 15 % of it smudged or folded
URL_LINES = 5
URL_BLOCK = 38 * MM  # the width the address under the code wraps in

# The logo: at most this wide and tall on the cover; in the header, as tall as the band allows
# above its rule (drawn 2.5 mm above the band's bottom) with 1 mm to spare.
COVER_LOGO_W = 40 * MM
COVER_LOGO_H = 20 * MM
HEADER_LOGO_H = HEADER_BAND - 3.5 * MM
HEADER_LOGO_W = 25 * MM
HEADER_LOGO_GAP = 3 * MM

Measure = Callable[[str], float]


def qr_modules(url: str) -> int:
    """How many modules a side of the QR code of `url` has (without the quiet zone)."""
    # Imported here: most plans have no videos, and the barcode package is slow to import.
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(url)
    code.make()
    return int(code.getModuleCount())


def qr_side(url: str) -> float:
    """The side of the printed QR code of `url` in points, quiet zone included."""
    modules = qr_modules(url) + 2 * QR_QUIET
    return min(QR_MAX, max(QR_MIN, modules * QR_MODULE))


class VideoCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A QR code of a video's address, with the address printed under it in small type."""

    def __init__(self, url: str, font: str, size: float, color: str) -> None:
        super().__init__()
        self.url, self.font, self.size, self.color = url, font, size, color
        self.side = qr_side(url)
        self.width = max(self.side, URL_BLOCK)
        self.lines = wrap_address(url, self.width, URL_LINES, self._measure)
        self.leading = size * 1.25
        self.height = self.side + 1 * MM + len(self.lines) * self.leading

    def _measure(self, text: str) -> float:
        return float(stringWidth(text, self.font, self.size))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics.barcode.qr import QrCodeWidget

        canv: Canvas = self.canv
        widget = QrCodeWidget(
            self.url,
            barLevel=QR_LEVEL,
            barBorder=QR_QUIET,
            barWidth=self.side,
            barHeight=self.side,
            barFillColor=colors.black,  # black on white reads best, whatever the accent
        )
        # The widget's modules, drawn as plain rectangles: reportlab's drawing renderer would
        # name Helvetica on every page, a font that is not embedded.
        canv.saveState()
        canv.translate((self.width - self.side) / 2, self.height - self.side)
        canv.setFillColor(colors.black)
        for shape in widget.draw().contents:
            if isinstance(shape, Rect) and shape.fillColor is not None:
                canv.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)
        canv.restoreState()
        canv.setFont(self.font, self.size)
        canv.setFillColor(colors.HexColor(self.color))
        y = self.height - self.side - 1 * MM - self.size
        for line in self.lines:
            canv.drawCentredString(self.width / 2, y, line)
            y -= self.leading


class PictureMark(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A picture, as large as fits its box with its proportions kept."""

    def __init__(self, picture: Picture, max_w: float, max_h: float) -> None:
        super().__init__()
        self.picture = picture
        self.width, self.height = logo_box(picture, max_w, max_h)
        self.reader = image_reader(picture)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")


def logo_box(logo: Picture, max_w: float, max_h: float) -> tuple[float, float]:
    """The logo's printed width and height: as large as fits the box, proportions kept."""
    width = min(max_w, max_h * logo.aspect)
    return width, width / logo.aspect


class Letterhead(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The cover's top line: the logo at the left, the contact line at the right."""

    def __init__(
        self,
        logo: Picture | None,
        image: ImageReader | None,
        contact: str,
        width: float,
        font: str,
        size: float,
        color: str,
    ) -> None:
        super().__init__()
        self.logo, self.image = logo, image
        self.font, self.size, self.color = font, size, color
        self.logo_w, self.logo_h = (
            logo_box(logo, COVER_LOGO_W, COVER_LOGO_H) if logo else (0.0, 0.0)
        )
        self.width = width
        room = width - self.logo_w - (6 * MM if logo else 0)
        measure: Measure = lambda text: float(stringWidth(text, font, size))  # noqa: E731
        self.lines = fit_lines(one_line(contact), room, 2, measure) if contact else []
        self.leading = size * 1.3
        self.height = max(self.logo_h, len(self.lines) * self.leading)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv: Canvas = self.canv
        if self.image is not None:
            top = self.height
            canv.drawImage(self.image, 0, top - self.logo_h, self.logo_w, self.logo_h, mask="auto")
        if self.lines:
            canv.setFont(self.font, self.size)
            canv.setFillColor(colors.HexColor(self.color))
            # The lines sit at the middle of the logo's height (or at the top without one).
            block = len(self.lines) * self.leading
            y = (self.height + block) / 2 - self.size
            for line in self.lines:
                canv.drawRightString(self.width, y, line)
                y -= self.leading


def draw_header_logo(
    canv: Canvas, logo: Picture, image: ImageReader, left: float, top: float
) -> float:
    """The logo at the left of a page's header, its top at `top`; returns the width it takes,
    with the gap after it."""
    width, height = logo_box(logo, HEADER_LOGO_W, HEADER_LOGO_H)
    canv.drawImage(image, left, top - height, width, height, mask="auto")
    return width + HEADER_LOGO_GAP


def footer_contact(
    canv: Canvas,
    contact: str,
    font: str,
    size: float,
    center: float,
    free: tuple[float, float],
    baseline: float,
) -> bool:
    """The contact line centred in the footer, if it fits whole between `free`'s ends (after
    the page number, before the trainer); a cut-off phone number would be worse than none."""
    text = one_line(contact)
    width = stringWidth(text, font, size)
    half = min(center - free[0], free[1] - center) - 4 * MM
    if not text or width / 2 > half:
        return False
    canv.setFont(font, size)
    canv.drawCentredString(center, baseline, text)
    return True


def image_reader(logo: Picture | None) -> Any:
    """One reader for every drawing of the logo: reportlab embeds an image once per document
    by its content, and a single reader computes that content once."""
    return ImageReader(logo.image) if logo else None
