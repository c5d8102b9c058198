"""The booklet, as a recipe of its stages: plan → schedule → layout → PDF → file.

`render_booklet` is the library call behind `pdfgen build`; its keywords are named like the
command-line options.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from pdfgen.compose.text import bytes_at_most, without_invisibles
from pdfgen.errors import InputError, Problem
from pdfgen.io.resources import builtin_layouts
from pdfgen.io.writing import check_destination, write_atomic, write_stream
from pdfgen.pdf.impose import Mode
from pdfgen.plan.client import ClientOptions, check_options, weeks_to_print
from pdfgen.plan.loading import load_plan
from pdfgen.plan.loads import Load
from pdfgen.plan.model import Plan
from pdfgen.render.fonts import FontSet, register
from pdfgen.schedule.expand import expand_checked
from pdfgen.schedule.model import Schedule
from pdfgen.style.layout import Layout
from pdfgen.style.loading import load_layout

DEFAULT_NAME_BYTES = 120


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
    weeks: int | str | None = None,
    start: date | str | None = None,
    page_size: str | None = None,
    units: str = "kg",
    layout: str | Path | Layout | None = None,
    days: str | Sequence[str] | None = None,
    maxes: Mapping[str, str | float | Load] | Sequence[str] | None = None,
    notes: str = "",
    fillable: bool = False,
    field_prefix: str = "",
    impose: Mode | None = None,
    logo: str | Path | None = None,
    brand_color: str | None = None,
    force: bool = False,
) -> BookletResult:
    """Render a client's booklet for `plan` (a Plan, a plan file or a built-in plan id).

    `out` is a path (written atomically; an existing file is kept unless `force`) or a binary
    file object. The client's options take the forms the command line takes (see
    `pdfgen.plan.options.OPTIONS`): `days` are training weekdays ("mon,thu"), which with
    `start` date every session; `maxes` are one-rep maxes by exercise ("pull-up": "80kg") for
    percentage loads; `notes` print on the cover. `fillable` puts a form field on every blank
    cell (names start with `field_prefix` when booklets will be merged); `impose` ("saddle" or
    "2up") puts two pages on each sheet for printing. `logo` (a PNG or JPEG) and `brand_color`
    ('#rrggbb') put the trainer's brand on it, over the layout's own. Raises `InputError` for
    bad input and `OutputError` when it cannot write.
    """
    plan = plan if isinstance(plan, Plan) else load_plan(plan)
    options = check_options(
        plan,
        client=client,
        trainer=trainer,
        weeks=weeks,
        start=start,
        units=units,
        page_size=page_size,
        days=days,
        maxes=maxes,
        notes=notes,
    )
    chosen = layout if isinstance(layout, Layout) else pick_layout(layout, options.page_size)
    chosen = branded(chosen, logo, brand_color)
    schedule = expand_checked(plan, options)
    form = _Form(fillable, field_prefix, impose)
    return _produce(schedule, chosen, options, out, force, form=form)


def render_log(
    plan: Plan | str | Path,
    out: str | Path | IO[bytes],
    *,
    weeks: str | int = "all",
    block_weeks: int | str | None = None,
    client: str = "",
    trainer: str = "",
    start: date | str | None = None,
    page_size: str | None = None,
    units: str = "kg",
    layout: str | Path | Layout | None = None,
    days: str | Sequence[str] | None = None,
    maxes: Mapping[str, str | float | Load] | Sequence[str] | None = None,
    fillable: bool = False,
    impose: Mode | None = None,
    logo: str | Path | None = None,
    brand_color: str | None = None,
    force: bool = False,
) -> BookletResult:
    """Render weekly log sheets: one sheet per week of `weeks` ("1-4", "3", "2,5-6", "all",
    or a week's number), each with that week's targets, to clip to a board. `block_weeks` is
    the length of the client's block (a client file's `weeks`; default the plan's): "all"
    prints every week of it, and a range past it lengthens it, so that the sheets match a
    booklet of that block.
    Options as for `render_booklet`; the layout defaults to the built-in `log` (landscape)."""
    plan = plan if isinstance(plan, Plan) else load_plan(plan)
    options = check_options(
        plan,
        client=client,
        trainer=trainer,
        weeks=block_weeks,
        start=start,
        units=units,
        page_size=page_size,
        days=days,
        maxes=maxes,
    )
    block = options.weeks or plan.weeks
    wanted = weeks_to_print(str(weeks), block)
    chosen = layout if isinstance(layout, Layout) else pick_layout(layout, options.page_size, "log")
    chosen = branded(chosen, logo, brand_color)
    schedule = expand_checked(plan, options, max(block, *wanted))
    form = _Form(fillable, "", impose)
    return _produce(schedule, chosen, options, out, force, only_weeks=wanted, form=form)


@dataclass(frozen=True)
class _Form:
    """How the document is made for its use: filled on a tablet, printed two to a sheet."""

    fillable: bool = False
    prefix: str = ""
    impose: Mode | None = None


def _produce(
    schedule: Schedule,
    layout: Layout,
    options: ClientOptions,
    out: str | Path | IO[bytes],
    force: bool,
    only_weeks: list[int] | None = None,
    form: _Form | None = None,
) -> BookletResult:
    form = form or _Form()
    if isinstance(out, str | Path):
        check_destination(out, force=force)  # before the work, not only after it
    fonts = register(layout.fonts)
    fonts.forget()
    data, pages = render_pdf(
        schedule,
        layout,
        fonts,
        client=options.client,
        trainer=options.trainer,
        notes=options.notes,
        only_weeks=only_weeks,
        fillable=form.fillable,
        field_prefix=form.prefix,
    )
    warnings = schedule.warnings + glyph_warnings(fonts.missing())
    if form.impose:
        from pdfgen.pdf.impose import impose, sheet_sides

        data = impose(
            data, form.impose, source=str(out) if isinstance(out, str | Path) else "the booklet"
        )
        pages = len(sheet_sides(pages, form.impose))  # each sheet side is a page
    if isinstance(out, str | Path):
        path = write_atomic(out, data, force=force)
        return BookletResult(pages, len(data), path, warnings)
    write_stream(out, data)
    return BookletResult(pages, len(data), None, warnings)


def render_pdf(
    schedule: Schedule,
    layout: Layout,
    fonts: FontSet,
    *,
    client: str = "",
    trainer: str = "",
    notes: str = "",
    only_weeks: list[int] | None = None,
    fillable: bool = False,
    field_prefix: str = "",
) -> tuple[bytes, int]:
    """The document's PDF bytes and its number of pages. A `fillable` document has form fields,
    named with `field_prefix` first when it will be merged with others."""
    # reportlab loads only when drawing
    from reportlab.platypus.doctemplate import LayoutError

    from pdfgen.render.document import BookletRenderer, BookletText
    from pdfgen.render.widgets import FieldMaker

    buffer = io.BytesIO()
    details = BookletText(client=client, trainer=trainer, notes=notes)
    fields = (
        FieldMaker(
            layout,
            schedule.units,
            prefix=field_prefix,
            program=schedule.plan.program,
            client=client,
        )
        if fillable
        else None
    )
    renderer = BookletRenderer(
        schedule, layout, fonts, details, only_weeks=only_weeks, fields=fields
    )
    try:
        pages = renderer.render(buffer)
    except LayoutError:
        # Something the layout's checks let through still cannot fit a page.
        raise InputError(
            [
                Problem(
                    "layout",
                    (
                        "the page is too small for what it must hold; use larger paper, "
                        "smaller margins or smaller type in the layout."
                    ),
                )
            ]
        ) from None
    if fields is not None:
        from pdfgen.pdf.packing import PackingError, pack_objects

        # A thousand fields and more, written one object each, would double the file.
        try:
            return pack_objects(buffer.getvalue()), pages
        except PackingError:  # a reportlab that lays files out otherwise: larger, still whole
            pass
    return buffer.getvalue(), pages


def pick_layout(layout: str | Path | None, page_size: str | None, kind: str = "") -> Layout:
    """The layout to use: as named; or, for `--page-size a5` alone, the built-in layout made for
    that paper if there is one (`a5` for booklets, `log-a5` for log sheets)."""
    default = kind or "base"
    if layout is None and page_size:
        made_for = f"{kind}-{page_size}" if kind else page_size
        if made_for in builtin_layouts():
            return load_layout(made_for)
    return load_layout(layout or default, page_size=page_size)


def branded(layout: Layout, logo: str | Path | None, color: str | None) -> Layout:
    """The layout with a logo or brand colour given for this booklet, over its own."""
    if logo is None and not color:
        return layout
    from pdfgen.style.loading import with_brand

    return with_brand(layout, logo=Path(logo) if logo else None, color=color or None)


def glyph_warnings(missing: list[str]) -> tuple[str, ...]:
    """A warning naming each character the font could not draw (it printed as a box)."""
    missing = [c for c in missing if not c.isspace()]
    if not missing:
        return ()
    listed = ", ".join(
        f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing[:10]
    )
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return (f"the font has no glyph for {listed}{more}; these print as empty boxes.",)


def default_output_name(plan_source: str | Path, client: str = "", kind: str = "") -> str:
    """A file name made from the plan and the client, safe on every system.

    >>> default_output_name("plans/upper-back.yaml", "Zoë Ørsted")
    'upper-back-zoë-ørsted.pdf'
    >>> default_output_name("upper-back", "../../etc/x")
    'upper-back-etc-x.pdf'
    """
    stem = Path(str(plan_source)).stem
    parts = [stem, *([kind] if kind else []), *([client] if client else [])]
    name = without_invisibles(unicodedata.normalize("NFC", "-".join(parts))).casefold()
    # At most 120 bytes: a file name may have 255, and a folder's own names count too.
    name = bytes_at_most(re.sub(r"[^\w]+", "-", name), DEFAULT_NAME_BYTES).strip("-_.")
    return f"{name or 'booklet'}.pdf"
