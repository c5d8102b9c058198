"""The printed page as a client holds it: no type under 8 pt anywhere, and no week page more
than half empty, for the 3-day example on every built-in layout.

Measured with pdfplumber on the built PDFs: the size of every character, and how far down a
page its marks (rules, boxes, text) reach.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from support import EXAMPLES
from support.pdfs import fill_form

import pdfgen
from pdfgen.plan.loading import load_plan_text

WHOLE_BACK = EXAMPLES / "whole-back.yaml"
MAXES = {"good-morning": "90kg"}
LAYOUTS = [
    ("booklet", "a4"),
    ("booklet", "letter"),
    ("booklet", "a5"),
    ("log", "a4"),
    ("log", "a5"),
]


def built(kind: str, page_size: str) -> bytes:
    buffer = io.BytesIO()
    make = pdfgen.render_booklet if kind == "booklet" else pdfgen.render_log
    make(WHOLE_BACK, buffer, maxes=MAXES, page_size=page_size, start="2027-01-04")
    return buffer.getvalue()


@pytest.fixture(scope="module", params=LAYOUTS, ids=lambda p: f"{p[0]}-{p[1]}")
def pdf(request: pytest.FixtureRequest) -> Any:
    with pdfplumber.open(io.BytesIO(built(*request.param))) as document:
        yield document


def test_no_type_under_8_pt(pdf: Any) -> None:
    sizes = {round(c["size"], 2) for page in pdf.pages for c in page.chars}
    assert min(sizes) >= 8


def week_pages(pdf: Any) -> list[Any]:
    return [p for p in pdf.pages if re.search(r"Week \d+ · Day \d+", p.extract_text() or "")]


def test_no_week_page_is_more_than_half_empty(pdf: Any) -> None:
    """A week page's columns are used, on average, to at least half the page's height: by
    days, or by the week's notes box that takes the rest of its last page (on log sheets, a
    column of its own where the last day leaves one empty)."""
    pages = week_pages(pdf)
    assert pages
    for page in pages:
        columns = 2 if page.width > page.height else 1  # the log's landscape sheets
        used = []
        for column in range(columns):
            left = page.width * column / columns
            marks = [
                r["bottom"]
                for r in page.rects
                if left <= r["x0"] < left + page.width / columns and r["height"] > 1
            ]
            used.append(max(marks, default=0.0) / page.height)
        assert sum(used) / columns >= 0.5, f"page {page.page_number}: columns used to {used}"


def test_a_week_that_goes_on_says_so_and_ends_with_its_notes(pdf: Any) -> None:
    pages = week_pages(pdf)
    columns = pages[0].width > pages[0].height  # log sheets: each day's title says its week
    texts = [" ".join((p.extract_text() or "").split()) for p in pages]
    weeks = sorted({int(n) for t in texts for n in re.findall(r"Week (\d+) · Day", t)})
    assert weeks == list(range(1, 9))
    found = 0
    for week in weeks:
        on = [t for t in texts if f"Week {week} · Day" in t]
        notes = [t for t in on if f"Notes on week {week}" in t]
        assert len(notes) <= 1, f"week {week}: its notes box at most once"
        found += len(notes)
        # Every page of a week after its first says which week it is at its top.
        for text in on[1:] if not columns else []:
            assert f"Week {week} of 8 (continued)" in text or "· Day 1 ·" in text
    # A week's last page has room for its notes box but where its days fill it.
    assert found >= 6


PROGRAM_MAXES = {"squat": "140kg", "deadlift": "180kg", "bench-press": "100kg"}
PROGRAM_MAXES |= {"overhead-press": "60kg"}


PROGRAMS = sorted((EXAMPLES / "programs").glob("*.yaml"))


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_a_week_heading_is_never_alone_on_its_page(program: Path) -> None:
    """On A5 a week's first day can be a little taller than the room under the week's
    heading: it is split there, not moved on, which would leave the heading alone on a page."""
    buffer = io.BytesIO()
    pdfgen.render_booklet(program, buffer, maxes=PROGRAM_MAXES, page_size="a5")
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    starts = [
        reader.get_destination_page_number(entry)
        for entry in reader.outline
        if not isinstance(entry, list) and re.fullmatch(r"Week \d+ of \d+", entry.title)
    ]
    assert starts
    for start in starts:
        text = reader.pages[start].extract_text()
        assert re.search(r"Week \d+ · Day \d+", text), f"page {start + 1}: {text[:80]!r}"


def test_a_week_notes_box_on_a_log_sheet_reaches_under_both_columns() -> None:
    """Upper back's two days fill a sheet's two columns; the week's notes box spans the sheet
    under them, its typing field too, rather than standing under the right column only."""
    buffer = io.BytesIO()
    pdfgen.render_log("upper-back", buffer, weeks=1, fillable=True)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as document:
        page = document.pages[0]
        label = page.search("Notes on week 1")[0]
        box = min(
            (r for r in page.rects if r["x0"] <= label["x0"] and r["top"] <= label["top"]),
            key=lambda r: (label["top"] - r["top"]) + (label["x0"] - r["x0"]),
        )
        days = [r for r in page.rects if r["bottom"] < box["top"] and r["height"] > 1]
        left, right = min(r["x0"] for r in days), max(r["x1"] for r in days)
    assert left < page.width / 2 < right, "the days fill both columns"
    assert abs(box["x0"] - left) < 1 and abs(box["x1"] - right) < 1
    assert box["height"] >= 30 * 2.8346
    widgets = [a.get_object() for a in reader.pages[0]["/Annots"]]
    (notes,) = [w for w in widgets if w.get("/T") == "w01_notes"]
    x0, _, x1, _ = (float(v) for v in notes["/Rect"])
    assert abs(x0 - left) < 2 and abs(x1 - right) < 2, "the field is as wide as the box"


def test_a_long_name_in_the_running_header_takes_smaller_type_before_it_is_cut() -> None:
    name = "Maximiliane Alexandra von Hohenzollern-Sigmaringen"
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, page_size="a5", client=name)
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as document:
        for page in document.pages:
            header = [c for c in page.chars if c["top"] < 20 * 2.8346]  # the top 20 mm
            text = "".join(c["text"] for c in header)
            assert name.replace(" ", "") in text.replace(" ", "")
            assert "…" not in text
            assert min(c["size"] for c in header) >= 8


LONG_DAY = """\
program: One long day
weeks: 1
sessions:
  - name: Everything
    exercises:
""" + "".join(
    f"      - {{exercise: {name}, sets: 4, reps: 10}}\n"
    for name in [
        "back squat",
        "deadlift",
        "bench press",
        "barbell row",
        "overhead press",
        "pull-up",
        "walking lunge",
        "leg curl",
        "leg press",
        "plank",
    ]
)


def test_a_day_split_across_pages_is_dated_at_its_start_and_rated_at_its_end() -> None:
    buffer = io.BytesIO()
    plan = load_plan_text(LONG_DAY)
    pdfgen.render_booklet(plan, buffer, page_size="a5", start="2027-01-04")
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as document:
        texts = [" ".join((p.extract_text() or "").split()) for p in document.pages]
    parts = [t for t in texts if "Week 1 · Day 1 · Everything" in t]
    assert len(parts) >= 2, "the day is taller than an A5 page"
    assert "Mon 4 Jan 2027" in parts[0] and "Date" in parts[0]
    assert all("Mon 4 Jan 2027" not in t and " Date " not in t for t in parts[1:])
    assert [t.count("Effort (RPE 1–10)") for t in parts] == [0] * (len(parts) - 1) + [1]
    assert all("(continued)" in t for t in parts[1:])


def test_an_exercise_with_a_prescribed_effort_has_a_box_to_log_it(tmp_path: Path) -> None:
    """Whole-back prescribes RPE 7 for the good morning and RIR 2 for the shrug: each gets a
    box to log the effort it took, a field read back by read-log; the others get none."""
    buffer = io.BytesIO()
    pdfgen.render_booklet(WHOLE_BACK, buffer, maxes=MAXES, weeks=1, fillable=True)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    efforts = sorted(name for name in reader.get_fields() or {} if name.endswith("_effort"))
    assert efforts == [
        "w01_d1_good-morning_effort",
        "w01_d2_dumbbell-shrug_effort",
        "w01_d3_good-morning_effort",
    ]
    filled = tmp_path / "filled.pdf"
    typed = {"w01_d1_good-morning_effort": "8", "w01_d2_dumbbell-shrug_effort": "1"}
    filled.write_bytes(fill_form(buffer.getvalue(), typed))
    rows = pdfgen.read_log(filled).sets
    efforts = {
        (r.day, r.exercise_id): (r.exercise_effort, r.exercise_effort_kind)
        for r in rows
        if r.exercise_effort is not None
    }
    assert efforts == {(1, "good-morning"): (8.0, "rpe"), (2, "dumbbell-shrug"): (1.0, "rir")}
