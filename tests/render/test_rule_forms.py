"""A session's boxes and rules, the same every week, are written once as a form and placed on
every page that repeats them: the pages print exactly as when each is drawn in place (PDFium
pixels), pdfplumber still finds every box where it was, and the file holds far fewer drawing
operators."""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from support import EXAMPLES

import pdfgen
from pdfgen.render.painter import GridPainter

WHOLE_BACK = EXAMPLES / "whole-back.yaml"
OPTIONS: dict[str, Any] = {"maxes": {"good-morning": "90kg"}, "start": "2027-01-04"}


def _render(kind: str, inline: bool, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        if inline:  # every grid drawn in place, as before forms
            patch.setattr(
                GridPainter, "_rules", lambda self, canv, grid: self._paint_rects(canv, grid)
            )
        buffer = io.BytesIO()
        make = pdfgen.render_booklet if kind == "booklet" else pdfgen.render_log
        make(WHOLE_BACK, buffer, **OPTIONS)
        return buffer.getvalue()


@pytest.fixture(scope="module", params=["booklet", "log"])
def both(request: pytest.FixtureRequest) -> tuple[bytes, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        return _render(request.param, True, patch), _render(request.param, False, patch)


def _rule_ops(data: bytes) -> tuple[int, int]:
    """How many rectangles the pages draw themselves, and how many their forms draw."""
    on_pages = in_forms = 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            on_pages += len(re.findall(rb" re ", page.obj.Contents.read_bytes()))
            for xobject in (page.obj.Resources.get("/XObject") or {}).values():
                if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    in_forms += len(re.findall(rb" re ", xobject.read_bytes()))
    return on_pages, in_forms


def test_pages_print_the_same_with_forms_as_without(both: tuple[bytes, bytes]) -> None:
    documents = [pdfium.PdfDocument(data) for data in both]
    assert len(documents[0]) == len(documents[1]) > 10
    for index in range(len(documents[0])):
        pixels = [d[index].render(scale=1).to_pil().tobytes() for d in documents]
        assert pixels[0] == pixels[1], f"page {index + 1}"


def test_boxes_stay_where_they_were_for_pdfplumber(both: tuple[bytes, bytes]) -> None:
    def boxes(data: bytes) -> list[list[tuple[float, ...]]]:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [
                sorted(
                    tuple(round(r[k], 2) for k in ("x0", "top", "x1", "bottom")) for r in p.rects
                )
                for p in pdf.pages
            ]

    inline, formed = both
    assert boxes(inline) == boxes(formed)


def test_the_repeated_rules_are_written_once(both: tuple[bytes, bytes]) -> None:
    inline, formed = both
    drawn_inline, in_forms_inline = _rule_ops(inline)
    drawn, in_forms = _rule_ops(formed)
    assert in_forms > 0
    # Every week after the first repeats its sessions' grids: most rectangles are now in forms
    # written once, and the pages draw well under half of what they drew.
    assert drawn + in_forms < (drawn_inline + in_forms_inline) / 2
