"""What became of each roster row, and the manifest that lists them: the facts of a booklet are
read from the file on disk, so that the manifest describes what is there, whoever wrote it."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pdfgen.compose.text import spreadsheet_safe
from pdfgen.errors import InputError
from pdfgen.io.reading import read_input
from pdfgen.io.writing import write_atomic
from pdfgen.pdf.merge import MAX_BOOKLET_BYTES

Status = Literal["written", "skipped", "failed", "would write"]
MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class RowResult:
    """What became of one roster row."""

    row: int
    client: str
    plan: str
    file: str = ""
    status: Status = "failed"
    pages: int = 0
    sha256: str = ""
    error: str = ""
    warnings: tuple[str, ...] = ()


def with_file_facts(
    result: RowResult, out: Path, for_merge: bool, fillable: bool = False
) -> RowResult:
    """A kept booklet's pages and checksum, for the manifest. One that is not a readable PDF
    is kept all the same, but cannot go into a merged print file."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        data = read_input(out / result.file, what="booklet", limit=MAX_BOOKLET_BYTES)
    except InputError as exc:
        why = f"the existing {result.file} cannot be read: {exc.problems[0].message}"
        return replace(result, status="failed" if for_merge else "skipped", error=why)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        has_fields = bool(reader.get_fields())
    except (PyPdfError, ValueError, KeyError, OSError, RecursionError):
        why = f"the existing {result.file} is not a readable PDF; --force replaces it."
        return replace(result, status="failed" if for_merge else "skipped", error=why)
    if fillable and not has_fields:
        # Kept from a run without --fillable: merged as it is, it would have nothing to fill.
        why = f"the existing {result.file} has no form fields; --force remakes it fillable."
        return replace(result, status="failed" if for_merge else "skipped", error=why)
    return replace(result, pages=pages, sha256=hashlib.sha256(data).hexdigest())


def as_on_disk(results: list[RowResult], out: Path) -> list[RowResult]:
    """The results as the files on disk now are: another run writing into the same folder may
    have made a booklet this run found missing, so the manifest describes what is there."""
    checked = []
    for result in results:
        if result.status not in ("written", "skipped") or not result.file:
            checked.append(result)
            continue
        try:
            data = read_input(out / result.file, what="booklet", limit=MAX_BOOKLET_BYTES)
        except InputError as exc:
            why = f"{result.file} is not there any more: {exc.problems[0].message}"
            checked.append(replace(result, status="failed", pages=0, sha256="", error=why))
            continue
        if hashlib.sha256(data).hexdigest() != result.sha256:
            checked.append(with_file_facts(replace(result, status="skipped"), out, False))
        else:
            checked.append(result)
    return checked


def write_manifest(path: Path, results: list[RowResult]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["row", "client", "plan", "file", "pages", "sha256", "status", "error"])
    for r in results:
        row = (r.row, r.client, r.plan, r.file, r.pages or "", r.sha256, r.status, r.error)
        writer.writerow([spreadsheet_safe(str(value)) for value in row])
    write_atomic(path, buffer.getvalue().encode("utf-8"), force=True)
