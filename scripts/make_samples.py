"""Regenerate samples/: the booklets of the built-in plans and PNG previews of their pages.

    python scripts/make_samples.py

Needs the test extras (pypdfium2 renders the previews). The PDFs are deterministic, so the
test suite checks that samples/ is current by rendering the same booklets again.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pypdfium2
from pypdf import PdfReader

import pdfgen

ROOT = Path(__file__).resolve().parent.parent
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
    "whole-back": (
        str(ROOT / "examples" / "whole-back.yaml"),
        {
            "client": "Sam Taylor",
            "trainer": "Alex Example",
            "start": "2027-01-04",
            "maxes": {"good-morning": "90kg"},
        },
    ),
}

# Previews: (booklet, outline title of the page to show, preview file name).
PREVIEWS = [
    ("upper-back", "Cover", "upper-back-cover.png"),
    ("upper-back", "Exercise guide", "upper-back-guide.png"),
    ("upper-back", "Week 1 of 6", "upper-back-week.png"),
    ("middle-back-a5", "Week 1 of 6", "middle-back-a5-week.png"),
    ("whole-back", "The block, week by week", "whole-back-overview.png"),
    ("whole-back", "Week 1 of 8", "whole-back-week.png"),
    ("upper-back-log", "Week 4 of 6", "upper-back-log-deload.png"),
]


def booklet_bytes(name: str) -> bytes:
    """The sample booklet `name`, rendered now."""
    plan, options = BOOKLETS[name]
    options = dict(options)
    render = pdfgen.render_log if options.pop("kind", "booklet") == "log" else pdfgen.render_booklet
    buffer = io.BytesIO()
    render(plan, buffer, **options)
    return buffer.getvalue()


def page_of(data: bytes, title: str) -> int:
    """The 0-based page an outline entry points at."""
    reader = PdfReader(io.BytesIO(data))
    stack: list[Any] = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack = item + stack
        elif item.title == title:
            return int(reader.get_destination_page_number(item))
    raise SystemExit(f"no outline entry '{title}'")


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    rendered = {name: booklet_bytes(name) for name in BOOKLETS}
    for name, data in rendered.items():
        (SAMPLES / f"{name}.pdf").write_bytes(data)
    for name, title, file in PREVIEWS:
        pdf = pypdfium2.PdfDocument(rendered[name])
        page = pdf[page_of(rendered[name], title)]
        page.render(scale=PREVIEW_DPI / 72).to_pil().save(SAMPLES / file, optimize=True)
        pdf.close()
    print(
        f"wrote {len(rendered)} booklets and {len(PREVIEWS)} previews to {SAMPLES}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
