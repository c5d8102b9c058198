"""samples/ is what the tool makes today, and the README shows its previews.

`python -m pytest tests/test_samples.py --make-samples` rewrites samples/ first (the catalogue
and how each sample is made are in support/samples.py).
"""

from __future__ import annotations

import re

import pytest
from support import ROOT, samples
from support.samples import SAMPLES

STALE = "samples/{}.pdf is stale: run `python -m pytest tests/test_samples.py --make-samples`"


@pytest.fixture(scope="module", autouse=True)
def _made(request: pytest.FixtureRequest) -> None:
    """With --make-samples, samples/ is written anew before it is checked."""
    if request.config.getoption("--make-samples"):
        said = samples.make()
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\n{said}")


def assert_same_sample(name: str, made: bytes) -> None:
    """Byte for byte, with the library releases the samples were made with; with newer ones
    (a fresh machine gets the newest), page for page in what the pages say: a new reportlab
    may write the same pages in other bytes."""
    committed = (SAMPLES / f"{name}.pdf").read_bytes()
    if samples.MADE_WITH.read_text(encoding="utf-8") == samples.library_versions():
        assert made == committed, STALE.format(name)
    else:
        assert samples.page_texts(made) == samples.page_texts(committed), STALE.format(name)


@pytest.mark.parametrize("name", sorted(samples.BOOKLETS))
def test_sample_is_current(name: str) -> None:
    assert_same_sample(name, samples.booklet_bytes(name))


@pytest.mark.parametrize("name", sorted(samples.FILLED))
def test_filled_sample_is_current(name: str) -> None:
    source = samples.FILLED[name][0]
    booklets = {source: (SAMPLES / f"{source}.pdf").read_bytes()}
    assert_same_sample(name, samples.filled_bytes(name, booklets))


def test_filled_sample_reads_back() -> None:
    """The filled sample's typed values come back from `read-log` as numbers."""
    from pdfgen.logbook.readlog import read_log

    reading = read_log(SAMPLES / "upper-back-log-filled.pdf")
    rows = {(r.week, r.day, r.exercise_id, r.set): r for r in reading.sets}
    row = rows[(1, 1, "incline-barbell-row", "3")]
    assert (row.weight, row.reps, row.done, row.rpe) == (40.0, 11, True, 7.0)
    assert rows[(1, 2, "incline-barbell-row", "1")].weight == 42.5  # typed "42,5"
    assert rows[(1, 1, "pull-up", "1")].weight == "bodyweight"  # kept, and reported
    assert any("bodyweight" in p for p in reading.problems)
    assert row.week_notes == "Good first week."


def test_readme_shows_every_preview() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(samples/([\w.-]+\.png)\)", readme))
    made = {file for _, _, file in samples.PREVIEWS}
    assert made <= shown
    for file in made:
        assert (SAMPLES / file).stat().st_size > 10_000


def test_previews_are_the_pages_they_name() -> None:
    data = (SAMPLES / "upper-back.pdf").read_bytes()
    assert samples.page_of(data, "Cover") == 0
    assert samples.page_of(data, "Week 1 of 6") > samples.page_of(data, "Exercise guide")


@pytest.mark.parametrize("name", sorted(samples.BOOKLETS) + sorted(samples.FILLED))
def test_sample_passes_independent_readers(name: str) -> None:
    """Every committed sample passes qpdf's check (pikepdf), opens and renders non-blank in
    PDFium, and embeds every font it uses."""
    import io

    import pikepdf
    import pypdfium2

    data = (SAMPLES / f"{name}.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check  # pikepdf 10, older
        assert check() == []
        # Form fields can only use the standard fonts (Helvetica for text, ZapfDingbats for
        # ticks): the form's own fonts are the one exception, and only in fillable samples.
        form_fonts = set()
        if "/AcroForm" in pdf.Root:
            form_fonts = {f.objgen for f in pdf.Root.AcroForm.DR.Font.values()}
            names = {str(pdf.get_object(g).BaseFont) for g in form_fonts}
            assert names == {"/Helvetica", "/ZapfDingbats"}
        fonts = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary)
            and obj.get("/Type") == "/Font"
            and obj.objgen not in form_fonts
        ]
        assert fonts
        for font in fonts:
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0]
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor, font.get("/BaseFont")
    document = pypdfium2.PdfDocument(data)
    try:
        assert len(document) > 0
        for index in range(len(document)):
            image = document[index].render(scale=0.25).to_pil().convert("L")
            assert image.getextrema()[0] < 128, f"page {index + 1} of {name} renders blank"
    finally:
        document.close()
