"""One print file from many booklets, with pypdf: each booklet on a right-hand page, an outline
entry per booklet with its own outline beneath, and the document's metadata set again (merging
drops it)."""

from __future__ import annotations

import io
from pathlib import Path

from pdfgen.errors import input_error
from pdfgen.io.reading import read_input
from pdfgen.io.writing import write_atomic
from pdfgen.pdf.impose import Mode
from pdfgen.pdf.impose import impose as impose_pdf
from pdfgen.version import __version__

MAX_BOOKLET_BYTES = 200 * 1024 * 1024


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
    per client, not one booklet of everyone).
    """
    from pypdf import PdfWriter
    from pypdf.errors import PyPdfError

    writer = PdfWriter()
    for name, path in parts:
        if len(writer.pages) % 2 == 1:
            writer.add_blank_page()
        try:
            source = read_input(path, what="booklet", limit=MAX_BOOKLET_BYTES)
            if impose:
                source = impose_pdf(source, impose, source=str(path))
            writer.append(io.BytesIO(source), outline_item=name)
        except (PyPdfError, ValueError, KeyError, OSError, RecursionError) as exc:
            message = f"cannot be merged: it is not a readable PDF ({exc})."
            raise input_error(str(path), message) from None
    writer.add_metadata(
        {
            "/Title": title,
            "/Creator": f"pdfgen {__version__}",
            "/Producer": f"pdfgen {__version__}",
        }
    )
    # Every booklet embeds the same fonts; keep one copy of each.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomic(out, buffer.getvalue(), force=force)
    return len(writer.pages)
