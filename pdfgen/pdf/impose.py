"""Imposition: two pages to a sheet, in the order a print shop needs them.

A trainer prints an A5 booklet on A4 paper (half-Letter on Letter): each sheet side carries two
pages, and the sheets, printed double-sided and folded, make the booklet. Getting the page order
right by hand is error-prone, so it is done here, in two stages like the rest of pdfgen:

* the page order is pure arithmetic (`sheet_sides`, `padded_count`, `reading_order`) and the
  sheet geometry too (`sheet_for`), with doctests and no PDF library;
* `impose` does the PDF work, with pikepdf (qpdf): each page becomes a form XObject drawn
  in its slot, so its content is copied as it is, never parsed again; its form fields move
  with it, still fillable, and the document metadata is copied.

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

Form fields survive: each widget moves with its page, its own appearance unchanged, and the
fields are attached to the new document's form, with the source form's default resources.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pdfgen.errors import input_error
from pdfgen.pdf.saving import compact_bytes

if TYPE_CHECKING:
    import pikepdf

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
    Raises `InputError` naming `source` when the PDF is unreadable or damaged, has no pages,
    or has pages of different sizes, rotated pages, or grouped form fields (radio buttons),
    which imposition cannot keep.
    """
    import pikepdf

    _unit(mode)  # an unknown mode is a programming error, found before any work
    try:
        with pikepdf.open(io.BytesIO(pdf)) as original:
            width, height = _page_size(original, source)
            _refuse_grouped_fields(original, source)
            sheet = sheet_for(width, height)
            imposed = pikepdf.new()
            widgets: list[pikepdf.Dictionary] = []
            for side in sheet_sides(len(original.pages), mode):
                _place_side(imposed, original, sheet, side, widgets)
            _carry_form(original, imposed, widgets)
            _copy_metadata(original, imposed)
            if original.get_warnings():  # qpdf repaired something: the file is damaged
                raise ValueError(str(original.get_warnings()[0]))
            return compact_bytes(imposed)
    except pikepdf.PasswordError:
        raise input_error(source, "cannot be imposed: it is encrypted.") from None
    except (pikepdf.PdfError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise input_error(source, f"cannot be imposed: it is not a readable PDF ({exc}).") from None


def _page_size(original: pikepdf.Pdf, source: str) -> Point:
    """The size all pages share, in points; InputError if there are none, or they differ or
    are rotated."""
    if original.is_encrypted:
        raise input_error(source, "cannot be imposed: it is encrypted.")
    if not original.pages:
        raise input_error(source, "cannot be imposed: it has no pages.")
    size: Point | None = None
    for number, page in enumerate(original.pages, start=1):
        rotation = int(page.obj.get("/Rotate", 0))
        if rotation % 360:
            message = f"page {number} is rotated ({rotation}°); imposition needs upright pages."
            raise input_error(source, f"cannot be imposed: {message}")
        box = page.mediabox
        here = (float(box[2]) - float(box[0]), float(box[3]) - float(box[1]))
        size = size or here
        if any(abs(a - b) >= SAME_SIZE for a, b in zip(here, size, strict=True)):
            message = (
                f"page {number} is {_mm(here)} but page 1 is {_mm(size)}; "
                "imposition needs pages of one size."
            )
            raise input_error(source, f"cannot be imposed: {message}")
    assert size is not None
    return size


def _mm(size: Point) -> str:
    return f"{size[0] / MM:.0f} × {size[1] / MM:.0f} mm"


def _annotations(page: pikepdf.Page) -> list[pikepdf.Dictionary]:
    import pikepdf

    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return []
    return [a for a in annots if isinstance(a, pikepdf.Dictionary)]


def _refuse_grouped_fields(original: pikepdf.Pdf, source: str) -> None:
    # A widget that is only part of a field (a radio button, a field with several widgets)
    # would move without the field that holds its name and value.
    for number, page in enumerate(original.pages, start=1):
        if any(a.get("/Subtype") == "/Widget" and "/Parent" in a for a in _annotations(page)):
            message = (
                f"page {number} has grouped form fields (radio buttons, or one field shown "
                "in several places), which imposition cannot keep; make it without form fields."
            )
            raise input_error(source, f"cannot be imposed: {message}")


def _place_side(
    imposed: pikepdf.Pdf,
    original: pikepdf.Pdf,
    sheet: Sheet,
    side: Side,
    widgets: list[pikepdf.Dictionary],
) -> None:
    """Add one sheet side with its pages, each drawn as a form XObject, and their widgets."""
    import pikepdf

    imposed.add_blank_page(page_size=(sheet.width, sheet.height))
    target = imposed.pages[-1]
    drawn, annots, pages = [], pikepdf.Array(), pikepdf.Dictionary()
    for number, (x, y) in zip(side, sheet.slots, strict=True):
        if number is None:
            continue
        page = original.pages[number - 1]
        box = page.mediabox
        dx, dy = x - float(box[0]), y - float(box[1])
        name = f"/Page{number}"
        pages[name] = imposed.copy_foreign(page.as_form_xobject())
        drawn.append(f"q 1 0 0 1 {_num(dx)} {_num(dy)} cm {name} Do Q")
        for annot in _moved_annotations(imposed, original, page, (dx, dy), target):
            annots.append(annot)
            if annot.get("/Subtype") == "/Widget":
                widgets.append(annot)
    target.obj.Resources = pikepdf.Dictionary(XObject=pages)
    target.obj.Contents = imposed.make_stream("\n".join(drawn).encode())
    if annots:
        target.obj.Annots = annots


def _moved_annotations(
    imposed: pikepdf.Pdf,
    original: pikepdf.Pdf,
    page: pikepdf.Page,
    move: Point,
    target: pikepdf.Page,
) -> list[pikepdf.Dictionary]:
    """The page's annotations, copied into `imposed` and moved by (dx, dy) onto `target`.

    A link to a place in the document is left out: its destination is a page that is now
    half of a sheet."""
    import pikepdf

    dx, dy = move
    kept = pikepdf.Array()
    for annot in _annotations(page):
        action = annot.get("/A")
        if "/Dest" in annot or (isinstance(action, pikepdf.Dictionary) and "/D" in action):
            continue
        # Its page is not copied along with it: the annotation gets the sheet instead.
        if "/P" in annot:
            del annot["/P"]
        kept.append(annot)
    # One copy of them all: qpdf walks what they share once.
    moved = [
        a if a.is_indirect else imposed.make_indirect(a) for a in _copied(original, imposed, kept)
    ]
    for copy in moved:
        x0, y0, x1, y1 = (float(v) for v in copy.Rect)
        copy.Rect = pikepdf.Array([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
        copy.P = target.obj
    return moved


def _num(value: float) -> str:
    """A number as PDF content writes it: no exponent, no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _carry_form(
    original: pikepdf.Pdf, imposed: pikepdf.Pdf, widgets: list[pikepdf.Dictionary]
) -> None:
    """The new document's form: the moved widgets, with the source form's resources."""
    import pikepdf

    if not widgets:
        return
    form = pikepdf.Dictionary(Fields=pikepdf.Array(widgets))
    source_form = original.Root.get("/AcroForm")
    if isinstance(source_form, pikepdf.Dictionary):
        for key in (*FORM_KEYS, "/NeedAppearances"):
            if key in source_form:
                form[key] = _copied(original, imposed, source_form[key])
    imposed.Root.AcroForm = imposed.make_indirect(form)


def _copied(original: pikepdf.Pdf, imposed: pikepdf.Pdf, value: Any) -> Any:
    """A value of `original` for `imposed`: qpdf copies only indirect objects between files,
    with what they refer to; a plain number, name or string is copied as it is."""
    import pikepdf

    if isinstance(value, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
        return imposed.copy_foreign(value if value.is_indirect else original.make_indirect(value))
    return value


def _copy_metadata(original: pikepdf.Pdf, imposed: pikepdf.Pdf) -> None:
    """The document information entries that are text (/Title, /Author, dates...)."""
    import pikepdf

    info = original.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        return
    for key, value in info.items():
        if isinstance(value, pikepdf.String):
            imposed.docinfo[key] = pikepdf.String(str(value))
