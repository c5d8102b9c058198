"""Geometry before PDF: a training day's grid as composed boxes and text runs (compose_day).

Checked against the printed-page rules of docs/product.md: one row per set, cells big enough for
handwriting (8 mm × 14 mm), nothing outside the grid's width, no overlapping cells, text that
fits its cell, and a day taller than a page split only between exercises.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from support import sets_of, write_cells

import pdfgen
from pdfgen.compose.boxes import PAD, DayGrid, Measure, Rect, Run
from pdfgen.compose.cells import day_columns, logged
from pdfgen.compose.grid import column_widths, compose_day
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.render.fonts import register
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Day
from pdfgen.style.layout import TICK_BOX_MM, Layout
from pdfgen.style.loading import load_layout
from pdfgen.units import MM

EPS = 1e-6
LAYOUTS = {
    "base": lambda: load_layout(),
    "a5": lambda: load_layout("a5"),
    "letter": lambda: load_layout(page_size="letter"),
}
PLANS = ["upper-back", "middle-back", "lower-back"]

# A plan with every kind of target, one-set and many-set exercises, and long details.
VARIED_PLAN = """\
program: Varied targets
weeks: 2
sessions:
  - name: Mixed day with a rather long session name that goes on and on for a while
    exercises:
      - {exercise: pull-up, sets: 1, reps: AMRAP}
      - {exercise: low-row, sets: 5, reps: 30s, rest: 3 min, load: 12.5 kg plates each side}
      - {exercise: good-morning, sets: 4, reps: 10/side}
      - {exercise: dumbbell-shrug, sets: 2, reps: 100}
  - name: B
    exercises:
      - {exercise: hyperextension, sets: 20, reps: 30-45 s, notes: Slow and steady.}
"""


@pytest.fixture(scope="module", params=list(LAYOUTS))
def layout(request: pytest.FixtureRequest) -> Layout:
    return LAYOUTS[request.param]()


def font_measure(layout: Layout) -> Measure:
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    return measure


def fake_measure(text: str, bold: bool, size: float) -> float:
    """A font-free measure: every character 0.6 em wide (0.65 em in bold)."""
    return len(text) * size * (0.65 if bold else 0.6)


def days_of(plan_source: str, text: bool = False) -> list[Day]:
    plan = load_plan_text(plan_source) if text else load_plan(plan_source)
    schedule = expand(plan, weeks=2)
    return [day for week in schedule.weeks for day in week.days]


def all_days() -> list[tuple[str, Day]]:
    cases = [(plan, day) for plan in PLANS for day in days_of(plan)[:2]]
    cases += [("varied", day) for day in days_of(VARIED_PLAN, text=True)]
    return cases


DAYS = all_days()
DAY_IDS = [f"{name}-w{day.week}d{day.day}" for name, day in DAYS]


def compose(day: Day, layout: Layout, measure: Measure | None = None, **kw: object) -> DayGrid:
    return compose_day(day, layout, layout.frame_width, "kg", measure or font_measure(layout), **kw)


def run_extent(run: Run, measure: Measure) -> tuple[float, float]:
    width = measure(run.text, run.bold, run.size)
    if run.align == "center":
        return run.x - width / 2, run.x + width / 2
    if run.align == "right":
        return run.x - width, run.x
    return run.x, run.x + width


def rows(grid: DayGrid) -> int:
    """The set rows a composed grid has: the layouts here give each its own Set cell."""
    return len([r for r in grid.rects if r.role == "set"])


def overlap(a: Rect, b: Rect) -> float:
    """Area shared by two boxes (0 when they only touch)."""
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return w * h if w > EPS and h > EPS else 0.0


def containing_cell(grid: DayGrid, x: float, y: float) -> Rect:
    """The smallest box that contains the point (the cell a run was placed in)."""
    boxes = [
        r for r in grid.rects if r.x - EPS <= x <= r.x + r.w + EPS and r.y - EPS <= y <= r.y + r.h
    ]
    assert boxes, f"no box contains the point ({x:.1f}, {y:.1f})"
    return min(boxes, key=lambda r: r.w * r.h)


# -- one row per set ----------------------------------------------------------------------------


def _left_of_reps(cell: Rect, grid: DayGrid) -> bool:
    """Whether a cell not offered stands left of the row's reps (or time) cell: it is then the
    weight column's."""
    if cell.role != "not_logged":
        return False
    row = [c for c in write_cells(grid) if abs(c.y - cell.y) < 0.01 and c.role in ("reps", "time")]
    return any(cell.x < c.x for c in row)


@pytest.mark.parametrize(("plan", "day"), DAYS, ids=DAY_IDS)
def test_one_row_per_set(layout: Layout, plan: str, day: Day) -> None:
    grid = compose(day, layout)
    sets = sets_of(day)
    assert rows(grid) == sets
    fields = {c.field for c in day_columns(layout.grid.columns, day.entries)}
    for field in ("weight", "reps"):
        if field not in fields:
            continue
        # Each row has the column's cell: to log what this kind of work logs, or not offered.
        expected = [logged(entry).role(field) for entry in day.entries for _ in entry.sets]
        offered = [r for r in write_cells(grid) if r.role in ("weight", "reps", "time", "distance")]
        not_offered = [r for r in grid.rects if r.role == "not_logged"]
        in_column = [
            c
            for c in offered + not_offered
            if (field == "weight") == (c.role in ("weight", "distance") or _left_of_reps(c, grid))
        ]
        roles = sorted((round(c.y, 3), c.role if c.write else None) for c in in_column)
        assert [role for _, role in roles] == expected
        assert len({y for y, _ in roles}) == sets, "one cell per row, each row its own"
    # Each set's number is printed once, in order, in the set column.
    if "set" in fields:
        set_column = [r for r in grid.rects if r.role == "set"]
        assert len(set_column) == sets
        numbers = [
            r.text
            for r in sorted(grid.runs, key=lambda r: r.y)
            if any(
                c.x <= r.x <= c.x + c.w and c.y <= r.y <= c.y + c.h and c.role == "set"
                for c in set_column
            )
        ]
        expected = [str(n) for entry in day.entries for n in range(1, len(entry.sets) + 1)]
        assert numbers == expected


@pytest.mark.parametrize(("plan", "day"), DAYS, ids=DAY_IDS)
def test_target_printed_in_every_row(layout: Layout, plan: str, day: Day) -> None:
    grid = compose(day, layout)
    targets = [r for r in grid.rects if r.role == "target"]
    texts = sorted(
        (round(cell.y, 3), run.text)
        for cell in targets
        for run in grid.runs
        if cell.x <= run.x <= cell.x + cell.w and cell.y <= run.y <= cell.y + cell.h
    )
    expected = [str(t.reps) for entry in day.entries for t in entry.sets]
    assert [text for _, text in texts] == expected


# -- sizes, bounds and overlaps -----------------------------------------------------------------


@pytest.mark.parametrize(("plan", "day"), DAYS, ids=DAY_IDS)
def test_write_cells_big_enough_for_handwriting(layout: Layout, plan: str, day: Day) -> None:
    grid = compose(day, layout)
    cells = write_cells(grid)
    roles = {c.role for c in cells}
    assert {"effort", "day_notes"} <= roles
    logs = {role for entry in day.entries for role in vars(logged(entry)).values() if role}
    assert logs <= roles, "every kind of work on the day has its cells to log what it logs"
    for cell in cells:
        assert cell.fill == "white", "a cell to write in is white, so a pen shows on it"
        if cell.role == "done":
            # A box to tick, not to write in: a square big enough for a pen's tick.
            assert cell.w == pytest.approx(cell.h) and cell.w >= TICK_BOX_MM * MM - EPS
            continue
        assert cell.h >= 8 * MM - EPS, f"{cell.role} cell is {cell.h / MM:.2f} mm tall"
        assert cell.w >= 14 * MM - EPS, f"{cell.role} cell is {cell.w / MM:.2f} mm wide"


@pytest.mark.parametrize(("plan", "day"), DAYS, ids=DAY_IDS)
def test_every_box_inside_the_grid(layout: Layout, plan: str, day: Day) -> None:
    grid = compose(day, layout)
    assert grid.width == pytest.approx(layout.frame_width)
    for rect in grid.rects:
        assert rect.w > 0 and rect.h > 0
        assert rect.x >= -EPS and rect.x + rect.w <= grid.width + EPS, rect
        assert rect.y >= -EPS and rect.y + rect.h <= grid.height + EPS, rect
    # The grid's height is the sum of its parts: title bar, headings, rows and the notes strip;
    # more only where an exercise's rows grew to hold its notes (on A5's narrower cells).
    g = layout.grid
    expected = (g.row_height * (1 + sets_of(day)) + g.header_height + g.notes_height) * MM
    assert grid.height >= expected - EPS
    blocks = [r for r in grid.rects if r.role == "block"]
    grown = sum(b.h for b in blocks) - sum(len(e.sets) for e in day.entries) * g.row_height * MM
    assert grid.height == pytest.approx(expected + grown)


@pytest.mark.parametrize(("plan", "day"), DAYS, ids=DAY_IDS)
def test_write_cells_do_not_overlap(layout: Layout, plan: str, day: Day) -> None:
    cells = write_cells(compose(day, layout))
    for a, b in itertools.combinations(cells, 2):
        assert overlap(a, b) == 0, f"{a} overlaps {b}"


@pytest.mark.parametrize(("plan", "day"), DAYS, ids=DAY_IDS)
def test_text_fits_its_cell_and_never_enters_a_write_cell(
    layout: Layout, plan: str, day: Day
) -> None:
    measure = font_measure(layout)
    grid = compose(day, layout, measure)
    cells = write_cells(grid)
    for run in grid.runs:
        x0, x1 = run_extent(run, measure)
        assert x0 >= -EPS and x1 <= grid.width + EPS, run
        cell = containing_cell(grid, (x0 + x1) / 2, run.y)
        assert cell.x - EPS <= x0 and x1 <= cell.x + cell.w + EPS, f"{run} sticks out of {cell}"
        assert run.y - run.size * 0.75 >= cell.y - EPS, f"{run} rises above {cell}"
        assert run.y <= cell.y + cell.h + EPS, f"{run} falls below {cell}"
        for blank in cells:
            inside_x = min(x1, blank.x + blank.w) - max(x0, blank.x) > EPS
            inside_y = blank.y < run.y < blank.y + blank.h
            assert not (inside_x and inside_y), f"{run} is printed in the blank cell {blank}"


# -- text that does not fit ---------------------------------------------------------------------


def with_long_texts(day: Day, name: str, detail: str = "", session: str = "") -> Day:
    entries = tuple(
        dataclasses.replace(
            entry,
            exercise=entry.exercise.model_copy(update={"name": name}),
            prescription=entry.prescription.model_copy(
                update={"rest": detail or entry.prescription.rest, "load": detail or None}
            ),
        )
        for entry in day.entries
    )
    new_session = day.session.model_copy(update={"name": session}) if session else day.session
    return dataclasses.replace(day, entries=entries, session=new_session)


def exercise_column(layout: Layout, day: Day) -> tuple[float, float]:
    """Where the exercise column of a day's grid is, among the columns that day needs."""
    columns = day_columns(layout.grid.columns, day.entries)
    widths = column_widths(columns, layout.frame_width)
    index = [c.field for c in columns].index("exercise")
    return sum(widths[:index]), widths[index]


def test_a_300_character_name_without_spaces_is_cut_to_fit(layout: Layout) -> None:
    measure = font_measure(layout)
    name = "Ż" + "W" * 298 + "Ω"
    day = with_long_texts(days_of("upper-back")[0], name, detail="x" * 300, session="S" * 300)
    grid = compose(day, layout, measure)
    x, width = exercise_column(layout, day)
    blocks = [r for r in grid.rects if r.role == "exercise"]
    assert len(blocks) == len(day.entries)
    for block in blocks:
        inside = [r for r in grid.runs if block.y <= r.y <= block.y + block.h and r.x < x + width]
        names = [r for r in inside if r.bold]
        assert names, "the name is printed"
        for run in inside:
            assert run.x >= x + PAD - EPS
            assert measure(run.text, run.bold, run.size) <= width - 2 * PAD + EPS, run.text
            assert run.y - run.size * 0.75 >= block.y and run.y <= block.y + block.h
        printed = "".join(r.text for r in names)
        assert printed.startswith("ŻWWW")
        assert printed.endswith("…"), "a cut name shows that it was cut"
        assert len(printed) < len(name)
    # The session name in the title bar is cut too, and stays clear of the date box.
    title = next(r for r in grid.runs if r.bold and r.color == "header_text")
    date_box = next(r for r in grid.rects if r.role == "date")
    assert title.text.endswith("…")
    assert run_extent(title, measure)[1] < date_box.x


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.text(
        st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
        min_size=1,
        max_size=300,
    ).filter(lambda s: s.strip()),
    sets=st.integers(1, 20),
)
def test_any_name_and_set_count_keeps_the_rules(layout: Layout, name: str, sets: int) -> None:
    base = days_of("upper-back")[0]
    entry = base.entries[0]
    entry = dataclasses.replace(
        entry,
        exercise=entry.exercise.model_copy(update={"name": name}),
        sets=tuple(dataclasses.replace(entry.sets[0], number=n) for n in range(1, sets + 1)),
    )
    day = dataclasses.replace(base, entries=(entry, *base.entries[1:]))
    grid = compose(day, layout, fake_measure)
    assert rows(grid) == sets + sum(len(e.sets) for e in base.entries[1:])
    x, width = exercise_column(layout, day)
    rows_top = (layout.grid.row_height + layout.grid.header_height) * MM
    rows_bottom = grid.height - layout.grid.notes_height * MM
    for run in grid.runs:
        x0, x1 = run_extent(run, fake_measure)
        assert x0 >= -EPS and x1 <= grid.width + EPS
        if run.x < x + width and rows_top < run.y < rows_bottom:
            assert x1 <= x + width - PAD + EPS, run.text
    for a, b in itertools.combinations(write_cells(grid), 2):
        assert overlap(a, b) == 0


# -- a day taller than a page -------------------------------------------------------------------

MOVES = 4  # 4 × 20 sets: the most one session may hold, and taller than any page
TALL_REPS = "7-9"
TALL_PLAN = "\n".join(
    [
        "program: Four by twenty",
        "weeks: 1",
        "sessions:",
        "  - name: Marathon",
        "    exercises:",
        *[
            f"      - {{exercise: move-{n:02d}, sets: 20, reps: {TALL_REPS}}}"
            for n in range(1, MOVES + 1)
        ],
        "exercises:",
        *[f"  move-{n:02d}: {{name: Move {n:02d}}}" for n in range(1, MOVES + 1)],
        "",
    ]
)


def frame_height(layout: Layout) -> float:
    from pdfgen.render.document import FOOTER_BAND, HEADER_BAND

    margins = layout.page.margins
    return layout.page_size[1] - (margins.top + margins.bottom) * MM - HEADER_BAND - FOOTER_BAND


def test_tall_day_is_taller_than_a_page(layout: Layout) -> None:
    day = days_of(TALL_PLAN, text=True)[0]
    assert len(day.entries) == MOVES and sets_of(day) == MOVES * 20
    grid = compose(day, layout)
    assert rows(grid) == MOVES * 20
    assert grid.height > frame_height(layout)


def _page_texts(data: bytes) -> tuple[list[str], dict[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    texts = [page.extract_text() for page in reader.pages]
    outline = {}
    for item in reader.outline:
        if not isinstance(item, list):
            outline[item.title] = reader.get_destination_page_number(item)
    return texts, outline


@pytest.mark.parametrize("page_size", ["a4", "letter", "a5"])
def test_day_taller_than_a_page_splits_only_between_exercises(page_size: str) -> None:
    """Split only between exercises; an exercise is cut between its sets only when it alone is
    taller than a page (one of 20 sets is, on A5). Every set row is printed exactly once."""
    plan = load_plan_text(TALL_PLAN)
    layout = LAYOUTS["a5"]() if page_size == "a5" else load_layout(page_size=page_size)
    day = days_of(TALL_PLAN, text=True)[0]
    alone = compose(day, layout, entries=day.entries[:1], continued=True)
    exercise_fits = alone.height <= frame_height(layout)
    assert exercise_fits == (page_size != "a5")

    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer, page_size=page_size)
    texts, outline = _page_texts(buffer.getvalue())
    assert result.pages == len(texts)
    first, notes = outline["Week 1 of 1"], outline["Notes"]
    week_pages = texts[first:notes]
    assert len(week_pages) >= 2, "the day needs more than one page"
    target = re.escape(TALL_REPS.replace("-", "–"))
    seen: list[str] = []
    for index, text in enumerate(week_pages):
        moves = re.findall(r"Move \d\d", text)
        assert moves, f"week page {index + 1} has no exercise"
        assert len(moves) == len(set(moves)), "an exercise's name printed twice on one page"
        assert ("(continued)" in text) == (index > 0)
        rows = len(re.findall(target, text))
        if exercise_fits:
            # Every exercise on the page has all of its 20 rows here: nothing split inside one.
            assert rows == 20 * len(moves)
        else:
            assert 0 < rows <= 20 * len(moves)
        seen += [m for m in moves if not seen or m != seen[-1]]
    assert sum(len(re.findall(target, text)) for text in week_pages) == 20 * MOVES
    assert seen == [f"Move {n:02d}" for n in range(1, MOVES + 1)], "each in order, no repeats"


def test_each_exercise_of_the_tall_day_fits_a_page_alone() -> None:
    # The precondition of splitting between exercises, on the paper sizes that can do it.
    for layout in (LAYOUTS["base"](), LAYOUTS["letter"]()):
        day = days_of(TALL_PLAN, text=True)[0]
        for entry in day.entries:
            grid = compose(day, layout, entries=(entry,), continued=True)
            assert rows(grid) == 20
            assert grid.height <= frame_height(layout)


def test_measure_is_used_for_fitting() -> None:
    """A wider measure cuts more: fitting depends on the measure given, not on guesses."""
    layout = LAYOUTS["base"]()
    day = with_long_texts(days_of("upper-back")[0], "Incline bench barbell row " * 3)
    narrow: Callable[[str, bool, float], float] = lambda t, b, s: len(t) * s * 0.3  # noqa: E731
    wide: Callable[[str, bool, float], float] = lambda t, b, s: len(t) * s * 1.2  # noqa: E731
    few = [r for r in compose(day, layout, narrow).runs if r.bold]
    many = [r for r in compose(day, layout, wide).runs if r.bold]
    assert len(many) > len(few)
