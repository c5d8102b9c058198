"""The print-shop options on the command line (`--impose`, `--fillable` with `--impose`,
`batch --fillable/--merge/--impose`, `--logo`, `--brand-color`), run through click's CliRunner
and checked on the PDFs they write: sheet sizes, which booklet page lands in which half of which
sheet (read back with pdfplumber from each page's own "page K of N"), form fields by name, filled
in with pypdf and read back with `pdfgen read-log`, outlines, images and colours.

The booklets are small (support.MINIMAL_PLAN with weighted pull-ups, a week or two) and made
once per module.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner, Result
from PIL import Image
from pypdf import PdfReader
from support import MINIMAL_PLAN
from support.pdfs import fill_form

from pdfgen.cli import cli

# The minimal plan with weighted pull-ups (a belt): every set has a weight to type in.
WEIGHTED_PLAN = MINIMAL_PLAN.replace(
    "exercise: pull-up", "exercise: pull-up\n        kind: weighted"
)
A4_LANDSCAPE = (841.89, 595.28)
A3_PORTRAIT = (841.89, 1190.55)
BRAND = "#0f6e64"
BRAND_RGB = (0x0F, 0x6E, 0x64)
PAGE_OF = re.compile(r"page (\d+) of (\d+)")

Slot = int | None  # a booklet page number, or None for a blank half
Side = tuple[Slot, Slot]


# -- running pdfgen -------------------------------------------------------------------------------


def pdfgen(*args: str | Path, status: int | None = 0) -> Result:
    """`pdfgen ARGS` in this process; the exit status must be `status` (None: any)."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert status is None or result.exit_code == status, (
        f"pdfgen {' '.join(map(str, args))} exited {result.exit_code}, not {status}\n"
        f"stdout: {result.stdout}\nstderr: {result.stderr}"
    )
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the minimal plan (`plan.yaml`), a small logo and a file that is not one."""
    path = tmp_path_factory.mktemp("print")
    (path / "plan.yaml").write_text(WEIGHTED_PLAN, encoding="utf-8")
    Image.new("RGB", (96, 48), (200, 40, 30)).save(path / "logo.png")
    (path / "not-a-logo.png").write_bytes(b"GIF89a: not a PNG, whatever its name says")
    return path


def build(folder: Path, out: Path, *args: str) -> Path:
    """`pdfgen build FOLDER/plan.yaml ARGS -o OUT`; the PDF written."""
    assert out.is_absolute(), "a test writes in its own folders, never the current one"
    result = pdfgen("build", folder / "plan.yaml", *args, "-o", out)
    assert result.stdout.startswith(f"wrote {out} ("), result.stdout
    return out


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


# -- reading sheets back --------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetSide:
    """One side of an imposed sheet: its size, and the text of its two halves (left and right,
    or top and bottom when the sheet is portrait, holding landscape pages)."""

    width: float
    height: float
    texts: tuple[str, str]

    def slots(self) -> Side:
        """Which booklet page is in each half, from its footer; None for a blank half."""
        found: list[Slot] = []
        for text in self.texts:
            numbers = PAGE_OF.findall(text)
            assert len(numbers) <= 1, f"two pages in one half: {text!r}"
            if numbers:
                found.append(int(numbers[0][0]))
            else:
                assert not text.strip(), f"a half with text and no page number: {text!r}"
                found.append(None)
        return found[0], found[1]


def sheet_sides(path: Path) -> list[SheetSide]:
    sides = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            w, h = float(page.width), float(page.height)
            boxes = (
                [(0, 0, w / 2, h), (w / 2, 0, w, h)]
                if w > h
                else [(0, 0, w, h / 2), (0, h / 2, w, h)]
            )
            texts = tuple(page.crop(box).extract_text() or "" for box in boxes)
            sides.append(SheetSide(w, h, (texts[0], texts[1])))
    return sides


def totals(sides: list[SheetSide]) -> set[int]:
    """The N of every "page K of N" on the sheets."""
    return {int(n) for side in sides for text in side.texts for _, n in PAGE_OF.findall(text)}


def fold(sides: list[Side]) -> list[Slot]:
    """The order a reader meets the pages of the folded, stacked sheets: into the middle through
    each sheet's front right and back left, then out through back right and front left."""
    sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
    inward = [page for front, back in sheets for page in (front[1], back[0])]
    outward = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return inward + outward


def padded(count: int, unit: int) -> int:
    return -(-count // unit) * unit


def assert_size(sides: list[SheetSide], size: tuple[float, float]) -> None:
    for number, side in enumerate(sides, start=1):
        assert side.width == pytest.approx(size[0], abs=1), f"sheet side {number}"
        assert side.height == pytest.approx(size[1], abs=1), f"sheet side {number}"


# -- build --impose -------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=[1, 2, 4], ids=["1-week", "2-weeks", "4-weeks"])
def a5_booklet(folder: Path, request: pytest.FixtureRequest) -> tuple[str, int]:
    """The weeks of an A5 booklet, and its page count (5, 6 and 8 pages: three, two and no
    blanks to add)."""
    weeks = str(request.param)
    plain = build(folder, folder / f"a5-{weeks}.pdf", "--page-size", "a5", "--weeks", weeks)
    return weeks, pages(plain)


def test_saddle_puts_an_a5_booklet_on_a4_sheets_in_folding_order(
    folder: Path, a5_booklet: tuple[str, int], tmp_path: Path
) -> None:
    weeks, count = a5_booklet
    out = build(
        folder, tmp_path / "saddle.pdf", "--page-size", "a5", "--weeks", weeks, "--impose", "saddle"
    )
    sides = sheet_sides(out)
    assert_size(sides, A4_LANDSCAPE)
    assert len(sides) == padded(count, 4) // 2
    assert totals(sides) == {count}

    # The outside of the first sheet: the back page on the left, the cover on the right.
    back, cover = sides[0].texts
    assert f"page {count} of {count}" in back
    assert "TRAINING BOOKLET" in cover and f"page 1 of {count}" in cover
    assert sides[0].slots() == (count, 1)

    assert PdfReader(out).outline == []  # its pages are sheets, not booklet pages
    slots = [side.slots() for side in sides]
    numbers = Counter(page for side in slots for page in side if page is not None)
    assert numbers == Counter(range(1, count + 1)), "every page exactly once"
    # Folded, the booklet reads in order, its blanks just before the back page.
    blanks = padded(count, 4) - count
    assert fold(slots) == [*range(1, count), *[None] * blanks, count]


def test_2up_puts_pages_on_sheets_in_reading_order(
    folder: Path, a5_booklet: tuple[str, int], tmp_path: Path
) -> None:
    weeks, count = a5_booklet
    out = build(
        folder, tmp_path / "2up.pdf", "--page-size", "a5", "--weeks", weeks, "--impose", "2up"
    )
    sides = sheet_sides(out)
    assert_size(sides, A4_LANDSCAPE)
    assert [side.slots() for side in sides] == [
        (n, n + 1 if n < count else None) for n in range(1, count + 1, 2)
    ]
    assert "TRAINING BOOKLET" in sides[0].texts[0]


def test_log_sheets_2up_stack_two_weeks_on_a3(folder: Path, tmp_path: Path) -> None:
    plain, out = tmp_path / "log.pdf", tmp_path / "log-2up.pdf"
    pdfgen("log", "upper-back", "--weeks", "1-2", "-o", plain)
    pdfgen("log", "upper-back", "--weeks", "1-2", "--impose", "2up", "-o", out)
    assert [side.width > side.height for side in sheet_sides(plain)] == [True, True]
    (side,) = sheet_sides(out)
    assert_size([side], A3_PORTRAIT)
    top, bottom = side.texts
    assert "Week 1 of" in top and "Week 2 of" not in top
    assert "Week 2 of" in bottom and "Week 1 of" not in bottom
    assert side.slots() == (1, 2)


# -- --fillable --impose --------------------------------------------------------------------------

# What a client types, by field name (the plan: weighted pull-ups, 3 sets, one day a week).
TYPED = {
    "w01_d1_pull-up_s1_weight": "62,5",
    "w01_d1_pull-up_s1_reps": "8",
    "w01_d1_pull-up_s1_done": "/Yes",
    "w02_d1_pull-up_s3_weight": "65 kg",
    "w02_d1_pull-up_s3_reps": "6",
    "w02_d1_rpe": "9",
    "w02_d1_notes": "Grip gave out.",
    "notes": "Left shoulder fine.",
}


def field_names(path: Path) -> set[str]:
    return set(PdfReader(path).get_fields() or {})


def widget_names(path: Path) -> Counter[str]:
    """The name of every widget placed on a page (a field shown nowhere cannot be filled)."""
    names: Counter[str] = Counter()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") == "/Widget":
                    names[str(annot.get("/T"))] += 1
    return names


def fill(path: Path, out: Path, values: dict[str, str]) -> Path:
    out.write_bytes(fill_form(path.read_bytes(), values))
    return out


def read_log(path: Path) -> list[dict[str, str]]:
    """`pdfgen read-log PATH`: its CSV rows."""
    return list(csv.DictReader(io.StringIO(pdfgen("read-log", path).stdout)))


@pytest.fixture(scope="module")
def fillable(folder: Path) -> tuple[Path, Path]:
    """A fillable A5 booklet of two weeks, plain and imposed saddle."""
    common = ("--page-size", "a5", "--weeks", "2", "--fillable", "--client", "Zoë Ørsted")
    return (
        build(folder, folder / "fillable.pdf", *common),
        build(folder, folder / "fillable-saddle.pdf", *common, "--impose", "saddle"),
    )


def test_every_field_survives_imposition(fillable: tuple[Path, Path]) -> None:
    plain, imposed = fillable
    names = field_names(plain)
    assert {"w01_d1_info", "w02_d1_info", "notes", *TYPED} <= names
    assert field_names(imposed) == names
    assert widget_names(imposed) == widget_names(plain) == Counter(names)


def test_imposed_fields_fill_in_and_read_back(
    folder: Path, fillable: tuple[Path, Path], tmp_path: Path
) -> None:
    plain, imposed = fillable
    from_plain = read_log(fill(plain, tmp_path / "plain-filled.pdf", TYPED))
    from_imposed = read_log(fill(imposed, tmp_path / "saddle-filled.pdf", TYPED))
    assert from_imposed == from_plain
    assert len(from_imposed) == 6  # two weeks of three sets
    first = from_imposed[0]
    assert (first["client"], first["week"], first["set"]) == ("Zoë Ørsted", "1", "1")
    assert (first["weight"], first["reps"], first["done"]) == ("62.5", "8", "yes")
    last = from_imposed[-1]
    assert (last["week"], last["set"], last["weight"], last["reps"]) == ("2", "3", "65", "6")
    assert (last["rpe"], last["notes"], last["booklet_notes"]) == (
        "9",
        "Grip gave out.",
        "Left shoulder fine.",
    )


# -- batch ----------------------------------------------------------------------------------------

CLIENTS = {2: "Ann Lee", 3: "Bob Roe", 4: "Cy Day"}  # roster rows: the header is row 1


@pytest.fixture(scope="module")
def roster(folder: Path) -> Path:
    """Three clients of the minimal plan on A5: 6, 5 and 5 pages."""
    path = folder / "clients.csv"
    path.write_text(
        "client,plan,weeks,page_size\n"
        "Ann Lee,plan.yaml,2,a5\n"
        "Bob Roe,plan.yaml,1,a5\n"
        "Cy Day,plan.yaml,1,a5\n",
        encoding="utf-8",
    )
    return path


def batch(roster: Path, out: Path, *args: str | Path, status: int | None = 0) -> Result:
    return pdfgen("batch", roster, "-o", out, "--jobs", "1", *args, status=status)


def booklet_of(out: Path, row: int) -> Path:
    (path,) = out.glob(f"{CLIENTS[row]} - *.pdf")
    return path


@pytest.fixture(scope="module")
def merged_fillable(folder: Path, roster: Path) -> tuple[Path, Path]:
    """`batch --fillable --merge`: the booklets' folder and the merged file."""
    out, merged = folder / "fillable-booklets", folder / "all-fillable.pdf"
    result = batch(roster, out, "--fillable", "--merge", merged)
    assert "3 written, 0 skipped, 0 failed" in result.stdout
    return out, merged


def all_field_names(path: Path) -> list[str]:
    """The fully qualified name of every terminal field of the form, repeats included."""
    names: list[str] = []

    def walk(field: pikepdf.Object, parent: str) -> None:
        name = f"{parent}.{field.T}" if parent and "/T" in field else str(field.get("/T", parent))
        kids = field.get("/Kids")
        if kids is not None and any("/T" in kid for kid in kids):
            for kid in kids:
                walk(kid, name)
        else:
            names.append(name)

    with pikepdf.open(path) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            walk(field, "")
    return names


def prefix_of(booklet: Path) -> str:
    """The tag every field of a batch booklet starts with (made from its file name)."""
    prefixes = {name.split("_", 1)[0] for name in field_names(booklet)}
    assert len(prefixes) == 1, prefixes
    prefix = prefixes.pop()
    assert re.fullmatch(r"b[0-9a-f]{8}", prefix), prefix
    return prefix


def test_batch_fillable_fields_are_prefixed_per_booklet_and_never_repeat(
    merged_fillable: tuple[Path, Path],
) -> None:
    out, merged = merged_fillable
    expected: set[str] = set()
    prefixes = {prefix_of(booklet_of(out, row)) for row in CLIENTS}
    assert len(prefixes) == len(CLIENTS)  # one tag per booklet
    for row in CLIENTS:
        names = field_names(booklet_of(out, row))
        assert f"{prefix_of(booklet_of(out, row))}_w01_d1_info" in names
        expected |= names
    names = all_field_names(merged)
    repeated = [name for name, count in Counter(names).items() if count > 1]
    assert repeated == []
    assert set(names) == expected


def test_read_log_reads_every_client_of_the_merged_file(
    folder: Path, merged_fillable: tuple[Path, Path], tmp_path: Path
) -> None:
    out, merged = merged_fillable
    tag = prefix_of(booklet_of(out, 3))
    typed = {f"{tag}_w01_d1_pull-up_s2_weight": "70", f"{tag}_w01_d1_pull-up_s2_reps": "5"}
    rows = read_log(fill(merged, tmp_path / "all-filled.pdf", typed))
    by_client = Counter(row["client"] for row in rows)
    assert by_client == {
        client: len(read_log(booklet_of(out, row))) for row, client in CLIENTS.items()
    }
    assert by_client == {"Ann Lee": 6, "Bob Roe": 3, "Cy Day": 3}
    logged = [row for row in rows if row["weight"]]
    assert [(r["client"], r["week"], r["set"], r["weight"], r["reps"]) for r in logged] == [
        ("Bob Roe", "1", "2", "70", "5")
    ]


def outline(path: Path) -> list[tuple[str, int]]:
    """The top level of the outline: (title, index of the page it points at)."""
    reader = PdfReader(path)
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if not isinstance(item, list)
    ]


def test_batch_merge_impose_gives_each_client_sheets_of_their_own(
    folder: Path, roster: Path, tmp_path: Path
) -> None:
    out, merged = tmp_path / "booklets", tmp_path / "all-saddle.pdf"
    batch(roster, out, "--merge", merged, "--impose", "saddle")
    sides = sheet_sides(merged)
    assert_size(sides, A4_LANDSCAPE)
    counts = {row: pages(booklet_of(out, row)) for row in CLIENTS}
    assert counts == {2: 6, 3: 5, 4: 5}

    entries = outline(merged)
    assert [title for title, _ in entries] == [f"{client} — plan" for client in CLIENTS.values()]
    starts = [first for _, first in entries]
    assert starts == [0, 4, 8]  # each booklet on 8 pages: 4 sheet sides
    ends = [*starts[1:], len(sides)]
    for (row, client), start, end in zip(CLIENTS.items(), starts, ends, strict=True):
        count = counts[row]
        mine = sides[start:end]
        assert len(mine) == padded(count, 4) // 2, client
        assert totals(mine) == {count}, client
        assert mine[0].slots() == (count, 1), client
        assert "TRAINING BOOKLET" in mine[0].texts[1], client
        slots = [side.slots() for side in mine]
        assert fold(slots) == [*range(1, count), *[None] * (padded(count, 4) - count), count]
        for side in mine:
            text = " ".join(side.texts)
            assert client in text, f"{client}'s sheets show {text[:200]!r}"
            assert not [other for other in CLIENTS.values() if other != client and other in text]


def test_batch_fillable_merge_impose_reads_back_every_client(
    merged_fillable: tuple[Path, Path], roster: Path, tmp_path: Path
) -> None:
    _, plain = merged_fillable
    merged = tmp_path / "all.pdf"
    batch(roster, tmp_path / "booklets", "--fillable", "--merge", merged, "--impose", "saddle")
    assert set(all_field_names(merged)) == set(all_field_names(plain))
    assert read_log(merged) == read_log(plain)


# -- batch --fillable over booklets kept from an earlier run ----------------------------------


def write_rows(folder: Path, *clients: str) -> Path:
    """clients.csv in folder (beside a copy of the plan): one row per client, in order."""
    rows = "".join(f"{client},plan.yaml,1,a5\n" for client in clients)
    roster = folder / "clients.csv"
    roster.write_text("client,plan,weeks,page_size\n" + rows, encoding="utf-8")
    return roster


def test_a_reordered_roster_does_not_merge_repeated_field_names(
    folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "plan.yaml").write_bytes((folder / "plan.yaml").read_bytes())
    out, merged = tmp_path / "booklets", tmp_path / "all.pdf"
    batch(write_rows(tmp_path, "Ann Lee", "Bob Roe"), out, "--fillable")
    roster = write_rows(tmp_path, "Cy Day", "Ann Lee", "Bob Roe")
    result = batch(roster, out, "--fillable", "--merge", merged, status=None)
    if result.exit_code != 0:  # refusing the stale booklets, naming the way out, would do too
        assert "--force" in result.stderr
        return
    names = all_field_names(merged)
    assert [name for name, count in Counter(names).items() if count > 1] == []
    clients = {row["client"] for row in read_log(merged)}
    assert clients == {"Ann Lee", "Bob Roe", "Cy Day"}


def test_a_kept_plain_booklet_is_not_merged_silently_into_a_fillable_file(
    folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "plan.yaml").write_bytes((folder / "plan.yaml").read_bytes())
    out, merged = tmp_path / "booklets", tmp_path / "all.pdf"
    roster = write_rows(tmp_path, "Ann Lee")
    batch(roster, out)
    result = batch(roster, out, "--fillable", "--merge", merged, status=None)
    if result.exit_code != 0:
        assert "--force" in result.stderr
        return
    assert {row["client"] for row in read_log(merged)} == {"Ann Lee"}


def test_batch_impose_without_merge_is_a_usage_error(
    folder: Path, roster: Path, tmp_path: Path
) -> None:
    out = tmp_path / "never"
    result = batch(roster, out, "--impose", "saddle", status=2)
    assert "--merge" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("logo", ["not-a-logo.png", "missing.png"])
def test_batch_with_a_bad_logo_writes_nothing(
    folder: Path, roster: Path, logo: str, tmp_path: Path
) -> None:
    out, merged = tmp_path / "booklets", tmp_path / "all.pdf"
    result = batch(roster, out, "--logo", folder / logo, "--merge", merged, status=1)
    assert logo in result.stderr and "--logo" in result.stderr
    assert not out.exists() or not any(out.iterdir())
    assert not merged.exists()


def image_xobjects(page: pikepdf.Page) -> list[str]:
    """The names of the images page draws (directly or in form XObjects)."""
    found: list[str] = []

    def look(resources: pikepdf.Object | None) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        for name, obj in resources.get("/XObject", pikepdf.Dictionary()).items():
            if obj.get("/Subtype") == "/Image":
                found.append(name)
            elif obj.get("/Subtype") == "/Form":
                look(obj.get("/Resources"))

    look(page.obj.get("/Resources"))
    return found


def test_batch_brands_every_booklet(folder: Path, roster: Path, tmp_path: Path) -> None:
    out = tmp_path / "booklets"
    result = batch(roster, out, "--logo", folder / "logo.png", "--brand-color", BRAND)
    assert "3 written" in result.stdout
    for row in CLIENTS:
        path = booklet_of(out, row)
        with pikepdf.open(path) as pdf:
            assert image_xobjects(pdf.pages[0]), f"{path.name}: no logo on the cover"
        assert brand_fill(path, week_page(path)), f"{path.name}: no title bar in {BRAND}"


# -- build --logo / --brand-color -----------------------------------------------------------------


def week_page(path: Path) -> int:
    """The index of the first page with a week's grid."""
    with pdfplumber.open(path) as document:
        for index, page in enumerate(document.pages):
            if "Week 1 ·" in (page.extract_text() or ""):
                return index
    raise AssertionError(f"{path}: no week page")


def fill_colours(path: Path, index: int) -> set[tuple[float, float, float]]:
    """The RGB fill colours (`r g b rg`) set on a page, rounded to 3 places."""
    colours = set()
    with pikepdf.open(path) as pdf:
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[index]):
            if str(operator) == "rg":
                r, g, b = (round(float(v), 3) for v in operands)
                colours.add((r, g, b))
    return colours


def brand_fill(path: Path, index: int) -> bool:
    wanted = tuple(round(v / 255, 3) for v in BRAND_RGB)
    return wanted in fill_colours(path, index)


def colour_counts(path: Path, index: int) -> list[tuple[int, tuple[int, int, int]]]:
    """(pixel count, colour) of every colour on the page as PDFium renders it (72 dpi)."""
    document = pdfium.PdfDocument(path)
    try:
        image = document[index].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    return image.getcolors(maxcolors=image.width * image.height) or []


def painted(path: Path, index: int, colour: tuple[int, int, int]) -> int:
    """How many pixels of the page are (within 3 levels) `colour`."""
    return sum(count for count, pixel in colour_counts(path, index) if near(pixel, colour))


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 3 for a, b in zip(pixel, colour, strict=True))


def test_brand_colour_paints_the_title_bars(folder: Path, tmp_path: Path) -> None:
    plain = build(folder, tmp_path / "unbranded.pdf", "--weeks", "1")
    branded = build(folder, tmp_path / "branded.pdf", "--weeks", "1", "--brand-color", BRAND)
    index = week_page(branded)
    assert brand_fill(branded, index) and not brand_fill(plain, index)
    pixels = painted(branded, index, BRAND_RGB)
    assert pixels > 1000, f"only {pixels} pixels in {BRAND} on the week page"
    assert painted(plain, index, BRAND_RGB) == 0


def test_logo_shows_on_the_cover(folder: Path, tmp_path: Path) -> None:
    path = build(folder, tmp_path / "logo.pdf", "--weeks", "1", "--logo", str(folder / "logo.png"))
    with pikepdf.open(path) as pdf:
        assert image_xobjects(pdf.pages[0])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--logo", "missing.png"], ["missing.png", "--logo", "no such logo file"]),
        (["--logo", "not-a-logo.png"], ["not-a-logo.png", "not a PNG or JPEG"]),
        (["--brand-color", "notacolour"], ["--brand-color", "'notacolour' is not a colour"]),
        (["--brand-color", "#0f6e6"], ["--brand-color", "#0f6e6"]),
    ],
    ids=["logo-missing", "logo-not-an-image", "colour-a-word", "colour-five-digits"],
)
def test_bad_branding_is_refused_and_nothing_written(
    folder: Path, args: list[str], words: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "refused.pdf"
    given = [str(folder / a) if a.endswith(".png") else a for a in args]
    result = pdfgen("build", folder / "plan.yaml", *given, "-o", out, status=1)
    for word in words:
        assert word in result.stderr
    assert not out.exists()


# -- the same inputs, the same bytes --------------------------------------------------------------


def test_saddle_is_deterministic(folder: Path, tmp_path: Path) -> None:
    args = ("--page-size", "a5", "--weeks", "2", "--fillable", "--impose", "saddle")
    first = build(folder, tmp_path / "same-1.pdf", *args)
    second = build(folder, tmp_path / "same-2.pdf", *args)
    assert first.read_bytes() == second.read_bytes()


def test_batch_fillable_merge_is_deterministic(
    folder: Path, roster: Path, merged_fillable: tuple[Path, Path], tmp_path: Path
) -> None:
    _, merged = merged_fillable
    again = tmp_path / "all-fillable.pdf"
    batch(roster, tmp_path / "booklets", "--fillable", "--merge", again)
    assert again.read_bytes() == merged.read_bytes()
