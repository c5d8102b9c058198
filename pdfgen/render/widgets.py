"""Form fields on the printed blanks, for clients who fill the PDF on a tablet: placed here, as
the page is drawn, where each blank cell lands, and written with the page
(`pdfgen.render.acroform`).

Each field sits exactly on a cell the grid already drew, with no border and no background of
its own, so a fillable page prints the same as a plain one.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from pdfgen.compose.boxes import DayGrid, Rect
from pdfgen.compose.fieldnames import (
    INFO,
    check_prefix,
    day_field,
    day_record,
    set_field,
)
from pdfgen.compose.formspec import FieldKind, FieldSpec
from pdfgen.compose.text import clean
from pdfgen.compose.words import Words
from pdfgen.render.acroform import FormWriter
from pdfgen.schedule.model import Day
from pdfgen.style.layout import Layout

# Longest entries a client can type: a number or a date, a day's notes, a week's notes.
MAX_SHORT, MAX_NOTE, MAX_LONG = 24, 300, 2000
_SHORT_ROLES = {"weight", "reps", "date", "effort"}
_LONG_ROLES = {"week_notes", "notes_page"}


class FieldMaker:
    """Puts a form field on every named blank of a grid (and a day's record beside them)."""

    def __init__(
        self, layout: Layout, units: str, *, prefix: str = "", program: str = "", client: str = ""
    ) -> None:
        self.prefix = f"{check_prefix(prefix)}_" if prefix else ""
        self.words = Words(layout.labels, units, layout.date_format)
        self.program, self.client = program, client
        self.size = layout.sizes.grid
        self.writer = FormWriter(colors.HexColor(layout.colors.text).rgb())
        labels = layout.labels
        self.day_title = labels.day_title
        self.labels: dict[str, str] = {
            c.field: c.label.format(units=units) for c in layout.grid.columns
        }
        self.labels |= {"date": labels.date, "effort": labels.effort, "day_notes": labels.day_notes}
        self.labels |= {"time": labels.time_done, "distance": labels.distance_done}
        self.labels = {role: clean(label) for role, label in self.labels.items()}

    def day(self, canv: Canvas, grid: DayGrid, day: Day, continued: bool) -> None:
        """The fields of a day's grid (as drawn at the canvas's current origin)."""
        where = clean(
            self.day_title.format(
                week=day.week, day=day.day, session=day.session.name, letter=day.letter
            )
        )
        names = _exercise_names(day, self.words)
        for rect in grid.rects:
            if rect.write and rect.name:
                self.blank(canv, rect, grid.height, self._tooltip(where, rect, names))
        if not continued:
            self.record(
                canv, day_field(day, INFO), day_record(day, self.words, self.program, self.client)
            )

    def blank(self, canv: Canvas, rect: Rect, height: float, tooltip: str = "") -> None:
        """A field on one blank cell; `height` is the height of the drawing the cell is in."""
        y = height - rect.y - rect.h
        name = self.prefix + rect.name
        if rect.role == "done":
            self._note(canv, name, "tick", (rect.x, y, rect.w, rect.w), tooltip=tooltip)
            return
        short = rect.role in _SHORT_ROLES
        self._note(
            canv,
            name,
            "text",
            (rect.x + 0.5, y + 0.5, rect.w - 1, rect.h - 1),
            tooltip=tooltip,
            max_length=MAX_SHORT if short else (MAX_LONG if rect.role in _LONG_ROLES else MAX_NOTE),
            multiline=not short,
            # Numbers and dates read best centred in their cells, like the printed targets.
            centred=short,
            size=self.size if short else self.size - 1,
        )

    def record(self, canv: Canvas, name: str, value: str) -> None:
        """A hidden, read-only field holding data for `pdfgen read-log`."""
        self._note(canv, self.prefix + name, "record", (0, 0, 1, 1), value=value)

    def _note(
        self,
        canv: Canvas,
        name: str,
        kind: FieldKind,
        box: tuple[float, float, float, float],
        **details: Any,
    ) -> None:
        # The box is where the drawing stands now; the field is placed on the page.
        x, y, width, height = box
        left, bottom = canv.absolutePosition(x, y)
        rect = (left, bottom, left + width, bottom + height)
        self.writer.add(canv, FieldSpec(name, kind, rect, **details))

    def _tooltip(self, where: str, rect: Rect, names: dict[str, str]) -> str:
        # What a screen reader (or a hover) says of the field: where it is and what goes in.
        # Each part is clean already, and cleaning does not reach across the ASCII between.
        what = self.labels.get(rect.role, "")
        exercise = names.get(rect.name.rsplit("_", 1)[0], "")
        return " · ".join(p for p in (where, exercise, what) if p)


def _exercise_names(day: Day, words: Words) -> dict[str, str]:
    """Each set's exercise name and set label, by the stem of its fields (`w03_d2_pull-up_s1`)."""
    return {
        set_field(day, entry.key, target, "")[:-1]: clean(
            f"{entry.row_exercise(target)[1].name} · {words.set_label(target)}".rstrip(" ·")
        )
        for entry in day.entries
        for target in entry.sets
    }
