"""Properties over many generated plans and names (hypothesis): any valid plan renders a PDF with
every week, any name or field text prints as written, and the page count is what the schedule
predicts. Modest example counts by default; run
`python -m pytest tests/render/test_render_properties.py --hypothesis-profile=long` for a deep
run.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import pdfgen
from pdfgen.app.booklet import pick_layout
from pdfgen.compose.grid import compose_day
from pdfgen.compose.text import markup
from pdfgen.plan.loading import load_plan_text
from pdfgen.render.fonts import register
from pdfgen.schedule.expand import expand
from pdfgen.style.layout import FOOTER_BAND, HEADER_BAND
from pdfgen.units import MM

QUICK = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


REPS = st.one_of(
    st.integers(1, 30).map(str),
    st.tuples(st.integers(1, 15), st.integers(0, 10)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
    st.sampled_from(["AMRAP", "30s", "10/side", "20-40s"]),
)
PRESCRIPTION = st.fixed_dictionaries(
    {
        "exercise": st.sampled_from(["pull-up", "Shrugs", "Low Row / Pulldown", "good-morning"]),
        "sets": st.integers(1, 6),
        "reps": REPS,
        "load": st.one_of(st.none(), st.sampled_from(["40 kg", "bodyweight", "95 lb", "light"])),
    }
)


def plan_text(sessions: list[list[dict[str, object]]], weeks: int, steps: bool) -> str:
    lines = ["program: Generated", f"weeks: {weeks}"]
    if steps:
        lines += ["progression:", "  reps: 1", "  load: 2.5 kg", "  deload: {every: 3}"]
    lines.append("sessions:")
    for index, session in enumerate(sessions):
        lines += [f"  - name: Session {index + 1}", "    exercises:"]
        for item in session:
            load = f", load: {item['load']}" if item["load"] else ""
            lines.append(
                f"      - {{exercise: {item['exercise']}, sets: {item['sets']}, "
                f'reps: "{item["reps"]}"{load}}}'
            )
    return "\n".join(lines) + "\n"


@QUICK
@given(
    st.lists(st.lists(PRESCRIPTION, min_size=1, max_size=4), min_size=1, max_size=3),
    st.integers(1, 4),
    st.booleans(),
)
def test_any_valid_plan_renders_a_checked_pdf_with_every_week(
    sessions: list[list[dict[str, object]]], weeks: int, steps: bool
) -> None:
    plan = load_plan_text(plan_text(sessions, weeks, steps))
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer)
    data = buffer.getvalue()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert check() == []
        assert len(pdf.pages) == result.pages
    titles = [
        item.title for item in PdfReader(io.BytesIO(data)).outline if not isinstance(item, list)
    ]
    schedule = expand(plan)
    assert [t for t in titles if t.startswith("Week ")] == [
        f"Week {w.number} of {schedule.total_weeks}" for w in schedule.weeks
    ]
    # Cover, overview, a page per exercise, at least a page per week, notes.
    assert result.pages >= 3 + len(plan.used_exercises) + weeks


NAME = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll"),
        max_codepoint=0x04FF,  # Latin, Greek and Cyrillic: what the bundled font covers
    ),
    min_size=1,
    max_size=30,
)


@QUICK
@given(NAME)
def test_any_name_in_the_fonts_scripts_prints_as_written(name: str) -> None:
    plan = load_plan_text(
        plan_text([[{"exercise": "pull-up", "sets": 2, "reps": "8", "load": None}]], 1, False)
    )
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer, client=name, layout="base")
    if result.warnings:  # a letter the font lacks: warned about, and not this property's case
        return
    cover = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert name in cover


# What a user may type: letters of the font's scripts, digits, and every character reportlab
# markup or YAML would take for syntax.
FIELD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x04FF),
        st.sampled_from(list("<>&\"'#:/{}[]*!%@`|\\;=+-.,?()")),
    ),
    min_size=1,
    max_size=14,
).filter(lambda t: t.strip() == t and t[0] not in "-.")


@QUICK
@given(program=FIELD_TEXT, session=FIELD_TEXT, notes=FIELD_TEXT, client=FIELD_TEXT)
def test_any_text_in_a_user_field_prints_as_written(
    program: str, session: str, notes: str, client: str
) -> None:
    """Markup, YAML and PDF syntax characters round-trip: the extracted text holds each field
    exactly as typed (JSON is YAML, so the plan quotes them all)."""
    plan = load_plan_text(
        json.dumps(
            {
                "program": program,
                "weeks": 1,
                "sessions": [
                    {
                        "name": session,
                        "exercises": [
                            {"exercise": "pull-up", "sets": 3, "reps": 8, "notes": notes}
                        ],
                    }
                ],
            }
        )
    )
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer, client=client, trainer=client, layout="base")
    if result.warnings:  # a character the font lacks: warned about, not this property's case
        return
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    text = "\n".join(pages)
    assert program in pages[0] and client in pages[0]
    week = next(page for page in pages if "Week 1 · Day 1" in page)
    assert session in week and notes in week
    assert "<" not in program or program in text  # escaped, never taken for markup


# -- the exact page count -----------------------------------------------------------------------
#
# A predictor written from the page's rules, not from the renderer's code: every week starts a
# page with its heading (and its start date or deload note), then a 3 mm space; its days follow
# top-down, `grid.gap` apart, each as tall as `compose_day` makes it; a day that does not fit
# below the one before starts the next page (a gap that does not fit moves there with it); only a
# day taller than a whole page is split, between exercises, as late as the room allows. The
# cover is a page, the overview runs until the guide's outline entry, each exercise of the guide
# is a page, the notes are a page. The test fails if a week spills onto a page the schedule does
# not call for, or a day goes missing or lands on another page than predicted.

FUZZ = 1e-6  # reportlab's layout tolerance (rl_config._FUZZ)
DAY_TITLE = re.compile(r"Week (\d+) · Day (\d+)")


def _paragraph_height(text: str, style: Any, width: float) -> float:
    from reportlab.platypus import Paragraph

    return float(Paragraph(markup(text), style).wrap(width, 1e6)[1])


def predicted_week_pages(schedule: Any, layout: Any, fonts: Any) -> list[list[list[str]]]:
    """For each week: its pages, each the labels ("Week 1 · Day 2") of the days (or parts of a
    day) printed on it, top to bottom."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pdfgen.render.styles import Styles

    assert layout.page.columns == 1, "the predictor knows one-column pages"
    styles = Styles.of(layout, fonts)
    margins, labels = layout.page.margins, layout.labels
    frame = layout.page_size[1] - (margins.top + margins.bottom) * MM - HEADER_BAND - FOOTER_BAND
    width = layout.frame_width

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    def height(day: Any, entries: Any) -> float:
        return compose_day(day, layout, width, schedule.units, measure, entries=entries).height

    weeks = []
    for week in schedule.weeks:
        title = labels.week_title.format(week=week.number, weeks=schedule.total_weeks)
        heading = f"{title} · {labels.deload}" if week.deload else title
        room = frame - _paragraph_height(heading, styles.heading, width)
        room -= styles.heading.spaceAfter
        notes = []
        if week.start:
            notes.append(labels.week_start.format(date=week.start.strftime(layout.date_format)))
        if week.deload:
            notes.append(labels.deload_week)
        if notes:
            room -= _paragraph_height(" · ".join(notes), styles.small, width)
        room -= 3 * MM
        # A day that goes on to a new page takes its gap there, grown into the week's heading
        # said again ("Week 2 of 4 (continued)"); a day taller than a page keeps a plain gap.
        again = _paragraph_height(f"{title} {labels.continued}", styles.subheading, width)
        gap = layout.grid.gap * MM
        pages: list[list[str]] = [[]]
        for index, day in enumerate(week.days):
            label = f"Week {day.week} · Day {day.day}"
            entries = day.entries
            if index and height(day, entries) <= frame - again - gap:
                whole = height(day, entries)
                if room - gap - whole < -FUZZ:
                    pages.append([])
                    room = frame - again
                pages[-1].append(label)
                room -= gap + whole
                continue
            if index:
                if room - gap < -FUZZ:  # the gap does not fit: it opens the next page
                    pages.append([])
                    room = frame
                room -= gap
            while True:
                whole = height(day, entries)
                if room - whole >= -FUZZ:
                    pages[-1].append(label)
                    room -= whole
                    break
                # A day that fits a fresh page moves there whole, but the first under the
                # week's heading is split where it stands: the heading is not left alone.
                under_heading = index == 0 and len(pages) == 1
                if whole <= frame and not under_heading:
                    pages.append([])
                    room = frame
                    continue
                # Taller than a page: the most exercises that fit here, the rest on.
                assert len(entries) > 1, "an exercise taller than a page: not predicted here"
                count = next(
                    (n for n in range(len(entries) - 1, 0, -1) if height(day, entries[:n]) <= room),
                    0,
                )
                if count:
                    pages[-1].append(label)
                    entries = entries[count:]
                assert count or room < frame, "no part of the day fits a fresh page"
                pages.append([])
                room = frame
        weeks.append(pages)
    return weeks


def outline_pages(reader: PdfReader) -> list[tuple[str, int]]:
    """Every outline entry, in order, with its page index."""
    found: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


PAGE_COUNT = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    max_examples=max(20, settings().max_examples // 4),
)


@PAGE_COUNT
@given(
    sessions=st.lists(st.lists(PRESCRIPTION, min_size=1, max_size=4), min_size=1, max_size=3),
    weeks=st.integers(1, 4),
    steps=st.booleans(),
    days_per_week=st.one_of(st.none(), st.integers(1, 5)),
    layout=st.sampled_from(["base", "a5"]),
    page_size=st.sampled_from([None, "letter"]),
    start=st.sampled_from([None, "2027-01-04"]),
)
def test_the_page_count_is_what_the_schedule_predicts(
    sessions: list[list[dict[str, object]]],
    weeks: int,
    steps: bool,
    days_per_week: int | None,
    layout: str,
    page_size: str | None,
    start: str | None,
) -> None:
    text = plan_text(sessions, weeks, steps)
    if days_per_week:
        text = text.replace("\nsessions:", f"\ndays_per_week: {days_per_week}\nsessions:", 1)
    plan = load_plan_text(text)
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer, layout=layout, page_size=page_size, start=start)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert len(reader.pages) == result.pages

    chosen = pick_layout(layout, page_size)
    schedule = expand(plan, start=date.fromisoformat(start) if start else None)
    predicted = predicted_week_pages(schedule, chosen, register(chosen.fonts))

    outline = outline_pages(reader)
    labels = chosen.labels
    page = dict(outline)
    assert page[labels.cover_outline] == 0
    assert page[labels.overview_title] == 1
    guide = page[labels.guide_title]
    exercises = [e.name for e in plan.used_exercises.values()]
    names = [title for title, _ in outline]
    first = names.index(exercises[0])
    assert outline[first : first + len(exercises)] == [
        (name, guide + index) for index, name in enumerate(exercises)
    ], "each exercise of the guide is one page"
    at = guide + len(exercises)
    for week, pages in zip(schedule.weeks, predicted, strict=True):
        title = labels.week_title.format(week=week.number, weeks=schedule.total_weeks)
        assert page[title] == at, f"{title} starts on page {page[title] + 1}, not {at + 1}"
        for offset, expected in enumerate(pages):
            printed = DAY_TITLE.findall(reader.pages[at + offset].extract_text())
            assert [f"Week {w} · Day {d}" for w, d in printed] == expected, (
                f"{title}, its page {offset + 1} of {len(pages)}"
            )
        at += len(pages)
    assert page[labels.notes_title] == at, "the notes follow the last week's last page"
    assert result.pages == at + 1
