"""The committed samples in samples/: which booklets and log sheets they are, what was typed
into the filled one, which pages the README previews, and how they are made.

The PDFs are deterministic, so tests/test_samples.py checks that samples/ is current by making
the same booklets again; `python -m pytest tests/test_samples.py --make-samples` rewrites them
(with their previews and made-with.txt) first.
"""

from __future__ import annotations

import io
from typing import Any

import pypdfium2
from pypdf import PdfReader

import pdfgen
from support import EXAMPLES, ROOT
from support.pdfs import fill_form

SAMPLES = ROOT / "samples"
PREVIEW_DPI = 80

# name: (plan, options); names are the files in samples/. A `kind` of "log" makes log sheets.
BOOKLETS: dict[str, tuple[str, dict[str, Any]]] = {
    "upper-back": (
        "upper-back",
        {
            "client": "Zoë Ørsted",
            "trainer": "Łukasz Żółć",
            "start": "2027-01-04",
            "days": "mon,thu",
        },
    ),
    "middle-back": (
        "middle-back",
        {"client": "Юлия Иванова", "trainer": "Sam Taylor", "start": "2027-01-04"},
    ),
    "lower-back": ("lower-back", {"client": "Alex Example"}),
    "upper-back-letter": (
        "upper-back",
        {
            "client": "Jordan Lee",
            "trainer": "Sam Taylor",
            "page_size": "letter",
            "units": "lb",
            "start": "2027-01-04",
        },
    ),
    "middle-back-a5": ("middle-back", {"client": "Zoë Ørsted", "page_size": "a5"}),
    "upper-back-log": (
        "upper-back",
        {
            "kind": "log",
            "weeks": "1-5",
            "client": "Zoë Ørsted",
            "start": "2027-01-04",
            "days": "mon,thu",
        },
    ),
    "upper-back-log-fillable": (
        "upper-back",
        {
            "kind": "log",
            "weeks": "1-2",
            "client": "Zoë Ørsted",
            "start": "2027-01-04",
            "days": "mon,thu",
            "fillable": True,
        },
    ),
    "upper-back-branded": (
        "upper-back",
        {
            "client": "Zoë Ørsted",
            "trainer": "Sam Taylor",
            "start": "2027-01-04",
            "days": "mon,thu",
            "layout": str(EXAMPLES / "northside.yaml"),
        },
    ),
    "middle-back-a5-saddle": (
        "middle-back",
        {"client": "Zoë Ørsted", "page_size": "a5", "impose": "saddle"},
    ),
    "whole-back": (
        str(EXAMPLES / "whole-back.yaml"),
        {
            "client": "Sam Taylor",
            "trainer": "Alex Example",
            "start": "2027-01-04",
            "maxes": {"good-morning": "90kg"},
        },
    ),
}

# What a client typed into the fillable log sheets on a tablet (filled here with pypdf), to show
# the filled page and to try `pdfgen read-log samples/upper-back-log-filled.pdf` on.
FILLED: dict[str, tuple[str, dict[str, str]]] = {
    "upper-back-log-filled": (
        "upper-back-log-fillable",
        {
            "w01_d1_pull-up_s1_weight": "bodyweight",
            "w01_d1_pull-up_s1_reps": "6",
            "w01_d1_pull-up_s1_done": "/Yes",
            "w01_d1_pull-up_s2_reps": "6",
            "w01_d1_pull-up_s2_done": "/Yes",
            "w01_d1_pull-up_s3_reps": "5",
            "w01_d1_pull-up_s3_done": "/Yes",
            "w01_d1_incline-barbell-row_s1_weight": "40",
            "w01_d1_incline-barbell-row_s1_reps": "12",
            "w01_d1_incline-barbell-row_s1_done": "/Yes",
            "w01_d1_incline-barbell-row_s2_weight": "40",
            "w01_d1_incline-barbell-row_s2_reps": "12",
            "w01_d1_incline-barbell-row_s2_done": "/Yes",
            "w01_d1_incline-barbell-row_s3_weight": "40",
            "w01_d1_incline-barbell-row_s3_reps": "11",
            "w01_d1_incline-barbell-row_s3_done": "/Yes",
            "w01_d1_dumbbell-shrug_s1_weight": "2 × 16",
            "w01_d1_dumbbell-shrug_s1_reps": "12",
            "w01_d1_dumbbell-shrug_s2_weight": "16",
            "w01_d1_dumbbell-shrug_s2_reps": "12",
            "w01_d1_dumbbell-shrug_s3_weight": "16",
            "w01_d1_dumbbell-shrug_s3_reps": "12",
            "w01_d1_rpe": "7",
            "w01_d1_notes": "Left shoulder a bit stiff in the warm-up, fine after.",
            "w01_d2_pull-up_s1_reps": "6",
            "w01_d2_pull-up_s2_reps": "6",
            "w01_d2_incline-barbell-row_s1_weight": "42,5",
            "w01_d2_incline-barbell-row_s1_reps": "12",
            "w01_notes": "Good first week.",
        },
    ),
}

# Previews: (booklet, outline title of the page to show, or its 0-based number, file name).
PREVIEWS: list[tuple[str, str | int, str]] = [
    ("upper-back", "Cover", "upper-back-cover.png"),
    ("upper-back", "Exercise guide", "upper-back-guide.png"),
    ("upper-back", "Week 1 of 6", "upper-back-week.png"),
    ("middle-back-a5", "Week 1 of 6", "middle-back-a5-week.png"),
    ("whole-back", "The block, week by week", "whole-back-overview.png"),
    ("whole-back", "Week 1 of 8", "whole-back-week.png"),
    ("upper-back-log", "Week 4 of 6", "upper-back-log-deload.png"),
    ("upper-back-log-filled", "Week 1 of 6", "upper-back-log-filled.png"),
    ("middle-back-a5-saddle", 0, "middle-back-a5-saddle-sheet.png"),
    ("upper-back-branded", "Cover", "upper-back-branded-cover.png"),
]


# The libraries whose releases change a PDF's bytes (not what it shows): the samples were made
# with these, and a checkout with others compares what the pages say instead.
MADE_WITH = SAMPLES / "made-with.txt"
BYTE_MAKERS = ("reportlab", "pypdf")


def library_versions() -> str:
    """The installed versions of the libraries that write the samples' bytes."""
    from importlib.metadata import version

    return "".join(f"{name} {version(name)}\n" for name in BYTE_MAKERS)


def page_texts(data: bytes) -> list[str]:
    """What each page of a PDF says, as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def booklet_bytes(name: str) -> bytes:
    """The sample booklet `name`, rendered now."""
    plan, options = BOOKLETS[name]
    options = dict(options)
    render = pdfgen.render_log if options.pop("kind", "booklet") == "log" else pdfgen.render_booklet
    buffer = io.BytesIO()
    render(plan, buffer, **options)
    return buffer.getvalue()


def filled_bytes(name: str, booklets: dict[str, bytes]) -> bytes:
    """The fillable sample a FILLED entry names, with its values typed in."""
    source, values = FILLED[name]
    return fill_form(booklets[source], values)


def page_of(data: bytes, title: str | int) -> int:
    """The 0-based page an outline entry points at (or the page given by its number)."""
    if isinstance(title, int):
        return title
    reader = PdfReader(io.BytesIO(data))
    stack: list[Any] = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack = item + stack
        elif item.title == title:
            return int(reader.get_destination_page_number(item))
    raise LookupError(f"no outline entry '{title}'")


def make() -> str:
    """Write samples/: every booklet, the filled ones, made-with.txt and the previews; say
    what was written."""
    SAMPLES.mkdir(exist_ok=True)
    rendered = {name: booklet_bytes(name) for name in BOOKLETS}
    rendered |= {name: filled_bytes(name, rendered) for name in FILLED}
    for name, data in rendered.items():
        (SAMPLES / f"{name}.pdf").write_bytes(data)
    MADE_WITH.write_text(library_versions(), encoding="utf-8")
    for name, title, file in PREVIEWS:
        pdf = pypdfium2.PdfDocument(rendered[name])
        pdf.init_forms()  # so that what was typed into a filled sample shows
        page = pdf[page_of(rendered[name], title)]
        image = page.render(scale=PREVIEW_DPI / 72, may_draw_forms=True).to_pil()
        image.save(SAMPLES / file, optimize=True)
        pdf.close()
    return f"wrote {len(rendered)} booklets and {len(PREVIEWS)} previews to {SAMPLES}"
