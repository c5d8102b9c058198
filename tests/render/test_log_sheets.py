"""Weekly log sheets (`pdfgen log`), and the at-a-glance chart of the booklet.

The issue's "done when": `pdfgen log upper-back --weeks 1-5 --start 2027-01-04 --days mon,thu`
prints five landscape sheets whose targets follow the plan's progression (as `expand()` works
them out) and whose dates are right. Text is read by region: the targets are the words under
each day's "Target" heading (pdfplumber), not whatever order extraction happens to give.
Also: week ranges, a week that needs a second sheet, handwriting-sized cells, margins, embedded
fonts, the chart, warm-ups, supersets and deterministic output.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from reportlab.graphics.shapes import Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from support import ROOT, printed_load, set_label, sets_of, shown_date, write_cells

import pdfgen
from pdfgen.cli import cli
from pdfgen.compose.boxes import Measure
from pdfgen.compose.cells import logged
from pdfgen.compose.grid import compose_day
from pdfgen.plan.loading import load_plan, load_plan_text
from pdfgen.plan.loads import Load
from pdfgen.render.chart import block_chart
from pdfgen.render.fonts import register
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Schedule, load_series, weekly_volume
from pdfgen.style.layout import TICK_BOX_MM, Layout
from pdfgen.style.loading import load_layout
from pdfgen.units import MM

WHOLE_BACK = ROOT / "examples" / "whole-back.yaml"
MAXES = {"good-morning": "90kg"}
START = date(2027, 1, 4)
CLIENT = "Zoë Ørsted"
PROGRAM = "Strengthen the upper back"
DONE_WHEN = [
    "log",
    "upper-back",
    "--weeks",
    "1-5",
    "--start",
    "2027-01-04",
    "--days",
    "mon,thu",
    "--client",
    CLIENT,
]
TARGET = re.compile(r"^(\d+(–\d+)?|AMRAP)$")

# Three sessions of twelve sets on three days: two days fill a sheet's two columns.
THREE_LONG_DAYS = """\
program: Three long days
weeks: 2
training_days: [mon, wed, fri]
sessions:
"""
for _name in ("Alpha", "Beta", "Gamma"):
    THREE_LONG_DAYS += f"""\
  - name: {_name}
    exercises:
      - {{exercise: pull-up, sets: 3, reps: 6-8}}
      - {{exercise: good-morning, sets: 3, reps: 8}}
      - {{exercise: hyperextension, sets: 3, reps: 15}}
      - {{exercise: dumbbell-shrug, sets: 3, reps: 12}}
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Sheets:
    """A rendered PDF, read once: page sizes, texts, positioned words, characters and boxes."""

    data: bytes
    sizes: list[tuple[float, float]]
    texts: list[str]
    words: list[list[Word]]
    chars: list[list[dict[str, Any]]]
    rects: list[list[dict[str, Any]]]

    @classmethod
    def read(cls, data: bytes) -> Sheets:
        reader = PdfReader(io.BytesIO(data))
        sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
        texts = [page.extract_text() for page in reader.pages]
        words, chars, rects = [], [], []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                words.append(
                    [
                        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                        for w in page.extract_words()
                    ]
                )
                chars.append(list(page.chars))
                rects.append(list(page.rects))
        return cls(data, sizes, texts, words, chars, rects)

    def column(self, page: int, heading: str, width: float) -> list[list[str]]:
        """The targets under each `heading` on a page, day by day in reading order: words in a
        column `width` points wide centred on the heading, down to the next heading below."""
        heads = sorted(
            (w for w in self.words[page] if w.text == heading), key=lambda w: (round(w.x0), w.top)
        )
        found = []
        for head in heads:
            below = [h.top for h in heads if abs(h.center - head.center) < 1 and h.top > head.top]
            end = min(below, default=float("inf"))
            cells = sorted(
                (
                    w
                    for w in self.words[page]
                    if abs(w.center - head.center) < width / 2
                    and head.bottom < w.top < end
                    and TARGET.match(w.text)
                ),
                key=lambda w: w.top,
            )
            found.append([w.text for w in cells])
        return found


def log_sheets(plan: Any = "upper-back", **options: Any) -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_log(plan, buffer, **options)
    return buffer.getvalue()


def week_headings(text: str) -> list[str]:
    return re.findall(r"^Week \d+ of \d+(?: · deload)?$", text, re.M)


def target_width(layout: Layout) -> float:
    [column] = [c for c in layout.grid.columns if c.field == "target"]
    assert column.width != "*"
    return column.width * MM


# -- the issue's "done when" --------------------------------------------------------------------


@pytest.fixture(scope="module")
def done_when(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Sheets]:
    out = tmp_path_factory.mktemp("log") / "sheets.pdf"
    result = invoke(*DONE_WHEN, "-o", str(out))
    assert result.exit_code == 0, result.output
    return result, Sheets.read(out.read_bytes())


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    return expand(load_plan("upper-back"), start=START, days=("mon", "thu"))


def test_done_when_prints_five_landscape_sheets(done_when: tuple[Result, Sheets]) -> None:
    result, sheets = done_when
    assert len(sheets.texts) == 5
    assert "(5 pages," in result.stdout
    for width, height in sheets.sizes:
        assert width > height
        assert (round(width / MM), round(height / MM)) == (297, 210)  # A4 landscape


def test_each_sheet_is_one_week_with_its_dates_client_and_program(
    done_when: tuple[Result, Sheets],
) -> None:
    _, sheets = done_when
    for index, text in enumerate(sheets.texts):
        week = index + 1
        monday = START + timedelta(weeks=index)
        thursday = monday + timedelta(days=3)
        assert [h.removesuffix(" · deload") for h in week_headings(text)] == [f"Week {week} of 6"]
        assert CLIENT in text
        assert PROGRAM in text
        assert f"Week starting {shown_date(monday)}" in text
        titles = re.findall(r"^Week (\d+) · Day (\d+) · .*?Date (.+)$", text, re.M)
        assert titles == [
            (str(week), "1", shown_date(monday)),
            (str(week), "2", shown_date(thursday)),
        ]
        assert f"page {week} of" in text


def test_each_sheet_prints_that_weeks_targets(
    done_when: tuple[Result, Sheets], schedule: Schedule
) -> None:
    _, sheets = done_when
    width = target_width(load_layout("log"))
    for index in range(5):
        week = schedule.weeks[index]
        expected = [[str(s.reps) for e in day.entries for s in e.sets] for day in week.days]
        assert sheets.column(index, "Target", width) == expected


def test_the_pull_up_targets_climb_and_deload_as_the_issue_says(
    done_when: tuple[Result, Sheets],
) -> None:
    _, sheets = done_when
    width = target_width(load_layout("log"))
    first_day = [sheets.column(index, "Target", width)[0] for index in range(5)]
    # The pull-up comes first: 3 × 6, 3 × 7, 3 × 8, a deload of 2 × 6, 3 × 6 (heavier).
    assert [targets[:3] for targets in first_day] == [
        ["6", "6", "6"],
        ["7", "7", "7"],
        ["8", "8", "8"],
        ["6", "6", "12"],
        ["6", "6", "6"],
    ]
    assert first_day[3][:2] == ["6", "6"]
    assert "+2.5 kg" in sheets.texts[4]
    assert not any("+2.5 kg" in text for text in sheets.texts[:4])


def test_the_deload_week_is_marked_and_has_fewer_set_rows(
    done_when: tuple[Result, Sheets],
) -> None:
    _, sheets = done_when
    width = target_width(load_layout("log"))
    rows = [sum(len(day) for day in sheets.column(i, "Target", width)) for i in range(5)]
    assert rows == [18, 18, 18, 12, 20]
    assert week_headings(sheets.texts[3]) == ["Week 4 of 6 · deload"]
    assert len(re.findall(r"^Week 4 · Day \d · Upper back · deload", sheets.texts[3], re.M)) == 2
    assert "Deload week" in sheets.texts[3]
    for index in (0, 1, 2, 4):
        assert "deload" not in sheets.texts[index].lower()


def test_each_sheet_has_an_effort_box_per_session_and_a_notes_box(
    done_when: tuple[Result, Sheets],
) -> None:
    _, sheets = done_when
    layout = load_layout("log")
    for index, text in enumerate(sheets.texts):
        assert text.count("Effort (RPE 1–10)") == 2
        # "Notes" twice in the days' footers, and once on the week's notes box, which takes
        # the rest of the sheet under both columns: at least the layout's height for it.
        assert [w.text for w in sheets.words[index]].count("Notes") == 3
        assert f"Notes on week {index + 1}" in " ".join(text.split())
        words = sheets.words[index]
        [label] = [
            w for i, w in enumerate(words[:-1]) if (w.text, words[i + 1].text) == ("Notes", "on")
        ]
        boxes = [
            r
            for r in sheets.rects[index]
            if r["height"] >= layout.grid.week_notes_height * MM - 0.5
            and abs(r["width"] - layout.frame_width) < 0.5
            and r["x0"] < label.x0 < r["x1"]
            and 0 < label.top - r["top"] < 5 * MM  # the label at the box's top left
        ]
        assert len(boxes) == 1


# -- choosing weeks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks", "printed"),
    [("3", [3]), ("all", [1, 2, 3, 4, 5, 6]), ("2,5-6", [2, 5, 6]), ("6,2,5-6", [2, 5, 6])],
)
def test_the_weeks_option_chooses_the_sheets(
    tmp_path: Path, weeks: str, printed: list[int]
) -> None:
    out = tmp_path / "log.pdf"
    result = invoke("log", "upper-back", "--weeks", weeks, "-o", str(out))
    assert result.exit_code == 0, result.output
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert len(texts) == len(printed)
    assert [week_headings(t)[0].removesuffix(" · deload") for t in texts] == [
        f"Week {n} of 6" for n in printed
    ]


@pytest.mark.parametrize(
    ("weeks", "says"),
    [
        ("0", "'--weeks': must run from 1 to 52, low to high; not '0'."),
        ("7-3", "'--weeks': must run from 1 to 52, low to high; not '7-3'."),
        ("x", "'--weeks': must be weeks like 3, 1-4, 2,5-6 or all; not 'x'."),
        ("1-", "'--weeks': must be weeks like 3, 1-4, 2,5-6 or all; not '1-'."),
        ("53", "'--weeks': must run from 1 to 52"),
    ],
)
def test_a_bad_week_range_is_a_usage_error(tmp_path: Path, weeks: str, says: str) -> None:
    out = tmp_path / "log.pdf"
    result = invoke("log", "upper-back", "--weeks", weeks, "-o", str(out))
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_weeks_past_the_plans_length_lengthen_the_block(tmp_path: Path) -> None:
    """Log sheets for weeks 7 and 8 of a 6-week plan, as an 8-week booklet has them."""
    out = tmp_path / "log.pdf"
    result = invoke("log", "upper-back", "--weeks", "5-8", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    headings = [week_headings(text) for text in Sheets.read(out.read_bytes()).texts]
    # Every 4th week of upper-back is a deload.
    assert headings == [["Week 5 of 8"], ["Week 6 of 8"], ["Week 7 of 8"], ["Week 8 of 8 · deload"]]


def test_a_client_files_block_length_sets_the_weeks_of_the_log(tmp_path: Path) -> None:
    client = tmp_path / "client.yaml"
    client.write_text("client: Ann\nweeks: 8\n", encoding="utf-8")
    out = tmp_path / "log.pdf"
    result = invoke("log", "upper-back", "--client-file", str(client), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    headings = [h for text in Sheets.read(out.read_bytes()).texts for h in week_headings(text)]
    assert headings == [f"Week {n} of 8" + (" · deload" if n % 4 == 0 else "") for n in range(1, 9)]


def test_a_week_that_cannot_fit_takes_a_second_sheet() -> None:
    plan = load_plan_text(THREE_LONG_DAYS)
    one = Sheets.read(log_sheets(plan, weeks="1", start="2027-01-04"))
    assert len(one.texts) == 2
    days = [re.findall(r"^Week 1 · Day (\d) · (\w+)", text, re.M) for text in one.texts]
    assert days == [[("1", "Alpha"), ("2", "Beta")], [("3", "Gamma")]]
    assert week_headings(one.texts[0]) == ["Week 1 of 2"]
    assert "Three long days" in one.texts[1]  # the second sheet still says whose it is
    assert all(width > height for width, height in one.sizes)
    both = Sheets.read(log_sheets(plan, weeks="all"))
    assert len(both.texts) == 4
    assert [week_headings(t) for t in both.texts] == [["Week 1 of 2"], [], ["Week 2 of 2"], []]
    # A week that fits takes one sheet: the same plan with two days a week.
    short = load_plan_text(THREE_LONG_DAYS.replace("[mon, wed, fri]", "[mon, thu]"))
    assert len(Sheets.read(log_sheets(short, weeks="1")).texts) == 1


# -- handwriting, margins, fonts ----------------------------------------------------------------


def font_measure(layout: Layout) -> Measure:
    fonts = register(layout.fonts)

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    return measure


@pytest.mark.parametrize(
    ("plan", "options"),
    [
        ("upper-back", {}),
        ("upper-back", {"start": START, "days": ("mon", "thu")}),
        (str(WHOLE_BACK), {"maxes": {"good-morning": Load(90.0, "kg")}}),
        ("three-long-days", {}),
    ],
    ids=["upper-back", "upper-back-dated", "whole-back", "three-long-days"],
)
def test_every_writing_cell_of_the_log_layout_is_big_enough_to_write_in(
    plan: str, options: dict[str, Any]
) -> None:
    layout = load_layout("log")
    measure = font_measure(layout)
    loaded = load_plan_text(THREE_LONG_DAYS) if plan == "three-long-days" else load_plan(plan)
    schedule = expand(loaded, **options)
    roles: set[str] = set()
    for week in schedule.weeks:
        for day in week.days:
            grid = compose_day(day, layout, layout.column_width, "kg", measure)
            cells = write_cells(grid)
            assert cells
            for cell in cells:
                small = cell.role == "done"  # a box to tick, not to write in
                assert cell.h >= (TICK_BOX_MM if small else 8) * MM - 1e-6, cell
                assert cell.w >= (TICK_BOX_MM if small else 14) * MM - 1e-6, cell
                assert cell.x >= -1e-6 and cell.x + cell.w <= layout.column_width + 1e-6
            roles |= {cell.role for cell in cells}
            # Each set logs what its kind of work logs: the weight only where a load is lifted.
            lifting = sum(len(e.sets) for e in day.entries if logged(e).weight == "weight")
            assert len(write_cells(grid, "weight")) == lifting
            assert len(write_cells(grid, "reps")) == sets_of(day)
    assert {"weight", "reps", "effort", "day_notes"} <= roles
    assert ("date" in roles) == ("start" not in options)


@pytest.fixture(scope="module")
def whole_back_log() -> Sheets:
    return Sheets.read(log_sheets(str(WHOLE_BACK), maxes=MAXES, start="2027-01-04", client=CLIENT))


@pytest.fixture(scope="module")
def whole_back_booklet(render: Callable[..., bytes]) -> Sheets:
    return Sheets.read(render(str(WHOLE_BACK), maxes=MAXES, start="2027-01-04", client=CLIENT))


def outside_margins(sheets: Sheets) -> list[str]:
    margin = 10 * MM
    found = []
    for index, ((width, height), chars) in enumerate(zip(sheets.sizes, sheets.chars, strict=True)):
        for c in chars:
            if not c["text"].strip():
                continue
            if (
                c["x0"] < margin - 0.01
                or c["x1"] > width - margin + 0.01
                or c["top"] < margin - 0.01
                or c["bottom"] > height - margin + 0.01
            ):
                found.append(f"page {index + 1}: {c['text']!r} at {c['x0']:.1f},{c['top']:.1f}")
    return found


def test_no_text_outside_the_margins_of_the_log_sheets(
    done_when: tuple[Result, Sheets], whole_back_log: Sheets
) -> None:
    for sheets in (done_when[1], whole_back_log):
        assert sum(len(chars) for chars in sheets.chars) > 1000
        assert outside_margins(sheets) == []


def test_no_text_outside_the_margins_of_the_booklet(whole_back_booklet: Sheets) -> None:
    assert outside_margins(whole_back_booklet) == []


def _resources(pdf: pikepdf.Pdf) -> Iterator[tuple[str, Any]]:
    """Every resource dictionary: each page's, and those of the forms they use (the page
    total, the chart), however deep."""
    seen: set[tuple[int, int]] = set()

    def walk(resources: Any, where: str) -> Iterator[tuple[str, Any]]:
        if resources is None:
            return
        yield where, resources
        for name, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from walk(xobject.get("/Resources"), f"{where} {name}")

    for number, page in enumerate(pdf.pages, start=1):
        yield from walk(page.obj.get("/Resources"), f"page {number}")


def fonts_of(data: bytes) -> dict[str, bool]:
    """Base font name → embedded, for every font any page or form refers to."""
    found: dict[str, bool] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for _, resources in _resources(pdf):
            for _, font in resources.get("/Font", {}).items():
                fonts = [font]
                if font.get("/Subtype") == "/Type0":
                    fonts = list(font.get("/DescendantFonts", []))
                descriptor = [f.get("/FontDescriptor") for f in fonts]
                embedded = bool(fonts) and all(
                    d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    for d in descriptor
                )
                name = str(font.get("/BaseFont"))
                found[name] = found.get(name, True) and embedded
    return found


def test_fonts_are_embedded_on_the_log_sheets_and_the_booklet_with_its_chart(
    done_when: tuple[Result, Sheets], whole_back_booklet: Sheets
) -> None:
    for data in (done_when[1].data, whole_back_booklet.data):
        fonts = fonts_of(data)
        assert fonts, "text is drawn with some font"
        assert all(fonts.values()), fonts
        assert not any("Helvetica" in name for name in fonts), fonts
        assert all("DejaVu" in name for name in fonts), fonts


def test_the_overview_pages_fonts_are_embedded(whole_back_booklet: Sheets) -> None:
    """The page with the chart alone, so that a font used only by the chart is not hidden by
    the same font embedded for other pages."""
    index = overview_index(whole_back_booklet)
    writer = pikepdf.new()
    with pikepdf.open(io.BytesIO(whole_back_booklet.data)) as pdf:
        writer.pages.append(pdf.pages[index])
        buffer = io.BytesIO()
        writer.save(buffer)
    fonts = fonts_of(buffer.getvalue())
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts), fonts


# -- the chart on the at-a-glance page ----------------------------------------------------------


def overview_index(sheets: Sheets) -> int:
    [index] = [i for i, text in enumerate(sheets.texts) if "Program at a glance" in text]
    return index


def test_the_overview_charts_sets_reps_and_loads(whole_back_booklet: Sheets) -> None:
    text = whole_back_booklet.texts[overview_index(whole_back_booklet)]
    assert "Work sets per week" in text
    assert "Planned reps per week" in text
    assert "Planned load (kg)" in text
    assert "week (D: deload)" in text
    deloads = {line for line in text.splitlines() if re.fullmatch(r"\d+ D", line.strip())}
    assert deloads == {"4 D", "8 D"}
    for name in ("Lat pulldown", "Good morning", "Incline dumbbell row", "Dumbbell shrug"):
        assert re.search(rf"^. {name}$", text, re.M), name


def test_a_plan_without_numeric_loads_has_no_load_chart(render: Callable[..., bytes]) -> None:
    sheets = Sheets.read(render("upper-back"))
    text = sheets.texts[overview_index(sheets)]
    assert "Work sets per week" in text
    assert "Planned reps per week" in text
    assert "Planned load" not in text
    deloads = {line for line in text.splitlines() if re.fullmatch(r"\d+ D", line.strip())}
    assert deloads == {"4 D"}


def test_the_load_chart_is_in_the_clients_units(render: Callable[..., bytes]) -> None:
    sheets = Sheets.read(render(str(WHOLE_BACK), maxes=MAXES, units="lb"))
    text = sheets.texts[overview_index(sheets)]
    assert "Planned load (lb)" in text
    assert "Planned load (kg)" not in text


@dataclass(frozen=True)
class Bar:
    category: str
    value: str
    height: float
    open: bool


def bar_charts(drawing: Any) -> list[list[Bar]]:
    """The two bar charts of the drawing (sets, then reps), each bar with the labels drawn
    centred under it (its week) and over it (its value). Load markers are too small to be bars."""
    strings = [s for s in drawing.contents if isinstance(s, String)]
    charts: list[list[Bar]] = [[], []]
    for shape in drawing.contents:
        if not isinstance(shape, Rect) or shape.width < 3 * MM:
            continue
        centre = shape.x + shape.width / 2
        near = [
            s
            for s in strings
            if abs(s.x - centre) < 0.01 and shape.y - 5 * MM < s.y < shape.y + shape.height + 5 * MM
        ]
        under, over = sorted(near, key=lambda s: s.y)
        white = shape.fillColor.hexval() == colors.white.hexval()
        bar = Bar(under.text, over.text, shape.height, white)
        charts[0 if centre < drawing.width / 2 else 1].append(bar)
    return charts


@pytest.mark.parametrize("plan", ["upper-back", str(WHOLE_BACK)])
def test_the_charts_bars_are_the_schedules_volumes(plan: str) -> None:
    """Work sets and reps per week as weekly_volume counts them; deload weeks labelled D and
    drawn as open bars; bar heights in proportion."""
    layout = load_layout()
    fonts = register(layout.fonts)
    schedule = expand(load_plan(plan), maxes={"good-morning": Load(90.0, "kg")})
    drawing = block_chart(schedule, layout, fonts, layout.frame_width)
    volumes = weekly_volume(schedule)
    names = [f"{v.week}" + (" D" if v.deload else "") for v in volumes]
    assert any(v.deload for v in volumes)
    for bars, values in zip(
        bar_charts(drawing), ([v.sets for v in volumes], [v.reps for v in volumes]), strict=True
    ):
        assert [b.category for b in bars] == names
        assert [b.value for b in bars] == [str(v) for v in values]
        assert [b.open for b in bars] == [v.deload for v in volumes]
        for bar, value in zip(bars, values, strict=True):
            assert bar.height / bars[0].height == pytest.approx(value / values[0])


def test_the_first_weeks_volume_by_hand() -> None:
    schedule = expand(load_plan(WHOLE_BACK), maxes={"good-morning": Load(90.0, "kg")})
    volumes = weekly_volume(schedule)
    # A B A = (3 + 3 + 2) + (3 + 3 + 3) + (3 + 3 + 2) work sets; the warm-up does not count.
    assert volumes[0].sets == 25
    # Reps: the bottom of each week's target: A = 3×8 + 3×8 + 2×15, B = 3×10 + 3×12 + 3×12.
    assert volumes[0].reps == 2 * (24 + 24 + 30) + (30 + 36 + 36)
    assert [v.deload for v in volumes] == [False, False, False, True] * 2
    assert sorted(load_series(schedule)) == [
        "Dumbbell shrug",
        "Good morning",
        "Incline dumbbell row",
        "Lat pulldown",
        "Reverse cable crossover",
    ]
    assert load_series(expand(load_plan("upper-back"))) == {}


# -- warm-ups and supersets ---------------------------------------------------------------------


def test_warm_up_rows_print_w1_and_do_not_count_as_work() -> None:
    schedule = expand(load_plan(WHOLE_BACK), maxes={"good-morning": Load(90.0, "kg")})
    volumes = weekly_volume(schedule)
    for week, volume in zip(schedule.weeks, volumes, strict=True):
        all_sets = [s for day in week.days for e in day.entries for s in e.sets]
        warmups = [s for s in all_sets if s.warmup]
        assert warmups, "the lat pulldown has a warm-up set on every A day"
        assert {set_label(s) for s in warmups} == {"W1"}
        assert volume.sets == len(all_sets) - len(warmups)
        reps = sum(s.reps.low for s in all_sets if not s.warmup)
        assert volume.reps == reps
    pulldown = schedule.weeks[0].days[0].entries[0]
    assert [(set_label(s), str(s.reps), printed_load(s)) for s in pulldown.sets] == [
        ("W1", "10", "22.5 kg"),
        ("1", "8", "45 kg"),
        ("2", "8", "45 kg"),
        ("3", "8", "45 kg"),
    ]


def test_warm_up_rows_are_printed_on_the_sheets(whole_back_log: Sheets) -> None:
    first = whole_back_log.texts[0]
    assert re.search(r"^W1$", first, re.M)
    width = target_width(load_layout("log"))
    # Day 1 (Pull and hinge): the warm-up's 10, then 3 × 8, 3 × 8 and 2 × 15.
    assert whole_back_log.column(0, "Target", width)[0] == ["10"] + ["8"] * 6 + ["15"] * 2


def test_superset_exercises_are_labelled_a1_and_a2(
    whole_back_log: Sheets, whole_back_booklet: Sheets
) -> None:
    for sheets in (whole_back_log, whole_back_booklet):
        text = " ".join(" ".join(sheets.texts).split())  # a long name may wrap
        assert "A1 · Incline dumbbell row" in text
        assert "A2 · Reverse cable crossover" in text
        assert "A3 · " not in text
        assert "B1 · " not in text


def test_rest_tempo_and_effort_targets_are_printed_with_the_targets(
    whole_back_log: Sheets, whole_back_booklet: Sheets
) -> None:
    for sheets in (whole_back_log, whole_back_booklet):
        text = " ".join(" ".join(sheets.texts).split())
        for shown in ("Rest 2 min · tempo 2-1-2-0", "Rest 2 min · RPE 7", "RIR 2"):
            assert shown in text, shown


def test_deterministic_output_through_the_python_api() -> None:
    options = {"weeks": "1-5", "start": "2027-01-04", "days": "mon,thu", "client": CLIENT}
    first = log_sheets("upper-back", **options)
    second = log_sheets("upper-back", **options)
    assert first == second
    assert first.startswith(b"%PDF-")
    assert log_sheets("upper-back", **{**options, "client": "Sam"}) != first
