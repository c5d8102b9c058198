"""Video links as QR codes on the guide pages, and the trainer's branding: a logo, a contact line
and a colour.

A video link is checked like every other plan field (a located message); it prints as a QR code
of at least 20 mm that an independent reader (zxing-cpp) decodes back to the address, with the
address under it and no link annotation. A logo is checked when the layout loads, embedded once
and drawn on the cover and on every page; a booklet without a brand has no image at all.
"""

from __future__ import annotations

import io
import itertools
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2
import pytest
import zxingcpp
from click.testing import CliRunner, Result
from PIL import Image
from pypdf import PdfReader

import pdfgen
from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.plan.library import builtin_library, load_library
from pdfgen.plan.loading import load_plan_text
from pdfgen.render.marks import QR_MIN, QR_QUIET, qr_modules
from pdfgen.style.color import brand_colors, contrast
from pdfgen.style.loading import load_layout, with_brand
from pdfgen.units import MM

YOUTUBE = "https://www.youtube.com/watch?v=eGo4IYlbE5g"

PLAN_WITH_VIDEO = f"""\
program: Upper back
sessions:
  - name: Upper back
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
      - exercise: band-pull-apart
        sets: 2
        reps: 15
exercises:
  pull-up:
    video: {YOUTUBE}
  band-pull-apart:
    name: Band pull-apart
    steps: [Hold a band at shoulder height, Pull it apart to your chest]
"""


def plan_with_video(url: str) -> str:
    return f"""\
program: Upper back
sessions:
  - name: Upper back
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
exercises:
  pull-up:
    video: '{url}'
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# -- the video link: validation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        YOUTUBE,
        "http://vimeo.com/123456789",
        "https://example.com:8443/clip#t=30",
        "https://de.wikipedia.org/wiki/Klimmzug",
    ],
)
def test_a_web_address_is_a_video_link(url: str) -> None:
    plan = load_plan_text(plan_with_video(url))
    assert plan.used_exercises["pull-up"].video == url


@pytest.mark.parametrize(
    ("url", "expect"),
    [
        ("ftp://example.com/clip.mp4", "starts with http:// or https://"),
        ("javascript:alert(1)", "starts with http:// or https://"),
        ("file:///etc/passwd", "starts with http:// or https://"),
        ("www.youtube.com/watch?v=x", "starts with http:// or https://"),
        ("https://", "no valid host name"),
        ("https:///watch", "no valid host name"),
        ("https://-bad-.com/x", "no valid host name"),
        ("https://example.com:99999/x", "no valid host name (or port)"),
        ("https://www.you tube.com/x", "has a space or an invisible character"),
        ("https://example.com/\u202eevil", "has a space or an invisible character"),
        ("https://user:secret@example.com/", "user name or password"),
        ("https://example.com/" + "x" * 500, "a web address may have at most 500"),
    ],
)
def test_a_bad_video_link_is_a_located_error(url: str, expect: str) -> None:
    with pytest.raises(InputError) as caught:
        load_plan_text(plan_with_video(url), name="plan.yaml")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (
        "plan.yaml",
        10,
        "exercises.pull-up.video",
    )
    assert expect in problem.message
    assert "\u202e" not in str(caught.value)  # an invisible character is shown escaped


def test_a_bad_video_link_in_a_library_is_located(tmp_path: Path) -> None:
    library = tmp_path / "library.yaml"
    library.write_text("row:\n  name: Row\n  video: ftp://example.com/row\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_library(library)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (3, "row.video")
    result = run("validate", str(library))
    assert result.exit_code == 1
    assert f"{library}:3:10: row.video: 'ftp://example.com/row' is not a web address" in (
        result.stderr
    )


def test_the_built_in_library_has_no_made_up_links() -> None:
    assert all(exercise.video is None for exercise in builtin_library().values())


# -- the video link: the printed QR code --------------------------------------------------------


@pytest.fixture(scope="module")
def video_booklet() -> bytes:
    buffer = io.BytesIO()
    pdfgen.render_booklet(load_plan_text(PLAN_WITH_VIDEO), buffer, client="Zoë Ørsted")
    return buffer.getvalue()


def page_titled(data: bytes, title: str) -> int:
    """The index of the page an outline entry of that title points at."""
    reader = PdfReader(io.BytesIO(data))
    entries: list[Any] = list(reader.outline)
    while entries:
        entry = entries.pop(0)
        if isinstance(entry, list):
            entries += entry
        elif entry.title == title:
            return int(reader.get_destination_page_number(entry))
    raise AssertionError(f"no outline entry {title!r}")


def qr_modules_drawn(page: Any) -> list[dict[str, Any]]:
    """The filled black rectangles of a page: the QR code's dark modules."""
    return [
        r
        for r in page.rects
        if r["fill"] and not r["stroke"] and r.get("non_stroking_color") in ((0,), (0, 0, 0))
    ]


def test_the_guide_page_has_a_qr_code_of_the_video(video_booklet: bytes) -> None:
    index = page_titled(video_booklet, "Pull-up")
    n = qr_modules(YOUTUBE)
    with pdfplumber.open(io.BytesIO(video_booklet)) as pdf:
        page = pdf.pages[index]
        dark = qr_modules_drawn(page)
        x0, x1 = min(r["x0"] for r in dark), max(r["x1"] for r in dark)
        top, bottom = min(r["top"] for r in dark), max(r["bottom"] for r in dark)
        module = (x1 - x0) / n
        # Square, with the quiet zone at least the 20 mm a phone needs from paper.
        assert abs((bottom - top) - (x1 - x0)) < 0.01
        assert module * (n + 2 * QR_QUIET) >= max(20 * MM, QR_MIN - 0.01)
        # Every module where reportlab's encoder puts it for this address.
        grid = [[False] * n for _ in range(n)]
        for r in dark:
            row = round((r["top"] - top) / module)
            for col in range(round((r["x0"] - x0) / module), round((r["x1"] - x0) / module)):
                grid[row][col] = True
        from reportlab.graphics.barcode import qrencoder

        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(YOUTUBE)
        code.make()
        assert grid == [[bool(cell) for cell in row] for row in code.modules]
        # The address printed under the code, within its width; nothing else beside it.
        under = [
            w
            for w in page.extract_words()
            if bottom < w["top"] < bottom + 10 * MM and w["x0"] >= x0 - 8 * MM
        ]
        assert "".join(w["text"] for w in sorted(under, key=lambda w: w["top"])) == YOUTUBE
        beside = [w for w in page.extract_words() if top <= w["top"] <= bottom]
        assert beside and all(w["x1"] < x0 - 3 * MM for w in beside)
        # A picture to scan, not a link: the booklet has no link annotation anywhere.
        assert not any(p.annots for p in pdf.pages)


def test_an_independent_reader_scans_the_printed_code(video_booklet: bytes) -> None:
    index = page_titled(video_booklet, "Pull-up")
    document = pypdfium2.PdfDocument(video_booklet)
    try:
        # 100 dpi: what a phone's camera resolves on paper at arm's length, with margin.
        image = document[index].render(scale=100 / 72).to_pil()
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [YOUTUBE]


def test_an_exercise_without_a_video_has_no_code(video_booklet: bytes) -> None:
    index = page_titled(video_booklet, "Band pull-apart")
    with pdfplumber.open(io.BytesIO(video_booklet)) as pdf:
        assert qr_modules_drawn(pdf.pages[index]) == []


def test_a_hostile_address_prints_literally_and_scans_whole() -> None:
    url = 'https://example.com/"><a%20href="javascript:alert(1)">v</a>?q=<b>&x=1'
    buffer = io.BytesIO()
    pdfgen.render_booklet(load_plan_text(plan_with_video(url)), buffer)
    data = buffer.getvalue()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert url in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not any(
            isinstance(obj, pikepdf.Dictionary) and ("/URI" in obj or "/JS" in obj)
            for obj in pdf.objects
        )
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[page_titled(data, "Pull-up")].render(scale=150 / 72).to_pil()
    finally:
        document.close()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [url]


# -- the logo: checked when the layout loads ----------------------------------------------------


def png(path: Path, size: tuple[int, int] = (400, 160), mode: str = "RGBA") -> Path:
    image = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    image.paste((200, 40, 40) if mode != "L" else 80, (0, 0, size[0] // 3, size[1]))
    image.save(path)
    return path


def png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims `width` × `height` pixels, with no image data after it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
    return path


def brand_layout(folder: Path, logo: str, extra: str = "") -> Path:
    layout = folder / "brand.yaml"
    layout.write_text(
        f"# A trainer's layout\nbrand:\n  logo: {logo}\n  contact: Sam Taylor · sam@example.com\n"
        + extra,
        encoding="utf-8",
    )
    return layout


def make_text_as_png(folder: Path) -> str:
    (folder / "logo.png").write_text("this is not an image\n", encoding="utf-8")
    return "logo.png"


def make_gif(folder: Path) -> str:
    Image.new("RGB", (100, 100), "red").save(folder / "logo.gif")
    return "logo.gif"


def make_tiny(folder: Path) -> str:
    png(folder / "tiny.png", (1, 1))
    return "tiny.png"


def make_huge_header(folder: Path) -> str:
    png_header(folder / "huge.png", 100_000, 100_000)
    return "huge.png"


def make_too_many_pixels(folder: Path) -> str:
    png_header(folder / "big.png", 6000, 5000)
    return "big.png"


def make_sliver(folder: Path) -> str:
    png(folder / "sliver.png", (1200, 40))
    return "sliver.png"


def make_truncated(folder: Path) -> str:
    png(folder / "whole.png", (300, 300), mode="RGB")
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
    png(brand / "logo.png")
    brand_layout(brand, "logo.png")
    (tmp_path / "mine.yaml").write_text("extends: brand/brand.yaml\npage: {size: a5}\n")
    monkeypatch.chdir(tmp_path / "brand")  # not where the logo is looked for
    layout = load_layout(tmp_path / "mine.yaml")
    assert layout.brand.logo == str(brand / "logo.png")
    assert layout.brand.contact == "Sam Taylor · sam@example.com"


def test_validate_reports_a_good_branded_layout(tmp_path: Path) -> None:
    png(tmp_path / "logo.png")
    result = run("validate", str(brand_layout(tmp_path, "logo.png")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


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
    png(folder / "logo.png", (600, 200))
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


# -- with_brand: what --logo and --brand-color call ---------------------------------------------


def test_with_brand_sets_the_logo_and_the_colours(tmp_path: Path) -> None:
    base = load_layout("a5")
    logo = png(tmp_path / "logo.png")
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
