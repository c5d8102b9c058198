"""One print file from many booklets: each booklet on a right-hand page, an outline entry per
booklet with its own outline beneath, the booklets' form fields side by side, and the print
file's own metadata.

The booklets are read one at a time (with pikepdf) and their objects written straight to the
print file (`pdfgen.pdf.streaming`), so merging 600 booklets takes no more memory than merging
20; a font or picture that booklets share is written once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pdfgen.errors import input_error
from pdfgen.io.reading import read_input
from pdfgen.io.writing import open_atomic
from pdfgen.pdf.impose import Mode
from pdfgen.pdf.impose import impose as impose_pdf
from pdfgen.pdf.streaming import Copier, PdfStream
from pdfgen.version import __version__

if TYPE_CHECKING:
    import pikepdf

MAX_BOOKLET_BYTES = 200 * 1024 * 1024
FORM_KEYS = ("/DR", "/DA", "/NeedAppearances")  # how the fields look, from the first form


@dataclass
class _Merged:
    """What the print file's last objects (its page tree, outline and form) need to know."""

    pages: int = 0
    # Each booklet's page-tree node, and references to the pages under it.
    nodes: list[tuple[int, list[bytes]]] = field(default_factory=list)
    fields: list[bytes] = field(default_factory=list)  # references to every booklet's fields
    form: dict[str, bytes] = field(default_factory=dict)  # /DR, /DA... from the first form
    last_box: bytes = b"[0 0 595.2756 841.8898]"  # the last page's size, for a blank page


def merge_booklets(
    parts: list[tuple[str, Path]],
    out: Path,
    *,
    title: str,
    impose: Mode | None = None,
    force: bool = False,
) -> int:
    """Merge `parts` (outline title, PDF file) in order into `out`; return its page count.

    A blank page goes before any booklet that would otherwise start on a left-hand (even)
    page, so that every booklet begins on the front of a sheet printed double-sided. With
    `impose`, each booklet is imposed on sheets of its own first (a saddle-stitched booklet
    per client, not one booklet of everyone). Nothing is written unless every part merges.
    """
    with open_atomic(out, force=force) as handle:
        pdf = PdfStream(handle)
        catalog, info, page_root, outline_root = (pdf.reserve() for _ in range(4))
        entries = [pdf.reserve() for _ in parts]
        merged, shared = _Merged(), dict[bytes, int]()
        for index, (name, path) in enumerate(parts):
            entry = _Entry(name, entries[index], outline_root, _around(entries, index))
            try:
                source = read_input(path, what="booklet", limit=MAX_BOOKLET_BYTES)
                if impose:
                    source = impose_pdf(source, impose, source=str(path))
                with _opened(source, path) as booklet:
                    copier = Copier(pdf, shared)
                    node = _copy_pages(copier, booklet, page_root, merged)
                    _write_entry(copier, booklet, entry)
                    _note_form(copier, booklet, merged)
                    copier.drain()
                    if booklet.get_warnings():  # qpdf had to repair it: it is damaged
                        raise ValueError(str(booklet.get_warnings()[0]))
                _close_node(pdf, node, page_root, merged, last=index == len(parts) - 1)
            except (ValueError, KeyError, OSError, RecursionError, AttributeError) as exc:
                message = f"cannot be merged: it is not a readable PDF ({exc})."
                raise input_error(str(path), message) from None
        _write_roots(pdf, merged, (catalog, page_root, outline_root), entries)
        pdf.write(info, _info(title))
        pdf.finish(catalog, info)
    return merged.pages


@dataclass(frozen=True)
class _Entry:
    """A booklet's entry in the print file's outline, and its neighbours there."""

    title: str
    number: int
    parent: int
    around: tuple[int | None, int | None]  # the entries before and after it


def _around(numbers: list[int], index: int) -> tuple[int | None, int | None]:
    before = numbers[index - 1] if index else None
    return before, numbers[index + 1] if index + 1 < len(numbers) else None


def _opened(source: bytes, path: Path) -> pikepdf.Pdf:
    import pikepdf

    try:
        booklet = pikepdf.open(io.BytesIO(source))
    except pikepdf.PasswordError:
        raise input_error(str(path), "cannot be merged: it is encrypted.") from None
    except pikepdf.PdfError as exc:
        raise ValueError(str(exc)) from None
    if booklet.is_encrypted:
        booklet.close()
        raise input_error(str(path), "cannot be merged: it is encrypted.")
    if not booklet.pages:
        booklet.close()
        raise input_error(str(path), "cannot be merged: it has no pages.")
    return booklet


def _copy_pages(copier: Copier, booklet: pikepdf.Pdf, page_root: int, merged: _Merged) -> int:
    """The booklet's pages under a page-tree node of their own; returns the node's number."""
    node = copier.out.reserve()
    merged.nodes.append((node, [copier.page(page, node) for page in booklet.pages]))
    merged.last_box = copier.value(booklet.pages[-1].mediabox)
    return node


def _close_node(pdf: PdfStream, node: int, page_root: int, merged: _Merged, *, last: bool) -> None:
    """Write a booklet's page-tree node, with a blank page after its pages where the next
    booklet would otherwise start on a left-hand page."""
    kids = merged.nodes[-1][1]
    merged.pages += len(kids)
    if merged.pages % 2 and not last:
        blank = pdf.reserve()
        box = merged.last_box
        pdf.write(blank, b"<</Type/Page/Parent %d 0 R/MediaBox%s/Resources<<>>>>" % (node, box))
        kids.append(b"%d 0 R" % blank)
        merged.pages += 1
    body = b"<</Type/Pages/Parent %d 0 R/Kids[%s]/Count %d>>"
    pdf.write(node, body % (page_root, b" ".join(kids), len(kids)))


def _write_entry(copier: Copier, booklet: pikepdf.Pdf, entry: _Entry) -> None:
    """The booklet's outline entry, at its first page, closed over the booklet's own outline."""
    import pikepdf

    first = copier.ref(booklet.pages[0].obj)
    outlines = booklet.Root.get("/Outlines")
    own: dict[str, bytes] = {}
    if isinstance(outlines, pikepdf.Dictionary):
        copier.alias(outlines, entry.number)  # its own entries hang under this one
        if "/First" in outlines and "/Last" in outlines:
            own = {"First": copier.value(outlines.First), "Last": copier.value(outlines.Last)}
            own["Count"] = b"%d" % -max(1, abs(int(outlines.get("/Count", 1))))
    before, after = entry.around
    links = {"Prev": before, "Next": after}
    body = b"<</Title %s/Parent %d 0 R/Dest[%s/Fit]" % (
        bytes(pikepdf.String(entry.title).unparse()),
        entry.parent,
        first,
    )
    body += b"".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in links.items() if v is not None)
    body += b"".join(b"/%s %s" % (k.encode(), v) for k, v in own.items()) + b">>"
    copier.out.write(entry.number, body)


def _note_form(copier: Copier, booklet: pikepdf.Pdf, merged: _Merged) -> None:
    """The booklet's fields join the print file's form; the first form says how they look."""
    import pikepdf

    form = booklet.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return
    fields = form.get("/Fields")
    if isinstance(fields, pikepdf.Array):
        merged.fields += [copier.value(f) for f in fields]
    if not merged.form:
        merged.form = {key[1:]: copier.value(form[key]) for key in FORM_KEYS if key in form}


def _write_roots(
    pdf: PdfStream, merged: _Merged, numbers: tuple[int, int, int], entries: list[int]
) -> None:
    """The page tree's root, the outline's root, the form and the catalog."""
    catalog, page_root, outline_root = numbers
    nodes = b" ".join(b"%d 0 R" % node for node, _ in merged.nodes)
    pdf.write(page_root, b"<</Type/Pages/Kids[%s]/Count %d>>" % (nodes, merged.pages))
    body = b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>"
    pdf.write(outline_root, body % (entries[0], entries[-1], len(entries)))
    form = b""
    if merged.fields:
        number = pdf.reserve()
        extra = b"".join(b"/%s %s" % (k.encode(), v) for k, v in merged.form.items())
        pdf.write(number, b"<</Fields[%s]%s>>" % (b" ".join(merged.fields), extra))
        form = b"/AcroForm %d 0 R" % number
    body = b"<</Type/Catalog/Pages %d 0 R/Outlines %d 0 R/PageMode/UseOutlines%s>>"
    pdf.write(catalog, body % (page_root, outline_root, form))


def _info(title: str) -> bytes:
    import pikepdf

    made = f"pdfgen {__version__}"
    values = {"Title": title, "Creator": made, "Producer": made}
    parts = (
        b"/%s %s" % (k.encode(), bytes(pikepdf.String(v).unparse())) for k, v in values.items()
    )
    return b"<<" + b"".join(parts) + b">>"
