"""Helpers shared by the test modules (not fixtures): where things are, fixture-file headers, a
minimal plan, a logo and a layout that brands with it, how the page prints a schedule's numbers,
a day's rows and a grid's writing cells, and the console script.

`support.pdfs` has the independent readers every PDF a test writes must pass, and a form filler;
`support.samples` the catalogue of the committed samples and how they are made.
"""

from __future__ import annotations

import sys
from datetime import date
from functools import cache
from pathlib import Path

from pdfgen.compose.boxes import DayGrid, Rect
from pdfgen.compose.words import Words
from pdfgen.schedule.model import Day, SetTarget

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"  # committed inputs shared by the stages' tests
EXAMPLES = ROOT / "examples"


@cache
def words(units: str = "kg") -> Words:
    """The base layout's words: how the page prints a schedule's numbers."""
    from pdfgen.style.loading import load_layout

    return Words(load_layout().labels, units)


def printed_load(target: SetTarget, units: str = "kg") -> str:
    """A set's load as the base layout prints it: "42.5 kg", "+5 kg", "90%" or ""."""
    return words(units).load(target.load)


def set_label(target: SetTarget) -> str:
    """A set's number as the base layout prints it: "1", "W1"."""
    return words().set_label(target)


def sets_of(day: Day) -> int:
    """A training day's sets, warm-ups included: the rows its grid must have."""
    return sum(len(entry.sets) for entry in day.entries)


def write_cells(grid: DayGrid, role: str | None = None) -> list[Rect]:
    """A composed grid's blank cells for writing in (optionally only those of one role)."""
    return [r for r in grid.rects if r.write and (role is None or r.role == role)]


# The smallest valid plan: one session, one exercise.
MINIMAL_PLAN = """\
program: Upper back
sessions:
  - name: Upper back
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
"""


def plan_with_video(url: str) -> str:
    """MINIMAL_PLAN with a video link for its pull-up (the link on line 10)."""
    return MINIMAL_PLAN + f"exercises:\n  pull-up:\n    video: '{url}'\n"


def logo_png(path: Path, size: tuple[int, int] = (400, 160), mode: str = "RGBA") -> Path:
    """A logo: a PNG of `size` pixels, a third of it red, the rest clear (or white)."""
    from PIL import Image

    image = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    image.paste((200, 40, 40) if mode != "L" else 80, (0, 0, size[0] // 3, size[1]))
    image.save(path)
    return path


def brand_layout(folder: Path, logo: str, extra: str = "") -> Path:
    """folder/brand.yaml: a trainer's layout with that logo (line 3) and a contact line."""
    layout = folder / "brand.yaml"
    layout.write_text(
        f"# A trainer's layout\nbrand:\n  logo: {logo}\n  contact: Sam Taylor · sam@example.com\n"
        + extra,
        encoding="utf-8",
    )
    return layout


def header(path: Path) -> dict[str, list[str]]:
    """The `# key: value` lines at the top of a fixture file (`# expect:`, `# line:`, ...)."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(": ")
        if sep:
            found.setdefault(key, []).append(value.strip())
    return found


def console_script() -> list[str]:
    """The installed `pdfgen` console script (what a user runs), or `python -m pdfgen` where
    it is not installed beside this interpreter."""
    script = Path(sys.executable).with_name("pdfgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pdfgen"]


def handles_signal(pid: int, signum: int) -> bool:
    """Whether process `pid` has a handler of its own for `signum` (Linux: /proc; elsewhere
    True, and the caller's delay has to do)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return True


def shown_date(day: date | str) -> str:
    """A date as the base layout prints it, worked out here, not by pdfgen: "Mon 4 Jan 2027"."""
    when = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{when:%a} {when.day} {when:%b %Y}"
