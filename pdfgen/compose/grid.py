"""The geometry of a training day's log grid, decided before anything is drawn.

`compose_day` turns a `Day` and the layout into boxes and text runs with coordinates (points,
origin at the grid's top-left, y growing downwards). The renderer only paints them; tests check
them directly: one row per set, cells big enough for handwriting, nothing outside the width.
"""

from __future__ import annotations

from pdfgen.compose.boxes import PAD, ColorRole, DayGrid, Measure, Rect, Run, in_cell
from pdfgen.compose.cells import Logged, Role, column_roles, day_columns, logged
from pdfgen.compose.daybars import DayBars
from pdfgen.compose.fieldnames import set_field
from pdfgen.compose.text import fit_lines
from pdfgen.compose.words import Words
from pdfgen.schedule.model import Day, Entry, SetTarget
from pdfgen.style.labels import Labels
from pdfgen.style.layout import TICK_BOX_MM, WRITE_FIELDS, GridColumn, Layout
from pdfgen.units import MM


# Text width in points of (text, bold, size).
def column_widths(columns: list[GridColumn], width: float) -> list[float]:
    """Column widths in points: fixed ones as given, '*' ones share what is left.

    >>> from pdfgen.style.layout import GridColumn as C
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
    box = _Box(layout, width, measure, day, Words(layout.labels, units, layout.date_format))
    box.title_bar(day, continued)
    # The same columns on every part of a day split across pages: those the whole day needs.
    box.columns = day_columns(layout.grid.columns, day.entries)
    widths = column_widths(box.columns, width)
    xs = [sum(widths[:i]) for i in range(len(widths))]
    box.headings(xs, widths, units)
    shown = day.entries if entries is None else entries
    for group in _groups(shown):
        top = box.y
        for entry in group:
            box.exercise_rows(entry, xs, widths)
        # A heavier rule around each exercise (or superset), so a glance finds the next one.
        box.rects.append(
            Rect(0, top, width, box.y - top, stroke="text", line_width=0.9, role="block")
        )
    # A day split across pages prints its effort and notes boxes on each part; the last part's
    # are the ones that become fields.
    box.footer(named=_ends_day(shown, day))
    return DayGrid(width, box.y, tuple(box.rects), tuple(box.runs))


def _ends_day(shown: tuple[Entry, ...], day: Day) -> bool:
    """Whether these entries hold the day's last set (a part split off keeps the same objects)."""
    if not shown or not day.entries:
        return True
    last, end = shown[-1], day.entries[-1]
    return last.prescription is end.prescription and last.sets[-1:] == end.sets[-1:]


def _groups(entries: tuple[Entry, ...]) -> list[list[Entry]]:
    """Entries in runs: a superset's exercises together, every other exercise alone."""
    groups: list[list[Entry]] = []
    for entry in entries:
        letter = entry.prescription.superset
        if groups and letter and groups[-1][-1].prescription.superset == letter:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


class _Box(DayBars):
    """A day's grid being composed: its column headings and a row per set under the title bar."""

    def headings(self, xs: list[float], widths: list[float], units: str) -> None:
        """One shaded heading cell per column: the layout's label, or, where every cell of
        the column holds a time or a distance, what they hold."""
        height, small = self.layout.grid.header_height * MM, self.layout.sizes.small
        labels = self.layout.labels
        for column, x, w in zip(self.columns, xs, widths, strict=True):
            self.rects.append(Rect(x, self.y, w, height, fill="shade", role="heading"))
            heading = _heading(column, column_roles(column.field, self.day.entries), labels)
            heading = heading.format(units=units)
            label = self.fit(heading, w - 2 * PAD, small, bold=True)
            center = column.field != "exercise"
            self.runs.append(in_cell(label, x, self.y, w, height, small, bold=True, center=center))
        self.y += height

    def exercise_rows(self, entry: Entry, xs: list[float], widths: list[float]) -> None:
        """One row per set; the exercise's name spans its rows."""
        row_h = self.layout.grid.row_height * MM
        block_h = row_h * len(entry.sets)
        cells = logged(entry)
        for column, x, w in zip(self.columns, xs, widths, strict=True):
            if column.field == "exercise":
                self.rects.append(Rect(x, self.y, w, block_h, role="exercise"))
                self.runs += self.exercise_text(entry, x, self.y, w, block_h)
                continue
            for index, target in enumerate(entry.sets):
                self.cell(entry, target, column.field, cells, x, self.y + index * row_h, w, row_h)
        self.y += block_h

    def cell(
        self,
        entry: Entry,
        target: SetTarget,
        field: str,
        cells: Logged,
        x: float,
        y: float,
        w: float,
        h: float,
    ) -> None:
        """One set's cell of one column: printed, to write in, a tick box, or not offered."""
        size = self.layout.sizes.grid
        key = self.keys[id(entry.prescription)]
        if field == "done":
            self.tick_box(x, y, w, h, set_field(self.day, key, target, "done"))
            return
        if field in ("weight", "reps"):
            role = cells.role(field)
            if role is None:
                # Nothing to log here for this kind of work: shaded, with no field.
                self.rects.append(Rect(x, y, w, h, fill="shade", role="not_logged"))
                self.runs.append(in_cell("–", x, y, w, h, size, color="muted"))
                return
            name = set_field(self.day, key, target, role)
            self.rects.append(Rect(x, y, w, h, fill="white", write=True, role=role, name=name))
            return
        write = field in WRITE_FIELDS
        name = set_field(self.day, key, target, field) if write else ""
        self.rects.append(
            Rect(x, y, w, h, fill="white" if write else None, write=write, role=field, name=name)
        )
        value = _cell_value(field, entry, target, self.words)
        if value:
            # Warm-up rows print lighter: they are not work sets.
            color: ColorRole = "muted" if target.warmup else "text"
            fitted = self.fit(value, w - 2 * PAD, size)
            self.runs.append(in_cell(fitted, x, y, w, h, size, color=color))

    def exercise_text(self, entry: Entry, x: float, y: float, w: float, h: float) -> list[Run]:
        """The exercise's name, and on the lines under it what the trainer wrote besides sets and
        reps, in the cell that spans its rows."""
        layout, measure = self.layout, self.measure
        sizes = layout.sizes
        inner = w - 2 * PAD
        detail = _details(entry, self.columns, self.words)
        name = f"{entry.label} · {entry.exercise.name}" if entry.label else entry.exercise.name
        name_leading = sizes.grid * 1.2
        small_leading = sizes.small * 1.25
        room = int((h - 2 * PAD) // name_leading) or 1
        name_lines = fit_lines(
            name, inner, max(1, room - (1 if detail else 0)), lambda t: measure(t, True, sizes.grid)
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

    def tick_box(self, x: float, y: float, w: float, h: float, name: str) -> None:
        """A white cell with a square in its middle to tick when the set is done."""
        self.rects.append(Rect(x, y, w, h, fill="white", role="done_cell"))
        side = TICK_BOX_MM * MM
        self.rects.append(
            Rect(
                x + (w - side) / 2,
                y + (h - side) / 2,
                side,
                side,
                fill="white",
                stroke="text",
                line_width=0.7,
                write=True,
                role="done",
                name=name,
            )
        )


def _heading(column: GridColumn, roles: set[Role], labels: Labels) -> str:
    """A column's heading: the layout's label, or what its cells hold when that is a time or a
    distance, alone or beside reps and weights."""
    if "time" in roles:
        return labels.time_done if roles == {"time"} else labels.reps_or_time
    if "distance" in roles:
        return labels.distance_done if roles == {"distance"} else labels.weight_or_distance
    return column.label


def _cell_value(field: str, entry: Entry, target: SetTarget, words: Words) -> str:
    if field == "set":
        return words.set_label(target)
    if field == "target":
        return words.reps(target.reps)
    if field == "load":
        # Never an empty box, which would look like a cell to write in.
        return words.load(target.load) or words.labels.no_load
    if field == "rest":
        return entry.prescription.rest or ""
    return ""


def _details(entry: Entry, columns: list[GridColumn], words: Words) -> str:
    """What a trainer wrote besides sets and reps, on one line under the exercise's name."""
    item = entry.prescription
    details = [words.rest(item), words.tempo(item), words.effort(item), entry.load_note]
    if not any(c.field == "load" for c in columns) and entry.work_sets:
        details.append(words.load(entry.work_sets[0].load))
    if entry.notes:
        details.append(entry.notes)
    return " · ".join(d for d in details if d)
