"""Helpers shared by the test modules (not fixtures): fixture-file headers, a minimal plan, the
console script, and the independent readers every PDF a test writes must pass."""

from __future__ import annotations

import importlib.util
import io
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pikepdf
import pypdfium2
import pytest

from pdfgen.compose.words import Words
from pdfgen.schedule.model import SetTarget


@cache
def words(units: str = "kg") -> Words:
    """The base layout's words: how the page prints a schedule's numbers."""
    from pdfgen.style.loading import load_layout

    return Words(load_layout().labels, units)


def printed_load(target: SetTarget, units: str = "kg") -> str:
    """A set's load as the base layout prints it: "42.5 kg", "+5 kg", "90%" or ""."""
    return words(units).load(target.load)


def set_label(target: SetTarget) -> str:
    """A set's number as the base layout prints it: "1", "W1"."""
    return words().set_label(target)


# The smallest valid plan: one session, one exercise.
MINIMAL_PLAN = """\
program: Upper back
sessions:
  - name: Upper back
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
"""


def header(path: Path) -> dict[str, list[str]]:
    """The `# key: value` lines at the top of a fixture file (`# expect:`, `# line:`, ...)."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(": ")
        if sep:
            found.setdefault(key, []).append(value.strip())
    return found


def console_script() -> list[str]:
    """The installed `pdfgen` console script (what a user runs), or `python -m pdfgen` where
    it is not installed beside this interpreter."""
    script = Path(sys.executable).with_name("pdfgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pdfgen"]


def handles_signal(pid: int, signum: int) -> bool:
    """Whether process `pid` has a handler of its own for `signum` (Linux: /proc; elsewhere
    True, and the caller's delay has to do)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return True


FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def check_pdf(path: Path) -> None:
    """Assert that independent readers accept the PDF at path: qpdf's syntax check (pikepdf)
    finds nothing, every font its pages use is embedded, and PDFium opens it and renders page 1
    non-blank."""
    data = path.read_bytes()
    damaged = "(a test that writes damaged PDFs on purpose is marked damaged_pdf)"
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        pytest.fail(f"{path}: pikepdf cannot open it: {exc} {damaged}")
    with pdf:
        problems = pdf.check_pdf_syntax()
        assert problems == [], f"{path}: qpdf finds {problems} {damaged}"
        missing = unembedded_fonts(pdf)
        assert missing == [], f"{path}: fonts used by its pages but not embedded: {missing}"
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        pytest.fail(f"{path}: PDFium cannot open it: {exc} {damaged}")
    try:
        assert len(document) > 0, f"{path}: PDFium finds no page"
        page = document[0]
        image = page.render(scale=0.25).to_pil().convert("L")
        page.close()
        assert image.getextrema()[0] < 128, f"{path}: page 1 renders blank in PDFium"
    finally:
        document.close()


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """The names of fonts in the pages' resources (and, recursively, in those of the form
    XObjects they draw) that are not embedded; Type 3 fonts are drawn by the PDF itself."""
    missing: list[str] = []
    seen: set[tuple[int, int]] = set()

    def once(obj: pikepdf.Object) -> bool:
        if not obj.is_indirect:
            return True
        if obj.objgen in seen:
            return False
        seen.add(obj.objgen)
        return True

    def font(obj: pikepdf.Object) -> None:
        if not once(obj) or obj.get("/Subtype") == "/Type3":
            return
        described = obj["/DescendantFonts"][0] if obj.get("/Subtype") == "/Type0" else obj
        descriptor = described.get("/FontDescriptor")
        if descriptor is None or not any(key in descriptor for key in FONT_FILES):
            missing.append(str(obj.get("/BaseFont", "(no name)")))

    def resources(obj: pikepdf.Object | None) -> None:
        if not isinstance(obj, pikepdf.Dictionary) or not once(obj):
            return
        for value in obj.get("/Font", pikepdf.Dictionary()).values():
            font(value)
        for value in obj.get("/XObject", pikepdf.Dictionary()).values():
            if value.get("/Subtype") == "/Form" and once(value):
                resources(value.get("/Resources"))

    for page in pdf.pages:
        resources(page.obj.get("/Resources"))
    return missing


@cache
def make_samples() -> ModuleType:
    """scripts/make_samples.py, which renders (and fills) the committed samples."""
    spec = importlib.util.spec_from_file_location(
        "make_samples", Path(__file__).parent.parent / "scripts" / "make_samples.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fill_form(data: bytes, values: dict[str, str]) -> bytes:
    """A PDF with `values` typed into its form fields with pypdf, as a tablet app would."""
    filled: bytes = make_samples().fill_form(data, values)
    return filled
