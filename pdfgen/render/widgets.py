"""Form fields on the printed blanks, with reportlab's AcroForm, for clients who fill the PDF on a
tablet.

Each field sits exactly on a cell the grid already drew, with no border and no background of
its own, so a fillable page prints the same as a plain one. Field text uses Helvetica: PDF
viewers draw form fields with the 14 standard fonts only (text outside Latin-1 is stored, and
read back, but may not show).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.acroform import PDFFromString
from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.pdfgen.canvas import Canvas

from pdfgen.compose.boxes import DayGrid, Rect
from pdfgen.compose.fieldnames import (
    INFO,
    check_prefix,
    day_field,
    day_record,
    set_field,
)
from pdfgen.compose.text import clean
from pdfgen.compose.words import Words
from pdfgen.schedule.model import Day
from pdfgen.style.layout import Layout

FIELD_FONT = "Helvetica"
TICK_FONT, TICK_NAME = "ZapfDingbats", "ZaDb"  # the check mark of a tick box, as viewers draw it
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
        self.text_color = colors.HexColor(layout.colors.text)
        labels = layout.labels
        self.day_title = labels.day_title
        self.labels: dict[str, str] = {
            c.field: c.label.format(units=units) for c in layout.grid.columns
        }
        self.labels |= {"date": labels.date, "effort": labels.effort, "day_notes": labels.day_notes}
        self.labels |= {"time": labels.time_done, "distance": labels.distance_done}

    def day(self, canv: Canvas, grid: DayGrid, day: Day, continued: bool) -> None:
        """The fields of a day's grid (as drawn at the canvas's current origin)."""
        names = _exercise_names(day, self.words)
        for rect in grid.rects:
            if rect.write and rect.name:
                self.blank(canv, rect, grid.height, self._tooltip(day, rect, names))
        if not continued:
            self.record(
                canv, day_field(day, INFO), day_record(day, self.words, self.program, self.client)
            )

    def blank(self, canv: Canvas, rect: Rect, height: float, tooltip: str = "") -> None:
        """A field on one blank cell; `height` is the height of the drawing the cell is in."""
        y = height - rect.y - rect.h
        name = self.prefix + rect.name
        form = _form(canv)
        if rect.role == "done":
            form.checkbox(
                name=name,
                x=rect.x,
                y=y,
                size=rect.w,
                checked=False,
                buttonStyle="check",
                borderWidth=0,
                borderColor=None,
                fillColor=None,
                textColor=self.text_color,
                fieldFlags="",
                annotationFlags="print",
                tooltip=tooltip or None,
                relative=True,
            )
            # How to draw the tick anew (a viewer that regenerates appearances needs it).
            red, green, blue = self.text_color.rgb()
            tick = f"/{TICK_NAME} 0 Tf {red:.3f} {green:.3f} {blue:.3f} rg"
            canv._doc.idToObject[form.fields[-1].name].dict["DA"] = PDFString(tick)
            return
        short = rect.role in _SHORT_ROLES
        form.textfield(
            name=name,
            x=rect.x + 0.5,
            y=y + 0.5,
            width=rect.w - 1,
            height=rect.h - 1,
            value="",
            borderWidth=0,
            borderColor=None,
            fillColor=None,
            textColor=self.text_color,
            fontName=FIELD_FONT,
            fontSize=self.size if short else self.size - 1,
            fieldFlags="" if short else "multiline",
            maxlen=MAX_SHORT if short else (MAX_LONG if rect.role in _LONG_ROLES else MAX_NOTE),
            annotationFlags="print",
            tooltip=tooltip or None,
            relative=True,
        )
        if short:
            # Numbers and dates read best centred in their cells, like the printed targets.
            # reportlab has no option for it: set the widget's /Q (quadding) directly.
            canv._doc.idToObject[form.fields[-1].name].dict["Q"] = 1

    def record(self, canv: Canvas, name: str, value: str) -> None:
        """A hidden, read-only field holding data for `pdfgen read-log`."""
        _form(canv).textfield(
            name=self.prefix + name,
            x=0,
            y=0,
            width=1,
            height=1,
            value=value,
            borderWidth=0,
            borderColor=None,
            fillColor=None,
            fontName=FIELD_FONT,
            fontSize=1,
            fieldFlags="readOnly",
            annotationFlags="hidden",
            maxlen=0,
            relative=True,
        )

    def _tooltip(self, day: Day, rect: Rect, names: dict[str, str]) -> str:
        # What a screen reader (or a hover) says of the field: where it is and what goes in.
        where = self.day_title.format(
            week=day.week, day=day.day, session=day.session.name, letter=day.letter
        )
        what = self.labels.get(rect.role, "")
        exercise = names.get(rect.name.rsplit("_", 1)[0], "")
        return clean(" · ".join(p for p in (where, exercise, what) if p))


def _form(canv: Canvas) -> Any:
    """The canvas's AcroForm, made to share its font objects and nothing a filler writes to.

    reportlab makes a new Helvetica object for every field: one per document is enough. It
    also gives identical appearance streams one object, and a filler that draws a typed value
    into a field's normal appearance then draws it into every field sharing it (MuPDF and
    Ghostscript printed one cell's value in all of them): each widget keeps its own normal
    appearance, while the pressed and hover looks of the tick boxes, which no filler writes,
    stay shared. The form's resources name ZapfDingbats too, the font of the tick boxes, for
    viewers that draw a tick anew.
    """
    form = canv.acroForm
    if not hasattr(form, "_pdfgen_shared"):
        form._pdfgen_shared = True
        form.makeFont = _remembered(form.makeFont)
        count = itertools.count()
        form.checkboxAP = _own_normal(form.checkboxAP, count, tick=True)
        form.txAP = _own_normal(form.txAP, count, tick=False)
        # reportlab's makeFont knows the text fonts only; ZapfDingbats keeps its own encoding.
        form.fonts[TICK_NAME] = form.getRefStr(
            PDFFromString(f"<< /BaseFont /{TICK_FONT} /Subtype /Type1 /Type /Font >>")
        )
        form.extras["DR"] = _Resources(form)
    return form


def _own_normal(
    make: Callable[..., Any], count: Iterator[int], *, tick: bool
) -> Callable[..., Any]:
    """An appearance maker whose normal (`N`) appearances are never shared: reportlab shares
    streams by their text, so the text gets a number of its own.

    A tick box's appearance also first ends any path left open before it: some fillers write
    a text field's appearance that clips without ending its path (`re W` with no `n`), and
    Ghostscript carries that path into the next widget drawn, where the tick's fill filled
    the text cell's rectangle too, a solid black square. `0 0 m n` ends it.
    """

    def made(key: str, *args: Any, **kwargs: Any) -> Any:
        stream = make(key, *args, **kwargs)
        if tick:
            stream.content = "0 0 m n\n" + stream.content
            stream._af_refstr = "0 0 m n\n" + stream._af_refstr
        if key == "N":
            stream._af_refstr += f"\n% own {next(count)}"
        return stream

    return made


class _Resources(PDFObject):  # type: ignore[misc]  # reportlab has no type hints
    """The form's default resources: every font its fields name (reportlab writes one /Font
    key per font into one dictionary, so that a reader keeps only the last)."""

    def __init__(self, form: Any) -> None:
        self.form = form

    def format(self, document: Any) -> bytes:
        fonts = " ".join(f"/{name} {ref}" for name, ref in sorted(self.form.fonts.items()))
        text = f"<< /Encoding << /RLAFencoding {self.form.encRefStr} >> /Font << {fonts} >> >>"
        return text.encode("latin-1")


def _remembered(make: Callable[..., Any]) -> Callable[..., Any]:
    made: dict[str, Any] = {}

    def remembered(*args: Any, **kwargs: Any) -> Any:
        # Colours are not hashable; their repr names their values.
        key = repr((args, sorted(kwargs.items())))
        if key not in made:
            made[key] = make(*args, **kwargs)
        return made[key]

    return remembered


def _exercise_names(day: Day, words: Words) -> dict[str, str]:
    """Each set's exercise name and set label, by the stem of its fields (`w03_d2_pull-up_s1`)."""
    return {
        set_field(day, entry.key, target, "")[:-1]: (
            f"{entry.row_exercise(target)[1].name} · {words.set_label(target)}".rstrip(" ·")
        )
        for entry in day.entries
        for target in entry.sets
    }
