"""Page layouts as data: the schema of a layout file, and loading one with its `extends` chain.

A layout states only what differs from the layout it extends (by default the built-in `base`):
mappings merge key by key, lists and values replace. Every setting's type, limits and meaning are
declared once here; the values of the defaults live in `layouts/base.yaml`.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pdfgen import resources
from pdfgen.errors import InputError, Problem, input_error
from pdfgen.fields import Label, Name, number, text
from pdfgen.validation import check_unknown_keys, closest, validate
from pdfgen.yamlio import Document, Path_, read_yaml

MM = 72 / 25.4
MIN_WRITE_HEIGHT_MM = 8.0
MIN_WRITE_WIDTH_MM = 14.0
MAX_EXTENDS = 8

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a5": (148.0, 210.0),
}

Mm = Annotated[float, number(0, 1000)]
Margin = Annotated[float, number(10, 80)]
Points = Annotated[float, number(4, 72)]
Color = Annotated[str, text(7)]
LabelText = Label
WRITE_FIELDS = frozenset({"weight", "reps", "done", "notes"})
GridField = Literal["exercise", "set", "target", "load", "rest", "weight", "reps", "done", "notes"]
Section = Literal["cover", "overview", "guide", "weeks", "notes"]

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(_Strict):
    """Page margins in millimetres; at least 10 so that home printers do not clip."""

    top: Margin
    right: Margin
    bottom: Margin
    left: Margin


class Page(_Strict):
    """Paper and margins."""

    size: Literal["a4", "letter", "a5"] | tuple[Mm, Mm] = Field(
        description="a4, letter, a5, or [width, height] in millimetres."
    )
    orientation: Literal["portrait", "landscape"]
    margins: Margins

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres, turned for the orientation."""
        width, height = PAGE_SIZES_MM[self.size] if isinstance(self.size, str) else self.size
        if (self.orientation == "landscape") != (width > height):
            width, height = height, width
        return width, height


class Fonts(_Strict):
    """Fonts: a bundled name (DejaVuSans, DejaVuSans-Bold) or a .ttf path relative to the
    layout file."""

    regular: Name
    bold: Name


class Colors(_Strict):
    """Colours as '#rrggbb'. Colour decorates; nothing is told by colour alone."""

    text: Color
    accent: Color
    muted: Color
    rule: Color
    shade: Color
    header_fill: Color
    header_text: Color

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.fullmatch(value):
            raise ValueError(f"'{value}' is not a colour; write it as '#rrggbb', like '#1d4e89'.")
        return value.lower()


class Sizes(_Strict):
    """Type sizes in points."""

    title: Points
    heading: Points
    subheading: Points
    body: Points
    small: Points
    grid: Points


class GridColumn(_Strict):
    """A column of a training day's log grid."""

    field: GridField = Field(
        description="What the column holds; weight, reps, done and notes "
        "are blank cells to write in."
    )
    label: LabelText
    width: Annotated[float, number(5, 200)] | Literal["*"] = Field(
        description="Millimetres, or '*' to take what is left (shared between '*' columns)."
    )

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        return check_placeholders(value, {"units"})


class Grid(_Strict):
    """The log grid of a training day."""

    row_height: Annotated[float, number(MIN_WRITE_HEIGHT_MM, 40)] = Field(
        description="Height of a set's row in millimetres (at least 8 for handwriting)."
    )
    header_height: Annotated[float, number(4, 20)]
    date_width: Annotated[float, number(MIN_WRITE_WIDTH_MM, 100)]
    effort_width: Annotated[float, number(MIN_WRITE_WIDTH_MM, 100)]
    notes_height: Annotated[float, number(MIN_WRITE_HEIGHT_MM, 60)]
    gap: Annotated[float, number(0, 50)] = Field(description="Space between days, millimetres.")
    columns: list[GridColumn] = Field(min_length=2, max_length=10)

    @model_validator(mode="after")
    def _columns(self) -> Grid:
        fields = [c.field for c in self.columns]
        if "exercise" not in fields:
            raise ValueError("the grid needs an 'exercise' column.")
        for column in self.columns:
            if (
                column.field in WRITE_FIELDS
                and column.width != "*"
                and column.width < MIN_WRITE_WIDTH_MM
            ):
                raise ValueError(
                    f"the '{column.field}' column is for writing in and must be at "
                    f"least {MIN_WRITE_WIDTH_MM:g} mm wide, not {column.width:g}."
                )
        return self


class Labels(_Strict):
    """Every printed word, so that a translation is a layout file. `{name}` places a value."""

    cover_kicker: LabelText
    client: LabelText
    trainer: LabelText
    start_date: LabelText
    length: LabelText
    length_value: LabelText
    units: LabelText
    focus: LabelText
    how_to_use_title: LabelText
    how_to_use: list[LabelText] = Field(max_length=8)
    overview_title: LabelText
    session_title: LabelText
    rotation: LabelText
    sets_reps: LabelText
    exercise: LabelText
    rest: LabelText
    load: LabelText
    notes: LabelText
    guide_title: LabelText
    trains: LabelText
    equipment: LabelText
    setup: LabelText
    steps: LabelText
    cues: LabelText
    mistakes: LabelText
    safety: LabelText
    week_title: LabelText
    week_start: LabelText
    day_title: LabelText
    continued: LabelText
    date: LabelText
    effort: LabelText
    day_notes: LabelText
    notes_title: LabelText
    page_of: LabelText
    cover_outline: LabelText

    @field_validator("*")
    @classmethod
    def _placeholders(cls, value: Any, info: Any) -> Any:
        allowed = PLACEHOLDERS.get(info.field_name, set())
        for item in value if isinstance(value, list) else [value]:
            check_placeholders(item, allowed)
        return value


PLACEHOLDERS: dict[str, set[str]] = {
    "length_value": {"weeks", "days", "sessions"},
    "session_title": {"letter", "name"},
    "rotation": {"days", "order"},
    "week_title": {"week", "weeks"},
    "week_start": {"date"},
    "day_title": {"week", "day", "session", "letter"},
    "page_of": {"page", "pages"},
}


def check_placeholders(value: str, allowed: set[str]) -> str:
    """Refuse a `{name}` in a label that the label cannot show."""
    used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    unknown = used - allowed
    if unknown:
        can = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        raise ValueError(
            f"'{{{sorted(unknown)[0]}}}' is not a value this label can show (it can show: {can})."
        )
    return value


class Layout(_Strict):
    """A complete page layout."""

    page: Page
    fonts: Fonts
    colors: Colors
    sizes: Sizes
    sections: list[Section] = Field(min_length=1, max_length=5)
    grid: Grid
    date_format: Annotated[str, text(40)] = Field(description="strftime format of printed dates.")
    labels: Labels

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


# ---------------------------------------------------------------------------------------------
# Loading


class _Layers(Document):
    """A layout and the layouts it extends, merged; errors point into the file that set a value."""

    def __init__(self, layers: list[Document]) -> None:
        super().__init__(layers[0].file, _merge_all([d.value for d in reversed(layers)]))
        self.layers = layers

    def locate(
        self, path: Path_, *, prefer_key: bool = False
    ) -> tuple[str, int | None, int | None]:
        for end in range(len(path), -1, -1):
            for layer in self.layers:
                for table in (
                    (layer.key_marks, layer.value_marks) if prefer_key else (layer.value_marks,)
                ):
                    if path[:end] in table:
                        line, column = table[path[:end]]
                        return layer.file, line, column
        return self.file, None, None


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return over


def _merge_all(values: list[Any]) -> Any:
    merged: Any = {}
    for value in values:
        merged = _merge(merged, value)
    return merged


def find_layout(name: str | Path, relative_to: Path | None = None) -> Path:
    """A layout file by path, or a built-in layout by name."""
    path = Path(name)
    if relative_to is not None and not path.is_absolute():
        candidate = relative_to / path
        if candidate.exists():
            return candidate
    if path.suffix in (".yaml", ".yml") and path.exists():
        return path
    builtin = resources.builtin_layouts()
    if str(name) in builtin:
        return builtin[str(name)]
    if path.exists():
        return path
    hint = closest(str(name), builtin)
    extra = f" Did you mean '{hint}'?" if hint else ""
    raise input_error(
        str(name),
        f"no such layout file, and no built-in layout of that name "
        f"(built-in: {', '.join(builtin)}).{extra}",
    )


def load_layout(name: str | Path | None = None, *, page_size: str | None = None) -> Layout:
    """Load a layout (default: `base`), merged over the layouts it extends.

    `page_size` (a4, letter, a5) overrides the layout's paper size.
    """
    layers = _read_chain(find_layout(name or "base"))
    if page_size is not None:
        if page_size not in PAGE_SIZES_MM:
            raise input_error(
                "--page-size", f"'{page_size}' is not a paper size ({', '.join(PAGE_SIZES_MM)})."
            )
        layers.insert(0, Document("--page-size", {"page": {"size": page_size}}))
    doc = _Layers(layers)
    problems: list[Problem] = []
    for layer in layers:
        problems += check_unknown_keys(layer, layer.value, Layout)
    if problems:
        raise InputError(problems)
    layout = validate(Layout, doc)
    layout = _resolve_fonts(layout, doc)
    check_fits(layout, doc.file)
    return layout


def _read_chain(path: Path) -> list[Document]:
    """The layout file and its ancestors, most specific first."""
    layers: list[Document] = []
    seen: set[Path] = set()
    while True:
        resolved = path.resolve()
        if resolved in seen:
            raise input_error(str(path), "the layouts extend each other in a circle.")
        seen.add(resolved)
        doc = read_yaml(path, what="layout")
        if not isinstance(doc.value, dict):
            raise input_error(doc.file, "a layout must be a mapping of settings.", 1, 1)
        parent = doc.value.pop(
            "extends",
            None if path.stem == "base" and path.parent == resources.layouts_dir() else "base",
        )
        layers.append(doc)
        if parent is None:
            return layers
        if not isinstance(parent, str) or len(layers) > MAX_EXTENDS:
            _, line, column = doc.locate(("extends",))
            raise input_error(
                doc.file,
                "extends must name one layout (a built-in name or a file).",
                line,
                column,
                "extends",
            )
        path = find_layout(parent, relative_to=path.parent)


def _resolve_fonts(layout: Layout, doc: _Layers) -> Layout:
    fonts: dict[str, str] = {}
    problems: list[Problem] = []
    for role in ("regular", "bold"):
        name = getattr(layout.fonts, role)
        bundled = resources.fonts_dir() / f"{name}.ttf"
        file, line, column = doc.locate(("fonts", role))
        candidate = bundled if bundled.exists() else Path(file).parent / name
        if candidate.suffix.lower() != ".ttf" or not candidate.is_file():
            problems.append(
                Problem(
                    file,
                    f"no font '{name}': name a bundled font (DejaVuSans, "
                    "DejaVuSans-Bold) or a .ttf file.",
                    line,
                    column,
                    f"fonts.{role}",
                )
            )
        fonts[role] = str(candidate)
    if problems:
        raise InputError(problems)
    return layout.model_copy(update={"fonts": Fonts(**fonts)})


def check_fits(layout: Layout, file: str) -> None:
    """Refuse a layout whose grid cannot fit its page: columns too wide, or no room for a row."""
    width_mm, height_mm = layout.page.size_mm
    margins = layout.page.margins
    usable_w = width_mm - margins.left - margins.right
    usable_h = height_mm - margins.top - margins.bottom
    fixed = sum(c.width for c in layout.grid.columns if c.width != "*")
    flexible = sum(1 for c in layout.grid.columns if c.width == "*")
    needed = fixed + flexible * 25  # a '*' column needs room for at least a short name
    if needed > usable_w:
        raise input_error(
            file,
            f"the grid's columns need {needed:.0f} mm but the page has "
            f"{usable_w:.0f} mm between the margins.",
            field="grid.columns",
        )
    one_day = (
        layout.grid.row_height * 2 + layout.grid.header_height + layout.grid.notes_height + 30
    )  # title, header, one set, notes, page furniture
    if one_day > usable_h:
        raise input_error(
            file,
            f"the page has {usable_h:.0f} mm between the margins, too little "
            f"for one training day ({one_day:.0f} mm).",
            field="page",
        )
