"""Loading a layout: a layout file merged over the layouts it extends, its fonts found, its
brand applied, and checked to fit its paper.

A layout states only what differs from the layout it extends (by default the built-in `base`):
mappings merge key by key, lists and values replace. Errors point into the file that set the
value (or, where a built-in layout set it, at the user's own file).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io import resources
from pdfgen.io.pictures import Picture, PictureError, read_picture
from pdfgen.io.reading import check_input, exists
from pdfgen.io.validation import check_unknown_keys, closest, validate
from pdfgen.io.yamldoc import Document, Path_, dotted, read_yaml
from pdfgen.style.color import brand_colors, hex_color
from pdfgen.style.layout import (
    FOOTER_BAND,
    HEADER_BAND,
    HEADING_BAND,
    LABEL_ROOM,
    Brand,
    Colors,
    Fonts,
    Layout,
)
from pdfgen.units import MM, PAPER_SIZES_MM

MAX_EXTENDS = 8
# The largest font file a layout may name (full CJK fonts are about 20 MB).
MAX_FONT_BYTES = 40 * 1024 * 1024


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

    `page_size` (a4, letter, a5) overrides the layout's paper size. A built-in layout is read
    once per process (it installs with pdfgen and does not change); a layout file every time.
    """
    if name is None or (isinstance(name, str) and name in resources.builtin_layouts()):
        return _builtin_layout(name or "base", page_size, resources.fonts_dir())
    return _read_layout(name, page_size)


@cache
def _builtin_layout(name: str, page_size: str | None, fonts: Path) -> Layout:
    # A layout is a frozen model: every booklet of the process can share it. It names its
    # fonts by path, so the fonts' folder is part of what it is.
    return _read_layout(name, page_size)


def _read_layout(name: str | Path, page_size: str | None) -> Layout:
    layers = _read_chain(find_layout(name))
    if page_size is not None:
        if page_size not in PAPER_SIZES_MM:
            raise input_error(
                "--page-size", f"'{page_size}' is not a paper size ({', '.join(PAPER_SIZES_MM)})."
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


# -- the trainer's brand ----------------------------------------------------------------------


def logo_of(layout: Layout) -> Picture | None:
    """The layout's logo, checked; None when it has none."""
    brand = layout.brand
    if brand.logo is None:
        return None
    if brand._image is None:
        # A layout made in Python rather than loaded: check the file now.
        try:
            return read_picture(Path(brand.logo, "logo"))
        except PictureError as exc:
            raise input_error(brand.logo, str(exc), field="brand.logo") from None
    return brand._image


def _branded(layout: Layout, brand: Brand, logo: Picture | None) -> Layout:
    """`layout` with `brand` (whose logo is `logo`, checked), and the colours it sets."""
    brand = brand.model_copy()
    brand._image = logo
    update: dict[str, Any] = {"brand": brand}
    if brand.color is not None:
        colors: Colors = layout.colors
        update["colors"] = colors.model_copy(update=brand_colors(brand.color, colors.text))
    return layout.model_copy(update=update)


def resolve_brand(layout: Layout, doc: Document) -> Layout:
    """The loaded layout with its logo checked (found relative to the layout file that names
    it) and its brand colour applied; an InputError located at `brand.logo` otherwise."""
    brand = layout.brand
    if brand.logo is None:
        return _branded(layout, brand, None) if brand.color else layout
    file, line, column = doc.locate(("brand", "logo"))
    path = Path(file).parent / brand.logo
    try:
        logo = read_picture(path, "logo")
    except PictureError as exc:
        raise InputError([Problem(file, str(exc), line, column, "brand.logo")]) from None
    return _branded(layout, brand.model_copy(update={"logo": str(path)}), logo)


def with_brand(layout: Layout, *, logo: Path | None = None, color: str | None = None) -> Layout:
    """A copy of `layout` with the logo and brand colour given on the command line (`--logo`,
    `--brand-color`) in place of the layout's own; None keeps the layout's.

    Raises InputError naming the file (or the option) when the logo or the colour is wrong.
    """
    brand = layout.brand
    checked = logo_of(layout)
    update: dict[str, str] = {}
    if logo is not None:
        try:
            checked = read_picture(logo, "logo")
        except PictureError as exc:
            raise input_error(str(logo), str(exc), field="--logo") from None
        update["logo"] = str(logo)
    if color is not None:
        try:
            update["color"] = hex_color(color.strip())
        except ValueError as exc:
            raise input_error("--brand-color", str(exc)) from None
    return _branded(layout, brand.model_copy(update=update), checked)
