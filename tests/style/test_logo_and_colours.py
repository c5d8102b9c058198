"""The trainer's brand in a layout: a logo checked when the layout loads (a bad one refused naming
the file, line and field), found beside the layout that names it; and `with_brand`, what
`--logo` and `--brand-color` call, with the colours a brand colour gives.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image
from support import brand_layout, logo_png

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.style.color import brand_colors, contrast
from pdfgen.style.loading import load_layout, with_brand


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# -- the logo: checked when the layout loads ----------------------------------------------------


def png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims `width` × `height` pixels, with no image data after it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
    return path


def make_text_as_png(folder: Path) -> str:
    (folder / "logo.png").write_text("this is not an image\n", encoding="utf-8")
    return "logo.png"


def make_gif(folder: Path) -> str:
    Image.new("RGB", (100, 100), "red").save(folder / "logo.gif")
    return "logo.gif"


def make_tiny(folder: Path) -> str:
    logo_png(folder / "tiny.png", (1, 1))
    return "tiny.png"


def make_huge_header(folder: Path) -> str:
    png_header(folder / "huge.png", 100_000, 100_000)
    return "huge.png"


def make_too_many_pixels(folder: Path) -> str:
    png_header(folder / "big.png", 6000, 5000)
    return "big.png"


def make_sliver(folder: Path) -> str:
    logo_png(folder / "sliver.png", (1200, 40))
    return "sliver.png"


def make_truncated(folder: Path) -> str:
    logo_png(folder / "whole.png", (300, 300), mode="RGB")
    data = (folder / "whole.png").read_bytes()
    (folder / "cut.png").write_bytes(data[: len(data) // 2])
    return "cut.png"


def make_too_big_file(folder: Path) -> str:
    (folder / "heavy.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10_000_001)
    return "heavy.png"


def make_folder(folder: Path) -> str:
    (folder / "logo.png").mkdir()
    return "logo.png"


BAD_LOGOS: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing": (lambda folder: "nowhere.png", "no such logo file"),
    "folder": (make_folder, "is a folder"),
    "text-renamed-png": (make_text_as_png, "is not a PNG or JPEG image"),
    "gif": (make_gif, "is not a PNG or JPEG image"),
    "one-pixel": (make_tiny, "is 1 × 1 pixels; a logo needs at least 32 pixels each way"),
    "huge-header": (make_huge_header, "far more than 25 megapixels"),
    "30-megapixels": (make_too_many_pixels, "is 6,000 × 5,000 pixels; a logo may have at most 25"),
    "sliver": (make_sliver, "too long and thin"),
    "truncated": (make_truncated, "is damaged"),
    "over-10-mb": (make_too_big_file, "larger than 10,000,000 bytes"),
}


@pytest.mark.parametrize("case", sorted(BAD_LOGOS))
def test_a_bad_logo_is_refused_naming_the_file(case: str, tmp_path: Path) -> None:
    make, expect = BAD_LOGOS[case]
    name = make(tmp_path)
    layout = brand_layout(tmp_path, name)
    with pytest.raises(InputError) as caught:
        load_layout(layout)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(layout), 3, "brand.logo")
    assert f"the logo '{tmp_path / name}'" in problem.message
    assert expect in problem.message

    out = tmp_path / "out.pdf"
    for args in (
        ["validate", str(layout)],
        ["build", "upper-back", "--layout", str(layout), "-o", str(out)],
    ):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert f"{layout}:3:9: brand.logo: the logo '{tmp_path / name}'" in result.stderr
        assert expect in result.stderr
        assert "Traceback" not in result.output
    assert not out.exists()


def test_a_logo_is_found_beside_the_layout_that_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    logo_png(brand / "logo.png")
    brand_layout(brand, "logo.png")
    (tmp_path / "mine.yaml").write_text("extends: brand/brand.yaml\npage: {size: a5}\n")
    monkeypatch.chdir(tmp_path / "brand")  # not where the logo is looked for
    layout = load_layout(tmp_path / "mine.yaml")
    assert layout.brand.logo == str(brand / "logo.png")
    assert layout.brand.contact == "Sam Taylor · sam@example.com"


def test_validate_reports_a_good_branded_layout(tmp_path: Path) -> None:
    logo_png(tmp_path / "logo.png")
    result = run("validate", str(brand_layout(tmp_path, "logo.png")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


# -- with_brand: what --logo and --brand-color call ---------------------------------------------


def test_with_brand_sets_the_logo_and_the_colours(tmp_path: Path) -> None:
    base = load_layout("a5")
    logo = logo_png(tmp_path / "logo.png")
    branded = with_brand(base, logo=logo, color="#FFD400")
    assert branded.brand.logo == str(logo) and branded.brand.color == "#ffd400"
    assert branded.colors.header_fill == "#ffd400"
    # Yellow: dark text on the header bars, and headings darkened until they read on white.
    assert branded.colors.header_text == base.colors.text
    assert contrast(branded.colors.accent, "#ffffff") >= 3
    assert branded.page == base.page and base.brand.logo is None  # a copy; a5 unchanged
    # None keeps what the layout has.
    assert with_brand(branded).brand == branded.brand
    assert with_brand(branded, color="#1d4e89").brand.logo == str(logo)


def test_with_brand_refuses_a_bad_logo_or_colour(tmp_path: Path) -> None:
    base = load_layout()
    with pytest.raises(InputError) as caught:
        with_brand(base, logo=tmp_path / "missing.png")
    assert str(caught.value) == f"{tmp_path / 'missing.png'}: --logo: the logo " + (
        f"'{tmp_path / 'missing.png'}': no such logo file."
    )
    with pytest.raises(InputError) as caught:
        with_brand(base, color="red")
    assert str(caught.value) == (
        "--brand-color: 'red' is not a colour; write it as '#rrggbb', like '#1d4e89'."
    )


def test_a_dark_brand_colour_is_used_as_it_is() -> None:
    assert brand_colors("#1d4e89", "#1a1a1a") == {
        "accent": "#1d4e89",
        "header_fill": "#1d4e89",
        "header_text": "#ffffff",
        "shade": "#e8edf3",
    }


def test_a_brand_colour_in_the_layout_recolours_it(tmp_path: Path) -> None:
    layout = tmp_path / "red.yaml"
    layout.write_text('brand: {color: "#c62828"}\ncolors: {accent: "#00ff00"}\n')
    loaded = load_layout(layout)
    assert (loaded.colors.accent, loaded.colors.header_fill) == ("#c62828", "#c62828")
    layout.write_text('brand: {color: "#c6282"}\n')
    with pytest.raises(InputError, match=r"red.yaml:1:16: brand.color: '#c6282' is not a colour"):
        load_layout(layout)
