"""What every section of a booklet is drawn from: the schedule, the layout and what is made of it
once per booklet (fonts, styles, the logo, the room in a frame)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from pdfgen.compose.words import Words
from pdfgen.io.pictures import Picture
from pdfgen.plan.model import Plan
from pdfgen.render.fonts import FontSet
from pdfgen.render.marks import image_reader
from pdfgen.render.styles import Styles
from pdfgen.render.widgets import FieldMaker
from pdfgen.schedule.model import Schedule
from pdfgen.style.layout import FOOTER_BAND, HEADER_BAND, HEADING_BAND, Layout
from pdfgen.style.loading import logo_of
from pdfgen.units import MM


@dataclass(frozen=True)
class BookletText:
    """The personal details printed in a booklet."""

    client: str = ""
    trainer: str = ""
    notes: str = ""  # the trainer's words for this client, on the cover


@dataclass(frozen=True, eq=False)  # one per document: remembered by identity
class TextWidths:
    """The width of a text in the booklet's fonts, remembered: every day's grid measures the
    same names, labels and targets."""

    fonts: FontSet
    _known: dict[tuple[str, bool, float], float] = field(default_factory=dict, repr=False)

    def __call__(self, text: str, bold: bool, size: float) -> float:
        key = (text, bold, size)
        width = self._known.get(key)
        if width is None:
            font = self.fonts.bold if bold else self.fonts.regular
            width = self._known[key] = float(stringWidth(text, font, size))
        return width


@dataclass(frozen=True)
class Context:
    """One booklet's schedule, layout and details, with what its sections share."""

    schedule: Schedule
    layout: Layout
    fonts: FontSet
    details: BookletText
    styles: Styles
    measure: TextWidths
    logo: Picture | None
    logo_image: Any  # one reader for every drawing: the image is embedded once
    fields: FieldMaker | None = None  # form fields, for a fillable document
    only_weeks: list[int] | None = None  # the weeks to print; None: all

    @classmethod
    def make(
        cls,
        schedule: Schedule,
        layout: Layout,
        fonts: FontSet,
        details: BookletText,
        *,
        fields: FieldMaker | None = None,
        only_weeks: list[int] | None = None,
    ) -> Context:
        """The context of a booklet of `schedule` through `layout`."""
        logo = logo_of(layout)
        return cls(
            schedule=schedule,
            layout=layout,
            fonts=fonts,
            details=details,
            styles=Styles.of(layout, fonts),
            measure=TextWidths(fonts),
            logo=logo,
            logo_image=image_reader(logo),
            fields=fields,
            only_weeks=only_weeks,
        )

    @property
    def plan(self) -> Plan:
        return self.schedule.plan

    @cached_property
    def words(self) -> Words:
        """The layout's labels applied to this booklet's numbers, in the client's units."""
        return Words(self.layout.labels, self.schedule.units, self.layout.date_format)

    @property
    def frame_height(self) -> float:
        """The height between the header and the footer, in points."""
        margins = self.layout.page.margins
        height = self.layout.page_size[1]
        return height - (margins.top + margins.bottom) * MM - HEADER_BAND - FOOTER_BAND

    @property
    def heading_band(self) -> float:
        """With columns, a band across the top holds the week's heading above the columns."""
        return HEADING_BAND if self.layout.page.columns > 1 else 0.0

    @property
    def day_height(self) -> float:
        """The height a training day has on a week's first page."""
        return self.frame_height - self.heading_band
