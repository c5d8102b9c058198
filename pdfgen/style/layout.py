"""Page layouts as data: the schema of a layout file.

Every setting's type, limits and meaning are declared once: here, or for the paragraph and table
styles in `pdfgen.style.styles`; the values of the defaults live in `layouts/base.yaml`, and
`pdfgen.style.loading` reads a layout with its `extends` chain.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from pdfgen.io.fields import Label, Name, Range, Strict, text
from pdfgen.io.pictures import Picture
from pdfgen.style.color import hex_color
from pdfgen.style.labels import Labels, check_placeholders
from pdfgen.style.styles import Paragraphs, Tables
from pdfgen.units import MM, PAPER_SIZES_MM, PaperSize

MIN_WRITE_HEIGHT_MM = 8.0
# Page furniture, in points: the running header and footer inside the margins, the band for a
# week's heading above columns, and the room a short label beside a box takes (mm).
HEADER_BAND = 8 * MM
FOOTER_BAND = 7 * MM
HEADING_BAND = 15 * MM
LABEL_ROOM = 14
MIN_WRITE_WIDTH_MM = 14.0
# A "done" column holds a tick box, not handwriting.
MIN_TICK_WIDTH_MM = 8.0
TICK_BOX_MM = 5.0


Mm = Annotated[float, Range(50, 1000, whole=False)]  # a page side
Margin = Annotated[float, Range(10, 80, whole=False)]
Points = Annotated[float, Range(4, 72, whole=False)]
HexColor = Annotated[str, text(40), AfterValidator(hex_color)]
WRITE_FIELDS = frozenset({"weight", "reps", "done", "notes"})
GridField = Literal["exercise", "set", "target", "load", "rest", "weight", "reps", "done", "notes"]
Section = Literal["cover", "overview", "guide", "weeks", "notes", "credits"]


class Margins(Strict):
    """Page margins in millimetres; at least 10 so that home printers do not clip."""

    top: Margin
    right: Margin
    bottom: Margin
    left: Margin


class Page(Strict):
    """Paper and margins."""

    size: PaperSize | tuple[Mm, Mm] = Field(
        description="a4, letter, a5, or [width, height] in millimetres."
    )
    orientation: Literal["portrait", "landscape"]
    margins: Margins
    columns: Annotated[int, Range(1, 3)] = Field(
        description="Columns the training days flow in (log sheets use 2)."
    )
    gutter: Annotated[float, Range(0, 30, whole=False)] = Field(
        description="Space between columns, millimetres."
    )

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres, turned for the orientation."""
        width, height = PAPER_SIZES_MM[self.size] if isinstance(self.size, str) else self.size
        if (self.orientation == "landscape") != (width > height):
            width, height = height, width
        return width, height


class Fonts(Strict):
    """Fonts: a bundled name (DejaVuSans, DejaVuSans-Bold) or a .ttf path relative to the
    layout file."""

    regular: Name
    bold: Name


class Colors(Strict):
    """Colours as '#rrggbb'. Colour decorates; nothing is told by colour alone."""

    text: HexColor
    accent: HexColor
    muted: HexColor
    rule: HexColor
    shade: HexColor
    header_fill: HexColor
    header_text: HexColor


class Sizes(Strict):
    """Type sizes in points."""

    title: Points
    heading: Points
    subheading: Points
    body: Points
    small: Points
    grid: Points


class GridColumn(Strict):
    """A column of a training day's log grid."""

    field: GridField = Field(
        description="What the column holds; weight, reps, done and notes "
        "are blank cells to write in."
    )
    label: Label
    width: Annotated[float, Range(5, 200, whole=False)] | Literal["*"] = Field(
        description="Millimetres, or '*' to take what is left (shared between '*' columns)."
    )

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        return check_placeholders(value, {"units"})

    @model_validator(mode="after")
    def _writable(self) -> GridColumn:
        if self.field not in WRITE_FIELDS or self.width == "*":
            return self
        if self.field == "done" and self.width < MIN_TICK_WIDTH_MM:
            raise ValueError(
                f"the 'done' column holds a tick box and must be at least "
                f"{MIN_TICK_WIDTH_MM:g} mm wide, not {self.width:g}."
            )
        if self.field != "done" and self.width < MIN_WRITE_WIDTH_MM:
            raise ValueError(
                f"the '{self.field}' column is for writing in and must be at least "
                f"{MIN_WRITE_WIDTH_MM:g} mm wide, not {self.width:g}."
            )
        return self


class Grid(Strict):
    """The log grid of a training day."""

    row_height: Annotated[float, Range(MIN_WRITE_HEIGHT_MM, 40, whole=False)] = Field(
        description="Height of a set's row in millimetres (at least 8 for handwriting)."
    )
    header_height: Annotated[float, Range(4, 20, whole=False)]
    date_width: Annotated[float, Range(MIN_WRITE_WIDTH_MM, 100, whole=False)]
    effort_width: Annotated[float, Range(MIN_WRITE_WIDTH_MM, 100, whole=False)]
    notes_height: Annotated[float, Range(MIN_WRITE_HEIGHT_MM, 60, whole=False)]
    week_notes_height: Annotated[float, Range(0, 120, whole=False)] = Field(
        description="A notes box after each week's days, millimetres (0: none)."
    )
    gap: Annotated[float, Range(0, 50, whole=False)] = Field(
        description="Space between days, millimetres."
    )
    columns: list[GridColumn] = Field(min_length=2, max_length=10)

    @field_validator("columns")
    @classmethod
    def _has_exercise(cls, columns: list[GridColumn]) -> list[GridColumn]:
        if "exercise" not in [c.field for c in columns]:
            raise ValueError("the grid needs an 'exercise' column.")
        return columns


def counted(one: str, many: str, n: int) -> str:
    """A count in words, from the singular or plural label.

    >>> counted("{n} week", "{n} weeks", 1), counted("{n} week", "{n} weeks", 6)
    ('1 week', '6 weeks')
    """
    return (one if n == 1 else many).format(n=n)


MAX_DATE_CHARS = 32


def _date_format(value: str) -> str:
    """A date format whose dates fit where they print: at most MAX_DATE_CHARS characters for
    any date of a year (every month and weekday name)."""
    start = date(2027, 1, 1)
    try:
        days = [start + timedelta(days=n) for n in range(365)]
        longest = max(
            (d.strftime(value.replace("%-d", "28").replace("%-m", "12")) for d in days), key=len
        )
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a date format ({exc}).") from None
    if not longest.strip():
        raise ValueError(f"'{value}' prints no date; write it like '%a %-d %b %Y'.")
    if len(longest) > MAX_DATE_CHARS:
        raise ValueError(
            f"prints dates up to {len(longest)} characters long ('{longest[:40]}'), too long for "
            f"a date box; the most is {MAX_DATE_CHARS}."
        )
    return value


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line.")
    return value


LogoPath = Annotated[str, text(500), Field(max_length=500)]
Contact = Annotated[str, text(120), Field(max_length=120), AfterValidator(_one_line)]


class Brand(Strict):
    """The trainer's logo, contact line and colour; each is optional."""

    logo: LogoPath | None = Field(
        default=None,
        description="A PNG or JPEG file (relative to the layout file): on the cover and in "
        "every page's header.",
    )
    contact: Contact | None = Field(
        default=None,
        description="One line, e.g. 'Sam Taylor · sam@example.com · 0400 000 000': on the "
        "cover, and in the footer where it fits.",
    )
    color: HexColor | None = Field(
        default=None,
        description="'#rrggbb': becomes colors.accent, header_fill, header_text and shade.",
    )

    # Set when the layout loads: the logo file, checked and decoded.
    _image: Picture | None = PrivateAttr(default=None)


class Layout(Strict):
    """A complete page layout."""

    page: Page
    fonts: Fonts
    colors: Colors
    sizes: Sizes
    sections: list[Section] = Field(min_length=1, max_length=6)
    grid: Grid
    paragraphs: Paragraphs
    tables: Tables
    date_format: Annotated[str, text(40), AfterValidator(_date_format)] = Field(
        description="strftime format of printed dates, e.g. '%a %-d %b %Y' (Mon 4 Jan 2027) or "
        f"'%Y-%m-%d'; a date may print at most {MAX_DATE_CHARS} characters."
    )
    labels: Labels
    brand: Brand = Field(
        default_factory=Brand,
        description="The trainer's logo, contact line and colour (see pdfgen.style.brand).",
    )

    @field_validator("sections")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each section may appear once.")
        return value

    @property
    def page_size(self) -> tuple[float, float]:
        """Page width and height in points."""
        width, height = self.page.size_mm
        return width * MM, height * MM

    @property
    def frame_width(self) -> float:
        """Width between the margins, in points."""
        margins = self.page.margins
        return self.page_size[0] - (margins.left + margins.right) * MM

    @property
    def column_width(self) -> float:
        """Width of one column of training days, in points."""
        gutters = (self.page.columns - 1) * self.page.gutter * MM
        return (self.frame_width - gutters) / self.page.columns
