"""Independent readers: the booklets open cleanly in qpdf (pikepdf), PDFium (pypdfium2) and
pdfminer (pdfplumber); fonts are embedded; output is deterministic; user text is never markup.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from support import TESTS, sets_of, write_cells

import pdfgen
from pdfgen.compose.boxes import Rect
from pdfgen.compose.grid import column_widths, compose_day
from pdfgen.plan.loading import load_plan
from pdfgen.render.fonts import register
from pdfgen.schedule.expand import expand
from pdfgen.style.layout import Layout
from pdfgen.style.loading import load_layout
from pdfgen.units import MM

FIXTURES = TESTS / "fixtures" / "render"
PERSON = {"client": "Łukasz Żółć", "trainer": "Zoë Ørsted", "start": "2027-01-04"}
CASES: dict[str, dict[str, Any]] = {
    "upper-back": {"plan": "upper-back", **PERSON},
    "middle-back": {"plan": "middle-back", "client": "Юлия", "units": "lb"},
    "lower-back": {"plan": "lower-back", "trainer": "Zoë Ørsted"},
    "upper-back-a5": {"plan": "upper-back", "page_size": "a5", **PERSON},
    "upper-back-letter": {"plan": "upper-back", "page_size": "letter", **PERSON},
}
LAYOUT_OF = {
    "upper-back-a5": lambda: load_layout("a5"),
    "upper-back-letter": lambda: load_layout(page_size="letter"),
}
MARGIN = 10 * MM
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

EVIL_CLIENT = '<b>x</b> <img src="/etc/hostname"/> <a href="javascript:alert(1)">y</a>'
EVIL_TRAINER = "&nbsp; <unclosed"


def _render(options: dict[str, Any]) -> bytes:
    options = dict(options)
    buffer = io.BytesIO()
    pdfgen.render_booklet(options.pop("plan"), buffer, **options)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def booklets() -> dict[str, bytes]:
    return {name: _render(options) for name, options in CASES.items()}


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, booklets: dict[str, bytes]) -> tuple[str, bytes]:
    return request.param, booklets[request.param]


def layout_of(name: str) -> Layout:
    return LAYOUT_OF.get(name, load_layout)()


def week_page(data: bytes, week: int = 1) -> int:
    reader = PdfReader(io.BytesIO(data))
    for item in reader.outline:
        if not isinstance(item, list) and re.fullmatch(rf"Week {week} of \d+", str(item.title)):
            return int(reader.get_destination_page_number(item))
    raise AssertionError(f"no outline entry for week {week}")


# -- qpdf ---------------------------------------------------------------------------------------


def qpdf_problems(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        # `check()` in older pikepdf, `check_pdf_syntax()` (qpdf --check) in pikepdf 10.
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        return list(check())


def test_qpdf_check_finds_no_problems(case: tuple[str, bytes]) -> None:
    _, data = case
    assert qpdf_problems(data) == []


def test_qpdf_check_can_fail() -> None:
    """The check above is not vacuous: a damaged stream is reported."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf (unterminated Tj ET")
        buffer = io.BytesIO()
        pdf.save(buffer)
    assert qpdf_problems(buffer.getvalue()) != []


# -- fonts --------------------------------------------------------------------------------------


def _resources(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """Every resource dictionary: each page's, and those of the form XObjects they use."""
    seen: set[tuple[int, int]] = set()

    def walk(resources: Any, where: str) -> Iterator[tuple[str, pikepdf.Dictionary]]:
        if resources is None:
            return
        yield where, resources
        for name, xobject in resources.get("/XObject", {}).items():
            key = xobject.objgen
            if xobject.get("/Subtype") == "/Form" and key not in seen:
                seen.add(key)
                yield from walk(xobject.get("/Resources"), f"{where} {name}")

    for number, page in enumerate(pdf.pages, start=1):
        yield from walk(page.obj.get("/Resources"), f"page {number}")


def _is_embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts", [])
        return bool(descendants) and all(_is_embedded(d) for d in descendants)
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by procedures inside the PDF
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def font_report(data: bytes) -> dict[str, list[str]]:
    """Base font name → where it is referenced, for fonts that are not embedded."""
    missing: dict[str, list[str]] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for where, resources in _resources(pdf):
            for name, font in resources.get("/Font", {}).items():
                if not _is_embedded(font):
                    missing.setdefault(str(font.get("/BaseFont")), []).append(f"{where} {name}")
    return missing


def fonts_showing_text(data: bytes) -> dict[str, bool]:
    """Base font name → embedded, for every font that actually shows text in a content stream."""
    used: dict[str, bool] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:

        def scan(content: Any, resources: Any) -> None:
            fonts = resources.get("/Font", {}) if resources is not None else {}
            current = None
            for operands, operator in pikepdf.parse_content_stream(content):
                op = str(operator)
                if op == "Tf":
                    current = fonts.get(str(operands[0]))
                elif op in ("Tj", "TJ", "'", '"'):
                    assert current is not None, "text shown with no font set"
                    used[str(current.get("/BaseFont"))] = _is_embedded(current)
                elif op == "Do" and resources is not None:
                    xobject = resources.get("/XObject", {}).get(str(operands[0]))
                    if xobject is not None and xobject.get("/Subtype") == "/Form":
                        scan(xobject, xobject.get("/Resources", resources))

        for page in pdf.pages:
            scan(page, page.obj.get("/Resources"))
    return used


def test_every_font_that_shows_text_is_embedded(case: tuple[str, bytes]) -> None:
    _, data = case
    used = fonts_showing_text(data)
    assert used, "text is shown"
    assert all(used.values()), used
    assert not any("Helvetica" in name for name in used)


def test_every_font_referenced_is_embedded_and_no_helvetica(case: tuple[str, bytes]) -> None:
    """pdffonts would list only embedded fonts. (A reportlab Table sets its cell style's
    default font, Helvetica, unless a TableStyle names FONTNAME.)"""
    _, data = case
    assert font_report(data) == {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        names = {
            str(obj.get("/BaseFont"))
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        }
    assert not [n for n in names if "Helvetica" in n]
    assert b"Helvetica" not in data


def test_font_check_can_fail() -> None:
    """A PDF made with reportlab's default font is caught by the checks above."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(100, 100, "Helvetica")
    canvas.save()
    assert "/Helvetica" in font_report(buffer.getvalue())
    assert fonts_showing_text(buffer.getvalue()) == {"/Helvetica": False}


# -- PDFium -------------------------------------------------------------------------------------


def render_pages(data: bytes, dpi: float, pages: list[int] | None = None) -> list[Image.Image]:
    document = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(len(document)) if pages is None else pages:
            page = document[index]
            images.append(page.render(scale=dpi / 72).to_pil().convert("L"))
            page.close()
        return images
    finally:
        document.close()


def test_pdfium_renders_every_page_with_something_in_the_body(case: tuple[str, bytes]) -> None:
    name, data = case
    layout = layout_of(name)
    images = render_pages(data, 30)
    assert len(images) == len(PdfReader(io.BytesIO(data)).pages)
    scale = 30 / 72
    for number, image in enumerate(images, start=1):
        assert image.getextrema()[0] < 200, f"page {number} is blank"
        # Not only the header and footer: the body between them has ink too.
        margins = layout.page.margins
        top = int((margins.top * MM + 9 * MM) * scale)
        bottom = int(image.height - (margins.bottom * MM + 8 * MM) * scale)
        body = image.crop((0, top, image.width, bottom))
        assert body.getextrema()[0] < 200, f"page {number} has an empty body"


# -- pdfminer (pdfplumber) ----------------------------------------------------------------------


def write_span(layout: Layout) -> tuple[float, float]:
    """Page x-range of the columns a person writes in (weight to reps)."""
    widths = column_widths(layout.grid.columns, layout.frame_width)
    fields = [c.field for c in layout.grid.columns]
    left = layout.page.margins.left * MM
    first, last = fields.index("weight"), fields.index("reps")
    return left + sum(widths[:first]), left + sum(widths[: last + 1])


JOIN = 0.01  # points


def ruled_rows(page: Any, x0: float, x1: float) -> list[float]:
    """The heights at which horizontal edges, joined, run across the whole span [x0, x1]."""
    spans: dict[float, list[tuple[float, float]]] = {}
    for edge in page.edges:
        if edge["orientation"] == "h":
            spans.setdefault(round(edge["top"] * 2) / 2, []).append((edge["x0"], edge["x1"]))
    rows = []
    for y, parts in spans.items():
        reach = x0 + 1
        for a, b in sorted(parts):
            # Cells drawn edge to edge meet only to within the rounding of the PDF's numbers
            # (340.15746 then 340.1575); a real gap in a rule is far wider than this.
            if a <= reach + JOIN:
                reach = max(reach, b)
        if reach >= x1 - 1:
            rows.append(y)
    return sorted(rows)


def test_pdfplumber_finds_a_ruled_row_per_set(case: tuple[str, bytes]) -> None:
    name, data = case
    layout = layout_of(name)
    plan = load_plan(CASES[name]["plan"])
    sets = sets_of(expand(plan).weeks[0].days[0])
    index = week_page(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[index]
        days = len(re.findall(r"Day \d+ ·", page.extract_text()))
        assert days >= 1
        rows = ruled_rows(page, *write_span(layout))
    # Each day: the line above its first set and one below every set.
    assert len(rows) >= days * (sets + 1), rows
    # Consecutive rules at least a set's row apart: one gap per set (and one for the title
    # bar); an exercise's rows grow past the layout's height where its notes need them to.
    gaps = [b - a for a, b in itertools.pairwise(rows)]
    row_h = layout.grid.row_height * MM
    assert row_h >= 8 * MM
    assert sum(1 for gap in gaps if gap > row_h - 0.75) >= days * sets


def test_all_marks_inside_the_margins(case: tuple[str, bytes]) -> None:
    _, data = case
    outside = marks_outside_margins(data)
    assert outside == [], outside[:5]


def marks_outside_margins(data: bytes) -> list[tuple[int, str, float, float, float, float]]:
    outside = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            w, h = float(page.width), float(page.height)
            marks = [(c["text"], c) for c in page.chars]
            marks += [("rect", r) for r in page.rects] + [("line", ln) for ln in page.lines]
            for label, m in marks:
                box = (m["x0"], m["top"], m["x1"], m["bottom"])
                if (
                    box[0] < MARGIN - 0.5
                    or box[1] < MARGIN - 0.5
                    or box[2] > w - MARGIN + 0.5
                    or box[3] > h - MARGIN + 0.5
                ):
                    outside.append((number, label, *(round(v, 1) for v in box)))
    return outside


@pytest.mark.parametrize("page_size", ["a4", "a5"])
def test_longest_allowed_names_stay_inside_the_margins(page_size: str) -> None:
    """The header fits the longest allowed names between the margins."""
    data = _render(
        {"plan": "upper-back", "client": "W" * 80, "trainer": "M" * 80, "page_size": page_size}
    )
    assert marks_outside_margins(data) == []
    for page in PdfReader(io.BytesIO(data)).pages:
        assert "WWWWW" in page.extract_text(), "the name is shortened, not dropped"


def test_no_missing_glyphs(case: tuple[str, bytes]) -> None:
    _, data = case
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        bad = {c["text"] for p in pdf.pages for c in p.chars if not c["text"].isprintable()} | {
            c["text"] for p in pdf.pages for c in p.chars if c["text"] in "\ufffd■"
        }
    assert bad == set()


# -- determinism --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["upper-back", "upper-back-a5"])
def test_rendering_twice_gives_identical_bytes(booklets: dict[str, bytes], name: str) -> None:
    assert _render(CASES[name]) == booklets[name]


def test_another_process_gives_identical_bytes(booklets: dict[str, bytes]) -> None:
    script = (
        "import io, sys, pdfgen\n"
        "b = io.BytesIO()\n"
        "pdfgen.render_booklet('upper-back', b, client='Łukasz Żółć', trainer='Zoë Ørsted',"
        " start='2027-01-04')\n"
        "sys.stdout.buffer.write(b.getvalue())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=env, check=True, timeout=60
    )
    assert done.stdout == booklets["upper-back"]


def test_no_clock_in_the_pdf(booklets: dict[str, bytes]) -> None:
    meta = PdfReader(io.BytesIO(booklets["upper-back"])).metadata
    assert meta is not None
    assert str(date.today().year) not in (meta.get("/CreationDate") or "")
    assert str(date.today().year) not in (meta.get("/ModDate") or "")


# -- user text is never markup ------------------------------------------------------------------


def squash(text: str) -> str:
    return "".join(text.split())


def dangerous_objects(data: bytes) -> list[str]:
    """Links, scripts, actions and images anywhere in the file."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.obj.get("/Annots", []):
                found.append(f"page {number}: annotation {annot.get('/Subtype')}")
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            for key in ("/URI", "/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA"):
                if key in obj:
                    found.append(f"object {obj.objgen}: {key}")
            if obj.get("/S") in ("/URI", "/JavaScript", "/Launch", "/GoToR"):
                found.append(f"object {obj.objgen}: action {obj.get('/S')}")
            if obj.get("/Subtype") == "/Image":
                found.append(f"object {obj.objgen}: image")
    return found


def test_dangerous_objects_are_detected() -> None:
    """The detector above finds a link when there is one."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(100, 100, "click")
    canvas.linkURL("javascript:alert(1)", (0, 0, 100, 100))
    canvas.save()
    assert dangerous_objects(buffer.getvalue())


@pytest.fixture(scope="module")
def evil_booklet() -> tuple[bytes, pdfgen.BookletResult]:
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(
        "upper-back", buffer, client=EVIL_CLIENT, trainer=EVIL_TRAINER, start="2027-01-04"
    )
    return buffer.getvalue(), result


def test_markup_in_names_prints_literally(evil_booklet: tuple[bytes, Any]) -> None:
    data, result = evil_booklet
    reader = PdfReader(io.BytesIO(data))
    assert result.pages == len(reader.pages)
    texts = [squash(page.extract_text()) for page in reader.pages]
    # In full on the cover ...
    assert squash(EVIL_CLIENT) in texts[0]
    assert squash(EVIL_TRAINER) in texts[0]
    # ... and in the header and footer of every page (which may shorten a long name).
    for text in texts:
        assert squash('<b>x</b> <img src="') in text
        assert squash(f"Trainer: {EVIL_TRAINER}") in text
    assert dangerous_objects(data) == []
    assert reader.metadata is not None and reader.metadata.author == EVIL_TRAINER


def test_markup_in_every_plan_field_prints_literally() -> None:
    data = _render({"plan": FIXTURES / "markup.yaml", "client": "<i>c</i>"})
    text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    for literal in (
        "<b>Bold</b> & <i>co</i> <font size=40>big</font>",
        '<a href="file:///etc/passwd">focus</a>',
        '<img src="/etc/hostname"/> and <link href="javascript:alert(1)">x</link>',
        "&amp; <br/> &nbsp; <unclosed",
        "<para>Session</para> <seq/>",
        "<u>Trick</u> & <strike>row</strike>",
        '<onDraw name="x"/> done',
        '<a href="https://example.com/">set up here</a>',
        "<b>step</b> one",
        "two & <three>",
        "<font color=red>red</font>",
        '<img src="/etc/hostname" width="100" height="100"/>',
        '<a href="javascript:alert(2)">click</a> &lt;',
        "<i>c</i>",
    ):
        assert squash(literal) in text, literal
    assert dangerous_objects(data) == []


def test_emoji_in_a_name_is_named_in_a_warning() -> None:
    buffer = io.BytesIO()
    result = pdfgen.render_booklet("upper-back", buffer, client="Anna 💪")
    assert len(result.warnings) == 1
    assert "U+1F4AA" in result.warnings[0]
    assert "💪" in result.warnings[0]


def test_no_warning_for_european_names(evil_booklet: tuple[bytes, Any]) -> None:
    buffer = io.BytesIO()
    result = pdfgen.render_booklet("upper-back", buffer, client="Łukasz Żółć", trainer="Юлия")
    assert result.warnings == ()
    assert evil_booklet[1].warnings == ()


def printed_characters(data: bytes) -> tuple[str, str]:
    """All text pypdf extracts, and all characters pdfplumber finds."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = "".join(c["text"] for p in pdf.pages for c in p.chars)
    return text, chars


def control_characters(text: str) -> set[str]:
    return {c for c in text if unicodedata.category(c) == "Cc" and c != "\n"} | set(
        BIDI.findall(text)
    )


def test_control_and_bidi_characters_do_not_print() -> None:
    client = "Ann\x07\x1b\x7f\x85 Bell\u202eevil\u202c\u2066x\u2069"
    data = _render({"plan": "upper-back", "client": client, "trainer": "Tom\x00\x08 Jones\u202d"})
    text, chars = printed_characters(data)
    assert control_characters(text) == set()
    assert control_characters(chars) == set()
    assert "Ann Bellevilx" in text
    assert "Trainer: Tom Jones" in text
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert control_characters(meta.subject or "") == set()
    assert control_characters(meta.author or "") == set()


def test_a_newline_in_a_name_does_not_print_a_box() -> None:
    """Headers and footers print a name on one line, never a .notdef box for a newline."""
    data = _render({"plan": "upper-back", "client": "Ann\nBell", "trainer": "Tom\nJones"})
    _, chars = printed_characters(data)
    assert control_characters(chars) == set()
    assert "Ann Bell" in PdfReader(io.BytesIO(data)).pages[3].extract_text()


# -- pixels -------------------------------------------------------------------------------------


def _title_baseline(data: bytes, index: int, title: str) -> float:
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip() == title:
            found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    PdfReader(io.BytesIO(data)).pages[index].extract_text(visitor_text=visit)
    assert len(found) == 1, f"title '{title}' found {len(found)} times"
    return found[0]


def grid_pixels(data: bytes, layout: Layout) -> dict[str, list[int]]:
    """Grey values (50 dpi) of parts of the first day's grid on the first week page: the title
    bar between the title and the 'Date' label, the inside of the first weight cell, and a
    strip across the rule above that cell. The grid is placed from its composed geometry and
    the title's baseline as pypdf reads it."""
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    day = expand(load_plan("upper-back")).weeks[0].days[0]
    grid = compose_day(day, layout, layout.frame_width, "kg", measure)
    title = next(r for r in grid.runs if r.bold and r.y < grid.rects[0].h)
    label = next(r for r in grid.runs if r.align == "right" and r.y < grid.rects[0].h)
    index = week_page(data)
    top = _title_baseline(data, index, title.text) + title.y  # the grid's top, in page points
    left = layout.page.margins.left * MM
    dpi = 50
    (image,) = render_pages(data, dpi, [index])
    scale = dpi / 72
    page_h = image.height / scale

    def pixels(x0: float, y0: float, x1: float, y1: float) -> list[int]:
        """A box given in grid coordinates (points, y down from the grid's top)."""
        box = (
            round((left + x0) * scale),
            round((page_h - top + y0) * scale),
            round((left + x1) * scale),
            round((page_h - top + y1) * scale),
        )
        assert box[2] - box[0] >= 3 and box[3] - box[1] >= 3, box
        return list(image.crop(box).tobytes())

    bar: Rect = next(r for r in grid.rects if r.role == "title")
    gap_x0 = title.x + measure(title.text, True, title.size) + 3 * MM
    gap_x1 = label.x - measure(label.text, False, label.size) - 3 * MM
    cell = write_cells(grid, "weight")[0]
    pad = 1.5 * MM
    return {
        "bar": pixels(gap_x0, bar.y + pad, gap_x1, bar.y + bar.h - pad),
        "cell": pixels(cell.x + pad, cell.y + pad, cell.x + cell.w - pad, cell.y + cell.h - pad),
        "rule": pixels(
            cell.x + 2 * MM, cell.y - 0.8 * MM, cell.x + cell.w - 2 * MM, cell.y + 0.8 * MM
        ),
    }


def test_pixels_title_bar_is_dark_and_a_write_cell_is_white(booklets: dict[str, bytes]) -> None:
    found = grid_pixels(booklets["upper-back"], load_layout())
    assert max(found["bar"]) < 128, "the title bar is a dark fill"
    assert min(found["cell"]) >= 250, "a writing cell is white inside, nothing printed in it"
    assert min(found["rule"]) < 235, "the cell has a visible rule above it"


def test_pixel_check_notices_a_white_title_bar() -> None:
    layout_file = FIXTURES / "white-title.yaml"
    data = _render({"plan": "upper-back", "layout": layout_file})
    found = grid_pixels(data, load_layout(layout_file))
    assert max(found["bar"]) >= 250
    assert min(found["cell"]) >= 250
