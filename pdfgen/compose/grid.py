"""The geometry of a training day's log grid, decided before anything is drawn.

`compose_day` turns a `Day` and the layout into boxes and text runs with coordinates (points,
origin at the grid's top-left, y growing downwards). The renderer only paints them; tests check
them directly: one row per set, cells big enough for handwriting, nothing outside the width.
"""

from __future__ import annotations

from pdfgen.compose.boxes import PAD, ColorRole, DayGrid, Measure, Rect, Run, in_cell
from pdfgen.compose.cells import Logged, day_columns, effort_of, logged
from pdfgen.compose.daybars import DayBars
from pdfgen.compose.fieldnames import entry_field, set_field
from pdfgen.compose.words import Words
from pdfgen.schedule.model import Day, Entry, SetTarget
from pdfgen.style.layout import TICK_BOX_MM, WRITE_FIELDS, GridColumn, Layout
from pdfgen.units import MM

MIN_WRITE_WIDTH = 14 * MM  # a number written by hand: as wide as any writing cell


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
    # A day split across pages is rated once: its effort and notes come at its end only.
    if _ends_day(shown, day):
        box.footer(named=True)
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
        letter = getattr(entry.prescription, "superset", None)
        if groups and letter and getattr(groups[-1][-1].prescription, "superset", None) == letter:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


class _Box(DayBars):
    """A day's grid being composed: its column headings and a row per set under the title bar."""

    def exercise_rows(self, entry: Entry, xs: list[float], widths: list[float]) -> None:
        """One row per set; the exercise's name spans its rows, which grow to hold what the
        trainer wrote about it. A circuit has a bar with its name, then a row per step."""
        if entry.is_circuit:
            self.circuit_rows(entry, xs, widths)
            return
        row_h = self.layout.grid.row_height * MM
        name_w = next(w for c, w in zip(self.columns, widths, strict=True) if c.field == "exercise")
        # Where the plan prescribes an effort for the exercise, a box at the foot of its name's
        # cell to log the effort it took: in the room the name leaves, or the rows grow.
        rated = effort_of(entry)
        roles = logged(entry)  # what each set logs: the same for every set of an exercise
        box_h = row_h if rated else 0.0
        detail = _details(entry, self.columns, self.words)
        block_h = max(row_h * len(entry.sets), self.text_height(entry, detail, name_w) + box_h)
        row_h = block_h / len(entry.sets)
        for column, x, w in zip(self.columns, xs, widths, strict=True):
            if column.field == "exercise":
                self.rects.append(Rect(x, self.y, w, block_h, role="exercise"))
                self.runs += self.exercise_text(entry, detail, x, self.y, w, block_h - box_h)
                if rated:
                    self.effort_box(entry, rated, x, self.y + block_h - box_h, w, box_h)
                continue
            for index, target in enumerate(entry.sets):
                y = self.y + index * row_h
                self.cell(entry, target, column.field, x, y, w, row_h, roles=roles)
        self.y += block_h

    def effort_box(self, entry: Entry, kind: str, x: float, y: float, w: float, h: float) -> None:
        """The exercise's own effort, at the foot of its cell: a label, then a box to write
        the number in (as wide as a reps cell)."""
        labels, small = self.layout.labels, self.layout.sizes.small
        label = labels.exercise_rpe if kind == "rpe" else labels.exercise_rir
        label_w = min(w / 2, self.measure(label, False, small) + 2 * PAD)
        box_w = min(w - label_w, MIN_WRITE_WIDTH)
        left = x + w - label_w - box_w
        self.rects.append(Rect(left, y, label_w, h, fill="shade", role="exercise_effort_label"))
        self.runs.append(in_cell(label, left, y, label_w, h, small, center=False))
        name = entry_field(self.day, entry.key, "effort")
        self.rects.append(
            Rect(left + label_w, y, box_w, h, fill="white", write=True, role="effort", name=name)
        )

    def circuit_rows(self, entry: Entry, xs: list[float], widths: list[float]) -> None:
        """A circuit: a bar with its name and how it is done, then each step of each round
        as a row of its own, its exercise named in the row."""
        sizes, labels = self.layout.sizes, self.layout.labels
        bar_h = self.layout.grid.header_height * MM
        details = [
            labels.every_interval.format(interval=self.words.duration(entry.every, 60))
            if entry.every
            else "",
            self.words.rest(entry.rest),
            entry.notes or "",
        ]
        title = " · ".join(p for p in [entry.exercise.name, *details] if p)
        self.rects.append(Rect(0, self.y, self.width, bar_h, fill="shade", role="circuit"))
        self.runs.append(
            in_cell(
                self.fit(title, self.width - 2 * PAD, sizes.small, bold=True),
                0,
                self.y,
                self.width,
                bar_h,
                sizes.small,
                bold=True,
                center=False,
            )
        )
        self.y += bar_h
        row_h = self.layout.grid.row_height * MM
        for target in entry.sets:
            _, exercise, _, _ = entry.row_exercise(target)
            for column, x, w in zip(self.columns, xs, widths, strict=True):
                if column.field == "exercise":
                    self.rects.append(Rect(x, self.y, w, row_h, role="exercise"))
                    name = self.fit(exercise.name, w - 2 * PAD, sizes.grid)
                    self.runs.append(in_cell(name, x, self.y, w, row_h, sizes.grid, center=False))
                    continue
                self.cell(entry, target, column.field, x, self.y, w, row_h)
            self.y += row_h

    def cell(
        self,
        entry: Entry,
        target: SetTarget,
        field: str,
        x: float,
        y: float,
        w: float,
        h: float,
        roles: Logged | None = None,
    ) -> None:
        """One set's cell of one column: printed, to write in, a tick box, or not offered.
        `roles`, what the exercise logs, where the caller knows it already."""
        size = self.layout.sizes.grid
        if field == "done":
            self.tick_box(x, y, w, h, set_field(self.day, entry.key, target, "done"))
            return
        if field in ("weight", "reps"):
            roles = roles or logged(entry, target if entry.is_circuit else None)
            role = roles.role(field)
            if role is None:
                # Nothing to log here for this kind of work: shaded, with no field.
                self.rects.append(Rect(x, y, w, h, fill="shade", role="not_logged"))
                self.runs.append(in_cell("–", x, y, w, h, size, color="muted"))
                return
            name = set_field(self.day, entry.key, target, role)
            self.rects.append(Rect(x, y, w, h, fill="white", write=True, role=role, name=name))
            return
        write = field in WRITE_FIELDS
        name = set_field(self.day, entry.key, target, field) if write else ""
        self.rects.append(
            Rect(x, y, w, h, fill="white" if write else None, write=write, role=field, name=name)
        )
        lines = _cell_lines(field, entry, target, self.words)
        # Warm-up rows, and the sets after a set, print lighter: they are not work sets.
        color: ColorRole = "muted" if target.warmup or target.extra else "text"
        self.runs += self.cell_text(lines, x, y, w, h, color)

    def cell_text(
        self, lines: list[str], x: float, y: float, w: float, h: float, color: ColorRole
    ) -> list[Run]:
        """A printed cell's text, centred: one line at the grid's size, or, where it does not
        fit, up to three smaller lines, so that a target is never cut short."""
        lines = [line for line in lines if line]
        if not lines:
            return []
        sizes, inner = self.layout.sizes, w - 2 * PAD
        size = sizes.grid
        if len(lines) == 1 and self.measure(lines[0], False, size) <= inner:
            return [in_cell(lines[0], x, y, w, h, size, color=color)]
        size = sizes.small
        wrapped: list[str] = []
        for line in lines:
            wrapped += self.lines(line, inner, 3, size)
        leading = size * 1.15
        most = max(1, int((h - PAD) // leading))
        wrapped = wrapped[:most]
        top = y + (h - leading * len(wrapped)) / 2
        return [
            Run(x + w / 2, top + leading * (i + 0.75), line, size, align="center", color=color)
            for i, line in enumerate(wrapped)
        ]

    def text_height(self, entry: Entry, detail: str, w: float) -> float:
        """The height an exercise's name and the `detail` under it need in its cell."""
        sizes, inner = self.layout.sizes, w - 2 * PAD
        name = f"{entry.label} · {entry.exercise.name}" if entry.label else entry.exercise.name
        name_lines = len(self.lines(name, inner, 3, sizes.grid, bold=True))
        detail_lines = len(self.lines(detail, inner, 8, sizes.small)) if detail else 0
        return name_lines * sizes.grid * 1.2 + detail_lines * sizes.small * 1.25 + 2 * PAD

    def exercise_text(
        self, entry: Entry, detail: str, x: float, y: float, w: float, h: float
    ) -> list[Run]:
        """The exercise's name, and on the lines under it what the trainer wrote besides sets and
        reps (`detail`), in the cell that spans its rows."""
        layout = self.layout
        sizes = layout.sizes
        inner = w - 2 * PAD
        name = f"{entry.label} · {entry.exercise.name}" if entry.label else entry.exercise.name
        name_leading = sizes.grid * 1.2
        small_leading = sizes.small * 1.25
        # The block was sized to hold these lines exactly: a rounding error must not cost one.
        room = int((h - 2 * PAD + 0.01) // name_leading) or 1
        name_lines = self.lines(
            name, inner, max(1, min(3, room - (1 if detail else 0))), sizes.grid, bold=True
        )
        left = h - 2 * PAD - len(name_lines) * name_leading
        detail_lines = (
            self.lines(detail, inner, int((left + 0.01) // small_leading), sizes.small)
            if detail and left + 0.01 >= small_leading
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


def _cell_lines(field: str, entry: Entry, target: SetTarget, words: Words) -> list[str]:
    """What a printed cell says, a line each: a target with its own effort under it."""
    if field == "set":
        return [words.set_label(target)]
    if field == "target":
        reps = words.reps(target.reps, per_side=not target.side)
        return [
            reps,
            words.effort(target.effort, target.effort_kind) if _own_effort(entry, target) else "",
        ]
    if field == "load":
        # Never an empty box, which would look like a cell to write in.
        return [words.load(target.load) or words.labels.no_load]
    if field == "rest":
        return [target.rest or entry.rest or ""]
    return []


def _own_effort(entry: Entry, target: SetTarget) -> bool:
    """Whether a set's effort target differs between the sets, and so is printed with it."""
    efforts = {(s.effort, s.effort_kind) for s in entry.work_sets}
    return target.effort is not None and len(efforts) > 1


def _details(entry: Entry, columns: list[GridColumn], words: Words) -> str:
    """What a trainer wrote besides sets and reps, under the exercise's name."""
    work = entry.work_sets
    efforts = {(s.effort, s.effort_kind) for s in work}
    effort = words.effort(entry.effort, entry.effort_kind)
    if not effort and len(efforts) == 1 and work and work[0].effort is not None:
        effort = words.effort(work[0].effort, work[0].effort_kind)  # the same for every set
    # A rest or note the same for every set is said once, like the exercise's own.
    rests, notes = {s.rest for s in work}, {s.note for s in work}
    rest = entry.rest or (work[0].rest if len(rests) == 1 and work else "")
    common_note = work[0].note if len(notes) == 1 and work and len(work) > 1 else ""
    details = [words.rest(rest), words.tempo(entry.tempo), effort, entry.load_note]
    if not any(c.field == "load" for c in columns) and work:
        details.append(words.loads_summary(entry.sets))
    details += [entry.notes or "", common_note]
    shown_rest = any(c.field == "rest" for c in columns)
    for target in work:
        own = [
            words.rest(target.rest) if not shown_rest and len(rests) > 1 else "",
            target.note if not common_note else "",
        ]
        own = [part for part in own if part]
        if own and target.side != "right":
            details.append(f"{words.set_label(target)}: {', '.join(own)}")
    return " · ".join(d for d in details if d)
