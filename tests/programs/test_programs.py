"""Ten published training programs (examples/programs/), built through `pdfgen build` and read
back from the PDF's week pages.

Each example cites the program it writes down and the command that prints it. These tests run
exactly that command (in-process, through click's CliRunner) and compare what the day grids
print with the published program, worked out by hand: every expected number is written out here
with its arithmetic beside it, and nothing here calls pdfgen's own arithmetic, so a slip in a
progression, a percentage, the rounding or the layout shows up as a difference from the book.

The pages are read by region with pdfplumber, not in extraction order: a day is found under its
title "Week N · Day D · Session", its columns by their heading cells, and an exercise's rows by
the exercise cell that spans them. Each booklet is built once per module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.geometry import within_bbox
from pdfplumber.utils.text import extract_text
from support import EXAMPLES

from pdfgen.cli import cli

PROGRAMS = EXAMPLES / "programs"
START = "2027-01-04"

# The options of each example's header command, besides `--start 2027-01-04`.
COMMANDS: dict[str, list[str]] = {
    "531-bbb": [
        *("--max", "squat=140kg", "--max", "deadlift=180kg"),
        *("--max", "bench-press=100kg", "--max", "overhead-press=60kg", "--weeks", "8"),
    ],
    "stronglifts-5x5": ["--days", "mon,wed,fri", "--weeks", "4"],
    "starting-strength": [],
    "gzclp": ["--weeks", "2"],
    "texas-method": [
        *("--max", "squat=140kgx5", "--max", "bench-press=100kgx5"),
        *("--max", "overhead-press=60kgx5", "--max", "deadlift=180kgx5", "--weeks", "2"),
    ],
    "pyramid": ["--weeks", "1"],
    "ppl-rir": ["--weeks", "4"],
    "mcgill-big-3": ["--weeks", "1"],
    "emom-20": ["--weeks", "1"],
    "couch-to-5k": ["--weeks", "9"],
}

TITLE = r"Week (\d+) · Day (\d+) · [^\n]*"
# A printed row as the tests compare it: (set, target, load), e.g. ("3", "5+", "45 kg"); and an
# exercise as they compare it: (name, the lines under it, its rows).
Cells = tuple[str, str, str]
Printed = tuple[str, str, list[Cells]]


# -- reading the week pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One printed row of a day's grid: each cell's text by its column's heading."""

    cells: dict[str, str]

    @property
    def grid(self) -> Cells:
        """The set's number, target and load as printed; "" where the grid has no such column."""
        get = self.cells.get
        return (get("Set", ""), get("Target", ""), get("Load", ""))


@dataclass(frozen=True)
class Block:
    """An exercise as its day prints it: the bold name in the cell spanning its rows, the
    smaller lines under the name (rest, notes) and the rows. A circuit's step is a block of its
    own, one row, its name in plain type."""

    name: str
    details: str
    rows: tuple[Row, ...]

    @property
    def grid(self) -> list[Cells]:
        return [row.grid for row in self.rows]

    @property
    def loads(self) -> list[str]:
        return [row.grid[2] for row in self.rows]


@dataclass(frozen=True)
class Day:
    """A training day's part of a week page: its title, its whole text and its exercises."""

    week: int
    number: int
    title: str  # after "Week N · Day D · ", without the date: "Press · deload"
    date: str
    text: str
    blocks: tuple[Block, ...]

    def named(self, name: str) -> list[Block]:
        """The day's blocks of one exercise, in order (5/3/1 prints the lift twice)."""
        return [block for block in self.blocks if block.name == name]

    def table(self) -> list[Printed]:
        """What the grid prints for the trainer's plan, block by block: the name, the lines under
        it and each row's set, target and load (not the blank cells the client writes in)."""
        return [(block.name, block.details, block.grid) for block in self.blocks]


@dataclass(frozen=True)
class Booklet:
    """A built booklet: its training days by (week, day), and what the command said."""

    days: dict[tuple[int, int], Day]
    stdout: str
    stderr: str

    def in_order(self) -> list[Day]:
        return [self.days[key] for key in sorted(self.days)]

    def sessions_of(self, name: str) -> list[Block]:
        """Every block of an exercise in training order: the same lift session after session."""
        return [block for day in self.in_order() for block in day.named(name)]


Box = tuple[float, float, float, float]  # x0, top, x1, bottom, in points from the top left
Obj = dict[str, Any]  # a character or a rectangle, as pdfplumber gives it


def _text(chars: list[Obj], box: Box) -> str:
    """The text of the characters inside a box, its lines joined by spaces."""
    return " ".join(extract_text(within_bbox(chars, box)).split("\n")).strip()


def _lines(chars: list[Obj], box: Box) -> list[tuple[str, bool]]:
    """The lines of text inside a box, top to bottom, and whether each is all bold."""
    inside = within_bbox(chars, box)
    return [
        (extract_text(line), all(c["fontname"].endswith("-Bold") for c in line if c["text"] != " "))
        for line in cluster_objects(inside, "top", 2)
    ]


def _box(rect: Obj) -> Box:
    return (rect["x0"], rect["top"], rect["x1"], rect["bottom"])


def _read_day(page: Any, title: Obj, bottom: float) -> Day:
    """One day's grid, from its title down to `bottom` (the next title or the page's end)."""
    region = page.within_bbox((0, title["top"], page.width, bottom))
    chars, rects = region.chars, region.rects
    header = next(w for w in region.extract_words() if w["text"] == "Exercise")
    # The heading cells: the short boxes across the heading line, left to right.
    columns = sorted(
        (
            r
            for r in rects
            if r["top"] <= header["top"] and r["bottom"] >= header["bottom"] and r["height"] < 30
        ),
        key=lambda r: r["x0"],
    )
    headings = [_text(chars, _box(c)) for c in columns]
    assert headings[:2] == ["Exercise", "Set"], headings

    def cells_of(column: Obj) -> list[Obj]:
        """The boxes of a column below its heading, top to bottom, each once."""
        found = {
            (round(r["top"], 1), round(r["bottom"], 1)): r
            for r in rects
            if abs(r["x0"] - column["x0"]) < 0.5
            and abs(r["x1"] - column["x1"]) < 0.5
            and r["top"] >= column["bottom"] - 0.5
        }
        return [found[key] for key in sorted(found)]

    set_cells = cells_of(columns[1])
    blocks = []
    for cell in cells_of(columns[0]):
        lines = _lines(chars, _box(cell))
        bold = [text for text, is_bold in lines if is_bold]
        plain = [text for text, is_bold in lines if not is_bold]
        rows = tuple(
            Row(
                {
                    heading: _text(chars, (column["x0"], row["top"], column["x1"], row["bottom"]))
                    for heading, column in zip(headings[1:], columns[1:], strict=True)
                }
            )
            for row in set_cells
            if cell["top"] < (row["top"] + row["bottom"]) / 2 < cell["bottom"]
        )
        name, details = (" ".join(bold), " ".join(plain)) if bold else (" ".join(plain), "")
        blocks.append(Block(name, details, rows))
    week, number = (int(group) for group in title["groups"])
    heading, _, date = title["text"].partition(" Date ")
    return Day(
        week=week,
        number=number,
        title=heading.split(" · ", 2)[2],
        date=date,
        text=region.extract_text(),
        blocks=tuple(blocks),
    )


def read_booklet(path: Path) -> dict[tuple[int, int], Day]:
    """Every training day printed in the booklet at `path`, by (week, day)."""
    days: dict[tuple[int, int], Day] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            titles = page.search(TITLE, regex=True)
            for index, title in enumerate(titles):
                after = titles[index + 1]["top"] if index + 1 < len(titles) else page.height
                day = _read_day(page, title, after)
                key = (day.week, day.number)
                assert key not in days, f"week {key[0]} day {key[1]} has two titles"
                days[key] = day
    return days


def build(program: str, folder: Path) -> Booklet:
    """Build one example with its header command, as a trainer would type it."""
    out = folder / f"{program}.pdf"
    args = ["build", str(PROGRAMS / f"{program}.yaml"), "-o", str(out), "--start", START]
    result = CliRunner().invoke(cli, [*args, *COMMANDS[program]], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return Booklet(read_booklet(out), result.stdout, result.stderr)


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Booklet]:
    """`booklet(program)`: the example built once for the whole module, on first use, in a
    folder of tmp_path_factory's, so that conftest checks the PDF with independent readers after
    the test that built it."""
    built: dict[str, Booklet] = {}

    def get(program: str) -> Booklet:
        if program not in built:
            built[program] = build(program, tmp_path_factory.mktemp(program))
        return built[program]

    return get


def sets(count: int, target: str, load: str = "") -> list[Cells]:
    """`count` numbered rows with the same target and load: sets(5, "5", "60 kg") is 5 x 5."""
    return [(str(n), target, load) for n in range(1, count + 1)]


def kg(*loads: float) -> list[str]:
    """Loads as the page prints them: kg(42.5, 60) is ["42.5 kg", "60 kg"]."""
    return [f"{load:g} kg" for load in loads]


def uniform_loads(blocks: list[Block], count: int, target: str) -> list[str]:
    """The load of each session of a straight-sets lift (count x target, one load a session)."""
    for block in blocks:
        assert block.grid == sets(count, target, block.loads[0]), block.grid
    return [block.loads[0] for block in blocks]


# -- every example builds, quietly, and prints the days its command asks for -----------------------

# program: (weeks, training days a week)
CALENDARS = {
    "531-bbb": (8, 4),
    "stronglifts-5x5": (4, 3),
    "starting-strength": (6, 3),
    "gzclp": (2, 3),
    "texas-method": (2, 3),
    "pyramid": (1, 2),
    "ppl-rir": (4, 3),
    "mcgill-big-3": (1, 6),
    "emom-20": (1, 2),
    "couch-to-5k": (9, 3),
}


@pytest.mark.parametrize("program", sorted(CALENDARS))
def test_every_week_and_day_is_printed(booklet: Callable[[str], Booklet], program: str) -> None:
    """The command writes the booklet without a warning, and prints every day of every week it
    asks for, once."""
    built = booklet(program)
    weeks, per_week = CALENDARS[program]
    assert built.stderr == ""
    assert built.stdout.startswith("wrote ")
    expected = {(w, d) for w in range(1, weeks + 1) for d in range(1, per_week + 1)}
    assert set(built.days) == expected


# -- 5/3/1 Boring But Big --------------------------------------------------------------------------
# Training max (TM) = 90 % of the one-rep max: press 60 -> 54, deadlift 180 -> 162, bench
# 100 -> 90, squat 140 -> 126. Cycle 2 (weeks 5-8): press and bench +2.5 (56.5, 92.5), deadlift and
# squat +5 (167, 131). Loads round to the nearest 2.5 kg (a half-way value goes up).

LIFTS_531 = {1: "Overhead press", 2: "Deadlift", 3: "Bench press", 4: "Back squat"}
SESSIONS_531 = {1: "Press", 2: "Deadlift", 3: "Bench press", 4: "Squat"}
ASSISTANCE_531 = {
    1: ("Chin-up", "Rest 90 s · Any grip; fewer reps is fine.", sets(5, "10", "—")),
    2: ("Hanging knee raise", "Rest 60 s", sets(5, "15", "—")),
    3: ("One-arm dumbbell row", "Rest 60 s", sets(5, "10 / side", "—")),
    4: ("Leg curl", "Rest 60 s", sets(5, "10", "—")),
}
TARGETS_531 = {
    1: ["5", "5", "5+"],  # week 1: 5, 5, 5+
    2: ["3", "3", "3+"],  # week 2: 3, 3, 3+
    3: ["5", "3", "1+"],  # week 3: 5, 3, 1+
    4: ["5", "5", "5"],  # deload: 5, 5, 5 and no "+"
}
MAIN_531: dict[int, dict[int, list[str]]] = {
    1: {  # 65 / 75 / 85 % TM
        1: kg(35, 40, 45),  # 54 x .65/.75/.85 = 35.1 / 40.5 / 45.9
        2: kg(105, 122.5, 137.5),  # 162 x = 105.3 / 121.5 / 137.7
        3: kg(57.5, 67.5, 77.5),  # 90 x = 58.5 / 67.5 / 76.5
        4: kg(82.5, 95, 107.5),  # 126 x = 81.9 / 94.5 / 107.1
    },
    2: {  # 70 / 80 / 90 % TM
        1: kg(37.5, 42.5, 47.5),  # 54 x .70/.80/.90 = 37.8 / 43.2 / 48.6
        2: kg(112.5, 130, 145),  # 162 x = 113.4 / 129.6 / 145.8
        3: kg(62.5, 72.5, 80),  # 90 x = 63 / 72 / 81
        4: kg(87.5, 100, 112.5),  # 126 x = 88.2 / 100.8 / 113.4
    },
    3: {  # 75 / 85 / 95 % TM
        1: kg(40, 45, 52.5),  # 54 x .75/.85/.95 = 40.5 / 45.9 / 51.3
        2: kg(122.5, 137.5, 155),  # 162 x = 121.5 / 137.7 / 153.9
        3: kg(67.5, 77.5, 85),  # 90 x = 67.5 / 76.5 / 85.5
        4: kg(95, 107.5, 120),  # 126 x = 94.5 / 107.1 / 119.7
    },
    4: {  # deload 40 / 50 / 60 % TM
        1: kg(22.5, 27.5, 32.5),  # 54 x .40/.50/.60 = 21.6 / 27 / 32.4
        2: kg(65, 80, 97.5),  # 162 x = 64.8 / 81 / 97.2
        3: kg(35, 45, 55),  # 90 x = 36 / 45 / 54
        4: kg(50, 62.5, 75),  # 126 x = 50.4 / 63 / 75.6
    },
    5: {  # 65 / 75 / 85 % of the cycle-2 TM
        1: kg(37.5, 42.5, 47.5),  # 56.5 x .65/.75/.85 = 36.725 / 42.375 / 48.025
        2: kg(107.5, 125, 142.5),  # 167 x = 108.55 / 125.25 / 141.95
        3: kg(60, 70, 77.5),  # 92.5 x = 60.125 / 69.375 / 78.625
        4: kg(85, 97.5, 112.5),  # 131 x = 85.15 / 98.25 / 111.35
    },
    6: {  # 70 / 80 / 90 %
        1: kg(40, 45, 50),  # 56.5 x .70/.80/.90 = 39.55 / 45.2 / 50.85
        2: kg(117.5, 132.5, 150),  # 167 x = 116.9 / 133.6 / 150.3
        3: kg(65, 75, 82.5),  # 92.5 x = 64.75 / 74 / 83.25
        4: kg(92.5, 105, 117.5),  # 131 x = 91.7 / 104.8 / 117.9
    },
    7: {  # 75 / 85 / 95 %
        1: kg(42.5, 47.5, 52.5),  # 56.5 x .75/.85/.95 = 42.375 / 48.025 / 53.675
        2: kg(125, 142.5, 157.5),  # 167 x = 125.25 / 141.95 / 158.65
        3: kg(70, 77.5, 87.5),  # 92.5 x = 69.375 / 78.625 / 87.875
        4: kg(97.5, 112.5, 125),  # 131 x = 98.25 / 111.35 / 124.45
    },
    8: {  # deload 40 / 50 / 60 %
        1: kg(22.5, 27.5, 35),  # 56.5 x .40/.50/.60 = 22.6 / 28.25 / 33.9
        2: kg(67.5, 82.5, 100),  # 167 x = 66.8 / 83.5 / 100.2
        3: kg(37.5, 47.5, 55),  # 92.5 x = 37 / 46.25 (half-way: up) / 55.5
        4: kg(52.5, 65, 77.5),  # 131 x = 52.4 / 65.5 / 78.6
    },
}
BBB_531 = {  # 5 x 10 at 50 % TM, by cycle
    1: {
        1: kg(27.5),  # 54 x .5 = 27
        2: kg(80),  # 162 x .5 = 81
        3: kg(45),  # 90 x .5 = 45
        4: kg(62.5),  # 126 x .5 = 63
    },
    2: {
        1: kg(27.5),  # 56.5 x .5 = 28.25
        2: kg(82.5),  # 167 x .5 = 83.5
        3: kg(47.5),  # 92.5 x .5 = 46.25 (half-way: up)
        4: kg(65),  # 131 x .5 = 65.5
    },
}
BBB_REST = {1: "90 s", 2: "2 min", 3: "90 s", 4: "2 min"}


@pytest.mark.parametrize("week", range(1, 9))
def test_531_main_sets(booklet: Callable[[str], Booklet], week: int) -> None:
    """The three main sets of each day: Wendler's percentages of the training max, the "+" on
    the last set of weeks 1-3 (none in the deload), loads to the nearest 2.5 kg."""
    days = booklet("531-bbb").days
    targets = TARGETS_531[(week - 1) % 4 + 1]
    deload = " · deload" if week % 4 == 0 else ""
    for number, lift in LIFTS_531.items():
        day = days[week, number]
        assert day.title == SESSIONS_531[number] + deload
        main = day.named(lift)[0]
        expected = list(zip(["1", "2", "3"], targets, MAIN_531[week][number], strict=True))
        assert (main.details, main.grid) == ("Rest 3 min", expected), (week, lift)


@pytest.mark.parametrize("week", [1, 2, 3, 5, 6, 7])
def test_531_boring_but_big(booklet: Callable[[str], Booklet], week: int) -> None:
    """After the main sets, 5 x 10 of the same lift at 50 % TM, then the assistance exercise."""
    days = booklet("531-bbb").days
    for number, lift in LIFTS_531.items():
        day = days[week, number]
        [load] = BBB_531[1 if week < 4 else 2][number]
        bbb = (lift, f"Rest {BBB_REST[number]} · Boring But Big", sets(5, "10", load))
        assert day.table()[1:] == [bbb, ASSISTANCE_531[number]], (week, lift)


@pytest.mark.parametrize("week", [4, 8])
def test_531_deload_has_no_boring_but_big(booklet: Callable[[str], Booklet], week: int) -> None:
    """The deload week is the three light sets and the assistance: no 5 x 10 of the lift."""
    days = booklet("531-bbb").days
    for number, lift in LIFTS_531.items():
        day = days[week, number]
        assert [block.name for block in day.blocks] == [lift, ASSISTANCE_531[number][0]]
        assert day.table()[1] == ASSISTANCE_531[number]
        assert "Boring But Big" not in day.text
        assert "+" not in "".join(target for _, target, _ in day.blocks[0].grid)


# -- StrongLifts 5x5 -------------------------------------------------------------------------------
# A = squat, bench, row 5 x 5; B = squat, press 5 x 5, deadlift 1 x 5; A B A, then B A B.
# +2.5 kg each session a lift is trained (deadlift +5 kg).

STRONGLIFTS_ORDER = ["A", "B"] * 6  # A B A / B A B / A B A / B A B
STRONGLIFTS: dict[str, tuple[int, list[str]]] = {
    # exercise: (sets of 5, its load session by session)
    "Back squat": (5, kg(60, 62.5, 65, 67.5, 70, 72.5, 75, 77.5, 80, 82.5, 85, 87.5)),  # 60 + 2.5n
    "Bench press": (5, kg(40, 42.5, 45, 47.5, 50, 52.5)),  # A only, 6 sessions: 40 + 2.5n
    "Bent-over barbell row": (5, kg(40, 42.5, 45, 47.5, 50, 52.5)),  # A only: 40 + 2.5n
    "Overhead press": (5, kg(30, 32.5, 35, 37.5, 40, 42.5)),  # B only, 6 sessions: 30 + 2.5n
    "Deadlift": (1, kg(60, 65, 70, 75, 80, 85)),  # B only, 1 x 5: 60 + 5n
}


def test_stronglifts_workouts_alternate(booklet: Callable[[str], Booklet]) -> None:
    """Twelve sessions over four weeks, A B A / B A B / A B A / B A B, each its three lifts."""
    days = booklet("stronglifts-5x5").in_order()
    assert [day.title for day in days] == [f"Workout {w}" for w in STRONGLIFTS_ORDER]
    lifts = {
        "A": ["Back squat", "Bench press", "Bent-over barbell row"],
        "B": ["Back squat", "Overhead press", "Deadlift"],
    }
    for day, workout in zip(days, STRONGLIFTS_ORDER, strict=True):
        assert [block.name for block in day.blocks] == lifts[workout]
        assert {block.details for block in day.blocks} == {"Rest 3 min"}


@pytest.mark.parametrize("exercise", sorted(STRONGLIFTS))
def test_stronglifts_loads_session_by_session(
    booklet: Callable[[str], Booklet], exercise: str
) -> None:
    """Each lift, in every session it is trained, is straight sets at one load, 2.5 kg (the
    deadlift 5 kg) above the session before: the whole sequence, not only its ends."""
    count, loads = STRONGLIFTS[exercise]
    blocks = booklet("stronglifts-5x5").sessions_of(exercise)
    assert uniform_loads(blocks, count, "5") == loads


# -- Starting Strength -----------------------------------------------------------------------------
# A = squat 3x5, press 3x5, deadlift 1x5; B = squat 3x5, bench 3x5, deadlift 1x5 in weeks 1-2,
# then the power clean 5x3 instead. Every session: squat +2.5, press and bench +1.25, deadlift +5,
# power clean +2.5. Eighteen sessions: A B A, B A B, ... (9 A, 9 B; B has the deadlift 3 times).

SS_ORDER = ["A", "B", "A", "B", "A", "B"] * 3  # weeks 1-2, 3-4, 5-6
SS_LOADS: dict[str, tuple[int, str, list[str]]] = {
    # exercise: (sets, reps, load session by session)
    "Back squat": (  # every session: 60 + 2.5 x 0..17
        3,
        "5",
        kg(60, 62.5, 65, 67.5, 70, 72.5, 75, 77.5, 80, 82.5, 85, 87.5, 90, 92.5, 95, 97.5)
        + kg(100, 102.5),
    ),
    "Overhead press": (3, "5", kg(30, 31.25, 32.5, 33.75, 35, 36.25, 37.5, 38.75, 40)),  # 30+1.25n
    "Bench press": (3, "5", kg(45, 46.25, 47.5, 48.75, 50, 51.25, 52.5, 53.75, 55)),  # 45+1.25n
    # 9 A sessions and the first 3 B sessions, in training order: 80 + 5 x 0..11
    "Deadlift": (1, "5", kg(80, 85, 90, 95, 100, 105, 110, 115, 120, 125, 130, 135)),
    "Power clean": (5, "3", kg(40, 42.5, 45, 47.5, 50, 52.5)),  # B in weeks 3-6: 40 + 2.5n
}


def test_starting_strength_workouts(booklet: Callable[[str], Booklet]) -> None:
    """A and B alternate; B has the deadlift in weeks 1-2 and the power clean from week 3."""
    days = booklet("starting-strength").in_order()
    assert [day.title for day in days] == [f"Workout {w}" for w in SS_ORDER]
    for day, workout in zip(days, SS_ORDER, strict=True):
        third = "Power clean" if day.week >= 3 else "Deadlift"
        expected = {
            "A": ["Back squat", "Overhead press", "Deadlift"],
            "B": ["Back squat", "Bench press", third],
        }[workout]
        assert [block.name for block in day.blocks] == expected, (day.week, day.number)


@pytest.mark.parametrize("exercise", sorted(SS_LOADS))
def test_starting_strength_loads_session_by_session(
    booklet: Callable[[str], Booklet], exercise: str
) -> None:
    """Each lift goes up every session it is trained; the deadlift keeps one progression
    across A and B, and the power clean starts at its written load in week 3."""
    count, reps, loads = SS_LOADS[exercise]
    blocks = booklet("starting-strength").sessions_of(exercise)
    assert uniform_loads(blocks, count, reps) == loads


# -- GZCLP -----------------------------------------------------------------------------------------
# A1 B1 A2 / B2 A1 B1. T1 5x3+, T2 3x10, T3 3x15+. T1 and T2 +2.5 kg a session (squat and
# deadlift +5 kg), each tier on its own weight; T3 stays until its last set reaches 25.

T1 = [("1", "3"), ("2", "3"), ("3", "3"), ("4", "3"), ("5", "3+")]
T2 = [("1", "10"), ("2", "10"), ("3", "10")]
T3 = [("1", "15"), ("2", "15"), ("3", "15+")]


def tier(name: str, rest: str, label: str, shape: list[tuple[str, str]], load: float) -> Printed:
    """A GZCLP exercise as printed: every set at one load, the tier after the rest."""
    [printed] = kg(load)
    return (name, f"Rest {rest} · {label}", [(s, t, printed) for s, t in shape])


GZCLP = {
    (1, 1, "A1"): [
        tier("Back squat", "3-5 min", "T1", T1, 80),  # start
        tier("Bench press", "2-3 min", "T2", T2, 40),  # start
        tier("Lat pulldown", "60-90 s", "T3", T3, 35),  # start
    ],
    (1, 2, "B1"): [
        tier("Overhead press", "3-5 min", "T1", T1, 35),
        tier("Deadlift", "2-3 min", "T2", T2, 70),
        tier("One-arm dumbbell row", "60-90 s", "T3", T3, 16),
    ],
    (1, 3, "A2"): [
        tier("Bench press", "3-5 min", "T1", T1, 55),  # T1 bench: its own weight, not T2's
        tier("Back squat", "2-3 min", "T2", T2, 55),
        tier("Lat pulldown", "60-90 s", "T3", T3, 35),
    ],
    (2, 1, "B2"): [
        tier("Deadlift", "3-5 min", "T1", T1, 100),
        tier("Overhead press", "2-3 min", "T2", T2, 25),
        tier("One-arm dumbbell row", "60-90 s", "T3", T3, 16),
    ],
    (2, 2, "A1"): [
        tier("Back squat", "3-5 min", "T1", T1, 85),  # 80 + 5
        tier("Bench press", "2-3 min", "T2", T2, 42.5),  # 40 + 2.5
        tier("Lat pulldown", "60-90 s", "T3", T3, 35),  # flat
    ],
    (2, 3, "B1"): [
        tier("Overhead press", "3-5 min", "T1", T1, 37.5),  # 35 + 2.5
        tier("Deadlift", "2-3 min", "T2", T2, 75),  # 70 + 5
        tier("One-arm dumbbell row", "60-90 s", "T3", T3, 16),  # flat
    ],
}


@pytest.mark.parametrize("session", sorted(GZCLP), ids=lambda s: f"week{s[0]}-day{s[1]}-{s[2]}")
def test_gzclp_sessions(booklet: Callable[[str], Booklet], session: tuple[int, int, str]) -> None:
    """Four workouts over three days a week; T1 and T2 of a lift climb separately, each the
    session it is trained; T3 stays flat; the "+" only on the last set of T1 and T3."""
    week, number, name = session
    day = booklet("gzclp").days[week, number]
    assert day.title == name
    assert day.table() == GZCLP[session]


# -- Texas Method ----------------------------------------------------------------------------------
# From 5-rep maxes squat 140, bench 100, press 60, deadlift 180; nearest 2.5 kg; +2.5 kg a week
# (the bench press and the press each cycle of two weeks, as they take turns).

TEXAS: dict[tuple[int, int], tuple[str, list[Printed]]] = {
    (1, 1): (
        "Volume day",
        [
            ("Back squat", "Rest 3-5 min", sets(5, "5", "125 kg")),  # 140 x .9 = 126
            ("Bench press", "Rest 3-5 min", sets(5, "5", "90 kg")),  # 100 x .9 = 90
            ("Deadlift", "Rest 3-5 min", sets(1, "5", "162.5 kg")),  # 180 x .9 = 162
        ],
    ),
    (1, 2): (
        "Light day",
        [
            # 80 % of Monday's 125 = 100 (= 72 % of 140 = 100.8)
            ("Back squat", "Rest 2-3 min · 80% of Monday's weight", sets(2, "5", "100 kg")),
            ("Overhead press", "Rest 3 min", sets(3, "5", "55 kg")),  # 60 x .9 = 54
            ("Chin-up", "Rest 2 min", sets(3, "AMRAP", "—")),  # body weight
        ],
    ),
    (1, 3): (
        "Intensity day",
        [
            ("Back squat", "Rest 5 min · A new best for five", sets(1, "5", "142.5 kg")),  # 140+2.5
            ("Bench press", "Rest 5 min", sets(1, "5", "102.5 kg")),  # 100 + 2.5
            ("Power clean", "Rest 2-3 min", sets(5, "3", "60 kg")),  # as written
        ],
    ),
    (2, 1): (
        "Volume day",
        [
            ("Back squat", "Rest 3-5 min", sets(5, "5", "127.5 kg")),  # 125 + 2.5
            # The press's week on Monday and Friday: 60 x .9 = 54 → 55 (its cycle's first)
            ("Overhead press", "Rest 3-5 min", sets(5, "5", "55 kg")),
            ("Deadlift", "Rest 3-5 min", sets(1, "5", "165 kg")),  # 162.5 + 2.5
        ],
    ),
    (2, 2): (
        "Light day",
        [
            # 80 % of Monday's 127.5 = 102 (= 100 + 2.5)
            ("Back squat", "Rest 2-3 min · 80% of Monday's weight", sets(2, "5", "102.5 kg")),
            (
                "Bench press",
                "Rest 3 min",
                sets(3, "5", "90 kg"),
            ),  # the bench's light week: 100 x .9
            ("Chin-up", "Rest 2 min", sets(3, "AMRAP", "—")),
        ],
    ),
    (2, 3): (
        "Intensity day",
        [
            ("Back squat", "Rest 5 min · A new best for five", sets(1, "5", "145 kg")),  # +2.5
            ("Overhead press", "Rest 5 min", sets(1, "5", "62.5 kg")),  # 60 + 2.5
            ("Power clean", "Rest 2-3 min", sets(5, "3", "62.5 kg")),  # 60 + 2.5
        ],
    ),
}


@pytest.mark.parametrize("key", sorted(TEXAS), ids=lambda k: f"week{k[0]}-day{k[1]}")
def test_texas_method_days(booklet: Callable[[str], Booklet], key: tuple[int, int]) -> None:
    """Volume at 90 % of the five-rep max, the light squat at 80 % of Monday's, a new five-rep
    best on Friday; the squat, deadlift and clean 2.5 kg heavier in week 2, where the press
    takes the bench press's place on Monday and Friday and the bench press is Wednesday's."""
    day = booklet("texas-method").days[key]
    assert (day.title, day.table()) == TEXAS[key]


# -- Pyramid ---------------------------------------------------------------------------------------


def pyramid(name: str, rest: str, *loads: float) -> Printed:
    """12, 10, 8, 6 reps, one load each, as written in the plan."""
    reps = ["12", "10", "8", "6"]
    rows = [(str(n), r, w) for n, r, w in zip(range(1, 5), reps, kg(*loads), strict=True)]
    return (name, f"Rest {rest}", rows)


PYRAMID = {
    (1, 1): (
        "Upper body",
        [
            pyramid("Bench press", "2 min", 50, 55, 60, 65),
            pyramid("Lat pulldown", "2 min", 45, 50, 55, 60),
            pyramid("Dumbbell shoulder press", "90 s", 12, 14, 16, 18),  # 2 kg steps, as written
        ],
    ),
    (1, 2): (
        "Lower body",
        [
            pyramid("Back squat", "2-3 min", 60, 70, 80, 90),
            pyramid("Romanian deadlift", "2 min", 50, 60, 70, 80),
            pyramid("Leg press", "2 min", 100, 120, 140, 160),
        ],
    ),
}


@pytest.mark.parametrize("key", sorted(PYRAMID), ids=lambda k: f"day{k[1]}")
def test_pyramid_days(booklet: Callable[[str], Booklet], key: tuple[int, int]) -> None:
    """Every exercise climbs 12 / 10 / 8 / 6 with its load rising set by set."""
    day = booklet("pyramid").days[key]
    assert (day.title, day.table()) == PYRAMID[key]


# -- Push, pull, legs by reps in reserve -----------------------------------------------------------


def ppl_week(rir: int) -> dict[str, list[Printed]]:
    """One week of the plan: loads as written (no progression), RIR 3, 2, 1, 0 by week, with a
    box labelled RIR to log the reps left in reserve; the rest-pause exercise's third set is
    followed by two AMRAP mini-sets at the same load."""

    def straight(name: str, rest: str, count: int, reps: str, load: float) -> Printed:
        return (name, f"Rest {rest} · RIR {rir} RIR", sets(count, reps, *kg(load)))

    def rest_pause(name: str, rest: str, reps: str, load: float) -> Printed:
        [printed] = kg(load)
        rows = [*sets(3, reps, printed), ("RP1", "AMRAP", printed), ("RP2", "AMRAP", printed)]
        return (name, f"Rest {rest} · RIR {rir} RIR", rows)

    return {
        "Push": [
            straight("Bench press", "2-3 min", 3, "8", 70),
            straight("Overhead press", "2 min", 3, "10", 35),
            straight("Incline dumbbell press", "90 s", 3, "12", 20),
            straight("Lateral raise", "60 s", 3, "15", 8),
            rest_pause("Triceps pushdown", "60 s", "12", 25),
        ],
        "Pull": [
            straight("Bent-over barbell row", "2-3 min", 3, "8", 60),
            rest_pause("Lat pulldown", "90 s", "10", 55),
            straight("Face pull", "60 s", 3, "15", 15),
            straight("Biceps curl", "60 s", 3, "12", 12),
        ],
        "Legs": [
            straight("Back squat", "3 min", 3, "8", 90),
            straight("Romanian deadlift", "2 min", 3, "10", 80),
            rest_pause("Leg press", "90 s", "12", 140),
            straight("Leg curl", "60 s", 3, "12", 35),
            straight("Standing calf raise", "60 s", 3, "15", 60),
        ],
    }


@pytest.mark.parametrize(("week", "rir"), [(1, 3), (2, 2), (3, 1), (4, 0)])
def test_ppl_reps_in_reserve_by_week(
    booklet: Callable[[str], Booklet], week: int, rir: int
) -> None:
    """RIR 3 in week 1, then 2, 1 and 0; the rest-pause mini-sets are rows RP1 and RP2."""
    days = booklet("ppl-rir").days
    expected = ppl_week(rir)
    for number, session in enumerate(expected, 1):
        day = days[week, number]
        assert (day.title, day.table()) == (session, expected[session])


# -- McGill big 3 ----------------------------------------------------------------------------------

HOLDS = ["6 × 10 s", "4 × 10 s", "2 × 10 s"]  # reps 6 / 4 / 2, each a 10-second hold
BOTH_SIDES = [(f"{n} {side}", hold) for n, hold in enumerate(HOLDS, 1) for side in "LR"]
MCGILL = [
    (
        "McGill curl-up",
        "Rest 30 s · Swap the bent knee halfway through.",
        [(str(n), hold, "") for n, hold in enumerate(HOLDS, 1)],
    ),
    ("Side plank", "Rest 30 s · On your knees to start.", [(s, h, "") for s, h in BOTH_SIDES]),
    (
        "Bird dog",
        "Rest 30 s · Make a fist and tense the arm; sweep between reps.",
        [(s, h, "") for s, h in BOTH_SIDES],
    ),
]


@pytest.mark.parametrize("number", range(1, 7))
def test_mcgill_big_3_days(booklet: Callable[[str], Booklet], number: int) -> None:
    """Six days, Monday 4 January 2027 to Saturday; 6 / 4 / 2 holds of 10 s, sides in rows of their
    own (1 L, 1 R, 2 L, ...), and no load column for body-weight holds."""
    day = booklet("mcgill-big-3").days[1, number]
    # Monday 4 January 2027 and the five days after it
    weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert (day.title, day.date) == ("Big 3", f"{weekdays[number - 1]} {3 + number} Jan 2027")
    assert day.table() == MCGILL
    assert "Load" not in day.blocks[0].rows[0].cells


# -- EMOM 20 ---------------------------------------------------------------------------------------

EMOM = [
    # odd minutes 10 swings at 24 kg, even minutes 5 push-ups: minute n is row n
    ("Kettlebell swing", "", [(str(n), "10", "24 kg")])
    if n % 2
    else ("Push-up", "", [(str(n), "5", "—")])
    for n in range(1, 21)
]


@pytest.mark.parametrize(("number", "date"), [(1, "Tue 5 Jan 2027"), (2, "Sat 9 Jan 2027")])
def test_emom_20_days(booklet: Callable[[str], Booklet], number: int, date: str) -> None:
    """Tuesday and Saturday: twenty rows, minute 1 to 20, swings and push-ups in turn."""
    day = booklet("emom-20").days[1, number]
    assert (day.title, day.date) == ("EMOM", date)
    assert "EMOM 20 minutes · every 1 min" in day.text
    assert day.table() == EMOM


# -- Couch to 5K -----------------------------------------------------------------------------------

Step = tuple[str, str, str]  # (name, set, target)


def run(target: str) -> Step:
    return ("Running", "", target)


def walk(target: str) -> Step:
    return ("Walking", "", target)


def rounds(count: int, *steps: tuple[str, str]) -> list[Step]:
    """`count` x (steps), each step numbered by its round."""
    return [(name, str(n), target) for n in range(1, count + 1) for name, target in steps]


SAME_RUNS = {
    1: rounds(8, ("Running", "60 s"), ("Walking", "90 s")),  # 8 x 2.5 min = 20 min
    2: rounds(6, ("Running", "90 s"), ("Walking", "2 min")),
    3: rounds(
        2, ("Running", "90 s"), ("Walking", "90 s"), ("Running", "3 min"), ("Walking", "3 min")
    ),
    4: [
        *(run("3 min"), walk("90 s"), run("5 min"), walk("2.5 min")),
        *(run("3 min"), walk("90 s"), run("5 min")),
    ],
    7: [run("25 min")],
    8: [run("28 min")],
    9: [run("30 min")],  # every run of week 9 is 30 minutes
}
C25K: dict[tuple[int, int], list[Step]] = {
    **{(week, number): steps for week, steps in SAME_RUNS.items() for number in (1, 2, 3)},
    (5, 1): [run("5 min"), walk("3 min"), run("5 min"), walk("3 min"), run("5 min")],
    (5, 2): [run("8 min"), walk("5 min"), run("8 min")],
    (5, 3): [run("20 min")],  # week 5's third run: 20 minutes without walking
    (6, 1): [run("5 min"), walk("3 min"), run("8 min"), walk("3 min"), run("5 min")],
    (6, 2): [run("10 min"), walk("3 min"), run("10 min")],
    (6, 3): [run("25 min")],
}


@pytest.mark.parametrize("key", sorted(C25K), ids=lambda k: f"week{k[0]}-run{k[1]}")
def test_couch_to_5k_runs(booklet: Callable[[str], Booklet], key: tuple[int, int]) -> None:
    """Every run: the brisk 5-minute walk, then the NHS intervals of its week, a row each."""
    day = booklet("couch-to-5k").days[key]
    assert day.title == f"Run {key[1]}"
    assert "Warm-up · A brisk walk" in day.text
    steps = []
    for block in day.blocks:
        [(label, target, load)] = block.grid
        assert (block.details, load) == ("", "")
        steps.append((block.name, label, target))
    assert steps == [walk("5 min"), *C25K[key]]
