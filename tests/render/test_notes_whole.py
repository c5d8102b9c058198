"""No note is ever cut: every note a plan gives an exercise prints whole, on every week page
and log sheet, in every built-in layout, for the built-in plans and the examples.

Read from the PDF's text (pypdf), lines joined: a note wraps onto as many lines as it needs.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import EXAMPLES, ROOT

import pdfgen
from pdfgen.plan.loading import load_plan
from pdfgen.plan.model import Prescription

PLANS = [*sorted((ROOT / "plans").glob("*.yaml")), EXAMPLES / "whole-back.yaml"]
LAYOUTS = [
    ("booklet", "a4"),
    ("booklet", "a5"),
    ("booklet", "letter"),
    ("log", "a4"),
    ("log", "a5"),
]


def notes_of(path: Path) -> set[str]:
    plan = load_plan(path)
    return {
        item.notes
        for session in plan.sessions
        for item in session.exercises
        if isinstance(item, Prescription) and item.notes
    }


@pytest.mark.parametrize(("kind", "paper"), LAYOUTS, ids=lambda v: str(v))
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_note_prints_whole_on_every_week_page(path: Path, kind: str, paper: str) -> None:
    notes = notes_of(path)
    if not notes:
        pytest.skip(f"{path.name} gives no exercise a note")
    buffer = io.BytesIO()
    make = pdfgen.render_booklet if kind == "booklet" else pdfgen.render_log
    make(path, buffer, page_size=paper, maxes={"good-morning": "90kg"})
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(buffer).pages]
    week_text = " ".join(t for t in pages if " · Day " in t)
    assert "…" not in week_text
    for note in notes:
        assert " ".join(note.split()) in week_text, note
