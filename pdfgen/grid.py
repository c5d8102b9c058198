"""The geometry of a training day's log grid, decided before anything is drawn.

`compose_day` turns a `Day` and the layout into boxes and text runs with coordinates (points,
origin at the grid's top-left, y growing downwards). The renderer only paints them; tests check
them directly: one row per set, cells big enough for handwriting, nothing outside the width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pdfgen.layout import MM, WRITE_FIELDS, GridColumn, Layout
from pdfgen.schedule import Day, Entry
from pdfgen.text import fit_lines

# Text width in points of (text, bold, size).
Measure = Callable[[str, bool, float], float]
ColorRole = Literal[
    "text", "accent", "muted", "rule", "shade", "header_fill", "header_text", "white"
]

PAD = 1.6 * MM


@dataclass(frozen=True)
class Rect:
    """A box: filled, outlined, or a blank cell for writing in (`write`)."""

    x: float
    y: float
    w: float
    h: float
    fill: ColorRole | None = None
    stroke: ColorRole | None = "rule"
    line_width: float = 0.5
    write: bool = False
    role: str = ""


@dataclass(frozen=True)
class Run:
    """A line of text; `y` is its baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    align: Literal["left", "center", "right"] = "left"
    color: ColorRole = "text"


@dataclass(frozen=True)
class DayGrid:
    """A composed day: its size, boxes and text, and where each exercise's rows are."""

    width: float
    height: float
    rects: tuple[Rect, ...]
    runs: tuple[Run, ...]
    set_rows: int

    def write_cells(self, role: str | None = None) -> list[Rect]:
        """The blank cells a person writes in (optionally only those of one role)."""
        return [r for r in self.rects if r.write and (role is None or r.role == role)]


def column_widths(columns: list[GridColumn], width: float) -> list[float]:
    """Column widths in points: fixed ones as given, '*' ones share what is left.

    >>> from pdfgen.layout import GridColumn as C
    >>> cols = [C(field="exercise", label="", width="*"), C(field="set", label="", width=10)]
    >>> [round(w / MM) for w in column_widths(cols, 100 * MM)]
    [90, 10]
    """
    fixed = sum(c.width * MM for c in columns if c.width != "*")
    flexible = sum(1 for c in columns if c.width == "*")
    share = (width - fixed) / flexible if flexible else 0.0
    return [share if c.width == "*" else c.width * MM for c in columns]


def compose_day(
    day: Day,
    layout: Layout,
    width: float,
    units: str,
    measure: Measure,
    entries: tuple[Entry, ...] | None = None,
    continued: bool = False,
) -> DayGrid:
    """Lay out one training day (or, when it must split, some of its exercises)."""
    grid, sizes, labels = layout.grid, layout.sizes, layout.labels
    rects: list[Rect] = []
    runs: list[Run] = []
    shown = day.entries if entries is None else entries

    # Title bar: the day and session on the left, a box for the date on the right.
    bar_h = grid.row_height * MM
    title = labels.day_title.format(
        week=day.week, day=day.day, session=day.session.name, letter=day.letter
    )
    if continued:
        title = f"{title} {labels.continued}"
    date_w = grid.date_width * MM
    date_label_w = measure(labels.date, False, sizes.small) + 2 * PAD
    rects.append(Rect(0, 0, width, bar_h, fill="header_fill", stroke=None, role="title"))
    title_w = width - date_w - date_label_w - 2 * PAD
    title_line = fit_lines(title, title_w, 1, lambda t: measure(t, True, sizes.subheading))
    runs.append(
        Run(
            PAD,
            _baseline(0, bar_h, sizes.subheading),
            title_line[0],
            sizes.subheading,
            bold=True,
            color="header_text",
        )
    )
    runs.append(
        Run(
            width - date_w - PAD,
            _baseline(0, bar_h, sizes.small),
            labels.date,
            sizes.small,
            align="right",
            color="header_text",
        )
    )
    date_text = day.date.strftime(layout.date_format) if day.date else ""
    rects.append(
        Rect(width - date_w, 0, date_w, bar_h, fill="white", write=not date_text, role="date")
    )
    if date_text:
        runs.append(
            Run(
                width - date_w / 2,
                _baseline(0, bar_h, sizes.grid),
                date_text,
                sizes.grid,
                align="center",
            )
        )

    # Column headings.
    widths = column_widths(grid.columns, width)
    xs = [sum(widths[:i]) for i in range(len(widths))]
    head_y, head_h = bar_h, grid.header_height * MM
    for column, x, w in zip(grid.columns, xs, widths, strict=True):
        rects.append(Rect(x, head_y, w, head_h, fill="shade", role="heading"))
        label = fit_lines(
            column.label.format(units=units),
            w - 2 * PAD,
            1,
            lambda t: measure(t, True, sizes.small),
        )
        runs.append(
            _in_cell(
                label[0],
                x,
                head_y,
                w,
                head_h,
                sizes.small,
                bold=True,
                center=column.field != "exercise",
            )
        )

    # One row per set; the exercise's name spans its rows.
    row_h = grid.row_height * MM
    y = head_y + head_h
    set_rows = 0
    for entry in shown:
        block_h = row_h * len(entry.sets)
        for column, x, w in zip(grid.columns, xs, widths, strict=True):
            if column.field == "exercise":
                rects.append(Rect(x, y, w, block_h, role="exercise"))
                runs += _exercise_text(entry, layout, x, y, w, block_h, measure)
                continue
            for index, target in enumerate(entry.sets):
                row_y = y + index * row_h
                write = column.field in WRITE_FIELDS
                rects.append(
                    Rect(
                        x,
                        row_y,
                        w,
                        row_h,
                        fill="white" if write else None,
                        write=write,
                        role=column.field,
                    )
                )
                value = _cell_value(column.field, entry, target.number, str(target.reps))
                if value:
                    fitted = fit_lines(
                        value, w - 2 * PAD, 1, lambda t: measure(t, False, sizes.grid)
                    )
                    runs.append(_in_cell(fitted[0], x, row_y, w, row_h, sizes.grid))
        # A heavier rule between exercises, so a glance finds where the next one starts.
        rects.append(Rect(0, y, width, block_h, stroke="text", line_width=0.9, role="block"))
        y += block_h
        set_rows += len(entry.sets)

    # Effort and notes for the session.
    notes_h = grid.notes_height * MM
    effort_w = grid.effort_width * MM
    rects.append(Rect(0, y, width, notes_h, fill="shade", role="footer"))
    effort_label_w = measure(labels.effort, False, sizes.small) + 2 * PAD
    runs.append(Run(PAD, _baseline(y, notes_h, sizes.small), labels.effort, sizes.small))
    rects.append(
        Rect(effort_label_w, y, effort_w, notes_h, fill="white", write=True, role="effort")
    )
    notes_x = effort_label_w + effort_w
    notes_label_w = measure(labels.day_notes, False, sizes.small) + 2 * PAD
    runs.append(
        Run(notes_x + PAD, _baseline(y, notes_h, sizes.small), labels.day_notes, sizes.small)
    )
    rects.append(
        Rect(
            notes_x + notes_label_w,
            y,
            width - notes_x - notes_label_w,
            notes_h,
            fill="white",
            write=True,
            role="day_notes",
        )
    )
    y += notes_h
    return DayGrid(width, y, tuple(rects), tuple(runs), set_rows)


def _cell_value(field: str, entry: Entry, number: int, target: str) -> str:
    prescription = entry.prescription
    values = {
        "set": str(number),
        "target": target,
        "load": prescription.load or "",
        "rest": prescription.rest or "",
    }
    return values.get(field, "")


def _exercise_text(
    entry: Entry, layout: Layout, x: float, y: float, w: float, h: float, measure: Measure
) -> list[Run]:
    sizes = layout.sizes
    inner = w - 2 * PAD
    details = [
        f"{layout.labels.rest} {entry.prescription.rest}" if entry.prescription.rest else "",
        entry.prescription.load or "",
    ]
    detail = " · ".join(d for d in details if d)
    name_leading = sizes.grid * 1.2
    small_leading = sizes.small * 1.25
    room = int((h - 2 * PAD) // name_leading) or 1
    name_lines = fit_lines(
        entry.exercise.name,
        inner,
        max(1, room - (1 if detail else 0)),
        lambda t: measure(t, True, sizes.grid),
    )
    left = h - 2 * PAD - len(name_lines) * name_leading
    detail_lines = (
        fit_lines(
            detail, inner, int(left // small_leading), lambda t: measure(t, False, sizes.small)
        )
        if detail and left >= small_leading
        else []
    )
    block = len(name_lines) * name_leading + len(detail_lines) * small_leading
    top = y + (h - block) / 2
    runs = []
    for line in name_lines:
        top += name_leading
        runs.append(Run(x + PAD, top - name_leading * 0.25, line, sizes.grid, bold=True))
    for line in detail_lines:
        top += small_leading
        runs.append(Run(x + PAD, top - small_leading * 0.25, line, sizes.small, color="muted"))
    return runs


def _baseline(top: float, height: float, size: float) -> float:
    return top + height / 2 + size * 0.35


def _in_cell(
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    *,
    bold: bool = False,
    center: bool = True,
) -> Run:
    if center:
        return Run(x + w / 2, _baseline(y, h, size), text, size, bold=bold, align="center")
    return Run(x + PAD, _baseline(y, h, size), text, size, bold=bold)
