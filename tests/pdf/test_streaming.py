"""A print file written as it is made (`batch --merge`): its small objects packed into object
streams as they come, so that a merged fillable file is no larger than its booklets were, read
and drawn exactly like the same file written unpacked, and never holding more than one object
stream's worth of objects back."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

import pdfgen
from pdfgen.pdf.merge import merge_booklets
from pdfgen.pdf.packing import PER_STREAM, cross_reference_stream
from pdfgen.pdf.streaming import PdfStream
from pdfgen.plan.loading import load_plan

CLIENTS = ("Ann Ames", "Bob Bayliss", "Cy Cole")


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """Three fillable booklets of two weeks, as a batch prefixes their fields, merged."""
    folder = tmp_path_factory.mktemp("merge")
    plan = load_plan("upper-back")
    parts = []
    for index, client in enumerate(CLIENTS):
        path = folder / f"{index}.pdf"
        pdfgen.render_booklet(
            plan, path, client=client, weeks=2, fillable=True, field_prefix=f"c{index}"
        )
        parts.append(path)
    out = folder / "all.pdf"
    merge_booklets(list(zip(CLIENTS, parts, strict=True)), out, title="Clients")
    return out, parts


def _unpacked(path: Path) -> bytes:
    """The same file as qpdf writes it with no object streams: the reference to compare with."""
    out = io.BytesIO()
    with pikepdf.open(path) as pdf:
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def test_every_object_that_is_not_a_stream_is_packed(merged: tuple[Path, list[Path]]) -> None:
    out, _ = merged
    packed = set(PdfReader(out).xref_objStm)
    with pikepdf.open(out) as pdf:
        assert pdf.check_pdf_syntax() == []
        numbers = {o.objgen[0]: o for o in pdf.objects if o.objgen[0]}
        streams = {n for n, o in numbers.items() if isinstance(o, pikepdf.Stream)}
        held = [int(numbers[n].N) for n in streams if numbers[n].get("/Type") == "/ObjStm"]
        widgets = {a.objgen[0] for page in pdf.pages for a in page.get("/Annots", [])}
    assert packed == set(numbers) - streams
    assert len(widgets) > 300 and widgets <= packed
    assert max(held) <= PER_STREAM and sum(held) == len(packed)


def test_the_print_file_reads_and_draws_as_it_would_unpacked(
    merged: tuple[Path, list[Path]],
) -> None:
    out, _ = merged
    packed, plain = PdfReader(out), PdfReader(io.BytesIO(_unpacked(out)))
    assert len(packed.pages) == len(plain.pages)
    assert packed.get_fields() == plain.get_fields()
    assert [str(i.title) for i in packed.outline if not isinstance(i, list)] == list(CLIENTS)
    assert packed.metadata == plain.metadata
    for number in (0, len(packed.pages) // 2, len(packed.pages) - 1):
        assert packed.pages[number].extract_text() == plain.pages[number].extract_text()
    ours, theirs = pdfium.PdfDocument(out), pdfium.PdfDocument(_unpacked(out))
    for document in (ours, theirs):
        document.init_forms()
    for number in range(len(ours)):
        a = ours[number].render(scale=0.5, may_draw_forms=True).to_pil()
        b = theirs[number].render(scale=0.5, may_draw_forms=True).to_pil()
        assert a.tobytes() == b.tobytes(), f"page {number + 1} draws differently"


def test_a_merged_fillable_file_is_smaller_than_its_booklets(
    merged: tuple[Path, list[Path]],
) -> None:
    out, parts = merged
    booklets = sum(part.stat().st_size for part in parts)
    assert out.stat().st_size < booklets
    assert out.stat().st_size < len(_unpacked(out)) / 2


def test_the_print_file_fills_in_and_reads_back_per_client(
    merged: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    out, _ = merged
    writer = pikepdf.open(out)
    fields = {str(f.T): f for f in writer.Root.AcroForm.Fields}
    for index in range(len(CLIENTS)):
        fields[f"c{index}_w01_d1_pull-up_s1_weight"].V = pikepdf.String(f"{60 + index}")
    filled = tmp_path / "filled.pdf"
    writer.save(filled)
    sets = pdfgen.read_log(filled).sets
    weights = {(s.client, s.week, s.day, s.exercise_id, s.set): s.weight for s in sets}
    for index, client in enumerate(CLIENTS):
        assert weights[(client, 1, 1, "pull-up", "1")] == 60 + index
        assert weights[(client, 1, 1, "pull-up", "2")] is None
    assert sum(weight is not None for weight in weights.values()) == len(CLIENTS)


def test_objects_wait_for_at_most_one_object_stream() -> None:
    """Memory stays flat however many booklets: a full object stream is written at once."""
    handle = io.BytesIO()
    pdf = PdfStream(handle)
    numbers = [pdf.reserve() for _ in range(PER_STREAM + 50)]
    for number in numbers:
        pdf.write(number, b"<</N %d>>" % number)
    assert b"/Type/ObjStm/N %d/" % PER_STREAM in handle.getvalue(), "written before the end"
    root, info, pages, page = (pdf.reserve() for _ in range(4))
    pdf.write(root, b"<</Type/Catalog/Pages %d 0 R>>" % pages)
    pdf.write(pages, b"<</Type/Pages/Kids[%d 0 R]/Count 1>>" % page)
    pdf.write(page, b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 72 72]/Resources<<>>>>" % pages)
    pdf.write(info, b"<</Title(packed)>>")
    pdf.finish(root, info)
    with pikepdf.open(io.BytesIO(handle.getvalue())) as opened:
        assert opened.check_pdf_syntax() == []
        assert [int(opened.get_object((n, 0)).N) for n in numbers] == numbers
        assert str(opened.docinfo.Title) == "packed"


def test_a_cross_reference_past_four_gibibytes_widens_its_offsets() -> None:
    far = 5 * 2**30
    data = cross_reference_stream(3, [(0, 0, 65535), (1, 15, 0), (1, far, 0)], b"/Root 1 0 R")
    assert b"/W[1 5 2]" in data
    start = data.index(b"stream\n") + len(b"stream\n")
    table = zlib.decompress(data[start : data.index(b"\nendstream")])
    assert len(table) == 3 * 8 and int.from_bytes(table[17:22], "big") == far
