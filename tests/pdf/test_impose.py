"""Imposition: the page order as data, then imposed PDFs whose pages print their own number,
read back by region (pdfplumber), in PDFium and qpdf, with their form fields still fillable.
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen.canvas import Canvas

from pdfgen.errors import InputError
from pdfgen.pdf.impose import Mode, Side, impose, padded_count, reading_order, sheet_sides

HALF_LETTER = (396.0, 612.0)
A4_LANDSCAPE = landscape(A4)
COUNTS = [1, 2, 3, 4, 5, 8, 9, 12]
MODES: list[Mode] = ["saddle", "2up"]

# Worked out by hand (8 pages is the example): (left, right) of each side, front, back, ...
SADDLE: dict[int, list[Side]] = {
    1: [(1, None), (None, None)],
    2: [(2, 1), (None, None)],
    3: [(3, 1), (2, None)],
    4: [(4, 1), (2, 3)],
    5: [(5, 1), (2, None), (None, 3), (4, None)],
    8: [(8, 1), (2, 7), (6, 3), (4, 5)],
    9: [(9, 1), (2, None), (None, 3), (4, None), (8, 5), (6, 7)],
    12: [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)],
}


def two_up(pages: int) -> list[Side]:
    """1 2 / 3 4 / ..., with a blank after an odd last page."""
    return [(n, n + 1 if n < pages else None) for n in range(1, pages + 1, 2)]


def expected(pages: int, mode: Mode) -> list[Side]:
    return SADDLE[pages] if mode == "saddle" else two_up(pages)


# -- making test PDFs -------------------------------------------------------------------------


def numbered_pdf(pages: int, size: tuple[float, float] = A5, *, fields: bool = False) -> bytes:
    """A PDF whose every page shows its own number in big type; with `fields`, each page has a
    text field `p<n>_weight` near its left edge and a check box `p<n>_done` near its right."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1, initialFontName="Helvetica-Bold")
    canvas.setTitle("Upper back — imposed")
    canvas.setAuthor("Zoë Ørsted")
    width, height = size
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", min(width, height) / 4)
        canvas.drawCentredString(width / 2, height / 2, str(number))
        if fields:
            form = canvas.acroForm
            form.textfield(
                name=f"p{number}_weight", x=20, y=20, width=100, height=20, fieldFlags=""
            )
            form.checkbox(name=f"p{number}_done", x=width - 40, y=height - 40, fieldFlags="")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def halves(width: float, height: float) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The two slot regions of a sheet as pdfplumber boxes (x0, top, x1, bottom): left and right
    halves of a landscape sheet, top and bottom halves of a portrait one."""
    if width > height:
        return (0, 0, width / 2, height), (width / 2, 0, width, height)
    return (0, 0, width, height / 2), (0, height / 2, width, height)


def numbers_by_slot(pdf: bytes) -> list[Side]:
    """The page number printed in each half of every sheet side, by position on the sheet."""
    found: list[Side] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            boxes = halves(page.width, page.height)
            texts = [page.crop(box).extract_text().strip() for box in boxes]
            first, second = (int(text) if text else None for text in texts)
            found.append((first, second))
    return found


def fold(sides: list[Side]) -> list[int | None]:
    """The reading order of a saddle-stitched booklet, by walking through the folded sheets:
    in through each sheet's front right and back left, out through back right and front left."""
    sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
    inward = [page for front, back in sheets for page in (front[1], back[0])]
    outward = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return inward + outward


# -- the page order (pure) --------------------------------------------------------------------


@pytest.mark.parametrize("pages", COUNTS)
@pytest.mark.parametrize("mode", MODES)
def test_sheet_sides_match_the_worked_examples(pages: int, mode: Mode) -> None:
    assert sheet_sides(pages, mode) == expected(pages, mode)


def test_padding_and_reading_order() -> None:
    assert [padded_count(n, "saddle") for n in (1, 3, 4, 5, 12, 13)] == [4, 4, 4, 8, 12, 16]
    assert reading_order(6, "saddle") == [1, 2, 3, 4, 5, None, None, 6]
    assert reading_order(1, "2up") == [1, None]


@pytest.mark.parametrize("pages", [0, -1])
def test_no_pages_is_not_an_order(pages: int) -> None:
    with pytest.raises(ValueError, match="at least one page"):
        sheet_sides(pages, "saddle")


def test_an_unknown_mode_is_refused() -> None:
    mode: Any = "4up"
    with pytest.raises(ValueError, match="unknown imposition '4up'; use one of saddle, 2up"):
        sheet_sides(4, mode)
    with pytest.raises(ValueError, match="unknown imposition"):
        impose(numbered_pdf(2), mode)


@given(st.integers(min_value=1, max_value=200))
def test_saddle_property(pages: int) -> None:
    sides = sheet_sides(pages, "saddle")
    slots = [page for side in sides for page in side]
    assert sorted(page for page in slots if page is not None) == list(range(1, pages + 1))
    assert len(slots) % 4 == 0 and len(slots) - pages < 4
    assert sides[0][0] == pages  # the last page is on the outside back
    blanks = len(slots) - pages
    assert fold(sides) == [*range(1, pages), *[None] * blanks, pages]


@given(st.integers(min_value=1, max_value=200))
def test_two_up_property(pages: int) -> None:
    slots = [page for side in sheet_sides(pages, "2up") for page in side]
    assert slots == [*range(1, pages + 1), *[None] * (pages % 2)]


# -- imposed PDFs -----------------------------------------------------------------------------


@pytest.mark.parametrize("pages", COUNTS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [A5, A4_LANDSCAPE], ids=["a5", "a4-landscape"])
def test_each_number_prints_in_its_slot(pages: int, mode: Mode, size: tuple[float, float]) -> None:
    assert numbers_by_slot(impose(numbered_pdf(pages, size), mode)) == expected(pages, mode)


@pytest.mark.parametrize(
    ("size", "sheet"),
    [
        (A5, (841.89, 595.28)),  # A4 landscape: the 1 mm left over is shared by both edges
        (HALF_LETTER, (792, 612)),  # Letter landscape
        (A4_LANDSCAPE, (841.89, 1190.55)),  # two landscape pages stacked on A3 portrait
    ],
    ids=["a5", "half-letter", "a4-landscape"],
)
@pytest.mark.parametrize("mode", MODES)
def test_sheet_size(size: tuple[float, float], sheet: tuple[float, float], mode: Mode) -> None:
    reader = PdfReader(io.BytesIO(impose(numbered_pdf(5, size), mode)))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(sheet[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(sheet[1], abs=1)


def test_half_letter_reads_in_order() -> None:
    assert numbers_by_slot(impose(numbered_pdf(8, HALF_LETTER), "saddle")) == SADDLE[8]


@pytest.mark.parametrize("mode", MODES)
def test_output_is_deterministic(mode: Mode) -> None:
    source = numbered_pdf(9, fields=True)
    first = impose(source, mode)
    assert impose(source, mode) == first
    assert impose(numbered_pdf(9, fields=True), mode) == first


def test_metadata_is_copied() -> None:
    metadata = PdfReader(io.BytesIO(impose(numbered_pdf(3), "saddle"))).metadata
    assert metadata is not None
    assert metadata.title == "Upper back — imposed"
    assert metadata.author == "Zoë Ørsted"
    assert "/Trapped" not in metadata  # a name, which pypdf would write back as text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [A5, A4_LANDSCAPE], ids=["a5", "a4-landscape"])
def test_qpdf_finds_no_problems(mode: Mode, size: tuple[float, float]) -> None:
    with pikepdf.open(io.BytesIO(impose(numbered_pdf(5, size, fields=True), mode))) as pdf:
        assert pdf.check_pdf_syntax() == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [A5, A4_LANDSCAPE], ids=["a5", "a4-landscape"])
def test_pdfium_draws_each_page_in_its_half(mode: Mode, size: tuple[float, float]) -> None:
    """PDFium agrees with pdfplumber: ink in a half exactly when a page went there."""
    data = impose(numbered_pdf(5, size), mode)
    document = pdfium.PdfDocument(data)
    try:
        for index, side in enumerate(expected(5, mode)):
            image = document[index].render(scale=0.25).to_pil().convert("L")
            for box, page in zip(halves(*image.size), side, strict=True):
                darkest = image.crop(tuple(round(v) for v in box)).getextrema()[0]
                assert (darkest < 128) == (page is not None), f"side {index + 1}, page {page}"
    finally:
        document.close()


@pytest.mark.parametrize("fields", [False, True], ids=["plain", "fillable"])
def test_imposing_does_not_bloat_the_file(fields: bool) -> None:
    source = numbered_pdf(12, fields=fields)
    assert len(impose(source, "saddle")) <= 1.1 * len(source)


def test_a_pdf_without_fields_gets_no_form() -> None:
    reader = PdfReader(io.BytesIO(impose(numbered_pdf(4), "saddle")))
    assert "/AcroForm" not in reader.trailer["/Root"]


# -- form fields ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=MODES)
def imposed_form(request: pytest.FixtureRequest) -> tuple[Mode, bytes]:
    mode: Mode = request.param
    return mode, impose(numbered_pdf(5, fields=True), mode)


def field_names(pages: int) -> set[str]:
    return {f"p{n}_{what}" for n in range(1, pages + 1) for what in ("weight", "done")}


def test_every_field_survives(imposed_form: tuple[Mode, bytes]) -> None:
    _, data = imposed_form
    assert set(PdfReader(io.BytesIO(data)).get_fields() or {}) == field_names(5)


def test_form_keeps_its_resources_and_each_widget_its_appearance(
    imposed_form: tuple[Mode, bytes],
) -> None:
    """A widget moves with its page and looks as it did: its appearance is drawn in its own
    box, so no viewer needs to draw it afresh (and none is asked to)."""
    _, data = imposed_form
    form = PdfReader(io.BytesIO(data)).trailer["/Root"]["/AcroForm"]
    assert "/NeedAppearances" not in form
    assert "/Helv" in form["/DR"]["/Font"]
    assert str(form["/DA"]).startswith("/Helv")
    assert all("/N" in field["/AP"] for field in form["/Fields"])


def test_fields_can_be_filled_and_read_back(imposed_form: tuple[Mode, bytes]) -> None:
    _, data = imposed_form
    writer = PdfWriter(clone_from=io.BytesIO(data))
    values = {f"p{n}_weight": f"{80 + n}.5" for n in range(1, 6)}
    values |= {f"p{n}_done": "/Yes" for n in (2, 5)}
    writer.update_page_form_field_values(None, values)
    buffer = io.BytesIO()
    writer.write(buffer)
    fields = PdfReader(buffer).get_fields() or {}
    assert {name: fields[name].get("/V") for name in values} == values
    assert fields["p1_done"].get("/V") == "/Off"


def test_each_widget_lands_in_its_pages_half(imposed_form: tuple[Mode, bytes]) -> None:
    mode, data = imposed_form
    source = PdfReader(io.BytesIO(numbered_pdf(1, fields=True))).pages[0]
    sizes = sorted(_size(annot.get_object()) for annot in source["/Annots"])
    placed = 0
    for page, side in zip(PdfReader(io.BytesIO(data)).pages, expected(5, mode), strict=True):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        widgets = [annot.get_object() for annot in page.get("/Annots", [])]
        pages_here = sum(number is not None for number in side)
        assert sorted(_size(widget) for widget in widgets) == sorted(sizes * pages_here)
        for widget in widgets:
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            low, high = (0, width / 2) if side.index(_page_of(widget)) == 0 else (width / 2, width)
            assert low <= x0 and x1 <= high, widget["/T"]
            assert y0 >= 0 and y1 <= height, widget["/T"]
            placed += 1
    assert placed == len(field_names(5))


def _page_of(widget: Any) -> int:
    """The source page of a widget, from its name: `p3_done` → 3."""
    return int(str(widget["/T"]).removeprefix("p").split("_")[0])


def _size(widget: Any) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    return round(x1 - x0, 3), round(y1 - y0, 3)


def test_widgets_of_stacked_pages_land_top_and_bottom() -> None:
    data = impose(numbered_pdf(2, A4_LANDSCAPE, fields=True), "2up")
    (page,) = PdfReader(io.BytesIO(data)).pages
    middle = float(page.mediabox.height) / 2
    for annot in page["/Annots"]:
        widget = annot.get_object()
        y0, y1 = float(widget["/Rect"][1]), float(widget["/Rect"][3])
        on_top = _page_of(widget) == 1  # page 1 goes in the first (top) slot
        assert (y0 >= middle) if on_top else (y1 <= middle), widget["/T"]


# -- bad input --------------------------------------------------------------------------------


def _problem(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        impose(data, "saddle", source="week-1.pdf")
    return str(caught.value)


def test_mixed_page_sizes_are_refused() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    for size in (A5, A5, A4):
        canvas.setPageSize(size)
        canvas.drawString(50, 50, "x")
        canvas.showPage()
    canvas.save()
    assert _problem(buffer.getvalue()) == (
        "week-1.pdf: cannot be imposed: page 3 is 210 × 297 mm but page 1 is 148 × 210 mm; "
        "imposition needs pages of one size."
    )


def test_an_empty_pdf_is_refused() -> None:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    assert _problem(buffer.getvalue()) == "week-1.pdf: cannot be imposed: it has no pages."


def test_a_damaged_pdf_is_refused() -> None:
    message = _problem(b"%PDF-1.7\nnot really")
    assert message.startswith("week-1.pdf: cannot be imposed: it is not a readable PDF (")


def test_rotated_pages_are_refused() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(numbered_pdf(2)))
    writer.pages[1].rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _problem(buffer.getvalue()) == (
        "week-1.pdf: cannot be imposed: page 2 is rotated (90°); imposition needs upright pages."
    )


def test_grouped_fields_are_refused() -> None:
    """Radio buttons are widgets of a parent field, which pypdf cannot carry along."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    for value, x in (("easy", 50), ("hard", 100)):
        canvas.acroForm.radio(name="effort", value=value, x=x, y=50, fieldFlags="")
    canvas.showPage()
    canvas.save()
    assert "page 1 has grouped form fields" in _problem(buffer.getvalue())
