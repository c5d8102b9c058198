"""The booklet, as a recipe of its stages: plan → schedule → layout → PDF → file.

`render_booklet` is the library call behind `pdfgen build`; its keywords are named like the
command-line options.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from pdfgen.errors import InputError, Problem
from pdfgen.layout import Layout, load_layout
from pdfgen.loader import load_plan
from pdfgen.output import write_atomic
from pdfgen.plan import MAX_WEEKS, Plan
from pdfgen.resources import builtin_layouts
from pdfgen.schedule import Schedule, expand
from pdfgen.text import missing_characters
from pdfgen.typefaces import FontSet, register

UNITS = ("kg", "lb")
PAGE_SIZES = ("a4", "letter", "a5")
MAX_NAME = 80


@dataclass(frozen=True)
class BookletResult:
    """What was made: the page count, the file (if written to a path) and any warnings."""

    pages: int
    size: int
    path: Path | None = None
    warnings: tuple[str, ...] = ()


def render_booklet(
    plan: Plan | str | Path,
    out: str | Path | IO[bytes],
    *,
    client: str = "",
    trainer: str = "",
    weeks: int | None = None,
    start: date | str | None = None,
    page_size: str | None = None,
    units: str = "kg",
    layout: str | Path | Layout | None = None,
    force: bool = False,
) -> BookletResult:
    """Render a client's booklet for `plan` (a Plan, a plan file or a built-in plan id).

    `out` is a path (written atomically; an existing file is kept unless `force`) or a binary
    file object. Raises `InputError` for bad input and `OutputError` when it cannot write.
    """
    if not isinstance(plan, Plan):
        plan = load_plan(plan)
    start_date = _check_options(client, trainer, weeks, start, units, page_size)
    chosen = layout if isinstance(layout, Layout) else pick_layout(layout, page_size)
    schedule = expand(plan, weeks=weeks, start=start_date)
    fonts = register(chosen.fonts)
    warnings = glyph_warnings(plan, chosen, fonts, client, trainer)
    data, pages = render_pdf(schedule, chosen, fonts, client=client, trainer=trainer, units=units)
    if isinstance(out, str | Path):
        path = write_atomic(out, data, force=force)
        return BookletResult(pages, len(data), path, warnings)
    out.write(data)
    return BookletResult(pages, len(data), None, warnings)


def render_pdf(
    schedule: Schedule,
    layout: Layout,
    fonts: FontSet,
    *,
    client: str = "",
    trainer: str = "",
    units: str = "kg",
) -> tuple[bytes, int]:
    """The booklet's PDF bytes and its number of pages."""
    from pdfgen.render import BookletRenderer, BookletText  # reportlab loads only when drawing

    buffer = io.BytesIO()
    details = BookletText(client=client, trainer=trainer, units=units, start=schedule.start)
    pages = BookletRenderer(schedule, layout, fonts, details).render(buffer)
    return buffer.getvalue(), pages


def pick_layout(layout: str | Path | None, page_size: str | None) -> Layout:
    """The layout to use: as named; or, for `--page-size a5` alone, the built-in layout made for
    that paper if there is one."""
    if layout is None and page_size in builtin_layouts():
        return load_layout(page_size)
    return load_layout(layout, page_size=page_size)


def _check_options(
    client: str,
    trainer: str,
    weeks: int | None,
    start: date | str | None,
    units: str,
    page_size: str | None,
) -> date | None:
    problems: list[str] = []
    for name, value in (("client", client), ("trainer", trainer)):
        if len(value) > MAX_NAME:
            problems.append(f"--{name} is {len(value)} characters long; the most is {MAX_NAME}.")
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        problems.append(f"--weeks must be from 1 to {MAX_WEEKS}, not {weeks}.")
    if units not in UNITS:
        problems.append(f"--units must be kg or lb, not '{units}'.")
    if page_size is not None and page_size not in PAGE_SIZES:
        problems.append(f"--page-size must be a4, letter or a5, not '{page_size}'.")
    start_date: date | None = None
    if isinstance(start, str):
        try:
            start_date = date.fromisoformat(start)
        except ValueError:
            problems.append(f"--start must be a date written YYYY-MM-DD, not '{start}'.")
    else:
        start_date = start
    if problems:
        raise InputError([Problem("options", p) for p in problems])
    return start_date


def glyph_warnings(plan: Plan, layout: Layout, fonts: FontSet, *names: str) -> tuple[str, ...]:
    """A warning naming each character the font cannot draw (it would print as a box)."""
    texts = [*names, plan.model_dump_json()]
    texts += [exercise.model_dump_json() for exercise in plan.used_exercises.values()]
    texts += [str(v) for v in layout.labels.model_dump().values()]
    missing = missing_characters(texts, fonts.has_glyph)
    if not missing:
        return ()
    listed = ", ".join(
        f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing[:10]
    )
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return (f"the font has no glyph for {listed}{more}; these print as empty boxes.",)


def default_output_name(plan_source: str | Path, client: str = "") -> str:
    """A file name made from the plan and the client, safe on every system.

    >>> default_output_name("plans/upper-back.yaml", "Zoë Ørsted")
    'upper-back-zoë-ørsted.pdf'
    >>> default_output_name("upper-back", "../../etc/x")
    'upper-back-etc-x.pdf'
    """
    stem = Path(str(plan_source)).stem
    parts = [stem] + ([client] if client else [])
    name = "-".join(parts)
    name = unicodedata.normalize("NFC", name).casefold()
    name = re.sub(r"[^\w]+", "-", name).strip("-_.")[:100] or "booklet"
    return f"{name}.pdf"
