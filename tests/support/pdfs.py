"""The independent readers every PDF a test writes must pass (conftest runs `check_pdf` after
each test), and a form filler that types into a PDF's fields as a tablet app would."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfWriter

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def check_pdf(path: Path) -> None:
    """Assert that independent readers accept the PDF at path: qpdf's syntax check (pikepdf)
    finds nothing, every font its pages use is embedded, and PDFium opens it and renders page 1
    non-blank."""
    data = path.read_bytes()
    damaged = "(a test that writes damaged PDFs on purpose is marked damaged_pdf)"
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        pytest.fail(f"{path}: pikepdf cannot open it: {exc} {damaged}")
    with pdf:
        problems = pdf.check_pdf_syntax()
        assert problems == [], f"{path}: qpdf finds {problems} {damaged}"
        missing = unembedded_fonts(pdf)
        assert missing == [], f"{path}: fonts used by its pages but not embedded: {missing}"
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        pytest.fail(f"{path}: PDFium cannot open it: {exc} {damaged}")
    try:
        assert len(document) > 0, f"{path}: PDFium finds no page"
        page = document[0]
        image = page.render(scale=0.25).to_pil().convert("L")
        page.close()
        assert image.getextrema()[0] < 128, f"{path}: page 1 renders blank in PDFium"
    finally:
        document.close()


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """The names of fonts in the pages' resources (and, recursively, in those of the form
    XObjects they draw) that are not embedded; Type 3 fonts are drawn by the PDF itself."""
    missing: list[str] = []
    seen: set[tuple[int, int]] = set()

    def once(obj: pikepdf.Object) -> bool:
        if not obj.is_indirect:
            return True
        if obj.objgen in seen:
            return False
        seen.add(obj.objgen)
        return True

    def font(obj: pikepdf.Object) -> None:
        if not once(obj) or obj.get("/Subtype") == "/Type3":
            return
        described = obj["/DescendantFonts"][0] if obj.get("/Subtype") == "/Type0" else obj
        descriptor = described.get("/FontDescriptor")
        if descriptor is None or not any(key in descriptor for key in FONT_FILES):
            missing.append(str(obj.get("/BaseFont", "(no name)")))

    def resources(obj: pikepdf.Object | None) -> None:
        if not isinstance(obj, pikepdf.Dictionary) or not once(obj):
            return
        for value in obj.get("/Font", pikepdf.Dictionary()).values():
            font(value)
        for value in obj.get("/XObject", pikepdf.Dictionary()).values():
            if value.get("/Subtype") == "/Form" and once(value):
                resources(value.get("/Resources"))

    for page in pdf.pages:
        resources(page.obj.get("/Resources"))
    return missing


def fill_form(data: bytes, values: dict[str, str]) -> bytes:
    """A PDF with `values` typed into its form fields, by name, as a tablet app would."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    for page in writer.pages:
        names = {a.get_object().get("/T") for a in page.get("/Annots", [])}
        wanted = {k: v for k, v in values.items() if k in names}
        if wanted:
            writer.update_page_form_field_values(page, wanted, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
