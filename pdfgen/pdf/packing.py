"""A PDF that reportlab wrote, with its small objects packed into compressed object streams.

A fillable booklet holds a thousand form fields and more, each a dictionary of a few hundred
bytes; written one by one, as reportlab writes every object, they double the file. PDF 1.5
lets such objects travel together in compressed object streams, found through a compressed
cross-reference stream. pikepdf writes that too, but only after parsing the whole file into
objects and serialising it again, which cost more than drawing the fields; here the objects are
moved as the bytes they are, since reportlab's layout is known: each object starts where its
cross-reference row says and ends with `endobj`.

Streams stay where they are (PDF forbids them in object streams); everything else is packed.
The same input always gives the same bytes.
"""

from __future__ import annotations

import re
import zlib

PER_STREAM = 200  # objects per object stream: small enough for a reader to inflate one cheaply
_START = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TABLE = re.compile(rb"xref\s+0\s+(\d+)\s+")
_TRAILER = re.compile(rb"trailer\s*<<(.*)>>\s*startxref", re.S)
_ENTRY = re.compile(rb"/(Root|Info)\s+(\d+)\s+0\s+R")
_ID = re.compile(rb"/ID\s*\[\s*(<[0-9a-fA-F]*>)\s*(<[0-9a-fA-F]*>)\s*\]")
_OBJECT = re.compile(rb"(\d+) 0 obj\s")
_ROWS = re.compile(rb"(\d{10}) \d{5} ([nf])\s\s")  # a row of the table: 20 bytes
_HEADER = re.compile(rb"%PDF-1\.[0-4]")


class PackingError(ValueError):
    """The bytes are not laid out as reportlab lays out a PDF."""


def pack_objects(pdf: bytes) -> bytes:
    """`pdf` (as reportlab writes one) with every object that is not a stream packed into
    compressed object streams, and its cross-reference table made a compressed stream."""
    offsets, table_at = _offsets(pdf)
    trailer = _TRAILER.search(pdf, table_at)
    if trailer is None or _HEADER.match(pdf) is None:
        raise PackingError("no trailer or no PDF 1.0-1.4 header")
    entries = dict((key.decode(), int(number)) for key, number in _ENTRY.findall(trailer[1]))
    file_id = _ID.search(trailer[1])
    if set(entries) != {"Root", "Info"} or file_id is None:
        raise PackingError("the trailer lacks /Root, /Info or /ID")

    out = bytearray(b"%PDF-1.5" + pdf[8 : offsets[0][1]])
    placed: dict[int, tuple[int, int, int]] = {}  # number -> (type, field 2, field 3)
    packed: list[tuple[int, bytes]] = []
    for number, body in _bodies(pdf, offsets, table_at):
        if body.endswith(b"endstream"):
            placed[number] = (1, len(out), 0)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        else:
            packed.append((number, body))
    last = max(number for number, _ in offsets)
    for start in range(0, len(packed), PER_STREAM):
        last += 1
        group = packed[start : start + PER_STREAM]
        placed[last] = (1, len(out), 0)
        out += object_stream(last, group)
        placed |= {number: (2, last, index) for index, (number, _) in enumerate(group)}
    last += 1
    placed[last] = (1, len(out), 0)
    start_xref = len(out)
    rows = [(0, 0, 65535)] + [placed[number] for number in range(1, last + 1)]
    ending = b"/Root %d 0 R/Info %d 0 R/ID[%s%s]" % (
        entries["Root"],
        entries["Info"],
        file_id[1],
        file_id[2],
    )
    out += cross_reference_stream(last, rows, ending)
    out += b"startxref\n%d\n%%%%EOF\n" % start_xref
    return bytes(out)


def _offsets(pdf: bytes) -> tuple[list[tuple[int, int]], int]:
    """(number, offset) of every object in use, by offset, from the cross-reference table; and
    where that table starts."""
    start = _START.search(pdf[-64:])
    table = _TABLE.match(pdf, int(start[1])) if start else None
    if table is None:
        raise PackingError("no cross-reference table where startxref points")
    count, at = int(table[1]), table.end()
    rows = _ROWS.findall(pdf, at, at + 20 * count)
    if len(rows) != count or rows[0][1] != b"f":
        raise PackingError("the cross-reference table is malformed")
    found = [(number, int(offset)) for number, (offset, kind) in enumerate(rows) if kind == b"n"]
    if not found or len(found) != count - 1:
        raise PackingError("a cross-reference row is not in use or is malformed")
    return sorted(found, key=lambda item: item[1]), table.start()


def _bodies(pdf: bytes, offsets: list[tuple[int, int]], end: int) -> list[tuple[int, bytes]]:
    """Each object's number and what stands between `obj` and `endobj`; the last ends before
    `end`."""
    ends = [offset for _, offset in offsets[1:]] + [end]
    found = []
    for (number, offset), stop in zip(offsets, ends, strict=True):
        head = _OBJECT.match(pdf, offset)
        tail = pdf.rfind(b"endobj", offset, stop)
        if head is None or int(head[1]) != number or tail < 0:
            raise PackingError(f"object {number} is not where the table says")
        found.append((number, pdf[head.end() : tail].strip()))
    return found


def object_stream(number: int, group: list[tuple[int, bytes]]) -> bytes:
    """Object `number`: an object stream holding `group`'s objects (number, body), in order."""
    index, bodies, position = [], [], 0
    for member, body in group:
        index.append(b"%d %d" % (member, position))
        bodies.append(body)
        position += len(body) + 1
    head = b" ".join(index) + b"\n"
    data = zlib.compress(head + b"\n".join(bodies))
    return (
        b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\n"
        b"stream\n%s\nendstream\nendobj\n" % (number, len(group), len(head), len(data), data)
    )


def cross_reference_stream(number: int, rows: list[tuple[int, int, int]], trailer: bytes) -> bytes:
    """Object `number`: a compressed cross-reference stream of `rows` (type, then an offset or
    the object stream's number, then the generation or the index in that stream), from object
    0, its own row last; `trailer` is the rest of the trailer (`/Root 1 0 R/Info ...`)."""
    # Four bytes reach 4 GiB, which a booklet never does; a print file of many may.
    width = max(4, (max(row[1] for row in rows).bit_length() + 7) // 8)
    table = b"".join(
        b"%c%s%s" % (kind, field.to_bytes(width, "big"), index.to_bytes(2, "big"))
        for kind, field, index in rows
    )
    data = zlib.compress(table)
    return (
        b"%d 0 obj\n<</Type/XRef/Size %d/W[1 %d 2]%s/Filter/FlateDecode/Length %d>>\n"
        b"stream\n%s\nendstream\nendobj\n" % (number, len(rows), width, trailer, len(data), data)
    )
