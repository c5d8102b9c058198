"""Imposition: two pages to a sheet, in the order a print shop needs them.

A trainer prints an A5 booklet on A4 paper (half-Letter on Letter): each sheet side carries two
pages, and the sheets, printed double-sided and folded, make the booklet. Getting the page order
right by hand is error-prone, so it is done here, in two stages like the rest of pdfgen:

* the page order is pure arithmetic (`sheet_sides`, `padded_count`, `reading_order`) and the
  sheet geometry too (`sheet_for`), with doctests and no PDF library;
* `impose` does the pypdf work: it places the pages, keeps their form fields fillable and
  copies the document metadata.

Modes:

* ``saddle``: a saddle-stitched booklet. The pages are padded with blanks to a multiple of four;
  the blanks go just before the back page, so the last page stays on the back cover. Print
  double-sided, flipping on the short edge, stack the sheets in order and fold in the middle.
* ``2up``: two pages per side in reading order (1 2 / 3 4 / ...), a blank after an odd last page.

A sheet side is two page-size slots with no scaling. Portrait (or square) pages sit side by
side, first slot on the left; landscape pages, such as A4 log sheets, sit one above the other,
first slot on top, and fold into a top-bound booklet. When the pair of slots is a little
smaller than a standard paper size (two A5 pages are 296 mm wide, A4 is 297 mm) the sheet is
that paper size, with the pair centred on it so that the fold stays in the middle.

Form fields survive: pypdf moves each widget with its page, and the fields are attached again
to the new document's form, with the source form's default resources and appearance.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pdfgen.errors import input_error

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject

Mode = Literal["saddle", "2up"]
MODES: tuple[Mode, ...] = ("saddle", "2up")
Slot = int | None  # a 1-based page number, or None for a blank
Side = tuple[Slot, Slot]  # (left, right), or (top, bottom) for landscape pages
Point = tuple[float, float]

MM = 72 / 25.4
# Standard papers (portrait, in mm) a sheet may grow to.
PAPERS_MM: dict[str, tuple[float, float]] = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
    "Tabloid": (279.4, 431.8),
}
GROW_LIMIT = 3 * MM  # how much bigger than the two pages a standard paper may be
SAME_SIZE = 1.0  # points: pages differing by less are the same size
# The source form's entries that say how fields look; copied onto the new form.
FORM_KEYS = ("/DR", "/DA", "/Q")


def padded_count(pages: int, mode: Mode) -> int:
    """The number of pages once padded with blanks: a multiple of 4 (saddle) or of 2 (2up).

    >>> [padded_count(n, "saddle") for n in (1, 4, 5, 8, 9)]
    [4, 4, 8, 8, 12]
    >>> [padded_count(n, "2up") for n in (1, 2, 3)]
    [2, 2, 4]
    """
    if pages < 1:
        raise ValueError(f"need at least one page, not {pages}")
    unit = _unit(mode)
    return -(-pages // unit) * unit


def reading_order(pages: int, mode: Mode) -> list[Slot]:
    """The pages in the order a reader meets them, blanks (None) included.

    Saddle puts the blanks just before the last page, which stays the back cover; with a single
    page, that page is the back cover too. 2up puts its blank at the end.

    >>> reading_order(5, "saddle")
    [1, 2, 3, 4, None, None, None, 5]
    >>> reading_order(3, "2up")
    [1, 2, 3, None]
    """
    blanks: list[Slot] = [None] * (padded_count(pages, mode) - pages)
    body: list[Slot] = list(range(1, pages + 1))
    if mode == "2up":
        return body + blanks
    return body[:-1] + blanks + body[-1:]


def sheet_sides(pages: int, mode: Mode) -> list[Side]:
    """The (left, right) page of every sheet side in printing order: front, back, front, ...

    For landscape pages, left means top and right bottom. None is a blank slot.

    >>> sheet_sides(8, "saddle")
    [(8, 1), (2, 7), (6, 3), (4, 5)]
    >>> sheet_sides(3, "saddle")
    [(3, 1), (2, None)]
    >>> sheet_sides(3, "2up")
    [(1, 2), (3, None)]
    """
    order = reading_order(pages, mode)
    if mode == "2up":
        return list(zip(order[0::2], order[1::2], strict=True))
    return [side for sheet in range(len(order) // 4) for side in _saddle_sheet(order, sheet)]


def _saddle_sheet(order: list[Slot], sheet: int) -> tuple[Side, Side]:
    """Front and back of the `sheet`-th sheet (0 = outermost) of a saddle-stitched booklet."""
    last = len(order) - 1
    front = (order[last - 2 * sheet], order[2 * sheet])
    back = (order[2 * sheet + 1], order[last - 2 * sheet - 1])
    return front, back


def _unit(mode: Mode) -> int:
    if mode == "saddle":
        return 4
    if mode == "2up":
        return 2
    raise ValueError(f"unknown imposition {mode!r}; use one of {', '.join(MODES)}")


@dataclass(frozen=True)
class Sheet:
    """One side of a sheet: its size, and the lower-left corners of its two page slots."""

    width: float
    height: float
    slots: tuple[Point, Point]


def sheet_for(width: float, height: float) -> Sheet:
    """The sheet for pages of `width` × `height` points, two of them with no scaling.

    Side by side for portrait or square pages, stacked (first on top) for landscape ones; on a
    standard paper when one is at most 3 mm bigger, the pair centred on it.

    >>> def show(s): return [round(v, 1) for v in (s.width, s.height, *s.slots[0], *s.slots[1])]
    >>> show(sheet_for(148 * MM, 210 * MM))  # A5 on A4 landscape, 0.5 mm to spare each side
    [841.9, 595.3, 1.4, 0.0, 420.9, 0.0]
    >>> show(sheet_for(396, 612))  # half-Letter on Letter landscape
    [792.0, 612.0, 0.0, 0.0, 396.0, 0.0]
    >>> show(sheet_for(297 * MM, 210 * MM))  # A4 landscape, stacked on A3 portrait
    [841.9, 1190.6, 0.0, 595.3, 0.0, 0.0]
    >>> show(sheet_for(100, 100))  # no standard paper fits closely: the pair as it is
    [200.0, 100.0, 0.0, 0.0, 100.0, 0.0]
    """
    stacked = width > height
    pair = (width, 2 * height) if stacked else (2 * width, height)
    sheet_w, sheet_h = _paper(*pair)
    x0, y0 = (sheet_w - pair[0]) / 2, (sheet_h - pair[1]) / 2
    if stacked:
        return Sheet(sheet_w, sheet_h, ((x0, y0 + height), (x0, y0)))
    return Sheet(sheet_w, sheet_h, ((x0, y0), (x0 + width, y0)))


def _paper(width: float, height: float) -> tuple[float, float]:
    """The smallest standard paper (in the same orientation) at most GROW_LIMIT bigger than
    `width` × `height` points, or that size itself."""
    fits = []
    for short, long in PAPERS_MM.values():
        paper = (long * MM, short * MM) if width > height else (short * MM, long * MM)
        spare = (paper[0] - width, paper[1] - height)
        if all(-SAME_SIZE / 2 <= s <= GROW_LIMIT for s in spare):
            fits.append(paper)
    return min(fits, default=(float(width), float(height)))


def impose(pdf: bytes, mode: Mode, *, source: str = "the PDF") -> bytes:
    """The PDF `pdf` imposed two pages to a sheet side for `mode` ("saddle" or "2up").

    Returns the new PDF's bytes (the caller writes them); the same input gives the same bytes.
    Raises `InputError` naming `source` when the PDF is unreadable, has no pages, or has pages
    of different sizes, rotated pages, or grouped form fields (radio buttons), which imposition
    cannot keep.
    """
    from pypdf import PdfWriter
    from pypdf.errors import PyPdfError

    _unit(mode)  # an unknown mode is a programming error, found before any work
    try:
        reader = _open(pdf, source)
        width, height = _page_size(reader, source)
        _refuse_grouped_fields(reader, source)
        sheet = sheet_for(width, height)
        writer = PdfWriter()
        for side in sheet_sides(len(reader.pages), mode):
            _place_side(writer, reader, sheet, side)
        _carry_form(reader, writer)
        _compress(writer)
        writer.add_metadata(_metadata(reader))  # pypdf drops it when pages move
        buffer = io.BytesIO()
        writer.write(buffer)
    except (PyPdfError, ValueError, KeyError) as exc:
        raise input_error(source, f"cannot be imposed: it is not a readable PDF ({exc}).") from None
    return buffer.getvalue()


def _metadata(reader: PdfReader) -> dict[str, str]:
    """The document information entries that are text (/Title, /Author, dates...).

    Others, such as /Trapped (a name), are left out: pypdf would write them back as text.
    """
    from pypdf.generic import TextStringObject

    info = reader.metadata
    if info is None:
        return {}
    return {key: str(value) for key, value in info.items() if isinstance(value, TextStringObject)}


def _open(pdf: bytes, source: str) -> PdfReader:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        raise input_error(source, "cannot be imposed: it is encrypted.")
    if not reader.pages:
        raise input_error(source, "cannot be imposed: it has no pages.")
    return reader


def _page_size(reader: PdfReader, source: str) -> Point:
    """The size all pages share, in points; InputError if they differ or are rotated."""
    first = reader.pages[0].mediabox
    size = (float(first.width), float(first.height))
    for number, page in enumerate(reader.pages, start=1):
        if page.rotation % 360:
            message = (
                f"page {number} is rotated ({page.rotation}°); imposition needs upright pages."
            )
            raise input_error(source, f"cannot be imposed: {message}")
        here = (float(page.mediabox.width), float(page.mediabox.height))
        if any(abs(a - b) >= SAME_SIZE for a, b in zip(here, size, strict=True)):
            message = (
                f"page {number} is {_mm(here)} but page 1 is {_mm(size)}; "
                "imposition needs pages of one size."
            )
            raise input_error(source, f"cannot be imposed: {message}")
    return size


def _mm(size: Point) -> str:
    return f"{size[0] / MM:.0f} × {size[1] / MM:.0f} mm"


def _widgets(page: PageObject) -> list[DictionaryObject]:
    """The form-field widgets among the page's annotations."""
    from pypdf.generic import ArrayObject, DictionaryObject

    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else None
    if not isinstance(annots, ArrayObject):
        return []
    found = [a.get_object() for a in annots]
    return [a for a in found if isinstance(a, DictionaryObject) and a.get("/Subtype") == "/Widget"]


def _refuse_grouped_fields(reader: PdfReader, source: str) -> None:
    # pypdf copies a moved widget without its parent field, so a widget that is only part of a
    # field (a radio button, a field with several widgets) would lose its name and value.
    for number, page in enumerate(reader.pages, start=1):
        if any("/Parent" in widget for widget in _widgets(page)):
            message = (
                f"page {number} has grouped form fields (radio buttons, or one field shown "
                "in several places), which imposition cannot keep; make it without form fields."
            )
            raise input_error(source, f"cannot be imposed: {message}")


def _place_side(writer: PdfWriter, reader: PdfReader, sheet: Sheet, side: Side) -> None:
    """Add one sheet side to `writer` with its pages (merged with their widgets) in place."""
    from pypdf import Transformation

    blank = writer.add_blank_page(sheet.width, sheet.height)
    for number, (x, y) in zip(side, sheet.slots, strict=True):
        if number is None:
            continue
        page = reader.pages[number - 1]
        box = page.mediabox
        shift = Transformation().translate(x - float(box.left), y - float(box.bottom))
        blank.merge_transformed_page(page, shift)


def _compress(writer: PdfWriter) -> None:
    # pypdf writes the moved pages' content uncompressed and copies some objects more than once:
    # without this, a fillable A5 booklet grows from 0.30 to 0.53 MB; with it, to 0.35 MB.
    for page in writer.pages:
        page.compress_content_streams()
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)


def _carry_form(reader: PdfReader, writer: PdfWriter) -> None:
    """Attach the moved widgets to the new document's form, looking as they did."""
    from pypdf.generic import DictionaryObject, NameObject

    acro_form = NameObject("/AcroForm")
    if not writer.reattach_fields():
        # reattach_fields makes an empty form even when there is nothing to attach.
        writer.root_object.pop(acro_form, None)
        return
    source_form = reader.root_object.get(acro_form)
    source_form = source_form.get_object() if source_form is not None else None
    target = writer.root_object[acro_form].get_object()
    if isinstance(source_form, DictionaryObject) and isinstance(target, DictionaryObject):
        for key in FORM_KEYS:
            if key in source_form:
                target[NameObject(key)] = source_form[key].clone(writer)
    # The widgets moved, so let viewers draw them afresh with the form's resources.
    writer.set_need_appearances_writer(True)
