"""The furniture of a day's grid: the title bar (the day, the session and a box for the date),
the column headings, and the footer (the session's effort and notes). `DayGrid`'s composer
builds on these.

Pure: no PDF library.
"""

from __future__ import annotations

import weakref

from pdfgen.compose.boxes import PAD, Measure, Rect, Run, baseline, in_cell
from pdfgen.compose.cells import Role, column_roles, day_logs
from pdfgen.compose.fieldnames import day_field
from pdfgen.compose.text import fit_lines
from pdfgen.compose.words import Words
from pdfgen.schedule.model import Day
from pdfgen.style.labels import Labels
from pdfgen.style.layout import GridColumn, Layout
from pdfgen.units import MM

# Lines already fitted, by the measure they were fitted with (a document's, while it renders).
_FITTED: weakref.WeakKeyDictionary[Measure, dict[tuple[str, float, int, float, bool], list[str]]]
_FITTED = weakref.WeakKeyDictionary()


class DayBars:
    """A day's grid being composed from the top down: boxes, text runs, how far down it is,
    and its title bar and footer."""

    def __init__(
        self, layout: Layout, width: float, measure: Measure, day: Day, words: Words
    ) -> None:
        self.layout, self.width, self.measure, self.day = layout, width, measure, day
        self.words = words
        self.columns = layout.grid.columns
        self.rects: list[Rect] = []
        self.runs: list[Run] = []
        self.y = 0.0
        try:
            self._fitted = _FITTED.setdefault(measure, {})
        except TypeError:  # a measure that cannot be remembered by: nothing is kept
            self._fitted = {}

    def fit(self, text: str, width: float, size: float, bold: bool = False) -> str:
        return self.lines(text, width, 1, size, bold)[0]

    def lines(
        self, text: str, width: float, max_lines: int, size: float, bold: bool = False
    ) -> list[str]:
        """`fit_lines` in the layout's fonts, remembered for as long as the measure lives: every
        week's grid wraps the same names, notes and headings into the same widths."""
        key = (text, width, max_lines, size, bold)
        found = self._fitted.get(key)
        if found is None:
            found = self._fitted[key] = fit_lines(
                text, width, max_lines, lambda t: self.measure(t, bold, size)
            )
        return list(found)

    def title_bar(self, day: Day, continued: bool) -> None:
        """The day and session on the left, a box for the date on the right."""
        grid, sizes, labels = self.layout.grid, self.layout.sizes, self.layout.labels
        height, width = grid.row_height * MM, self.width
        title = labels.day_title.format(
            week=day.week, day=day.day, session=day.session.name, letter=day.letter
        )
        if any(e.deload for e in day.entries):
            title = f"{title} · {labels.deload}"
        tail = f" {labels.continued}" if continued else ""
        # The date is written once, at the day's start: a part that continues it has no box.
        date_w = 0.0 if continued else grid.date_width * MM
        date_label_w = 0.0 if continued else self.measure(labels.date, False, sizes.small) + 2 * PAD
        self.rects.append(Rect(0, 0, width, height, fill="header_fill", stroke=None, role="title"))
        title_w = width - date_w - date_label_w - 2 * PAD
        # A long title takes smaller type (down to the smallest the layout prints) before it
        # is shortened; "(continued)" is never the part that goes.
        size = sizes.subheading
        while self.measure(title + tail, True, size) > title_w and size > sizes.small:
            size = max(sizes.small, size - 0.5)
        room = title_w - self.measure(tail, True, size)
        self.runs.append(
            Run(
                PAD,
                baseline(0, height, size),
                self.fit(title, room, size, bold=True) + tail,
                size,
                bold=True,
                color="header_text",
            )
        )
        if continued:
            self.y = height
            return
        self.runs.append(
            Run(
                width - date_w - PAD,
                baseline(0, height, sizes.small),
                labels.date,
                sizes.small,
                align="right",
                color="header_text",
            )
        )
        date_text = self.words.date(day.date) if day.date else ""
        self.rects.append(
            Rect(
                width - date_w,
                0,
                date_w,
                height,
                fill="white",
                write=not date_text,
                role="date",
                name="" if date_text else day_field(day, "date"),
            )
        )
        if date_text:
            self.runs += self.date_runs(date_text, width - date_w, date_w, height)
        self.y = height

    def date_runs(self, text: str, x: float, w: float, h: float) -> list[Run]:
        """A printed date centred in its box: at the grid's size, or smaller, or on two lines,
        whichever fits first (a layout's date format is bounded in length)."""
        sizes = self.layout.sizes
        room = w - 2 * PAD
        for size in (sizes.grid, sizes.small):
            if self.measure(text, False, size) <= room:
                return [Run(x + w / 2, baseline(0, h, size), text, size, align="center")]
        size = sizes.small
        lines = self.lines(text, room, 2, size)
        leading = size * 1.15
        top = (h - leading * len(lines)) / 2
        return [
            Run(x + w / 2, top + leading * (n + 0.78), line, size, align="center")
            for n, line in enumerate(lines)
        ]

    def footer(self, named: bool) -> None:
        """Effort (RPE) and notes for the session."""
        grid, labels, small = self.layout.grid, self.layout.labels, self.layout.sizes.small
        height, y = grid.notes_height * MM, self.y
        self.rects.append(Rect(0, y, self.width, height, fill="shade", role="footer"))
        effort_label_w = self.measure(labels.effort, False, small) + 2 * PAD
        effort_w = grid.effort_width * MM
        self.runs.append(Run(PAD, baseline(y, height, small), labels.effort, small))
        self.rects.append(
            Rect(
                effort_label_w,
                y,
                effort_w,
                height,
                fill="white",
                write=True,
                role="effort",
                name=day_field(self.day, "effort") if named else "",
            )
        )
        notes_x = effort_label_w + effort_w
        notes_label_w = self.measure(labels.day_notes, False, small) + 2 * PAD
        self.runs.append(Run(notes_x + PAD, baseline(y, height, small), labels.day_notes, small))
        self.rects.append(
            Rect(
                notes_x + notes_label_w,
                y,
                self.width - notes_x - notes_label_w,
                height,
                fill="white",
                write=True,
                role="day_notes",
                name=day_field(self.day, "day_notes") if named else "",
            )
        )
        self.y += height

    def headings(self, xs: list[float], widths: list[float], units: str) -> None:
        """One shaded heading cell per column: the layout's label, or, where every cell of
        the column holds a time or a distance, what they hold."""
        height = self.layout.grid.header_height * MM
        labels = self.layout.labels
        logs = day_logs(self.day.entries)
        for column, x, w in zip(self.columns, xs, widths, strict=True):
            self.rects.append(Rect(x, self.y, w, height, fill="shade", role="heading"))
            heading = _heading(column, column_roles(column.field, logs), labels)
            heading = heading.format(units=units)
            center = column.field != "exercise"
            self.runs += self.heading_lines(heading, x, w, height, center)
        self.y += height

    def heading_lines(self, heading: str, x: float, w: float, h: float, center: bool) -> list[Run]:
        """A heading on one line, or on two where the cell is too narrow ("Weight /",
        "distance") and tall enough; cut short only when two lines cannot hold it."""
        small = self.layout.sizes.small
        leading = small * 1.05
        lines = self.lines(heading, w - 2 * PAD, 2, small, bold=True)
        if len(lines) == 1 or leading * 2 > h:
            label = self.fit(heading, w - 2 * PAD, small, bold=True)
            return [in_cell(label, x, self.y, w, h, small, bold=True, center=center)]
        top = self.y + (h - leading * 2) / 2
        left = x + w / 2 if center else x + PAD
        return [
            Run(left, top + leading * (i + 0.8), line, small, bold=True, align="center")
            if center
            else Run(left, top + leading * (i + 0.8), line, small, bold=True)
            for i, line in enumerate(lines)
        ]


def _heading(column: GridColumn, roles: set[Role], labels: Labels) -> str:
    """A column's heading: the layout's label, or what its cells hold when that is a time or a
    distance, alone or beside reps and weights."""
    if "time" in roles:
        return labels.time_done if roles == {"time"} else labels.reps_or_time
    if "distance" in roles:
        return labels.distance_done if roles == {"distance"} else labels.weight_or_distance
    return column.label
