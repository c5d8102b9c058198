"""How pdfgen writes a PDF it has changed with pikepdf: small, and the same bytes every time."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf


def compact_bytes(document: pikepdf.Pdf) -> bytes:
    """`document` written with its small objects packed into compressed object streams, the
    streams reportlab already compressed kept as they are (not inflated and redone), and an ID
    that is a digest of the content."""
    import pikepdf

    out = io.BytesIO()
    document.save(
        out,
        deterministic_id=True,
        compress_streams=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return out.getvalue()
