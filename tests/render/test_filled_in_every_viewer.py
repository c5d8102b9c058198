"""A filled booklet or log prints what was typed, in every viewer and printer.

The forms are filled by two tools, as clients' apps do: pypdf (which writes each field's
appearance itself) and PyMuPDF (MuPDF's own filler). Every text field gets a value of its own
and every other tick box is ticked. Then three engines draw the filled file: Ghostscript (what
CUPS prints with) and MuPDF as text, where every typed value must appear exactly once; and
PDFium (Chrome's engine) and Ghostscript as pixels, where every filled cell has ink, every empty
one none, and a ticked box holds a tick, not a solid square.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader
from support.pdfs import fill_form

import pdfgen

Filler = Callable[[bytes, dict[str, str], set[str]], bytes]
DPI = 100


def fillable(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "booklet":
        pdfgen.render_booklet("upper-back", buffer, weeks=2, fillable=True)
    elif kind == "imposed":  # A5 pages two to an A4 sheet, each page a form XObject
        pdfgen.render_booklet(
            "upper-back", buffer, weeks=2, fillable=True, page_size="a5", impose="saddle"
        )
    else:
        pdfgen.render_log("upper-back", buffer, weeks="1-2", fillable=True)
    return buffer.getvalue()


def typed_values(data: bytes) -> tuple[dict[str, str], set[str]]:
    """A value of its own for every field a client types in, none a part of another; and every
    other tick box."""
    values: dict[str, str] = {}
    boxes = []
    for name, field in sorted(PdfReader(io.BytesIO(data)).get_fields().items()):
        if field.get("/FT") == "/Btn":
            boxes.append(name)
        elif field.get("/FT") == "/Tx" and not int(field.get("/Ff", 0)) & 1:  # not read-only
            n = len(values) + 1
            if name.endswith("_weight"):
                values[name] = f"1{n:03d}.5"
            elif name.endswith("_reps"):
                values[name] = f"R{n:03d}"
            else:
                values[name] = f"N{n:03d}x"
    return values, set(boxes[::2])


def by_pypdf(data: bytes, values: dict[str, str], ticks: set[str]) -> bytes:
    return fill_form(data, values | dict.fromkeys(ticks, "/Yes"))


def by_pymupdf(data: bytes, values: dict[str, str], ticks: set[str]) -> bytes:
    pymupdf = pytest.importorskip("pymupdf", reason="PyMuPDF (the test extra) is not installed")
    document = pymupdf.open(stream=data, filetype="pdf")
    for page in document:
        for widget in page.widgets():
            if widget.field_name in values:
                widget.field_value = values[widget.field_name]
                widget.update()
            elif widget.field_name in ticks:
                widget.field_value = widget.on_state()
                widget.update()
    return bytes(document.tobytes())


FILLERS: dict[str, Filler] = {"pypdf": by_pypdf, "pymupdf": by_pymupdf}


@pytest.fixture(scope="module", params=["booklet", "imposed", "log"])
def blank(request: pytest.FixtureRequest) -> bytes:
    return fillable(request.param)


@pytest.fixture(params=sorted(FILLERS))
def filled(request: pytest.FixtureRequest, blank: bytes, tmp_path: Path) -> tuple[Path, bytes]:
    values, ticks = typed_values(blank)
    path = tmp_path / "filled.pdf"
    path.write_bytes(FILLERS[request.param](blank, values, ticks))
    return path, blank


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install ghostscript mupdf-tools)")
    return found


def text_by(engine: str, path: Path) -> str:
    if engine == "gs":
        command = [tool("gs"), "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite"]
        command += ["-sOutputFile=-", str(path)]
    else:
        command = [tool("mutool"), "draw", "-F", "txt", "-o", "-", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("engine", ["gs", "mutool"])
def test_every_typed_value_prints_once(engine: str, filled: tuple[Path, bytes]) -> None:
    path, blank = filled
    values, _ = typed_values(blank)
    text = text_by(engine, path)
    wrong = {name: text.count(v) for name, v in values.items() if text.count(v) != 1}
    assert not wrong, f"{engine}: values not printed exactly once: {wrong}"


def widgets(path: Path) -> list[tuple[int, str, str, tuple[float, ...], float]]:
    """Every widget: its page, name, type, rectangle, and its page's height."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            height = float(page.mediabox[3])
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") == "/Widget" and "/T" in annot:
                    rect = tuple(float(v) for v in annot.Rect)
                    found.append((number, str(annot.T), str(annot.get("/FT")), rect, height))
    return found


def ink(image: Image.Image, rect: tuple[float, ...], height: float, inset: float) -> float:
    """The share of dark pixels inside a widget's rectangle, `inset` (a share of its size, at
    most 3 pt: a wide notes box's text starts near its left edge) away from the grid's lines."""
    x0, y0, x1, y1 = (v * DPI / 72 for v in rect)
    top, bottom = (height * DPI / 72) - y1, (height * DPI / 72) - y0
    most = 3 * DPI / 72
    inset_x, inset_y = min((x1 - x0) * inset, most), min((bottom - top) * inset, most)
    box = (round(x0 + inset_x), round(top + inset_y), round(x1 - inset_x), round(bottom - inset_y))
    histogram = image.convert("L").crop(box).histogram()
    return sum(histogram[:128]) / max(sum(histogram), 1)


def pdfium_pages(path: Path) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(str(path))
    document.init_forms()
    return [page.render(scale=DPI / 72, may_draw_forms=True).to_pil() for page in document]


def ghostscript_pages(path: Path, folder: Path) -> list[Image.Image]:
    out = folder / "page-%03d.png"
    command = [tool("gs"), "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", f"-r{DPI}"]
    subprocess.run([*command, f"-sOutputFile={out}", str(path)], check=True)
    pages = []
    for png in sorted(folder.glob("page-*.png")):
        with Image.open(png) as image:
            pages.append(image.copy())
    return pages


@pytest.mark.parametrize("engine", ["pdfium", "gs"])
def test_every_filled_cell_has_ink_and_every_tick_is_a_tick(
    engine: str, filled: tuple[Path, bytes], tmp_path: Path
) -> None:
    path, blank = filled
    values, ticks = typed_values(blank)
    pages = pdfium_pages(path) if engine == "pdfium" else ghostscript_pages(path, tmp_path)
    problems = []
    for number, name, kind, rect, height in widgets(path):
        # A tick is in the middle of its box; a note starts at the top left of its cell.
        share = ink(pages[number], rect, height, 0.2 if kind == "/Btn" else 0.03)
        if name in values and share == 0:
            problems.append(f"{name}: typed {values[name]!r}, nothing drawn")
        elif kind == "/Btn" and name in ticks and not 0.03 < share < 0.6:
            problems.append(f"{name}: ticked, {share:.0%} of the box dark")
        elif kind == "/Btn" and name not in ticks and share > 0:
            problems.append(f"{name}: not ticked, {share:.0%} of the box dark")
    assert not problems, f"{engine}: " + "; ".join(problems[:8])


def test_no_two_widgets_share_an_appearance(blank: bytes) -> None:
    seen: dict[tuple[int, int], str] = {}
    with pikepdf.open(io.BytesIO(blank)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            normal = field.AP.N
            streams = [normal[k] for k in normal] if "/Yes" in normal else [normal]
            for stream in streams:
                assert stream.objgen not in seen, (str(field.T), seen.get(stream.objgen))
                seen[stream.objgen] = str(field.T)


def test_the_form_resources_hold_every_font_its_fields_name(blank: bytes) -> None:
    with pikepdf.open(io.BytesIO(blank)) as pdf:
        form = pdf.Root.AcroForm
        fonts = set(form.DR.Font.keys())
        named = {str(f.DA).split()[0] for f in form.Fields if "/DA" in f}
    assert named == {"/Helv", "/ZaDb"}
    assert named <= fonts


def test_a_form_filled_by_either_filler_is_read_the_same_by_qpdf_and_by_pypdf(
    filled: tuple[Path, bytes],
) -> None:
    """read-log takes qpdf's fast path for a sound file, pypdf's for one qpdf must repair:
    both fillers write sound files, and both readers read the same values from them."""
    from pdfgen.io.formvalues import _read_if_sound, _read_strictly

    path, _ = filled
    data = path.read_bytes()
    fast = _read_if_sound(data)
    assert fast is not None, "qpdf reads the filled file without repairing it"
    assert fast == _read_strictly(path, data)
    assert sum(1 for value in fast.values() if value) > 20
