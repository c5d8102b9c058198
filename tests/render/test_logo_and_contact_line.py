"""The trainer's brand on the page: the logo drawn on the cover and in every header, stored once,
upright and no larger than print needs; the contact line on the cover and in the footer; a
booklet without a brand has no image at all.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader
from support import brand_layout, logo_png

import pdfgen
from pdfgen.errors import InputError
from pdfgen.style.loading import load_layout
from pdfgen.units import MM

# -- the logo: drawn on the cover and every page, stored once -----------------------------------


def logo_name(data: bytes) -> str:
    """The resource name of the one image (not counting its transparency mask) in the file."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        images = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]
        masks = {obj.get("/SMask").objgen for obj in images if "/SMask" in obj}
        [image] = [obj for obj in images if obj.objgen not in masks]
        for page in pdf.pages:
            for name, xobject in page.Resources.get("/XObject", {}).items():
                if xobject.objgen == image.objgen:
                    return str(name)
    raise AssertionError("the image is on no page")


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    folder = tmp_path_factory.mktemp("brand")
    logo_png(folder / "logo.png", (600, 200))
    layout = brand_layout(folder, "logo.png", '  color: "#c62828"\n')
    buffer = io.BytesIO()
    pdfgen.render_booklet(
        "upper-back", buffer, layout=str(layout), client="Zoë Ørsted", trainer="Sam Taylor"
    )
    return buffer.getvalue(), layout


def test_the_logo_is_on_the_cover_and_every_page_and_stored_once(
    branded: tuple[bytes, Path],
) -> None:
    data, _ = branded
    name = logo_name(data).encode()
    reader = PdfReader(io.BytesIO(data))
    drawn = [page.get_contents().get_data().count(name + b" Do") for page in reader.pages]
    assert drawn[0] == 2  # the cover's letterhead, and the header
    assert all(count == 1 for count in drawn[1:])
    assert len(drawn) > 10


def test_the_logo_keeps_its_proportions_and_fits_the_header(branded: tuple[bytes, Path]) -> None:
    data, _ = branded
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        cover, other = pdf.pages[0], pdf.pages[3]
        margin_top = 12 * MM  # base.yaml
        for page in (cover, other):
            [logo] = [i for i in page.images if i["height"] < 6 * MM]
            assert logo["top"] >= margin_top - 0.01
            assert logo["height"] <= 5 * MM
            assert abs(logo["width"] / logo["height"] - 3) < 0.01
            # The program's title starts after the logo, on the same line.
            title = [w for w in page.extract_words() if w["top"] < margin_top + 5 * MM]
            assert min(w["x0"] for w in title) > logo["x1"]
        [big] = [i for i in cover.images if i["height"] > 10 * MM]
        assert big["width"] <= 40 * MM + 0.01 and big["height"] <= 20 * MM + 0.01
        assert abs(big["width"] / big["height"] - 3) < 0.01


def test_the_contact_line_is_on_the_cover_and_in_the_footer(branded: tuple[bytes, Path]) -> None:
    data, _ = branded
    reader = PdfReader(io.BytesIO(data))
    assert all("Sam Taylor · sam@example.com" in page.extract_text() for page in reader.pages)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[2]
        footer = [w for w in page.extract_words() if w["bottom"] > page.height - 20 * MM]
        lines = " ".join(w["text"] for w in sorted(footer, key=lambda w: w["x0"]))
        assert re.fullmatch(
            r"page 3 of \d+ Sam Taylor · sam@example.com Trainer: Sam Taylor", lines
        )
        # Nothing overlaps in the footer.
        ordered = sorted(footer, key=lambda w: w["x0"])
        assert all(a["x1"] <= b["x0"] for a, b in itertools.pairwise(ordered))


def test_a_branded_booklet_is_the_same_bytes_every_time(branded: tuple[bytes, Path]) -> None:
    data, layout = branded
    again = io.BytesIO()
    pdfgen.render_booklet(
        "upper-back", again, layout=str(layout), client="Zoë Ørsted", trainer="Sam Taylor"
    )
    assert again.getvalue() == data


def test_a_booklet_without_a_brand_has_no_image(render: Callable[..., bytes]) -> None:
    with pikepdf.open(io.BytesIO(render("upper-back", client="Sam"))) as pdf:
        assert not any(
            isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
            for obj in pdf.objects
        )


def test_a_large_photo_logo_is_embedded_small_and_upright(tmp_path: Path) -> None:
    photo = Image.new("RGB", (3000, 1000), "navy")
    exif = Image.Exif()
    exif[0x0112] = 6  # taken turned: should be shown rotated 90°
    photo.save(tmp_path / "photo.jpg", exif=exif)
    layout = brand_layout(tmp_path, "photo.jpg")
    logo = load_layout(layout).brand._image
    assert logo is not None
    assert (logo.width, logo.height) == (1000, 3000)  # upright
    assert logo.image.size == (400, 1200)  # and no larger than print needs


# -- the contact line ---------------------------------------------------------------------------


def test_a_contact_line_is_one_line_of_plain_text(tmp_path: Path) -> None:
    layout = tmp_path / "contact.yaml"
    layout.write_text('brand: {contact: "Sam\\nTaylor"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"contact.yaml:1:\d+: brand.contact: must be one line"):
        load_layout(layout)
    layout.write_text("brand: {contact: \"<b>Sam</b> & <a href='x'>co</a>\"}\n", encoding="utf-8")
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, layout=str(layout))
    cover = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "<b>Sam</b> & <a href='x'>co</a>" in cover


def test_a_contact_line_too_long_for_the_footer_stays_on_the_cover(tmp_path: Path) -> None:
    contact = "Sam Taylor · sam.taylor@example.com · 0400 000 000 · www.example.com/coaching"
    layout = tmp_path / "long.yaml"
    layout.write_text(f"extends: a5\nbrand: {{contact: '{contact}'}}\n", encoding="utf-8")
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, layout=str(layout), trainer="Sam Taylor")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(buffer.getvalue())).pages]
    assert "sam.taylor@example.com" in pages[0]  # on the cover, wrapped if need be
    assert not any("sam.taylor@example.com" in page for page in pages[1:])
