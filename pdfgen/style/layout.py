"""Page layouts as data: the schema of a layout file, and loading one with its `extends` chain.

A layout states only what differs from the layout it extends (by default the built-in `base`):
mappings merge key by key, lists and values replace. Every setting's type, limits and meaning are
declared once: here, or for the brand and the paragraph and table styles in `brand` and `styles`;
the values of the defaults live in `layouts/base.yaml`.
"""

from __future__ import annotations

import re
import string
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io import resources
from pdfgen.io.fields import Label, Name, Range, text
from pdfgen.io.reading import check_input, exists
from pdfgen.io.validation import check_unknown_keys, closest, validate
from pdfgen.io.yamldoc import Document, Path_, dotted, read_yaml
from pdfgen.style.brand import Brand, resolve_brand
from pdfgen.style.styles import Paragraphs, Tables

MM = 72 / 25.4
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
MAX_EXTENDS = 8
# The largest font file a layout may name (full CJK fonts are about 20 MB).
MAX_FONT_BYTES = 40 * 1024 * 1024

PaperSize = Literal["a4", "letter", "a5"]
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a5": (148.0, 210.0),
}

Mm = Annotated[float, Range(50, 1000, whole=False)]  # a page side
Margin = Annotated[float, Range(10, 80, whole=False)]
Points = Annotated[float, Range(4, 72, whole=False)]
Color = Annotated[str, text(40)]
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


class Grid(_Strict):
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


class Labels(_Strict):
    """Every printed word, so that a translation is a layout file. `{name}` places a value."""

    cover_kicker: LabelText
    client: LabelText
    trainer: LabelText
    start_date: LabelText
    length: LabelText
    length_value: LabelText
    weeks_one: LabelText
    weeks_many: LabelText
    days_one: LabelText
    days_many: LabelText
    units: LabelText
    focus: LabelText
    cover_notes: LabelText
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
    deload: LabelText
    deload_week: LabelText
    tempo: LabelText
    chart_title: LabelText
    chart_sets: LabelText
    chart_reps: LabelText
    chart_load: LabelText
    chart_week: LabelText
    progression: LabelText
    warmup: LabelText
    date: LabelText
    effort: LabelText
    day_notes: LabelText
    notes_title: LabelText
    page_of: LabelText
    cover_outline: LabelText

    @field_validator("page_of")
    @classmethod
    def _page_last(cls, value: str) -> str:
        if "{page}" in value.partition("{pages}")[2]:
            raise ValueError("put {page} before {pages}, as in 'page {page} of {pages}'.")
        return value

    @field_validator("*")
    @classmethod
    def _placeholders(cls, value: Any, info: Any) -> Any:
        allowed = PLACEHOLDERS.get(info.field_name, set())
        for item in value if isinstance(value, list) else [value]:
            check_placeholders(item, allowed)
        return value


PLACEHOLDERS: dict[str, set[str]] = {
    "length_value": {"weeks", "days", "sessions"},
    "weeks_one": {"n"},
    "weeks_many": {"n"},
    "days_one": {"n"},
    "days_many": {"n"},
    "session_title": {"letter", "name"},
    "rotation": {"days", "order"},
    "week_title": {"week", "weeks"},
    "week_start": {"date"},
    "day_title": {"week", "day", "session", "letter"},
    "page_of": {"page", "pages"},
    "chart_load": {"units"},
}


def check_placeholders(value: str, allowed: set[str]) -> str:
    """Refuse a `{name}` in a label that the label cannot show."""
    try:
        fields = [(n, spec, conv) for _, n, spec, conv in string.Formatter().parse(value) if n]
    except ValueError:
        raise ValueError(
            "has a '{' or '}' without its pair; write {{ and }} for a printed brace."
        ) from None
    # A format spec ({day:x^9999}) could fail or run away when printed: names only.
    for name, spec, conversion in fields:
        if spec or conversion:
            raise ValueError(f"write a placeholder as {{{name}}}, with no format after it.")
    used = [name for name, _, _ in fields]
    if used.count("pages") > 1:
        raise ValueError("can show {pages} only once.")
    unknown = set(used) - allowed
    if unknown:
        can = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        raise ValueError(
            f"'{{{sorted(unknown)[0]}}}' is not a value this label can show (it can show: {can})."
        )
    return value


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
        longest = max(((start + timedelta(days=n)).strftime(value) for n in range(365)), key=len)
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


class Layout(_Strict):
    """A complete page layout."""

    page: Page
    fonts: Fonts
    colors: Colors
    sizes: Sizes
    sections: list[Section] = Field(min_length=1, max_length=5)
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
    """A layout file by path, or a built-in layout by name.

    From a layout's `extends:` (`relative_to` its folder) a file is looked for beside that
    layout, with or without `.yaml`, and never in the current folder.
    """
    path = Path(name)
    folder = relative_to if relative_to is not None and not path.is_absolute() else None
    candidates = [folder / path, folder / f"{name}.yaml"] if folder else [path]
    for candidate in candidates:
        if candidate.suffix in (".yaml", ".yml") and exists(candidate):
            return candidate
    builtin = resources.builtin_layouts()
    if str(name) in builtin:
        return builtin[str(name)]
    if folder is None and exists(path):
        return path
    hint = closest(str(name), builtin)
    extra = f" Did you mean '{hint}'?" if hint else ""
    raise input_error(
        str(name),
        f"no layout '{name}': no such file, and no built-in layout of that name "
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
    layout = resolve_brand(layout, doc)
    check_fits(layout, doc)
    return layout


def _read_chain(path: Path) -> list[Document]:
    """The layout file and its ancestors, most specific first."""
    layers: list[Document] = []
    seen: set[Path] = set()
    first_parent = ""
    while True:
        seen.add(path.resolve())
        doc = read_yaml(path, what="layout")
        if not isinstance(doc.value, dict):
            raise input_error(doc.file, "a layout must be a mapping of settings.", 1, 1)
        is_base = path.resolve() == (resources.layouts_dir() / "base.yaml").resolve()
        stated = "extends" in doc.value
        parent = doc.value.pop("extends", None)
        layers.append(doc)
        if not stated:
            # No `extends:` means the built-in base, never a base.yaml that happens to be near.
            if is_base:
                return layers
            path = resources.layouts_dir() / "base.yaml"
            if path.resolve() in seen:
                return layers
            continue
        _, line, column = doc.locate(("extends",))
        if not isinstance(parent, str) or len(layers) > MAX_EXTENDS:
            raise input_error(
                doc.file,
                "extends must name one layout (a built-in name or a file).",
                line,
                column,
                "extends",
            )
        try:
            path = find_layout(parent, relative_to=path.parent)
        except InputError as exc:
            raise input_error(doc.file, exc.problems[0].message, line, column, "extends") from None
        if path.resolve() in seen:
            # Reported where the user's own file starts the circle.
            first = layers[0]
            _, line, column = first.locate(("extends",))
            raise input_error(
                first.file,
                f"extends '{first_parent or parent}', which leads back to this layout: layouts "
                "cannot extend each other in a circle.",
                line,
                column,
                "extends",
            )
        first_parent = first_parent or parent


def _font_problem(path: Path) -> str:
    """What keeps `path` from being a usable TrueType font file ("" if nothing): it must be a
    regular file of sane size that starts as a TrueType font does. Reading it whole is the
    renderer's job."""
    try:
        check_input(path, what="font", limit=MAX_FONT_BYTES)
        with path.open("rb") as handle:
            head = handle.read(4)
    except InputError as exc:
        return exc.problems[0].message
    except OSError as exc:
        return f"cannot read the font file: {exc.strerror or exc}."
    if head not in (b"\x00\x01\x00\x00", b"true"):
        return f"'{path.name}' is not a TrueType font file (.ttf)."
    return ""


def _resolve_fonts(layout: Layout, doc: _Layers) -> Layout:
    fonts: dict[str, str] = {}
    problems: list[Problem] = []
    for role in ("regular", "bold"):
        name = getattr(layout.fonts, role)
        bundled = resources.fonts_dir() / f"{name}.ttf"
        file, line, column = doc.locate(("fonts", role))
        if name in resources.BUNDLED_FONTS and _font_problem(bundled):
            # One of pdfgen's own fonts, missing or damaged: the installation is at fault, not
            # the layout that names it.
            state = "damaged" if exists(bundled) else "missing"
            message = f"pdfgen's own font file is {state}; {resources.REINSTALL}."
            problems.append(Problem(str(bundled), message))
            fonts[role] = str(bundled)
            continue
        candidate = bundled if exists(bundled) else Path(file).parent / name
        if candidate.suffix.lower() != ".ttf" or not exists(candidate):
            message = (
                f"no font '{name}': name a bundled font (DejaVuSans, DejaVuSans-Bold) or a "
                ".ttf file."
            )
            problems.append(Problem(file, message, line, column, f"fonts.{role}"))
        elif problem := _font_problem(candidate):
            problems.append(Problem(file, problem, line, column, f"fonts.{role}"))
        fonts[role] = str(candidate)
    if problems:
        raise InputError(problems)
    # Resolved paths, not names a layout wrote: they are as long as the folders they are in
    # (a virtualenv's site-packages easily passes a name's 80 characters).
    return layout.model_copy(
        update={"fonts": Fonts.model_construct(regular=fonts["regular"], bold=fonts["bold"])}
    )


def _blame(doc: Document, path: Path_) -> tuple[str, int | None, int | None]:
    """Where to report a layout that does not fit: the line that set the value, when the user's
    own layout (or --page-size) set it; otherwise the user's layout file itself. A built-in
    layout's value is not the user's mistake, and its file is not theirs to edit."""
    file, line, column = doc.locate(path)
    layers = getattr(doc, "layers", [doc])
    own = [layer for layer in layers if not _is_builtin(layer.file)]
    if own and _is_builtin(file):
        return own[0].file, None, None
    return file, line, column


def _is_builtin(file: str) -> bool:
    return Path(file).parent.resolve() == resources.layouts_dir().resolve()


def check_fits(layout: Layout, doc: Document) -> None:
    """Refuse a layout whose training days cannot fit its page: columns, the date or effort
    boxes too wide, or too little height for a day with one set."""
    grid = layout.grid
    width = layout.column_width / MM
    fixed = sum(c.width for c in grid.columns if c.width != "*")
    flexible = sum(1 for c in grid.columns if c.width == "*")
    needs = [
        # (mm needed, what, where it is set); a '*' column needs room for a short name
        (fixed + flexible * 25, "the grid's columns", ("grid", "columns")),
        (
            grid.date_width + LABEL_ROOM + 30,
            "the title bar with its date box",
            ("grid", "date_width"),
        ),
        (
            grid.effort_width + 2 * LABEL_ROOM + 20,
            "the effort and notes boxes",
            ("grid", "effort_width"),
        ),
    ]
    by_paper = any(layer.file == "--page-size" for layer in getattr(doc, "layers", []))
    hint = " (the paper was set by --page-size)" if by_paper else ""
    for needed, what, path in needs:
        if needed > width:
            file, line, column = _blame(doc, path)
            raise input_error(
                file,
                f"{what} need {needed:.0f} mm but the page has {width:.0f} mm for them{hint}.",
                line,
                column,
                field=dotted(path),
            )
    # A week's heading (a band of its own above columns), and a day with a single set.
    furniture = (HEADER_BAND + FOOTER_BAND + HEADING_BAND) / MM
    one_day = grid.row_height * 2 + grid.header_height + grid.notes_height + furniture
    height = layout.page.size_mm[1] - layout.page.margins.top - layout.page.margins.bottom
    if one_day > height:
        file, line, column = _blame(doc, ("page", "size"))
        raise input_error(
            file,
            f"the page has {height:.0f} mm between the margins, too little for one training day "
            f"({one_day:.0f} mm).",
            line,
            column,
            field="page.size",
        )
