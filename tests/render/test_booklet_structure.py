"""Structure of the booklet PDF, read with pypdf: pages, sizes, outline, metadata and text.

Text is checked by region (header band, footer band, body) using the positions pypdf reports,
not only by extraction order.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak
from support import printed_load, shown_date

from pdfgen.compose.cells import day_columns
from pdfgen.compose.grid import column_widths, compose_day
from pdfgen.plan.loading import load_plan
from pdfgen.render.context import BookletText, Context
from pdfgen.render.document import FOOTER_BAND, HEADER_BAND
from pdfgen.render.flowables import DayFlowable, DayGap
from pdfgen.render.fonts import register
from pdfgen.render.weeks import weeks
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Day, Schedule, Week
from pdfgen.style.layout import Layout
from pdfgen.style.loading import load_layout
from pdfgen.units import MM, PAPER_SIZES_MM

PROGRAM = "Strengthen the upper back"
CLIENT = "Łukasz Żółć"
TRAINER = "Zoë Ørsted"
START = date(2027, 1, 4)
EXERCISES = ["Pull-up", "Incline bench barbell row", "Dumbbell shrug"]
CHART = "The block, week by week"
DAY_TITLE = re.compile(r"Week (\d+) · Day (\d+) · ")
SET_LABEL = re.compile(r"W?\d+")  # "1", "2", ... and "W1" for a warm-up set


@dataclass(frozen=True)
class Line:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Entry:
    title: str
    level: int
    page: int  # 0-based


class Booklet:
    """A rendered booklet, parsed once: page texts, positioned lines, outline, metadata."""

    def __init__(self, data: bytes, layout: Layout) -> None:
        self.data = data
        self.layout = layout
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = list(self.reader.pages)
        self.texts = [page.extract_text() for page in self.pages]
        self.lines = [_lines(page) for page in self.pages]
        self.outline = _flatten(self.reader, self.reader.outline)

    @property
    def height(self) -> float:
        return float(self.pages[0].mediabox.height)

    def header(self, index: int) -> list[Line]:
        top = self.height - self.layout.page.margins.top * MM - HEADER_BAND
        return [line for line in self.lines[index] if line.y > top]

    def footer(self, index: int) -> list[Line]:
        bottom = self.layout.page.margins.bottom * MM + FOOTER_BAND
        return [line for line in self.lines[index] if 0 < line.y < bottom]

    def body(self, index: int) -> list[Line]:
        """Lines between the header and footer bands, top to bottom."""
        top = self.height - self.layout.page.margins.top * MM - HEADER_BAND
        bottom = self.layout.page.margins.bottom * MM + FOOTER_BAND
        lines = [line for line in self.lines[index] if bottom <= line.y <= top]
        return sorted(lines, key=lambda line: (-round(line.y, 1), line.x))

    def body_text(self, index: int) -> str:
        return "\n".join(line.text for line in self.body(index))

    def beside(self, index: int, label: str) -> str:
        """The text printed to the right of a label, on (about) the same line."""
        (mark,) = [line for line in self.body(index) if line.text == label]
        right = [
            line
            for line in self.body(index)
            if abs(line.y - mark.y) < 6 and line.x > mark.x + 10 and line is not mark
        ]
        assert right, f"nothing beside '{label}'"
        return min(right, key=lambda line: line.x).text

    def page_of(self, title: str) -> int:
        (entry,) = [e for e in self.outline if e.title == title]
        return entry.page

    def week_pages(self, week: int, weeks: int) -> range:
        """A week's pages: from its outline entry up to the next week's (or the notes)."""
        first = self.page_of(f"Week {week} of {weeks}")
        end = self.page_of(f"Week {week + 1} of {weeks}" if week < weeks else "Notes")
        return range(first, end)

    def column(self, index: int, field: str, days: list[Day] | tuple[Day, ...]) -> list[str]:
        """What the day grids of `days` on a page print in one column, top to bottom: the text
        in the column's x-range on each set's row (a line with a set label in the set column).
        The grids have the columns their days need (the same for all of them here)."""
        needed = {
            tuple(c.field for c in day_columns(self.layout.grid.columns, d.entries)) for d in days
        }
        assert len(needed) == 1, "the days of a page have the same columns"
        columns = day_columns(self.layout.grid.columns, days[0].entries)
        widths = column_widths(columns, self.layout.frame_width)
        fields = [c.field for c in columns]
        left = self.layout.page.margins.left * MM

        def inside(line: Line, name: str) -> bool:
            at = fields.index(name)
            x0 = left + sum(widths[:at])
            return x0 < line.x < x0 + widths[at]

        body = self.body(index)
        rows = {
            round(line.y, 1)
            for line in body
            if inside(line, "set") and SET_LABEL.fullmatch(line.text)
        }
        return [line.text for line in body if inside(line, field) and round(line.y, 1) in rows]

    def day_titles(self, index: int) -> list[tuple[int, int]]:
        """(week, day) of each training day whose title bar is on a page, top to bottom."""
        found = [DAY_TITLE.match(line.text) for line in self.body(index)]
        return [(int(m[1]), int(m[2])) for m in found if m]


def targets(days: tuple[Day, ...] | list[Day]) -> list[str]:
    """Every set's target on these days, as the schedule works it out, in printed order."""
    return [str(s.reps) for day in days for entry in day.entries for s in entry.sets]


def loads(days: tuple[Day, ...] | list[Day]) -> list[str]:
    """Every set's printed load on these days ("—" for a set without one)."""
    return [printed_load(s) or "—" for day in days for entry in day.entries for s in entry.sets]


def week_heading(schedule: Schedule, week: Week, layout: Layout) -> str:
    """A week page's heading: 'Week 4 of 6', with ' · deload' in a deload week."""
    labels = layout.labels
    title = labels.week_title.format(week=week.number, weeks=schedule.total_weeks)
    return f"{title} · {labels.deload}" if week.deload else title


def _lines(page: object) -> list[Line]:
    found: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Line(x, y, text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def _flatten(reader: PdfReader, items: list[object], level: int = 0) -> list[Entry]:
    entries: list[Entry] = []
    for item in items:
        if isinstance(item, list):
            entries += _flatten(reader, item, level + 1)
        else:
            assert isinstance(item, Destination)
            page = reader.get_destination_page_number(item)
            entries.append(Entry(str(item.title), level, page))
    return entries


@pytest.fixture(scope="module")
def a4(booklet: bytes) -> Booklet:
    return Booklet(booklet, load_layout())


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    """The block the a4 booklet prints, week by week, as the schedule works it out."""
    return expand(load_plan("upper-back"), start=START)


@pytest.fixture(scope="module")
def letter_lb(render: Callable[..., bytes]) -> Booklet:
    data = render(
        "upper-back",
        client="Юлия",
        trainer=TRAINER,
        start=START.isoformat(),
        page_size="letter",
        units="lb",
    )
    return Booklet(data, load_layout(page_size="letter"))


@pytest.fixture(scope="module")
def a5(render: Callable[..., bytes]) -> Booklet:
    return Booklet(render("upper-back", client=CLIENT, page_size="a5"), load_layout("a5"))


# -- page count and size ------------------------------------------------------------------------


def _frame_height(layout: Layout) -> float:
    margins = layout.page.margins
    return layout.page_size[1] - (margins.top + margins.bottom) * MM - HEADER_BAND - FOOTER_BAND


def _week_pages(
    heights: list[float], gap: float, frame: float, heading: float, continued: float = 0.0
) -> int:
    """Pages a week takes when whole days are packed in order below the week's heading; a page
    the week goes on to starts with its heading said again (`continued` tall, with its gap)."""
    pages, used, first = 1, heading, True
    for height in heights:
        need = height if first else gap + height
        if not first and used + need > frame:
            pages, used = pages + 1, continued + height
        else:
            used += need
        first = False
    return pages


def continued_heights(schedule: Schedule, layout: Layout) -> list[float]:
    """The height of each week's heading said again at the top of a page its days go on to."""
    fonts = register(layout.fonts)
    story = weeks(Context.make(schedule, layout, fonts, BookletText()))
    found: list[float] = []
    for flowable in story:
        if isinstance(flowable, PageBreak):
            found.append(0.0)
        elif isinstance(flowable, DayGap) and not found[-1]:
            found[-1] = flowable.wrap(layout.frame_width, _frame_height(layout))[1]
    return found


def heading_blocks(schedule: Schedule, layout: Layout) -> list[float]:
    """The height of each week's heading block (its title, the start-date or deload line and the
    space below them), measured from the flowables the renderer puts before the first day."""
    fonts = register(layout.fonts)
    story = weeks(Context.make(schedule, layout, fonts, BookletText()))
    blocks: list[float] = []
    in_heading = False
    for flowable in story:
        if isinstance(flowable, PageBreak):
            blocks.append(0.0)
            in_heading = True
        elif isinstance(flowable, DayFlowable):
            in_heading = False
        elif in_heading:
            _, height = flowable.wrap(layout.frame_width, _frame_height(layout))
            # Space before the first line at the top of a page is dropped, as a frame does.
            before = flowable.getSpaceBefore() if blocks[-1] else 0.0
            blocks[-1] += before + height + flowable.getSpaceAfter()
    assert len(blocks) == schedule.total_weeks
    return blocks


# The page count must not hinge on the heading's last millimetre either way.
SLACK = 1 * MM


def expected_week_pages(schedule: Schedule, layout: Layout, units: str = "kg") -> list[int]:
    """Pages each week takes: its days (as the schedule has them that week) packed whole."""
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    frame = _frame_height(layout)
    gap = layout.grid.gap * MM
    pages = []
    blocks, continued = heading_blocks(schedule, layout), continued_heights(schedule, layout)
    for week, block, again in zip(schedule.weeks, blocks, continued, strict=True):
        heights = [
            compose_day(day, layout, layout.frame_width, units, measure).height for day in week.days
        ]
        assert max(heights) <= frame - block - SLACK, (
            "every day of these plans fits below a heading"
        )
        fewest = _week_pages(heights, gap, frame, block - SLACK, again)
        most = _week_pages(heights, gap, frame, block + SLACK, again)
        assert fewest == most, f"the expected count is ambiguous for week {week.number}"
        pages.append(fewest)
    return pages


def expected_pages(booklet: Booklet, schedule: Schedule) -> int:
    """Cover, overview, a guide page per exercise, the weeks' pages, notes."""
    # The overview is one page, or two when the chart of the block, kept whole, does not fit
    # below the sessions' table and starts the second.
    glance, chart = booklet.page_of("Program at a glance"), booklet.page_of(CHART)
    overview = booklet.page_of("Exercise guide") - glance
    assert overview == 1 + (chart > glance)
    weeks = expected_week_pages(schedule, booklet.layout)
    return 1 + overview + len(exercises_used(schedule)) + sum(weeks) + 1


def exercises_used(schedule: Schedule) -> set[str]:
    return {e.exercise_id for week in schedule.weeks for day in week.days for e in day.entries}


def printed_week_pages(booklet: Booklet, schedule: Schedule) -> list[int]:
    weeks = schedule.total_weeks
    return [len(booklet.week_pages(week.number, weeks)) for week in schedule.weeks]


def test_page_count_follows_from_the_schedule(a4: Booklet, schedule: Schedule) -> None:
    assert schedule.total_weeks == 6 and schedule.days_per_week == 2
    assert len(exercises_used(schedule)) == 3
    per_week = expected_week_pages(schedule, a4.layout)
    # Both days on one A4 page every week, even once the row gains its fourth set in week 5
    # (one more set every three weeks; week 4 is a lighter deload).
    most_sets = [max(len(e.work_sets) for e in w.days[0].entries) for w in schedule.weeks]
    assert most_sets == [3, 3, 3, 2, 4, 4]
    assert per_week == [1, 1, 1, 1, 1, 1]
    assert printed_week_pages(a4, schedule) == per_week
    expected = expected_pages(a4, schedule)
    assert expected == 12  # cover, overview, 3 guide pages, 6 week pages, notes
    assert len(a4.pages) == expected


def test_a5_page_count_follows_from_the_schedule(a5: Booklet) -> None:
    schedule = expand(load_plan("upper-back"))
    assert printed_week_pages(a5, schedule) == expected_week_pages(schedule, a5.layout)
    assert len(a5.pages) == expected_pages(a5, schedule)


def test_each_week_starts_on_a_new_page_and_days_are_whole(a4: Booklet, schedule: Schedule) -> None:
    weeks = schedule.total_weeks
    firsts = [a4.page_of(f"Week {week.number} of {weeks}") for week in schedule.weeks]
    assert firsts == sorted(set(firsts))
    for week in schedule.weeks:
        pages = a4.week_pages(week.number, weeks)
        text = "\n".join(a4.texts[page] for page in pages)
        assert re.findall(rf"Week \d+ of {weeks}", text) == [f"Week {week.number} of {weeks}"]
        assert a4.layout.labels.continued not in text, "no day is split"
        # Each day's title appears once, on the page that prints every one of its sets' targets.
        printed: list[tuple[int, int]] = []
        for page in pages:
            titles = a4.day_titles(page)
            assert {w for w, _ in titles} <= {week.number}
            on_page = [week.days[day - 1] for _, day in titles]
            assert a4.column(page, "target", on_page) == targets(on_page), f"page {page + 1}"
            printed += titles
        assert printed == [(week.number, day.day) for day in week.days]


@pytest.mark.parametrize(("fixture", "size"), [("a4", "a4"), ("letter_lb", "letter"), ("a5", "a5")])
def test_page_size(request: pytest.FixtureRequest, fixture: str, size: str) -> None:
    booklet: Booklet = request.getfixturevalue(fixture)
    width, height = (v * MM for v in PAPER_SIZES_MM[size])
    for page in booklet.pages:
        box = page.mediabox
        assert float(box.left) == 0 and float(box.bottom) == 0
        assert float(box.width) == pytest.approx(width, abs=0.5)
        assert float(box.height) == pytest.approx(height, abs=0.5)


def test_letter_is_us_letter_in_points(letter_lb: Booklet) -> None:
    box = letter_lb.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


# -- outline ------------------------------------------------------------------------------------


def test_outline_titles_and_levels(a4: Booklet) -> None:
    titles = [(e.title, e.level) for e in a4.outline]
    expected = [("Cover", 0), ("Program at a glance", 0), (CHART, 1)]
    expected += [("Exercise guide", 0)]
    expected += [(name, 1) for name in EXERCISES]
    expected += [(f"Week {k} of 6", 0) for k in range(1, 7)]
    expected += [("Notes", 0)]
    assert titles == expected


def test_outline_pages_are_in_order(a4: Booklet) -> None:
    pages = [e.page for e in a4.outline]
    assert pages == sorted(pages)
    assert pages[0] == 0 and pages[-1] == len(a4.pages) - 1


HEADINGS = {"Cover": "TRAINING BOOKLET"}
# Headings that follow other content on their page: the chart comes after the sessions' table.
FOLLOWING = {CHART}


def test_outline_entries_point_at_their_headings(a4: Booklet, schedule: Schedule) -> None:
    headings = dict(HEADINGS)
    # A deload week's heading says so; its outline entry is the plain title.
    deloads = [week for week in schedule.weeks if week.deload]
    assert deloads
    for week in deloads:
        headings[f"Week {week.number} of 6"] = week_heading(schedule, week, a4.layout)
    for entry in a4.outline:
        heading = headings.get(entry.title, entry.title)
        lines = [line.text for line in a4.body(entry.page)]
        where = lines if entry.title in FOLLOWING else lines[:2]
        assert heading in where, (
            f"'{entry.title}' points at page {entry.page + 1}, which starts {lines[:2]}"
        )


def test_cover_shows_program_under_its_kicker(a4: Booklet) -> None:
    top = [line.text for line in a4.body(0)][:2]
    assert top == ["TRAINING BOOKLET", PROGRAM]


def test_table_widths_come_from_the_layout(render: Callable[..., bytes], tmp_path: Path) -> None:
    """The cover's facts and the overview's columns stand where the layout's `tables` put them."""
    path = tmp_path / "wide-labels.yaml"
    path.write_text(
        "tables:\n  facts_label_width: 50\n  overview_widths: {exercise: 0.3, notes: 0.26}\n",
        encoding="utf-8",
    )
    layout = load_layout(path)
    booklet = Booklet(render("upper-back", client=CLIENT, layout=str(path)), layout)
    left = layout.page.margins.left * MM
    (client,) = [line for line in booklet.body(0) if line.text == CLIENT]
    assert client.x == pytest.approx(left + 50 * MM)
    heads = {line.text: line.x for line in booklet.body(booklet.page_of("Program at a glance"))}
    padding = 6  # reportlab's default left padding in a table's cell
    for head, share in [("Sets × reps", 0.3), ("Rest", 0.3 + 0.14), ("Notes", 1 - 0.26)]:
        assert heads[head] == pytest.approx(left + share * layout.frame_width + padding), head


# -- metadata -----------------------------------------------------------------------------------


def test_metadata(a4: Booklet) -> None:
    meta = a4.reader.metadata
    assert meta is not None
    assert meta.title == PROGRAM
    assert meta.author == TRAINER
    assert meta.subject is not None and CLIENT in meta.subject
    assert PROGRAM in meta.subject


def test_metadata_author_for_another_trainer(letter_lb: Booklet) -> None:
    meta = letter_lb.reader.metadata
    assert meta is not None
    assert meta.author == TRAINER
    assert meta.subject is not None and "Юлия" in meta.subject


# -- on every page ------------------------------------------------------------------------------

PAGE_OF = re.compile(r"page (\d+) of\s*(\d+)")


@pytest.mark.parametrize("fixture", ["a4", "letter_lb", "a5"])
def test_every_page_shows_program_client_and_page_n_of_m(
    request: pytest.FixtureRequest, fixture: str
) -> None:
    booklet: Booklet = request.getfixturevalue(fixture)
    client = "Юлия" if fixture == "letter_lb" else CLIENT
    total = len(booklet.pages)
    for index, text in enumerate(booklet.texts):
        header = [line.text for line in booklet.header(index)]
        footer = [line.text for line in booklet.footer(index)]
        assert PROGRAM in header, f"page {index + 1}: header is {header}"
        assert client in header, f"page {index + 1}: header is {header}"
        assert f"page {index + 1} of" in footer, f"page {index + 1}: footer is {footer}"
        assert PAGE_OF.findall(text) == [(str(index + 1), str(total))]


def test_trainer_in_the_footer(a4: Booklet) -> None:
    for index in range(len(a4.pages)):
        assert f"Trainer: {TRAINER}" in [line.text for line in a4.footer(index)]


# -- week pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("week", range(1, 7))
def test_week_page_shows_title_targets_and_units(
    a4: Booklet, schedule: Schedule, week: int
) -> None:
    this = schedule.weeks[week - 1]
    pages = a4.week_pages(week, schedule.total_weeks)
    page = pages[0]
    assert a4.body(page)[0].text == week_heading(schedule, this, a4.layout)
    # Every set of the week's days, with that week's target and load (progression, deload).
    assert [t for p in pages for t in a4.column(p, "target", this.days)] == targets(this.days)
    assert [t for p in pages for t in a4.column(p, "load", this.days)] == loads(this.days)
    body = a4.body_text(page)
    assert "Weight (kg)" in body
    for index in pages:
        assert "Weight (lb)" not in a4.texts[index]
    for name in EXERCISES:
        assert name in body
    expected_start = START + timedelta(weeks=week - 1)
    assert f"Week starting {shown_date(expected_start)}" in body


def test_week_pages_in_pounds(letter_lb: Booklet) -> None:
    for week in range(1, 7):
        page = letter_lb.page_of(f"Week {week} of 6")
        assert "Weight (lb)" in letter_lb.body_text(page)
        assert "Weight (kg)" not in letter_lb.texts[page]
    assert letter_lb.beside(0, "Units") == "lb"


def test_start_date_on_the_cover_and_week_two(a4: Booklet) -> None:
    assert a4.beside(0, "Start date") == "Mon 4 Jan 2027"
    week2 = a4.page_of("Week 2 of 6")
    assert "Week starting Mon 11 Jan 2027" in a4.body_text(week2)


def test_no_start_date_leaves_no_week_start_line(a5: Booklet) -> None:
    assert not any("Week starting" in text for text in a5.texts)


# -- names in any European script ---------------------------------------------------------------


def test_names_print_in_their_own_script(a4: Booklet, letter_lb: Booklet) -> None:
    assert a4.beside(0, "Client") == CLIENT
    assert a4.beside(0, "Trainer") == TRAINER
    assert letter_lb.beside(0, "Client") == "Юлия"
    everything = "\n".join(a4.texts + letter_lb.texts)
    for name in ("Łukasz Żółć", "Юлия", "Zoë Ørsted"):
        assert name in everything
    assert "\x00" not in everything and "■" not in everything, "no glyph printed as a box"


def test_guide_pages_one_per_exercise(a4: Booklet) -> None:
    pages = [a4.page_of(name) for name in EXERCISES]
    assert pages == [a4.page_of("Exercise guide") + i for i in range(3)]
    assert pages[-1] + 1 == a4.page_of("Week 1 of 6")
