"""The independent readers that check every PDF a test writes (support.check_pdf, run after each
test by conftest) find what they are for, and accept form fields in the standard fonts.

These tests write damaged PDFs on purpose, so conftest does not check their folders."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from support.pdfs import check_pdf

import pdfgen
from pdfgen.io.resources import fonts_dir

pytestmark = pytest.mark.damaged_pdf

REJECTED = (AssertionError, pytest.fail.Exception)


@pytest.fixture(scope="module")
def booklet_bytes() -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, weeks=1)
    return buffer.getvalue()


def embedded_font() -> str:
    name = "CheckDejaVu"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / "DejaVuSans.ttf")))
    return name


def canvas_pdf(path: Path, draw: object) -> Path:
    canvas = Canvas(str(path), initialFontName=embedded_font(), invariant=1)
    assert callable(draw)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


def test_a_pdfgen_booklet_passes(booklet_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet_bytes)
    check_pdf(path)


@pytest.mark.parametrize(
    ("cut", "found"),
    [(0.5, "pikepdf cannot open it"), (-200, "qpdf finds"), (0, "pikepdf cannot open it")],
    ids=["half", "no-trailer", "empty"],
)
def test_a_truncated_pdf_is_rejected(
    booklet_bytes: bytes, tmp_path: Path, cut: float, found: str
) -> None:
    end = int(len(booklet_bytes) * cut) if isinstance(cut, float) else cut
    path = tmp_path / "cut.pdf"
    path.write_bytes(booklet_bytes[:end])
    with pytest.raises(REJECTED, match=found):
        check_pdf(path)


def test_text_in_a_font_that_is_not_embedded_is_rejected(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 720, "Helvetica is not embedded")

    with pytest.raises(AssertionError, match="not embedded: \\['/Helvetica'\\]"):
        check_pdf(canvas_pdf(tmp_path / "helvetica.pdf", draw))


def test_a_font_inside_a_form_xobject_is_found(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont(embedded_font(), 12)
        canvas.drawString(72, 720, "Embedded on the page")
        canvas.beginForm("stamp")
        canvas.setFont("Courier", 12)
        canvas.drawString(0, 0, "Courier in a form")
        canvas.endForm()
        canvas.doForm("stamp")

    with pytest.raises(AssertionError, match="/Courier"):
        check_pdf(canvas_pdf(tmp_path / "form.pdf", draw))


def test_form_fields_in_the_standard_fonts_are_allowed(tmp_path: Path) -> None:
    """A text field and a check box display with Helvetica and ZapfDingbats (the AcroForm's /DR
    and the widgets' appearance streams): not the page's fonts, and not embeddable there."""

    def draw(canvas: Canvas) -> None:
        canvas.setFont(embedded_font(), 12)
        canvas.drawString(72, 720, "Weight:")
        canvas.acroForm.textfield(name="weight", value="62.5", x=140, y=710, width=100, height=20)
        canvas.acroForm.checkbox(name="done", x=260, y=710, size=16, fieldFlags="")

    check_pdf(canvas_pdf(tmp_path / "fields.pdf", draw))


def test_a_blank_first_page_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="renders blank"):
        check_pdf(canvas_pdf(tmp_path / "blank.pdf", lambda canvas: None))
