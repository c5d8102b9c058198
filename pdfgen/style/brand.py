"""The trainer's branding: a logo, a contact line and a colour, checked before anything is drawn.

A layout's `brand:` section (the `Brand` model) names them; `--logo FILE` and `--brand-color`
on the command line set them through `with_brand`. A logo must be a real PNG or JPEG of sane
size: it is decoded here, once, and the renderer draws the decoded image it is given, never a
file it reads again. A brand colour becomes the layout's accent and header colours, adjusted
where it would be unreadable on white paper or under white text.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io.fields import text
from pdfgen.io.reading import read_input

if TYPE_CHECKING:
    from PIL import Image

    from pdfgen.io.yamldoc import Document
    from pdfgen.style.layout import Colors, Layout

MAX_LOGO_BYTES = 10_000_000
MAX_LOGO_PIXELS = 25_000_000
MIN_LOGO_SIDE = 32  # pixels
MAX_LOGO_ASPECT = 10  # the long side over the short
# A logo prints at most 40 mm wide; 1,200 pixels are over 700 dpi there, and keep the PDF small.
EMBED_SIDE = 1200
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
WHITE = "#ffffff"
# WCAG contrast: 3:1 for headings in colour on white paper.
MIN_ACCENT_CONTRAST = 3.0

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _color(value: str) -> str:
    if not _HEX.fullmatch(value):
        raise ValueError(f"'{value}' is not a colour; write it as '#rrggbb', like '#1d4e89'.")
    return value.lower()


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line.")
    return value


LogoPath = Annotated[str, text(500), Field(max_length=500)]
Contact = Annotated[str, text(120), Field(max_length=120), AfterValidator(_one_line)]
BrandColor = Annotated[str, text(40), AfterValidator(_color)]


@dataclass(frozen=True, eq=False)
class Logo:
    """A checked logo: its file, its size in pixels (upright), and the image to draw (RGB or
    RGBA, at most EMBED_SIDE pixels on the long side)."""

    path: Path
    width: int
    height: int
    image: Image.Image

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height


class Brand(BaseModel):
    """The trainer's logo, contact line and colour; each is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
    color: BrandColor | None = Field(
        default=None,
        description="'#rrggbb': becomes colors.accent, header_fill, header_text and shade.",
    )

    # Set when the layout loads: the logo file, checked and decoded.
    _image: Logo | None = PrivateAttr(default=None)


class LogoError(ValueError):
    """What is wrong with a logo file, as a sentence that names it."""


def read_logo(path: Path) -> Logo:
    """The logo in `path`, checked: a PNG or JPEG of at most 10 MB and 25 megapixels, at least
    32 pixels each way, no more than 10 times as long as it is wide. Raises LogoError."""
    name = f"the logo '{path}'"
    try:
        data = read_input(path, what="logo", limit=MAX_LOGO_BYTES)
    except InputError as exc:
        raise LogoError(f"{name}: {exc.problems[0].message}") from None
    if not data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        raise LogoError(f"{name} is not a PNG or JPEG image; save the logo as PNG or JPEG.")
    image = _open(data, name)
    width, height = image.size
    _check_size(name, width, height)
    try:
        image.load()
        upright = _upright(image)
    except Exception:
        # Pillow raises many kinds (OSError, SyntaxError, ValueError, ...) for damaged data.
        raise LogoError(f"{name} is damaged: its image data cannot be read.") from None
    return Logo(path, *upright.size, _for_print(upright))


def _open(data: bytes, name: str) -> Image.Image:
    from PIL import Image  # Pillow loads only when there is a logo

    kind = "PNG" if data.startswith(PNG_MAGIC) else "JPEG"
    try:
        # Our own pixel limit is far below Pillow's, which may only warn.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
    except Image.DecompressionBombError:
        raise LogoError(
            f"{name} has far more than {MAX_LOGO_PIXELS / 1e6:g} megapixels; a logo needs a "
            "few hundred pixels across."
        ) from None
    except Exception:
        raise LogoError(f"{name} starts like a {kind} image but cannot be read as one.") from None
    return image


def _check_size(name: str, width: int, height: int) -> None:
    shown = f"{width:,} × {height:,} pixels"
    if width * height > MAX_LOGO_PIXELS:
        raise LogoError(
            f"{name} is {shown}; a logo may have at most {MAX_LOGO_PIXELS / 1e6:g} megapixels "
            "(a few hundred pixels across is plenty)."
        )
    if min(width, height) < MIN_LOGO_SIDE:
        raise LogoError(
            f"{name} is {shown}; a logo needs at least {MIN_LOGO_SIDE} pixels each way to print "
            "sharply."
        )
    if max(width, height) > MAX_LOGO_ASPECT * min(width, height):
        raise LogoError(
            f"{name} is {shown}, too long and thin to print readably; a logo may be at most "
            f"{MAX_LOGO_ASPECT} times as long as it is wide."
        )


def _upright(image: Image.Image) -> Image.Image:
    """The image turned as its EXIF orientation says (a photo taken sideways)."""
    from PIL import ImageOps

    return ImageOps.exif_transpose(image)


def _for_print(image: Image.Image) -> Image.Image:
    """The image as it will be embedded: RGB (RGBA if it has transparency), and no larger
    than print needs."""
    from PIL import Image

    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # alpha that hides nothing would only add a mask
    if max(image.size) > EMBED_SIDE:
        image.thumbnail((EMBED_SIDE, EMBED_SIDE), Image.Resampling.LANCZOS)
    return image


# ---------------------------------------------------------------------------------------------
# Colours


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """The relative luminance of '#rrggbb' (WCAG): 0 for black, 1 for white.

    >>> luminance("#000000"), luminance("#ffffff")
    (0.0, 1.0)
    """

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    >>> round(contrast("#000000", "#ffffff"), 1), round(contrast("#1d4e89", "#ffffff"), 1)
    (21.0, 8.4)
    """
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: str, b: str, share_of_b: float) -> str:
    """`a` with `share_of_b` of `b` mixed in.

    >>> mix("#1d4e89", "#ffffff", 0.9)
    '#e8edf3'
    """
    channels = (
        round(x + (y - x) * share_of_b) for x, y in zip(_channels(a), _channels(b), strict=True)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def brand_colors(color: str, text_color: str) -> dict[str, str]:
    """The layout colours a brand colour sets: the header fill itself, header text that reads
    on it (white or the text colour), an accent for headings on white paper (the colour,
    darkened until it reads), and a light tint of it for shaded boxes.

    >>> brand_colors("#1d4e89", "#1a1a1a")["accent"]
    '#1d4e89'
    >>> yellow = brand_colors("#ffd400", "#1a1a1a")
    >>> yellow["accent"], yellow["header_text"], yellow["shade"]
    ('#a78c00', '#1a1a1a', '#fffbe6')
    """
    accent = color
    while contrast(accent, WHITE) < MIN_ACCENT_CONTRAST:
        accent = mix(accent, "#000000", 0.1)
    readable = WHITE if contrast(WHITE, color) >= contrast(text_color, color) else text_color
    return {
        "accent": accent,
        "header_fill": color,
        "header_text": readable,
        "shade": mix(color, WHITE, 0.9),
    }


# ---------------------------------------------------------------------------------------------
# Applying a brand to a layout


def logo_of(layout: Layout) -> Logo | None:
    """The layout's logo, checked; None when it has none."""
    brand = layout.brand
    if brand.logo is None:
        return None
    if brand._image is None:
        # A layout made in Python rather than loaded: check the file now.
        try:
            return read_logo(Path(brand.logo))
        except LogoError as exc:
            raise input_error(brand.logo, str(exc), field="brand.logo") from None
    return brand._image


def _branded(layout: Layout, brand: Brand, logo: Logo | None) -> Layout:
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
        logo = read_logo(path)
    except LogoError as exc:
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
            checked = read_logo(logo)
        except LogoError as exc:
            raise input_error(str(logo), str(exc), field="--logo") from None
        update["logo"] = str(logo)
    if color is not None:
        try:
            update["color"] = _color(color.strip())
        except ValueError as exc:
            raise input_error("--brand-color", str(exc)) from None
    return _branded(layout, brand.model_copy(update=update), checked)
