"""Packing a fillable document's small objects into object streams: the same objects, read and
drawn the same by every reader, in well under half the bytes; a file not laid out as reportlab
lays one out is refused, never mangled, and the document is then written unpacked."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

import pdfgen
import pdfgen.pdf.packing as packing
from pdfgen.pdf.packing import PackingError, pack_objects
from pdfgen.plan.loading import load_plan


@pytest.fixture(scope="module")
def written() -> Iterator[tuple[bytes, bytes]]:
    """A fillable log of two weeks as reportlab wrote it, and as pdfgen gives it, packed."""
    seen: list[bytes] = []

    def spy(data: bytes) -> bytes:
        seen.append(data)
        return pack_objects(data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(packing, "pack_objects", spy)
        out = io.BytesIO()
        pdfgen.render_log(load_plan("upper-back"), out, weeks="1-2", fillable=True)
    [unpacked] = seen
    yield unpacked, out.getvalue()


def _objects(pdf: pikepdf.Pdf) -> dict[int, Any]:
    return {obj.objgen[0]: obj for obj in pdf.objects if obj.objgen[0]}


def test_every_object_is_kept_as_it_was(written: tuple[bytes, bytes]) -> None:
    unpacked, packed = written
    with pikepdf.open(io.BytesIO(unpacked)) as before, pikepdf.open(io.BytesIO(packed)) as after:
        assert after.check_pdf_syntax() == []
        old, new = _objects(before), _objects(after)
        assert set(old) <= set(new)
        for number, obj in old.items():
            twin = new[number]
            if isinstance(obj, pikepdf.Stream):
                assert twin.read_raw_bytes() == obj.read_raw_bytes(), number
                assert twin.stream_dict.unparse() == obj.stream_dict.unparse(), number
            else:
                assert twin.unparse() == obj.unparse(), number
        extra = [new[n] for n in set(new) - set(old)]
        assert {str(o.get("/Type")) for o in extra} <= {"/ObjStm", "/XRef"}
        assert after.pdf_version == "1.5"
        assert after.trailer.ID == before.trailer.ID
        assert after.docinfo.Title == before.docinfo.Title


def test_every_small_object_is_packed_into_under_half_its_bytes(
    written: tuple[bytes, bytes],
) -> None:
    unpacked, packed = written
    objects = len(re.findall(rb"\d+ 0 obj\s", unpacked))
    streams = len(re.findall(rb"endstream\s+endobj", unpacked))
    with pikepdf.open(io.BytesIO(packed)) as pdf:
        held = sum(
            int(o.N)
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Type") == "/ObjStm"
        )
    assert held == objects - streams > 120
    bodies = re.findall(rb"\d+ 0 obj\s(.*?)endobj", unpacked, re.S)
    small = sum(len(body) for body in bodies if not body.rstrip().endswith(b"endstream"))
    assert len(unpacked) - len(packed) > small / 2
    # Only the packed objects moved: a stream's own bytes are still in the file as they were.
    assert len(re.findall(rb"\d+ 0 obj\s", packed)) < streams + 20


def test_readers_see_and_draw_the_same_document(written: tuple[bytes, bytes]) -> None:
    unpacked, packed = written
    fields = [PdfReader(io.BytesIO(data)).get_fields() or {} for data in written]
    assert fields[0].keys() == fields[1].keys() and len(fields[0]) > 100
    assert {k: str(v.get("/TU")) for k, v in fields[0].items()} == {
        k: str(v.get("/TU")) for k, v in fields[1].items()
    }
    documents = [pdfium.PdfDocument(data) for data in (unpacked, packed)]
    assert len(documents[0]) == len(documents[1])
    for index in (0, len(documents[0]) - 1):
        pixels = [
            d[index].render(scale=0.5, may_draw_forms=True).to_pil().tobytes() for d in documents
        ]
        assert pixels[0] == pixels[1]


def test_the_same_document_packs_to_the_same_bytes(written: tuple[bytes, bytes]) -> None:
    unpacked, packed = written
    assert pack_objects(unpacked) == packed


@pytest.mark.parametrize(
    "case", ["not a pdf", "truncated", "no trailer", "header 1.7", "xref stream", "row moved"]
)
def test_what_reportlab_did_not_lay_out_is_refused(case: str, written: tuple[bytes, bytes]) -> None:
    unpacked, packed = written
    data = {
        "not a pdf": b"GIF89a" + b"\0" * 100,
        "truncated": unpacked[: len(unpacked) // 2],
        "no trailer": unpacked.replace(b"trailer", b"trailor"),
        "header 1.7": b"%PDF-1.7" + unpacked[8:],
        "xref stream": packed,
        "row moved": re.sub(rb"\n0000000061 00000 n", b"\n0000000062 00000 n", unpacked, count=1),
    }[case]
    assert data != unpacked
    with pytest.raises(PackingError):
        pack_objects(data)


def test_a_file_that_cannot_be_packed_is_written_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes) -> bytes:
        raise PackingError("laid out otherwise")

    monkeypatch.setattr(packing, "pack_objects", refuse)
    out = io.BytesIO()
    pdfgen.render_log(load_plan("upper-back"), out, weeks="1", fillable=True)
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.Root.AcroForm.Fields) > 50
        assert pdf.pdf_version == "1.4"
