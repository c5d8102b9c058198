"""Reading a filled form's values by walking its field tree, as `read-log` does: the same
names and values as pypdf's own `get_fields`, and a tree that loops or nests without end is
cut short rather than followed."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from support.pdfs import fill_form

import pdfgen
from pdfgen.io import formvalues
from pdfgen.io.formvalues import MAX_FIELD_DEPTH, form_values


@pytest.fixture(scope="module")
def filled() -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, weeks=2, fillable=True)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    names = sorted(reader.get_fields() or {})
    typed = {name: f"v{index}" for index, name in enumerate(names) if name.endswith("_weight")}
    typed["w01_d1_pull-up_s1_done"] = "/Yes"
    return fill_form(buffer.getvalue(), typed)


def test_the_walk_reads_what_pypdf_reads(filled: bytes) -> None:
    reader = PdfReader(io.BytesIO(filled))
    found = (reader.get_fields() or {}).items()
    expected = {name: None if "/V" not in f else str(f["/V"]) for name, f in found}
    with pikepdf.open(io.BytesIO(filled)) as pdf:
        walked = form_values(pdf)
    assert walked == expected
    assert walked["w01_d1_pull-up_s1_done"] == "/Yes"
    assert sum(1 for v in walked.values() if str(v).startswith("v")) > 20


def test_a_form_reads_the_same_where_no_temporary_file_can_be_made(
    filled: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """qpdf reads the bytes from a temporary file mapped into memory; where the temporary
    folder is full or read-only, from memory, with the same result."""
    mapped = formvalues._read_if_sound(filled)

    def no_room() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(formvalues.tempfile, "TemporaryFile", no_room)
    assert mapped is not None and formvalues._read_if_sound(filled) == mapped
    assert mapped["w01_d1_pull-up_s1_done"] == "/Yes"


def _form(*fields: DictionaryObject) -> tuple[PdfWriter, ArrayObject]:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    array = ArrayObject(writer._add_object(f) for f in fields)
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): array})
    return writer, array


def _read(writer: PdfWriter) -> dict[str, Any]:
    buffer = io.BytesIO()
    writer.write(buffer)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        return form_values(pdf)


def _field(name: str, value: str | None = None) -> DictionaryObject:
    field = DictionaryObject({NameObject("/T"): TextStringObject(name)})
    if value is not None:
        field[NameObject("/V")] = TextStringObject(value)
    return field


def test_a_kid_takes_its_parents_name_and_value() -> None:
    parent, kid, widget = _field("b1a2", "shared"), _field("w01_notes"), DictionaryObject()
    writer, _ = _form(parent)
    kid_ref = writer._add_object(kid)
    kid[NameObject("/Kids")] = ArrayObject([writer._add_object(widget)])
    parent[NameObject("/Kids")] = ArrayObject([kid_ref])
    assert _read(writer) == {"b1a2": "shared", "b1a2.w01_notes": "shared"}


def test_a_loop_in_the_tree_is_read_once() -> None:
    first, second = _field("a", "1"), _field("b", "2")
    writer, array = _form(first, second)
    first[NameObject("/Kids")] = ArrayObject([array[1]])
    second[NameObject("/Kids")] = ArrayObject([array[0]])  # b's kid is a: a loop
    assert _read(writer) == {"a": "1", "a.b": "2"}


def test_a_tree_nested_past_any_real_form_is_cut_short() -> None:
    top = _field("n0", "x")
    writer, _ = _form(top)
    parent = top
    for depth in range(1, MAX_FIELD_DEPTH + 10):
        child = _field(f"n{depth}")
        parent[NameObject("/Kids")] = ArrayObject([writer._add_object(child)])
        parent = child
    values = _read(writer)
    assert len(values) == MAX_FIELD_DEPTH + 1
