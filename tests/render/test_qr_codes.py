"""Video links print as QR codes on the guide pages: at least 20 mm with the quiet zone, every
module where reportlab's encoder puts it, the address printed under the code, no link
annotation; an independent reader (zxing-cpp) decodes the printed code back to the address.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from support import plan_with_video

import pdfgen
from pdfgen.plan.loading import load_plan_text
from pdfgen.render.marks import QR_MIN, QR_QUIET, URL_BLOCK, qr_modules
from pdfgen.units import MM

YOUTUBE = "https://www.youtube.com/watch?v=eGo4IYlbE5g"

PLAN_WITH_VIDEO = f"""\
program: Upper back
sessions:
  - name: Upper back
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
      - exercise: band-pull-apart
        sets: 2
        reps: 15
exercises:
  pull-up:
    video: {YOUTUBE}
  band-pull-apart:
    name: Band pull-apart
    steps: [Hold a band at shoulder height, Pull it apart to your chest]
"""


@pytest.fixture(scope="module")
def video_booklet() -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet(load_plan_text(PLAN_WITH_VIDEO), buffer, client="Zoë Ørsted")
    return buffer.getvalue()


def page_titled(data: bytes, title: str) -> int:
    """The index of the page an outline entry of that title points at."""
    reader = PdfReader(io.BytesIO(data))
    entries: list[Any] = list(reader.outline)
    while entries:
        entry = entries.pop(0)
        if isinstance(entry, list):
            entries += entry
        elif entry.title == title:
            return int(reader.get_destination_page_number(entry))
    raise AssertionError(f"no outline entry {title!r}")


def qr_modules_drawn(page: Any) -> list[dict[str, Any]]:
    """The filled black rectangles of a page: the QR code's dark modules."""
    return [
        r
        for r in page.rects
        if r["fill"] and not r["stroke"] and r.get("non_stroking_color") in ((0,), (0, 0, 0))
    ]


def test_the_guide_page_has_a_qr_code_of_the_video(video_booklet: bytes) -> None:
    index = page_titled(video_booklet, "Pull-up")
    n = qr_modules(YOUTUBE)
    with pdfplumber.open(io.BytesIO(video_booklet)) as pdf:
        page = pdf.pages[index]
        dark = qr_modules_drawn(page)
        x0, x1 = min(r["x0"] for r in dark), max(r["x1"] for r in dark)
        top, bottom = min(r["top"] for r in dark), max(r["bottom"] for r in dark)
        module = (x1 - x0) / n
        # Square, with the quiet zone at least the 20 mm a phone needs from paper.
        assert abs((bottom - top) - (x1 - x0)) < 0.01
        assert module * (n + 2 * QR_QUIET) >= max(20 * MM, QR_MIN - 0.01)
        # Every module where reportlab's encoder puts it for this address.
        grid = [[False] * n for _ in range(n)]
        for r in dark:
            row = round((r["top"] - top) / module)
            for col in range(round((r["x0"] - x0) / module), round((r["x1"] - x0) / module)):
                grid[row][col] = True
        from reportlab.graphics.barcode import qrencoder

        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(YOUTUBE)
        code.make()
        assert grid == [[bool(cell) for cell in row] for row in code.modules]
        # The address printed under the code, within its width; nothing else beside it.
        centre = (x0 + x1) / 2  # the address is centred under the code, URL_BLOCK wide
        under = [
            w
            for w in page.extract_words()
            if bottom < w["top"] < bottom + 12 * MM and w["x0"] >= centre - URL_BLOCK / 2 - 0.5
        ]
        assert "".join(w["text"] for w in sorted(under, key=lambda w: w["top"])) == YOUTUBE
        beside = [w for w in page.extract_words() if top <= w["top"] <= bottom]
        assert beside and all(w["x1"] < x0 - 3 * MM for w in beside)
        # A picture to scan, not a link: the booklet has no link annotation anywhere.
        assert not any(p.annots for p in pdf.pages)


def test_an_independent_reader_scans_the_printed_code(video_booklet: bytes) -> None:
    index = page_titled(video_booklet, "Pull-up")
    document = pypdfium2.PdfDocument(video_booklet)
    try:
        # 100 dpi: what a phone's camera resolves on paper at arm's length, with margin.
        image = document[index].render(scale=100 / 72).to_pil()
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [YOUTUBE]


def test_an_exercise_without_a_video_has_no_code(video_booklet: bytes) -> None:
    index = page_titled(video_booklet, "Band pull-apart")
    with pdfplumber.open(io.BytesIO(video_booklet)) as pdf:
        assert qr_modules_drawn(pdf.pages[index]) == []


def test_a_hostile_address_prints_literally_and_scans_whole() -> None:
    url = 'https://example.com/"><a%20href="javascript:alert(1)">v</a>?q=<b>&x=1'
    buffer = io.BytesIO()
    pdfgen.render_booklet(load_plan_text(plan_with_video(url)), buffer)
    data = buffer.getvalue()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert url in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not any(
            isinstance(obj, pikepdf.Dictionary) and ("/URI" in obj or "/JS" in obj)
            for obj in pdf.objects
        )
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[page_titled(data, "Pull-up")].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]
