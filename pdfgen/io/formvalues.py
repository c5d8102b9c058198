"""The values typed into a filled PDF form, by field name: what `read-log` reads back."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from pdfgen.errors import input_error
from pdfgen.io.reading import read_input

MAX_FIELD_DEPTH = 32  # a form's fields nest a few levels; deeper is a damaged or hostile file


def filled_values(path: Path, *, limit: int) -> dict[str, str | None]:
    """Every form field's value by name; a damaged or hostile PDF is an InputError.

    A sound file is read with pikepdf (qpdf): parsing a filled booklet's thousand fields is
    qpdf's work in C++, a twentieth of the time pure-Python parsing takes. A file qpdf cannot
    open, or opens only by repairing it, is read by pypdf as before, which refuses what it
    cannot read whole: a repaired file might have lost some of what was typed into it.
    """
    data = read_input(path, what="filled PDF", limit=limit)
    sound = _read_if_sound(data)
    return sound if sound is not None else _read_strictly(path, data)


def _read_if_sound(data: bytes) -> dict[str, str | None] | None:
    try:
        with _opened(data) as pdf:
            values = form_values(pdf)
            return None if pdf.get_warnings() else values
    except Exception:  # anything qpdf cannot read cleanly is pypdf's to judge
        return None


@contextmanager
def _opened(data: bytes) -> Iterator[Any]:
    """`data` opened with pikepdf from a temporary file of its own, mapped into memory. Read
    through a Python stream, qpdf calls back into Python for every few bytes it reads (11,000
    times for a filled booklet), which took as long as the rest of `read-log`. Where no
    temporary file can be made, through a stream all the same."""
    import pikepdf

    with ExitStack() as stack:
        source: IO[bytes]
        try:
            handle = stack.enter_context(tempfile.TemporaryFile())
            handle.write(data)
            handle.seek(0)
            source, mode = handle, pikepdf.AccessMode.mmap
        except OSError:
            source, mode = io.BytesIO(data), pikepdf.AccessMode.default
        yield stack.enter_context(pikepdf.open(source, access_mode=mode))


def _read_strictly(path: Path, data: bytes) -> dict[str, str | None]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise input_error(
                str(path),
                "is encrypted (it needs a password to open); save a copy "
                "without the password and read that.",
            )
        found = reader.get_fields() or {}
        return {str(name): _text(field.get("/V")) for name, field in found.items()}
    except RecursionError:
        raise input_error(str(path), "is not a readable PDF (nested too deeply).") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files; none may escape
        if type(exc).__module__.startswith("pdfgen"):
            raise
        raise input_error(str(path), f"is not a readable PDF ({_short(exc)}).") from None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def form_values(pdf: Any) -> dict[str, str | None]:
    """Each field's value by its full name, from a walk of a pikepdf document's field tree.

    A field without a value takes its parent's (as PDF inherits /V); a value that is not text,
    a name (a check box's `/Yes`) or a number is read as nothing; and a tree that loops or
    nests past any real form is cut short.
    """
    import pikepdf

    form = pdf.Root.get("/AcroForm")
    fields = form.get("/Fields") if isinstance(form, pikepdf.Dictionary) else None
    if not isinstance(fields, pikepdf.Array):
        return {}
    values: dict[str, str | None] = {}
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[Any, str, str | None, int]] = [(k, "", None, 0) for k in list(fields)[::-1]]
    while pending:
        field, parent, inherited, depth = pending.pop()
        if not isinstance(field, pikepdf.Dictionary) or depth > MAX_FIELD_DEPTH:
            continue
        if field.is_indirect:
            if field.objgen in seen:
                continue
            seen.add(field.objgen)
        own = field.get("/T")
        own_name = str(own) if isinstance(own, pikepdf.String) else ""
        name = f"{parent}.{own_name}" if parent and own_name else own_name or parent
        typed = field.get("/V")
        value = inherited if typed is None else _value(typed)
        if name and name not in values:
            values[name] = value
        kids = field.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            pending += [(kid, name, value, depth + 1) for kid in list(kids)[::-1]]
    return values


def _value(value: Any) -> str | None:
    import pikepdf

    if isinstance(value, pikepdf.String | pikepdf.Name):
        return str(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
