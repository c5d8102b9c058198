"""A PDF's document ID tells documents apart: booklets that differ in paper, client, branding
or fields have IDs of their own, and the same inputs give the same ID (output is
deterministic)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
from support import logo_png

import pdfgen


def document_id(**options: Any) -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, **options)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        first, second = pdf.trailer.ID
        assert bytes(first) == bytes(second)  # a new document: both halves the same
        return bytes(first)


def test_booklets_that_differ_have_ids_of_their_own(tmp_path: Path) -> None:
    logo = logo_png(tmp_path / "logo.png")
    variants = [
        {"page_size": "a4"},
        {"page_size": "a5"},
        {"page_size": "letter"},
        {"page_size": "a4", "client": "Zoë Ørsted"},
        {"page_size": "a4", "logo": str(logo), "brand_color": "#0a7d4f"},
        {"page_size": "a4", "fillable": True},
    ]
    ids = [document_id(**options) for options in variants]
    assert len(set(ids)) == len(variants)


def test_the_same_inputs_give_the_same_id() -> None:
    assert document_id(page_size="a5", client="Sam") == document_id(page_size="a5", client="Sam")
