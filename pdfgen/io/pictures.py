"""Pictures a booklet prints (the trainer's logo, an exercise's photo), checked before anything is
drawn: a real PNG or JPEG of sane size, decoded here once, so that the renderer draws the image
it is given and never reads a file again."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pdfgen.errors import InputError
from pdfgen.io.reading import read_input

if TYPE_CHECKING:
    from PIL import Image

MAX_PICTURE_BYTES = 10_000_000
MAX_PICTURE_PIXELS = 25_000_000
MIN_PICTURE_SIDE = 32  # pixels
MAX_PICTURE_ASPECT = 10  # the long side over the short
# A picture prints at most about 60 mm wide; 1,200 pixels are over 500 dpi there, and keep the
# PDF small.
EMBED_SIDE = 1200
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass(frozen=True, eq=False)
class Picture:
    """A checked picture: its file, its size in pixels (upright), and the image to draw (RGB or
    RGBA, at most EMBED_SIDE pixels on the long side)."""

    path: Path
    width: int
    height: int
    image: Image.Image

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height


class PictureError(ValueError):
    """What is wrong with a picture file, as a sentence that names it."""


def read_picture(path: Path, what: str = "picture") -> Picture:
    """The picture (a "logo", a "picture") in `path`, checked: a PNG or JPEG of at most 10 MB
    and 25 megapixels, at least 32 pixels each way, no more than 10 times as long as it is
    wide. Raises PictureError."""
    name = f"the {what} '{path}'"
    try:
        data = read_input(path, what=what, limit=MAX_PICTURE_BYTES)
    except InputError as exc:
        raise PictureError(f"{name}: {exc.problems[0].message}") from None
    if not data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        raise PictureError(f"{name} is not a PNG or JPEG image; save the {what} as PNG or JPEG.")
    image = _open(data, name, what)
    width, height = image.size
    _check_size(name, width, height, what)
    try:
        image.load()
        upright = _upright(image)
    except Exception:
        # Pillow raises many kinds (OSError, SyntaxError, ValueError, ...) for damaged data.
        raise PictureError(f"{name} is damaged: its image data cannot be read.") from None
    return Picture(path, *upright.size, _for_print(upright))


def _open(data: bytes, name: str, what: str) -> Image.Image:
    from PIL import Image  # Pillow loads only when there is a picture

    kind = "PNG" if data.startswith(PNG_MAGIC) else "JPEG"
    try:
        # Our own pixel limit is far below Pillow's, which may only warn.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
    except Image.DecompressionBombError:
        raise PictureError(
            f"{name} has far more than {MAX_PICTURE_PIXELS / 1e6:g} megapixels; a {what} needs "
            "a few hundred pixels across."
        ) from None
    except Exception:
        raise PictureError(
            f"{name} starts like a {kind} image but cannot be read as one."
        ) from None
    return image


def _check_size(name: str, width: int, height: int, what: str) -> None:
    shown = f"{width:,} × {height:,} pixels"
    if width * height > MAX_PICTURE_PIXELS:
        raise PictureError(
            f"{name} is {shown}; a {what} may have at most {MAX_PICTURE_PIXELS / 1e6:g} "
            "megapixels (a few hundred pixels across is plenty)."
        )
    if min(width, height) < MIN_PICTURE_SIDE:
        raise PictureError(
            f"{name} is {shown}; a {what} needs at least {MIN_PICTURE_SIDE} pixels each way to "
            "print sharply."
        )
    if max(width, height) > MAX_PICTURE_ASPECT * min(width, height):
        raise PictureError(
            f"{name} is {shown}, too long and thin to print readably; a {what} may be at most "
            f"{MAX_PICTURE_ASPECT} times as long as it is wide."
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
