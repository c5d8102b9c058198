"""Fillable booklets and log sheets (`--fillable`), and reading them back (`pdfgen read-log`).

The issue's requirements, proved on real output: every blank a client writes in is an AcroForm
field lying on its printed cell (pypdf's widget rectangles against `compose_day`'s geometry and
against the rectangles pdfplumber finds on the page); field names are unique, dot-free and say
where they are; a fillable page prints exactly like a plain one (PDFium pixels); values filled
with pypdf come back from `read_log` and the `read-log` command, numbers read as people type
them and everything else kept as text with a warning; filled values show when rendered; bad
files are clear errors, never tracebacks; output is deterministic, valid and embeds its fonts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner, Result
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from support import console_script, sets_of, write_cells
from support.pdfs import fill_form

import pdfgen
from pdfgen.app.booklet import render_pdf
from pdfgen.cli import cli
from pdfgen.compose.boxes import DayGrid, Measure, Rect
from pdfgen.compose.fieldnames import set_key
from pdfgen.compose.grid import compose_day
from pdfgen.errors import InputError
from pdfgen.logbook.readlog import LoggedSet, read_log
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.render.fonts import register
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Day, Schedule
from pdfgen.style.layout import Layout
from pdfgen.style.loading import load_layout
from pdfgen.units import MM

# Boxes are (x0, top, x1, bottom) in points, measured from the page's top-left (as pdfplumber).
Box = tuple[float, float, float, float]

PLAN = "upper-back"
LOG_WEEKS = (2, 3)
SET_ROLES = ("weight", "reps", "done")
DAY_NAME = re.compile(r"^w(\d\d)_d(\d)_(date|rpe|notes|info)$")
SET_NAME = re.compile(r"^w(\d\d)_d(\d)_([a-z0-9-]+)_s(w?\d+)_(weight|reps|done)$")
WEEK_NAME = re.compile(r"^w(\d\d)_notes$")
# An edge within this of the cell's edge is "on" the cell (text fields sit 0.5 pt inside).
EDGE = 1.0

# What a client types into week 2, day 1 of the log sheets (and two more cells elsewhere).
FILLED = {
    "w02_d1_date": "2027-01-11",
    "w02_d1_pull-up_s1_weight": "62,5",
    "w02_d1_pull-up_s1_reps": "8",
    "w02_d1_pull-up_s1_done": "/Yes",
    "w02_d1_pull-up_s2_weight": "62.5 kg",
    "w02_d1_pull-up_s2_reps": "7",
    "w02_d1_pull-up_s2_done": "/Yes",
    "w02_d1_pull-up_s3_weight": "140 lb",
    "w02_d1_pull-up_s3_reps": "8+2",
    "w02_d1_incline-barbell-row_s1_weight": "sixty",
    "w02_d1_incline-barbell-row_s1_reps": "12",
    "w02_d1_rpe": "8,5",
    "w02_d1_notes": "Łódź 東京 — grip fine",
    "w02_d2_notes": '=HYPERLINK("http://example.com","x")',
    "w02_notes": "Slept badly; 東京 trip",
}

# One long day: warm-ups, the same exercise twice and a superset, too tall for a log sheet.
# Weighted pull-ups and hyperextensions (a belt, a plate held): every set logs a weight.
EDGE_PLAN = """\
program: Edge cases
weeks: 1
sessions:
  - name: Long day
    exercises:
      - {exercise: pull-up, kind: weighted, sets: 10, reps: 6-8,
         warmup: {sets: 2, reps: 10, load: light}}
      - {exercise: pull-up, kind: weighted, sets: 8, reps: 5}
      - {exercise: good-morning, sets: 8, reps: 8, superset: A}
      - {exercise: hyperextension, kind: weighted, sets: 8, reps: 15, superset: A}
"""


# -- reading widgets, rendering pixels, filling -------------------------------------------------


@dataclass(frozen=True)
class Widget:
    """One form field's widget annotation, as pypdf reads it from the page."""

    name: str
    kind: str  # /Tx or /Btn
    page: int
    box: Box
    flags: int  # /F: annotation flags (2 hidden, 4 print)
    field_flags: int  # /Ff: 1 read-only, 4096 multiline
    states: frozenset[str]  # a check box's appearance states
    value: str


def read_widgets(data: bytes) -> list[Widget]:
    reader = PdfReader(io.BytesIO(data))
    found = []
    for index, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            normal = annot.get("/AP", {}).get("/N", {})
            states = frozenset(normal.keys()) if annot.get("/FT") == "/Btn" else frozenset()
            found.append(
                Widget(
                    name=str(annot.get("/T")),
                    kind=str(annot.get("/FT")),
                    page=index,
                    box=(min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)),
                    flags=int(annot.get("/F", 0)),
                    field_flags=int(annot.get("/Ff", 0)),
                    states=states,
                    value=str(annot.get("/V", "")),
                )
            )
    return found


def by_name(widgets: list[Widget]) -> dict[str, Widget]:
    return {w.name: w for w in widgets}


def on_cell(field: Box, cell: Box) -> bool:
    """Whether a field lies inside a cell with each edge within EDGE of the cell's."""
    inside = (
        field[0] >= cell[0] - 0.01
        and field[1] >= cell[1] - 0.01
        and field[2] <= cell[2] + 0.01
        and field[3] <= cell[3] + 0.01
    )
    return inside and all(abs(f - c) <= EDGE for f, c in zip(field, cell, strict=True))


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def fill(source: bytes | Path, values: dict[str, str], out: Path) -> Path:
    """Fill the form with pypdf, as a tablet app would, and save it."""
    out.write_bytes(fill_form(source if isinstance(source, bytes) else source.read_bytes(), values))
    return out


def pixels(data: bytes, page: int, scale: float = 1.0) -> Image.Image:
    """A page as PDFium draws it, form fields included."""
    document = pdfium.PdfDocument(data)
    try:
        document.init_forms()
        bitmap = document[page].render(scale=scale, may_draw_forms=True)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


def changed(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int] | None = None) -> bool:
    """Whether two renders differ by more than anti-aliasing noise (inside `box`, if given)."""
    diff = ImageChops.difference(a, b).convert("L")
    if box is not None:
        diff = diff.crop(box)
    return diff.point(lambda v: 255 if v > 8 else 0).getbbox() is not None


def scaled(box: Box, scale: float, grow: int = 0) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = box
    return (
        int(x0 * scale) - grow,
        int(top * scale) - grow,
        int(x1 * scale + 0.999) + grow,
        int(bottom * scale + 0.999) + grow,
    )


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


def font_measure(layout: Layout) -> Measure:
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    return measure


def all_days(schedule: Schedule, weeks: tuple[int, ...] | None = None) -> list[Day]:
    return [
        day for week in schedule.weeks if weeks is None or week.number in weeks for day in week.days
    ]


def expected_set_names(days: list[Day]) -> set[str]:
    """Names for every set, worked out from the schedule (no exercise twice in a day here)."""
    return {
        f"w{day.week:02d}_d{day.day}_{entry.exercise_id}_{set_key(target)}_{role}"
        for day in days
        for entry in day.entries
        for target in entry.sets
        for role in SET_ROLES
    }


# -- rendered documents, made once --------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    data: bytes
    layout: Layout
    schedule: Schedule
    days: list[Day]
    widgets: list[Widget]


@pytest.fixture(scope="module")
def booklet() -> Rendered:
    """The upper-back booklet, two weeks, fillable."""
    buffer = io.BytesIO()
    pdfgen.render_booklet(PLAN, buffer, weeks=2, fillable=True)
    schedule = expand(load_plan(PLAN), weeks=2)
    data = buffer.getvalue()
    return Rendered(data, load_layout("base"), schedule, all_days(schedule), read_widgets(data))


@pytest.fixture(scope="module")
def plain_booklet() -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet(PLAN, buffer, weeks=2)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def log_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pdfgen log upper-back --fillable --weeks 2-3`, as a trainer runs it."""
    out = tmp_path_factory.mktemp("log") / "sheets.pdf"
    result = invoke("log", PLAN, "--fillable", "--weeks", "2-3", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def log(log_path: Path) -> Rendered:
    data = log_path.read_bytes()
    schedule = expand(load_plan(PLAN))
    return Rendered(
        data, load_layout("log"), schedule, all_days(schedule, LOG_WEEKS), read_widgets(data)
    )


@pytest.fixture(scope="module")
def plain_log() -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_log(PLAN, buffer, weeks="2-3")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def filled(log_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill(log_path, FILLED, tmp_path_factory.mktemp("filled") / "filled.pdf")


@pytest.fixture(scope="module")
def reading(filled: Path) -> dict[tuple[int, int, str, str], LoggedSet]:
    rows = read_log(filled).sets
    return {(r.week, r.day, r.exercise_id, r.set): r for r in rows}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory, log_path: Path) -> Path:
    """A folder of files that are not filled pdfgen logs."""
    folder = tmp_path_factory.mktemp("bad")
    data = log_path.read_bytes()
    make_pdf(folder / "no-fields.pdf", {})
    make_pdf(folder / "other-fields.pdf", {"email": "a@b.c", "w1_d1_info": "{}", "W01_D1_INFO": ""})
    for name, cut in (
        ("half", len(data) // 2),
        ("tail", len(data) - 2000),
        ("end", len(data) - 30),
    ):
        (folder / f"truncated-{name}.pdf").write_bytes(data[:cut])
    noise = random.Random(7).randbytes(5000)
    (folder / "random.pdf").write_bytes(noise)
    (folder / "random-header.pdf").write_bytes(b"%PDF-1.4\n" + noise)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "folder.pdf").mkdir()
    return folder


def make_pdf(path: Path, fields: dict[str, str]) -> Path:
    """A PDF not made by pdfgen, with these text fields (made with reportlab)."""
    canvas = Canvas(str(path))
    canvas.drawString(72, 72, "Not a training log")
    for index, (name, value) in enumerate(fields.items()):
        canvas.acroForm.textfield(
            name=name, value=value, x=72, y=120 + 30 * index, width=200, height=20, maxlen=0
        )
    canvas.showPage()
    canvas.save()
    return path


# -- 1. a field on every blank, on its cell, well named -----------------------------------------


@pytest.mark.parametrize("which", ["booklet", "log"])
def test_every_set_has_weight_reps_and_a_done_check_box(
    which: str, request: pytest.FixtureRequest
) -> None:
    doc: Rendered = request.getfixturevalue(which)
    names = by_name(doc.widgets)
    set_names = {n for n in names if SET_NAME.match(n)}
    assert set_names == expected_set_names(doc.days)
    weights = [n for n in names if n.endswith("_weight")]
    assert len(weights) == sum(sets_of(day) for day in doc.days)
    for name in set_names:
        widget = names[name]
        if name.endswith("_done"):
            assert widget.kind == "/Btn", name
            assert widget.states == {"/Yes", "/Off"}, name  # "on" is exactly /Yes
        else:
            assert widget.kind == "/Tx", name
        assert widget.flags & 4 and not widget.flags & 2, f"{name} is hidden or not printed"


@pytest.mark.parametrize("which", ["booklet", "log"])
def test_each_day_has_date_effort_notes_and_a_hidden_record(
    which: str, request: pytest.FixtureRequest
) -> None:
    doc: Rendered = request.getfixturevalue(which)
    names = by_name(doc.widgets)
    for day in doc.days:
        key = f"w{day.week:02d}_d{day.day}"
        for role in ("date", "rpe", "notes"):  # no --start: the date is blank, to write in
            assert names[f"{key}_{role}"].kind == "/Tx"
            assert names[f"{key}_{role}"].flags & 4
        assert names[f"{key}_notes"].field_flags & 4096, "day notes are multiline"
        record = names[f"{key}_info"]
        assert record.flags & 2 and record.field_flags & 1, "the record is hidden and read-only"
        printed = json.loads(record.value)
        assert (printed["week"], printed["day"]) == (day.week, day.day)
        assert len(printed["sets"]) == sets_of(day)
    # Nothing else: every field is a set's, a day's, a week's notes or the notes page.
    for name in names:
        assert (
            SET_NAME.match(name)
            or DAY_NAME.match(name)
            or WEEK_NAME.match(name)
            or (name == "notes" and which == "booklet")
        ), name


@pytest.mark.parametrize("which", ["booklet", "log"])
def test_field_names_are_unique_and_have_no_dots(
    which: str, request: pytest.FixtureRequest
) -> None:
    doc: Rendered = request.getfixturevalue(which)
    counts = Counter(w.name for w in doc.widgets)
    assert [n for n, c in counts.items() if c > 1] == []
    assert [n for n in counts if "." in n] == []
    # pypdf sees each widget as a field of its own, with no hierarchy.
    fields = PdfReader(io.BytesIO(doc.data)).get_fields() or {}
    assert set(fields) == set(counts)


@pytest.mark.parametrize("which", ["booklet", "log"])
def test_fields_sit_on_the_cells_compose_day_lays_out(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Each day's fields, against its grid composed independently: every named write cell has
    its field, at the same place relative to the day as the cell (one origin per day)."""
    doc: Rendered = request.getfixturevalue(which)
    names = by_name(doc.widgets)
    measure = font_measure(doc.layout)
    for day in doc.days:
        grid: DayGrid = compose_day(day, doc.layout, doc.layout.column_width, "kg", measure)
        cells: list[Rect] = [r for r in write_cells(grid) if r.name]
        roles = {r.role for r in cells}
        assert roles == {"date", "weight", "reps", "done", "effort", "day_notes"}
        # The grid's origin on the page, from its first tick box (a check box is the box).
        anchor = next(r for r in cells if r.role == "done")
        left = names[anchor.name].box[0] - anchor.x
        top = names[anchor.name].box[1] - anchor.y
        for cell in cells:
            widget = names[cell.name]
            assert widget.page == names[anchor.name].page, cell.name
            expected = (left + cell.x, top + cell.y, left + cell.x + cell.w, top + cell.y + cell.h)
            assert on_cell(widget.box, expected), (cell.name, widget.box, expected)
            if cell.role == "done":
                assert widget.box == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize("which", ["booklet", "log"])
def test_fields_sit_on_rectangles_printed_on_the_page(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Independently of the geometry code: each visible day field lies on a box drawn on the
    page (pdfplumber), text fields on a white cell, check boxes on the tick box itself."""
    doc: Rendered = request.getfixturevalue(which)
    with pdfplumber.open(io.BytesIO(doc.data)) as pdf:
        rects = [
            [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects] for page in pdf.pages
        ]
    for widget in doc.widgets:
        if not (SET_NAME.match(widget.name) or DAY_NAME.match(widget.name)):
            continue
        if widget.name.endswith("_info"):
            continue
        printed = [r for r in rects[widget.page] if on_cell(widget.box, r)]
        assert printed, f"{widget.name} {widget.box} is on no printed cell"
        if widget.kind == "/Btn":
            side = widget.box[2] - widget.box[0]
            assert side == pytest.approx(5 * MM, abs=0.1)


def test_week_notes_field_fills_the_printed_box(log: Rendered) -> None:
    names = by_name(log.widgets)
    with pdfplumber.open(io.BytesIO(log.data)) as pdf:
        for week, page in zip(LOG_WEEKS, pdf.pages, strict=True):
            field = names[f"w{week:02d}_notes"]
            assert field.kind == "/Tx" and field.field_flags & 4096
            boxes = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects]
            # The widest, lowest box of the sheet is the week's notes box.
            box = max(boxes, key=lambda b: (b[3], b[2] - b[0]))
            assert box[1] - 0.01 <= field.box[1] and field.box[3] <= box[3] + 0.01
            assert field.box[0] == pytest.approx(box[0], abs=EDGE)
            assert field.box[2] == pytest.approx(box[2], abs=EDGE)
            assert field.box[3] == pytest.approx(box[3], abs=EDGE)
            # Room at the top for the printed label, and not much more.
            assert field.box[1] - box[1] <= 6 * MM


def test_week_notes_field_does_not_cover_its_label(log: Rendered) -> None:
    """Typing in the week's notes must not run over the box's printed "Notes" label."""
    names = by_name(log.widgets)
    with pdfplumber.open(io.BytesIO(log.data)) as pdf:
        for week, page in zip(LOG_WEEKS, pdf.pages, strict=True):
            field = names[f"w{week:02d}_notes"]
            # The box's label: the "Notes" just above the field's top-left corner.
            label = [
                (w["x0"], w["top"], w["x1"], w["bottom"])
                for w in page.extract_words()
                if w["text"] == "Notes"
                and abs(w["x0"] - field.box[0]) < 10
                and abs(w["top"] - field.box[1]) < 15
            ]
            assert len(label) == 1
            assert not overlaps(field.box, label[0]), (field.box, label[0])


def test_booklet_notes_page_is_one_field_over_its_ruled_lines(booklet: Rendered) -> None:
    notes = by_name(booklet.widgets)["notes"]
    assert notes.kind == "/Tx" and notes.field_flags & 4096 and notes.flags & 4
    with pdfplumber.open(io.BytesIO(booklet.data)) as pdf:
        page = pdf.pages[notes.page]
        heading = [w for w in page.extract_words() if w["text"] == "Notes"]
        assert heading and "Notes" in (page.extract_text() or "")
        ruled = [ln for ln in page.lines if ln["top"] > heading[0]["bottom"]]
    assert len(ruled) > 10
    assert notes.box[1] >= heading[0]["bottom"], "the field is below the heading"
    assert notes.box[1] <= min(ln["top"] for ln in ruled)
    assert notes.box[3] >= max(ln["top"] for ln in ruled)
    assert notes.box[0] == pytest.approx(min(ln["x0"] for ln in ruled), abs=EDGE)
    assert notes.box[2] == pytest.approx(max(ln["x1"] for ln in ruled), abs=EDGE)


@pytest.fixture(scope="module")
def dated_lb_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A week-1 log sheet in pounds with its dates printed (--start and --days)."""
    out = tmp_path_factory.mktemp("dated") / "dated.pdf"
    pdfgen.render_log(
        PLAN, out, weeks="1", start="2027-01-04", days="mon,thu", units="lb", fillable=True
    )
    return out


def test_a_printed_date_has_no_field_and_reads_back_as_printed(
    dated_lb_log: Path, tmp_path: Path
) -> None:
    names = by_name(read_widgets(dated_lb_log.read_bytes()))
    assert not [n for n in names if n.endswith("_date")]
    assert {"w01_d1_rpe", "w01_d1_notes", "w01_d2_info"} <= set(names)
    filled = fill(dated_lb_log, {"w01_d2_pull-up_s1_weight": "62.5 kg"}, tmp_path / "f.pdf")
    rows = read_log(filled).sets
    assert {r.date for r in rows if r.day == 1} == {"2027-01-04"}
    assert {r.date for r in rows if r.day == 2} == {"2027-01-07"}
    [row] = [r for r in rows if r.day == 2 and r.exercise_id == "pull-up" and r.set == "1"]
    assert row.units == "lb"
    assert row.weight == pytest.approx(137.79, abs=0.01)  # 62.5 kg in pounds


def test_warmups_repeated_exercises_and_split_days_are_named_apart(tmp_path: Path) -> None:
    """A day too tall for a sheet splits across two pages: its fields stay unique and complete,
    its date, effort, notes and record once each; warm-up sets are `sw1`, a second pull-up
    `pull-up-2`."""
    plan = load_plan_text(EDGE_PLAN)
    out = tmp_path / "edge.pdf"
    result = pdfgen.render_log(plan, out, fillable=True)
    assert result.pages == 2
    widgets = read_widgets(out.read_bytes())
    counts = Counter(w.name for w in widgets)
    assert [n for n, c in counts.items() if c > 1] == []
    assert {w.page for w in widgets if w.name.startswith("w01_d1_")} == {0, 1}
    day = expand(plan).weeks[0].days[0]
    assert len([n for n in counts if n.endswith("_weight")]) == sets_of(day) == 36
    for suffix in ("date", "rpe", "notes", "info"):
        assert counts[f"w01_d1_{suffix}"] == 1
    assert {"w01_d1_pull-up_sw1_weight", "w01_d1_pull-up_sw2_done"} <= set(counts)
    assert {f"w01_d1_pull-up-2_s{n}_reps" for n in range(1, 9)} <= set(counts)
    assert "w01_d1_pull-up_s10_reps" in counts  # the first pull-up has 10 sets, the 2nd 8
    assert "w01_d1_pull-up-2_s9_reps" not in counts
    filled = fill(
        out,
        {"w01_d1_pull-up_sw1_weight": "20", "w01_d1_pull-up-2_s8_reps": "5"},
        tmp_path / "filled.pdf",
    )
    rows = read_log(filled).sets
    assert len(rows) == 36
    assert [(r.set, r.warmup, r.weight) for r in rows[:3]] == [
        ("W1", True, 20.0),
        ("W2", True, None),
        ("1", False, None),
    ]
    [last] = [r for r in rows if r.reps == 5]
    assert (last.exercise_id, last.set) == ("pull-up", "8")  # the second pull-up's 8th set
    assert rows.index(last) == 2 + 10 + 7


def test_any_text_a_field_holds_reads_back_as_written(tmp_path: Path) -> None:
    """A field's tooltip names its session and exercise, which a plan may spell with any
    characters: PDF string delimiters, a backslash, Latin-1, CJK and a symbol. pypdf, qpdf and
    PyMuPDF all read back exactly what was written, and qpdf finds nothing to repair."""
    session = "Zoë's (upper) back \\ 上背 ✓ \\("
    plan = load_plan_text(
        "program: Strings\nweeks: 1\nsessions:\n"
        f"  - name: {json.dumps(session)}\n"
        "    exercises:\n      - {exercise: pull-up, sets: 1, reps: 5}\n"
    )
    out = tmp_path / "strings.pdf"
    pdfgen.render_log(plan, out, fillable=True)
    name = "w01_d1_pull-up_s1_reps"
    expected = f"Week 1 · Day 1 · {session} · Pull-up · 1 · Reps done"
    assert (PdfReader(out).get_fields() or {})[name]["/TU"] == expected
    with pikepdf.open(out) as pdf:
        assert (getattr(pdf, "check_pdf_syntax", None) or pdf.check)() == []
        tooltips = {str(w.T): str(w.TU) for w in pdf.Root.AcroForm.Fields if "/TU" in w}
        assert tooltips[name] == expected
    fitz = pytest.importorskip("pymupdf", reason="PyMuPDF is a third reader")
    with fitz.open(out) as document:
        [widget] = [w for w in document[0].widgets() if w.field_name == name]
        assert widget.field_label == expected


# -- 2. printed, a fillable page looks like a plain one -----------------------------------------


@pytest.mark.parametrize(("which", "plain"), [("booklet", "plain_booklet"), ("log", "plain_log")])
def test_fillable_pages_render_like_plain_ones(
    which: str, plain: str, request: pytest.FixtureRequest
) -> None:
    doc: Rendered = request.getfixturevalue(which)
    other: bytes = request.getfixturevalue(plain)
    count = len(PdfReader(io.BytesIO(doc.data)).pages)
    assert count == len(PdfReader(io.BytesIO(other)).pages)
    for page in range(count):
        a, b = pixels(doc.data, page), pixels(other, page)
        assert a.size == b.size
        assert not changed(a, b), f"page {page + 1} differs"


# -- 3. filled with pypdf, read back ------------------------------------------------------------


def test_read_log_gives_back_what_was_typed(
    reading: dict[tuple[int, int, str, str], LoggedSet], log: Rendered
) -> None:
    assert len(reading) == sum(sets_of(day) for day in log.days)
    first = reading[(2, 1, "pull-up", "1")]
    assert (first.weight, first.units, first.reps, first.done) == (62.5, "kg", 8, True)
    assert first.rpe == 8.5
    assert first.date == "2027-01-11"
    assert first.notes == "Łódź 東京 — grip fine"
    assert first.week_notes == "Slept badly; 東京 trip"
    assert (first.exercise, first.session, first.target_reps) == ("Pull-up", "Upper back", "7")
    second = reading[(2, 1, "pull-up", "2")]
    assert (second.weight, second.reps, second.done) == (62.5, 7, True)
    third = reading[(2, 1, "pull-up", "3")]
    assert third.weight == pytest.approx(63.5, abs=0.01)  # 140 lb, in the sheet's kg
    assert (third.units, third.reps, third.done) == ("kg", "8+2", False)
    row = reading[(2, 1, "incline-barbell-row", "1")]
    assert (row.weight, row.reps) == ("sixty", 12)
    untouched = reading[(3, 2, "dumbbell-shrug", "3")]
    assert (untouched.weight, untouched.reps, untouched.done, untouched.rpe) == (
        None,
        None,
        False,
        None,
    )
    assert untouched.notes == untouched.week_notes == ""


def test_a_check_box_is_on_exactly_when_its_value_is_yes(filled: Path) -> None:
    widgets = by_name(read_widgets(filled.read_bytes()))
    assert widgets["w02_d1_pull-up_s1_done"].value == "/Yes"
    assert widgets["w02_d1_pull-up_s3_done"].value in ("", "/Off")
    done = {(r.week, r.day, r.exercise_id, r.set) for r in read_log(filled).sets if r.done}
    assert done == {(2, 1, "pull-up", "1"), (2, 1, "pull-up", "2")}


def test_read_log_command_writes_csv_to_stdout_and_warns_on_stderr(filled: Path) -> None:
    result = invoke("read-log", str(filled))
    assert result.exit_code == 0, result.output
    no_traceback(result)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    first = rows[0]
    assert (first["week"], first["day"], first["exercise_id"], first["set"]) == (
        "2",
        "1",
        "pull-up",
        "1",
    )
    assert (first["weight"], first["units"], first["reps"], first["done"], first["rpe"]) == (
        "62.5",
        "kg",
        "8",
        "yes",
        "8.5",
    )
    assert first["notes"] == "Łódź 東京 — grip fine"
    assert [r["reps"] for r in rows[:3]] == ["8", "7", "8+2"]
    assert rows[3]["weight"] == "sixty"
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 2, result.stderr
    for typed, exercise, where in (
        ("8+2", "Pull-up", "set 3"),
        ("sixty", "Incline bench barbell row", "set 1"),
    ):
        [line] = [w for w in warnings if repr(typed) in w]
        assert "week 2" in line and "day 1" in line and exercise in line and where in line


def test_csv_cells_a_client_starts_with_equals_are_spreadsheet_safe(filled: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("read-log", str(filled)).stdout)))
    day2 = [r for r in rows if (r["week"], r["day"]) == ("2", "2")]
    assert day2 and {r["notes"] for r in day2} == {"'" + FILLED["w02_d2_notes"]}
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)


def test_read_log_command_writes_csv_and_json_files(filled: Path, tmp_path: Path) -> None:
    as_csv, as_json = tmp_path / "out.csv", tmp_path / "out.json"
    for out in (as_csv, as_json):
        result = invoke("read-log", str(filled), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert f"wrote {out}" in result.stdout
        assert "'sixty' is not a number" in result.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.read_text(encoding="utf-8"))))
    assert rows == list(csv.DictReader(io.StringIO(invoke("read-log", str(filled)).stdout)))
    records = json.loads(as_json.read_text(encoding="utf-8"))
    assert len(records) == len(rows)
    first, third = records[0], records[2]
    assert (first["weight"], first["reps"], first["done"], first["rpe"]) == (62.5, 8, True, 8.5)
    assert first["notes"] == "Łódź 東京 — grip fine"
    assert third["weight"] == pytest.approx(63.5, abs=0.01) and third["reps"] == "8+2"
    assert records[3]["weight"] == "sixty"
    # JSON is data, not a spreadsheet: the client's text is kept exactly.
    day2 = [r for r in records if (r["week"], r["day"]) == (2, 2)]
    assert {r["notes"] for r in day2} == {FILLED["w02_d2_notes"]}


def test_text_on_the_booklet_notes_page_is_read_back(booklet: Rendered, tmp_path: Path) -> None:
    filled = fill(
        booklet.data,
        {"notes": "Knee felt odd in week 2", "w01_d1_pull-up_s1_reps": "8"},
        tmp_path / "booklet-filled.pdf",
    )
    result = invoke("read-log", str(filled), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 0, result.output
    assert "Knee felt odd in week 2" in (tmp_path / "out.json").read_text(encoding="utf-8")


# -- 4. filled values show when rendered --------------------------------------------------------


def test_filled_values_show_in_their_cells_and_nowhere_else(
    filled: Path, plain_log: bytes, log: Rendered
) -> None:
    scale = 2.0
    names = by_name(log.widgets)
    before = pixels(plain_log, 0, scale)
    after = pixels(filled.read_bytes(), 0, scale)
    for name in ("w02_d1_pull-up_s1_weight", "w02_d1_pull-up_s1_done", "w02_d1_rpe"):
        assert changed(before, after, scaled(names[name].box, scale)), f"{name} shows nothing"
    assert not changed(before, after, scaled(names["w02_d1_pull-up_s3_done"].box, scale))
    # Outside the filled fields, the page is as printed.
    mask = Image.new("L", before.size, 255)
    for name in FILLED:
        if names[name].page == 0:
            mask.paste(0, scaled(names[name].box, scale, grow=1))
    diff = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > 8 else 0)
    assert ImageChops.multiply(diff, mask).getbbox() is None


# -- 5. files that are not filled pdfgen logs ---------------------------------------------------


@pytest.mark.damaged_pdf
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-fields.pdf", "has no pdfgen log fields"),
        ("other-fields.pdf", "has no pdfgen log fields"),
        ("truncated-half.pdf", "is not a readable PDF"),
        ("truncated-tail.pdf", "is not a readable PDF"),
        ("truncated-end.pdf", "is not a readable PDF"),
        ("random.pdf", "is not a readable PDF"),
        ("random-header.pdf", "is not a readable PDF"),
        ("empty.pdf", "is not a readable PDF"),
        ("missing.pdf", "no such filled PDF file"),
    ],
)
def test_read_log_refuses_files_it_cannot_read(
    bad_files: Path, name: str, message: str, tmp_path: Path
) -> None:
    path = bad_files / name
    with pytest.raises(InputError) as error:
        read_log(path)
    assert str(path) in str(error.value) and message in str(error.value)
    out = tmp_path / "out.csv"
    result = invoke("read-log", str(path), "-o", str(out))
    assert result.exit_code == 1, result.output
    no_traceback(result)
    [line] = result.stderr.strip().splitlines()[-1:]
    assert line.startswith("error: ") and str(path) in line and message in line
    assert not out.exists()
    assert result.stdout == ""


@pytest.mark.damaged_pdf
def test_a_directory_is_refused_clearly(bad_files: Path) -> None:
    folder = bad_files / "folder.pdf"
    with pytest.raises(InputError, match=re.escape(str(folder))):
        read_log(folder)
    result = invoke("read-log", str(folder))
    assert result.exit_code in (1, 2)
    no_traceback(result)
    assert str(folder) in result.stderr and "this is a folder" in result.stderr


@pytest.mark.damaged_pdf
def test_a_directory_exits_with_status_one(bad_files: Path) -> None:
    assert invoke("read-log", str(bad_files / "folder.pdf")).exit_code == 1


@pytest.mark.damaged_pdf
def test_read_log_prints_only_its_own_error_line(bad_files: Path) -> None:
    result = subprocess.run(
        [*console_script(), "read-log", str(bad_files / "random.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines


GOOD_RECORD: dict[str, Any] = {
    "pdfgen": 1,
    "program": "P",
    "client": "",
    "week": 1,
    "day": 1,
    "session": "S",
    "date": "",
    "units": "kg",
    "sets": [{"key": "pull-up_s1", "exercise": "Pull-up", "exercise_id": "pull-up", "set": "1"}],
}
DAMAGED_RECORDS = {
    "not-json": "{oops",
    "empty": "",
    "a-list": "[1, 2]",
    "a-string": '"w01"',
    "a-number": "1",
    "week-as-text": json.dumps({**GOOD_RECORD, "week": "1"}),
    "week-true": json.dumps({**GOOD_RECORD, "week": True}),
    "day-float": json.dumps({**GOOD_RECORD, "day": 1.0}),
    "huge-week": json.dumps({**GOOD_RECORD, "week": 10**40}),
    "week-zero": json.dumps({**GOOD_RECORD, "week": 0}),
    "infinite-day": json.dumps(GOOD_RECORD).replace('"day": 1', '"day": 1e999'),
    "5000-digit-week": json.dumps(GOOD_RECORD).replace('"week": 1', '"week": ' + "9" * 5000),
    "sets-a-dict": json.dumps({**GOOD_RECORD, "sets": {"key": "x"}}),
    "sets-of-numbers": json.dumps({**GOOD_RECORD, "sets": [1, 2]}),
    "no-sets": json.dumps({k: v for k, v in GOOD_RECORD.items() if k != "sets"}),
    "other-version": json.dumps({**GOOD_RECORD, "pdfgen": 99}),
    "version-zero": json.dumps({**GOOD_RECORD, "pdfgen": 0}),
}


@pytest.mark.damaged_pdf
@pytest.mark.parametrize("case", sorted(DAMAGED_RECORDS))
def test_a_damaged_or_hostile_record_is_an_error(case: str, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / f"{case}.pdf", {"w01_d1_info": DAMAGED_RECORDS[case]})
    with pytest.raises(InputError) as error:
        read_log(path)
    assert str(path) in str(error.value) and "w01_d1_info" in str(error.value)
    result = invoke("read-log", str(path))
    assert result.exit_code == 1, result.output
    no_traceback(result)
    assert f"error: {path}: w01_d1_info:" in result.stderr
    assert "damaged" in result.stderr


def test_a_damaged_record_in_a_real_booklet_is_an_error(log_path: Path, tmp_path: Path) -> None:
    path = fill(log_path, {"w03_d2_info": '{"pdfgen": 1, "week": []}'}, tmp_path / "bad.pdf")
    result = invoke("read-log", str(path))
    assert result.exit_code == 1, result.output
    no_traceback(result)
    assert f"{path}: w03_d2_info:" in result.stderr


@pytest.mark.damaged_pdf
def test_a_deeply_nested_record_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "nested.pdf", {"w01_d1_info": "[" * 50_000})
    result = invoke("read-log", str(path))
    assert result.exit_code == 1
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert f"error: {path}: w01_d1_info:" in result.stderr


@pytest.mark.damaged_pdf
def test_text_in_a_hostile_record_is_spreadsheet_safe_too(tmp_path: Path) -> None:
    record = {
        **GOOD_RECORD,
        "client": "@SUM(1)",
        "sets": [{"key": "x_s1", "exercise": "=cmd|' /C calc'!A0", "set": ["1"]}],
    }
    path = make_pdf(
        tmp_path / "odd.pdf", {"w01_d1_info": json.dumps(record), "w01_d1_x_s1_weight": "+1+1"}
    )
    result = invoke("read-log", str(path))
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["client"] == "'@SUM(1)"
    assert row["exercise"] == "'=cmd|' /C calc'!A0"
    assert row["weight"] == "'+1+1"
    assert "'+1+1' is not a number" in result.stderr


# -- 6. deterministic -----------------------------------------------------------------------------


def test_a_fillable_booklet_renders_to_the_same_bytes_every_time(booklet: Rendered) -> None:
    again = io.BytesIO()
    pdfgen.render_booklet(PLAN, again, weeks=2, fillable=True)
    assert again.getvalue() == booklet.data
    # In another interpreter, with another hash seed, too.
    script = (
        "import sys, pdfgen; "
        f"pdfgen.render_booklet({PLAN!r}, sys.stdout.buffer, weeks=2, fillable=True)"
    )
    other = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    assert other.stdout == booklet.data


# -- 7. log sheets for some weeks ---------------------------------------------------------------


def test_log_for_weeks_2_to_3_has_fields_for_those_weeks_only(log: Rendered) -> None:
    names = {w.name for w in log.widgets}
    weeks = {int(m[1]) for n in names if (m := re.match(r"^w(\d\d)_", n))}
    assert weeks == set(LOG_WEEKS)
    assert {n for n in names if WEEK_NAME.match(n)} == {"w02_notes", "w03_notes"}
    # One sheet a week, each holding its own week's fields.
    for widget in log.widgets:
        assert widget.name.startswith(f"w{LOG_WEEKS[widget.page]:02d}_"), widget.name


# -- 8. a prefix for merged booklets ------------------------------------------------------------


def test_field_prefix_comes_first_in_every_name_and_reads_back(tmp_path: Path) -> None:
    layout = load_layout("base")
    schedule = expand(load_plan(PLAN), weeks=1)
    data, _ = render_pdf(
        schedule,
        layout,
        register(layout.fonts),
        client="Zoë Ørsted",
        fillable=True,
        field_prefix="r7",
    )
    names = {w.name for w in read_widgets(data)}
    assert names and all(n.startswith("r7_") for n in names), sorted(names)[:5]
    assert {n.removeprefix("r7_") for n in names} >= expected_set_names(all_days(schedule))
    assert "r7_notes" in names and not [n for n in names if "." in n]
    path = fill(data, {"r7_w01_d2_pull-up_s1_weight": "50", "r7_w01_d2_rpe": "7"}, tmp_path / "f")
    rows = read_log(path).sets
    assert len(rows) == sum(sets_of(day) for day in all_days(schedule))
    assert {r.client for r in rows} == {"Zoë Ørsted"}
    [row] = [r for r in rows if r.weight is not None]
    assert (row.day, row.exercise_id, row.set, row.weight, row.rpe) == (2, "pull-up", "1", 50, 7)


def test_a_bad_field_prefix_is_refused() -> None:
    layout = load_layout("base")
    schedule = expand(load_plan(PLAN), weeks=1)
    for prefix in ("a.b", "R7", "r_7"):
        with pytest.raises(ValueError, match="field prefix"):
            render_pdf(schedule, layout, register(layout.fonts), fillable=True, field_prefix=prefix)


# -- 9. valid PDF, embedded fonts ---------------------------------------------------------------


def _fonts(resources: Any, seen: set[int]) -> list[Any]:
    """The fonts of a resource dictionary and of the form XObjects it uses."""
    if resources is None or (resources.objgen in seen and resources.objgen != (0, 0)):
        return []
    seen.add(resources.objgen)
    found = list((resources.get("/Font") or {}).values())
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            found += _fonts(xobject.get("/Resources"), seen)
    return found


def _embedded(font: Any) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font.DescendantFonts[0].get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


@pytest.mark.parametrize("which", ["booklet", "log"])
def test_fillable_pdf_passes_qpdf_and_embeds_the_page_fonts(
    which: str, request: pytest.FixtureRequest
) -> None:
    doc: Rendered = request.getfixturevalue(which)
    with pikepdf.open(io.BytesIO(doc.data)) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert check() == []
        assert len(pdf.Root.AcroForm.Fields) == len(doc.widgets)
        for page in pdf.pages:
            for font in _fonts(page.obj.get("/Resources"), set()):
                assert _embedded(font), f"page font {font.get('/BaseFont')} is not embedded"
        # The documented exception: form fields draw with Helvetica, and a viewer that draws a
        # tick anew with ZapfDingbats; standard fonts that are never embedded.
        field_fonts = list((pdf.Root.AcroForm.get("/DR", {}).get("/Font") or {}).values())
        for page in pdf.pages:
            for annot in page.obj.get("/Annots") or []:
                for stream in _appearances(annot.get("/AP")):
                    field_fonts += _fonts(stream.get("/Resources"), set())
        assert field_fonts
        unembedded = {str(f.BaseFont) for f in field_fonts if not _embedded(f)}
        assert unembedded == {"/Helvetica", "/ZapfDingbats"}


def _appearances(ap: Any) -> list[Any]:
    if ap is None:
        return []
    found = []
    for kind in ("/N", "/D", "/R"):
        entry = ap.get(kind)
        if entry is None:
            continue
        if isinstance(entry, pikepdf.Stream):
            found.append(entry)
        else:
            found += [v for v in entry.values() if isinstance(v, pikepdf.Stream)]
    return found
