"""`pdfgen batch` (issue 4): a roster in, a booklet per row out, a manifest, a merged print file.

The rosters are committed in tests/fixtures/rosters (their README says what each one holds) and
copied into the test's own folder first, so that nothing is ever written beside the committed
files and a walk of tmp_path sees every file a batch writes. Booklets are one or two weeks long
to keep the module fast; the speed of real twelve-week batches is benchmarks/bench_batch.py's.

Tests marked xfail(strict=True) describe bugs found while writing these tests: each asserts what
the issue and README promise, and starts to pass (and so to fail as XPASS) once it is fixed.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from pypdf.generic import Destination
from support import ROOT, TESTS

import pdfgen.io.writing
from pdfgen.app.batch import run_batch
from pdfgen.app.roster import load_roster, safe_file_name
from pdfgen.cli import cli
from pdfgen.errors import InputError

ROSTERS = TESTS / "fixtures" / "rosters"
OLD = b"%PDF-1.4\n% an earlier booklet, kept as it was\n%%EOF\n"
MANIFEST_COLUMNS = ["row", "client", "plan", "file", "pages", "sha256", "status", "error"]
# Windows' reserved device names (without an extension, or before the first dot).
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)
}

# bad-rows.csv: what each bad row's report must say (the row is its line in the file).
BAD_ROWS: dict[int, tuple[str, ...]] = {
    3: ("no-such-plan", "no such plan"),
    4: ("start", "2027-02-30"),
    5: ("weeks", "'x'"),
    6: ("weeks", "1 to 52", "99"),
    8: ("no-such-lift", "the max.no-such-lift column names no exercise pdfgen knows"),
    9: ("no client name",),
    10: ("no plan",),
    12: ("good-morning", "max"),
    15: ("broken-plan.yaml:7", "sets", "not 0"),
}
GOOD_ROWS = {2: "Ann Good", 13: "Ida Good"}
# Lines 7 and 16 are blank, 11 holds only commas, 14 only commas and spaces: not rows at all.


# -- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def rosters(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/rosters in tmp_path/in."""
    return Path(shutil.copytree(ROSTERS, tmp_path / "in"))


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def batch(runner: CliRunner, roster: Path, out: Path, *args: str | Path) -> Result:
    """`pdfgen batch ROSTER -o OUT --jobs 1 ...`: in this process, so monkeypatches reach it."""
    return invoke(runner, "batch", roster, "-o", out, "--jobs", "1", *args)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under root, by relative path."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def manifest(folder: Path) -> list[dict[str, str]]:
    text = (folder / "manifest.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == MANIFEST_COLUMNS
    return list(reader)


def by_row(folder: Path) -> dict[int, dict[str, str]]:
    return {int(line["row"]): line for line in manifest(folder)}


def stderr_line(result: Result, row: int) -> str:
    """The one stderr line that reports `row`."""
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"row {row} (")]
    assert len(lines) == 1, f"row {row} is not reported once in stderr:\n{result.stderr}"
    return lines[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


def write_roster(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def no_temporary_files(folder: Path) -> list[str]:
    """Names under folder that look like an atomic write's leftovers (should be [])."""
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]


# -- the fixture files themselves ---------------------------------------------------------------


def test_fixture_files_hold_the_bytes_they_are_named_for() -> None:
    """An editor or a git setting that rewrites these would make the tests below pass for
    the wrong reason; check the bytes."""
    bom = (ROSTERS / "bom.csv").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbfclient,") and b"\r\n" in bom
    assert b"\r\n" in (ROSTERS / "semicolon.csv").read_bytes()
    cp1252 = (ROSTERS / "cp1252.csv").read_bytes()
    assert b"Jos\xe9 N\xfa\xf1ez" in cp1252
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
    names = (ROSTERS / "names.csv").read_text(encoding="utf-8").splitlines()
    assert names[7] == unicodedata.normalize("NFC", "Zoë") + ",upper-back,1"
    assert names[8] == unicodedata.normalize("NFD", "Zoë") + ",upper-back,1"
    assert names[7] != names[8]
    assert len(names[6].split(",")[0]) == 300


# -- reading rosters ----------------------------------------------------------------------------


def test_a_byte_order_mark_is_not_part_of_the_first_column() -> None:
    rows = load_roster(ROSTERS / "bom.csv")
    assert [(r.number, r.client, r.values["plan"]) for r in rows] == [
        (2, "Zoë Ørsted", "upper-back"),
        (3, "Łukasz Żółć", "middle-back"),
    ]
    assert all("\ufeff" not in key for r in rows for key in r.values)


def test_semicolon_roster_keeps_commas_in_cells_and_skips_empty_rows() -> None:
    rows = load_roster(ROSTERS / "semicolon.csv")
    assert [r.number for r in rows] == [2, 4]
    first = rows[0]
    assert first.values == {
        "client": "Jörg Müller",
        "plan": "small-plan.yaml",
        "weeks": "2",
        "units": "kg",
        "notes": "Rücken, vorsichtig",
    }
    assert first.maxes == {"good-morning": "100 kg"}
    assert rows[1].client == "Ana Lima" and rows[1].maxes == {}


def test_quoted_cells_keep_delimiters_quotes_and_line_breaks() -> None:
    rows = load_roster(ROSTERS / "quoted.csv")
    # Numbers are the spreadsheet's rows: a cell with a line break is still one row.
    assert [(r.number, r.client) for r in rows] == [
        (2, "Smith, Jane"),
        (3, "Doe; John"),
        (4, "Lee"),
    ]
    assert rows[0].values["notes"] == "Knees: no deep squats; keep it light, please."
    assert rows[1].values["trainer"] == "Taylor, Sam"
    assert rows[1].values["notes"] == "First line\nsecond line"
    assert rows[2].values["notes"] == 'She said "go" twice'


def test_blank_lines_and_rows_of_separators_are_not_rows() -> None:
    numbers = [r.number for r in load_roster(ROSTERS / "bad-rows.csv")]
    assert numbers == sorted([*BAD_ROWS, *GOOD_ROWS])


def test_yaml_roster_takes_maxes_and_a_list_of_days() -> None:
    zoe, sam = load_roster(ROSTERS / "roster.yaml")
    assert zoe.number == 1 and sam.number == 2
    assert zoe.values == {
        "client": "Zoë Ørsted",
        "plan": "small-plan.yaml",
        "start": "2027-01-04",
        "days": "mon,thu",
        "weeks": "3",
    }
    assert zoe.maxes == {"good-morning": "100 kg"}
    assert sam.maxes == {"good-morning": "200lb"}
    assert sam.values["units"] == "lb"


def test_a_cp1252_roster_is_refused_with_how_to_save_it(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    roster = rosters / "cp1252.csv"
    with pytest.raises(InputError) as info:
        load_roster(roster)
    message = str(info.value)
    assert message.startswith(f"{roster}:2:")
    assert "save it as UTF-8" in message

    before = snapshot(tmp_path)
    result = batch(runner, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert "save it as UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("name", "column"), [("unknown-column.csv", "trainr"), ("unknown-column.yaml", "email")]
)
def test_an_unknown_column_refuses_the_whole_roster(
    runner: CliRunner, rosters: Path, tmp_path: Path, name: str, column: str
) -> None:
    before = snapshot(tmp_path)
    result = batch(runner, rosters / name, tmp_path / "out", "--merge", tmp_path / "print.pdf")
    assert result.exit_code == 1
    assert f"unknown column '{column}'" in result.stderr
    assert result.stderr.count("error: ") == 1
    assert snapshot(tmp_path) == before, "a refused roster writes nothing, not even a manifest"


def test_unknown_column_suggests_the_near_miss() -> None:
    with pytest.raises(InputError, match=r"unknown column 'trainr' \(did you mean 'trainer'\?\)"):
        load_roster(ROSTERS / "unknown-column.csv")


# -- file names ---------------------------------------------------------------------------------

HOSTILE_NAMES = [
    "../../x",
    "/etc/passwd",
    "C:\\x",
    "\\\\server\\share\\x",
    "a/../../b",
    "..",
    ".",
    "",
    "   ",
    ".hidden",
    "CON",
    "con.txt",
    "nul.txt",
    "COM1",
    "lpt9.pdf",
    "Aux",
    "x\x00y",
    "tab\there",
    "new\nline",
    'star*quest?<less>|pipe"',
    "A" * 300,
    unicodedata.normalize("NFD", "Zoë Ørsted"),
]


@pytest.mark.parametrize("client", HOSTILE_NAMES, ids=lambda s: repr(s)[:30])
def test_safe_file_name_is_one_plain_component(client: str) -> None:
    name = safe_file_name(client, "upper-back")
    assert name.endswith(" - upper-back.pdf")
    assert Path(name).name == name and Path(name).parent == Path(".")
    assert not any(c in name for c in '/\\:*?"<>|') and name.isprintable()
    assert not name.startswith(".")
    assert unicodedata.is_normalized("NFC", name)
    client_part = name.removesuffix(" - upper-back.pdf")
    assert client_part.split(".")[0].strip().lower() not in WINDOWS_RESERVED
    assert len(client_part) <= 100
    assert len(name.encode("utf-8")) <= 255


def test_a_name_typed_two_ways_is_one_file_name() -> None:
    nfc, nfd = (unicodedata.normalize(form, "Zoë") for form in ("NFC", "NFD"))
    assert safe_file_name(nfc, "upper-back") == safe_file_name(nfd, "upper-back")


# -- what a batch writes, and where -------------------------------------------------------------


def test_hostile_names_stay_in_the_folder_and_collisions_are_reported(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    out, merged = tmp_path / "out", tmp_path / "print.pdf"
    before = snapshot(tmp_path)
    result = batch(runner, rosters / "names.csv", out, "--merge", merged)
    assert result.exit_code == 3, result.stderr
    after = snapshot(tmp_path)

    changed = {p for p in after if before.get(p, b"absent") != after[p]}
    assert {p for p in changed if not p.startswith("out/") and p != "out"} == {"print.pdf"}
    assert set(before) <= set(after), "nothing was removed"
    assert all(after[p] == before[p] for p in before), "nothing that was there changed"
    assert all(p.is_file() for p in out.iterdir()), "no sub-folders"

    rows = by_row(out)
    written = {n for n, line in rows.items() if line["status"] == "written"}
    assert written == {2, 3, 4, 5, 6, 8, 10}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [rows[n]["file"] for n in written] + ["manifest.csv"]
    )
    for n in written:
        name = rows[n]["file"]
        assert not name.startswith(".") and unicodedata.is_normalized("NFC", name)
        assert name.split(" - ")[0].split(".")[0].lower() not in WINDOWS_RESERVED

    # The long name is a bad row (the client column's limit); the NFD "Zoë" and the second
    # "Ann" would take a file another row has: reported, and the first row's file is intact.
    assert rows[7]["status"] == "failed" and "80" in rows[7]["error"]
    assert rows[9]["status"] == "failed" and "row 8" in rows[9]["error"]
    assert rows[11]["status"] == "failed" and "row 10" in rows[11]["error"]
    assert rows[9]["file"] == rows[8]["file"]
    assert "row 8" in stderr_line(result, 9) and "row 10" in stderr_line(result, 11)
    assert "80" in stderr_line(result, 7)
    for n in written:
        assert sha256(out / rows[n]["file"]) == rows[n]["sha256"]


def test_default_folder_is_named_after_the_roster_in_the_current_folder(
    runner: CliRunner, rosters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)
    result = invoke(runner, "batch", rosters / "bom.csv", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    new = set(snapshot(tmp_path)) - set(before)
    assert new == {
        "work/bom",
        "work/bom/manifest.csv",
        "work/bom/Zoë Ørsted - upper-back.pdf",
        "work/bom/Łukasz Żółć - middle-back.pdf",
    }


def test_every_bad_row_is_reported_in_stderr_and_the_manifest(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(runner, rosters / "bad-rows.csv", out)
    assert result.exit_code == 3
    rows = by_row(out)
    assert sorted(rows) == sorted([*BAD_ROWS, *GOOD_ROWS]), "one manifest line per row"
    for number, fragments in BAD_ROWS.items():
        line = stderr_line(result, number)
        assert rows[number]["status"] == "failed"
        assert rows[number]["pages"] == rows[number]["sha256"] == ""
        for fragment in fragments:
            assert fragment in line, line
            assert fragment in rows[number]["error"], rows[number]
        assert "Traceback" not in line and "unexpected" not in line
    for number, client in GOOD_ROWS.items():
        assert rows[number]["status"] == "written" and rows[number]["client"] == client
        assert rows[number]["error"] == ""
        assert f"row {number} (" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["manifest.csv", "Ann Good - upper-back.pdf", "Ida Good - small-plan.pdf"]
    )
    assert result.stdout.startswith("2 written, 0 skipped, 9 failed in ")


def test_manifest_lists_each_row_with_the_files_hash_and_page_count(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = batch(runner, rosters / "quoted.csv", out)
    assert result.exit_code == 0, result.stderr
    lines = manifest(out)
    assert [(line["row"], line["client"], line["plan"]) for line in lines] == [
        ("2", "Smith, Jane", "upper-back"),
        ("3", "Doe; John", "upper-back"),
        ("4", "Lee", "upper-back"),
    ]
    for line in lines:
        path = out / line["file"]
        assert line["status"] == "written" and line["error"] == ""
        assert line["sha256"] == sha256(path)
        assert int(line["pages"]) == page_count(path) > 1
    # The notes column, with its comma and semicolon, prints on the cover.
    cover = PdfReader(out / lines[0]["file"]).pages[0].extract_text()
    assert "Knees: no deep squats; keep it light, please." in cover
    assert lines[0]["file"] == "Smith, Jane - upper-back.pdf"


def test_yaml_roster_options_and_a_plan_beside_the_roster_reach_the_booklets(
    runner: CliRunner, rosters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the plan is found beside the roster, not here
    out = tmp_path / "out"
    result = batch(runner, rosters / "roster.yaml", out)
    assert result.exit_code == 0, result.stderr
    zoe = "\n".join(p.extract_text() for p in PdfReader(out / "Zoë Ørsted - small-plan.pdf").pages)
    assert "Small roster plan" in zoe
    assert "Week 3 of 3" in zoe
    assert "70 kg" in zoe  # 70 % of the max of 100 kg
    assert "Mon 4 Jan 2027" in zoe and "Thu 7 Jan 2027" in zoe
    sam = "\n".join(p.extract_text() for p in PdfReader(out / "Sam Taylor - small-plan.pdf").pages)
    assert "140 lb" in sam and "Week 2 of 2" in sam
    assert list(elsewhere.iterdir()) == []


# -- exit status --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roster", "status"),
    [("bom.csv", 0), ("bad-rows.csv", 3), ("all-bad.csv", 1), ("unknown-column.csv", 1)],
)
def test_exit_status(
    runner: CliRunner, rosters: Path, tmp_path: Path, roster: str, status: int
) -> None:
    write_roster(rosters / "all-bad.csv", "client,plan", "Ann,no-such-plan", "Bob,upper-back-2")
    result = batch(runner, rosters / roster, tmp_path / "out")
    assert result.exit_code == status, result.stderr
    if roster != "unknown-column.csv":
        assert run_batch(rosters / roster, tmp_path / "again", jobs=1).exit_code == status


def test_exit_0_when_every_booklet_is_kept(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert batch(runner, rosters / "bom.csv", out).exit_code == 0
    files = snapshot(out)
    result = batch(runner, rosters / "bom.csv", out)
    assert result.exit_code == 0
    assert [line["status"] for line in manifest(out)] == ["skipped", "skipped"]
    assert result.stdout.startswith("0 written, 2 skipped, 0 failed")
    del files["manifest.csv"]
    assert {k: v for k, v in snapshot(out).items() if k != "manifest.csv"} == files


# -- existing files, --force, --dry-run ---------------------------------------------------------


def test_an_existing_booklet_is_kept_without_force_and_replaced_with_force(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "Zoë Ørsted - upper-back.pdf"
    kept.write_bytes(OLD)

    result = batch(runner, rosters / "bom.csv", out)
    assert result.exit_code == 0, result.stderr
    assert kept.read_bytes() == OLD
    rows = by_row(out)
    assert rows[2]["status"] == "skipped" and "--force" in rows[2]["error"]
    assert rows[3]["status"] == "written"

    result = batch(runner, rosters / "bom.csv", out, "--force")
    assert result.exit_code == 0, result.stderr
    assert kept.read_bytes() != OLD
    rows = by_row(out)
    assert rows[2]["status"] == "written"
    assert rows[2]["sha256"] == sha256(kept)
    assert int(rows[2]["pages"]) == page_count(kept)
    assert no_temporary_files(out) == []


@pytest.mark.damaged_pdf
def test_dry_run_writes_nothing(runner: CliRunner, rosters: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "Zoë Ørsted - upper-back.pdf").write_bytes(OLD)
    before = snapshot(tmp_path)
    result = batch(runner, rosters / "bom.csv", out, "--dry-run", "--merge", tmp_path / "p.pdf")
    assert result.exit_code == 0, result.stderr
    assert snapshot(tmp_path) == before
    assert f"skipped: {out / 'Zoë Ørsted - upper-back.pdf'}" in result.stdout
    assert f"would write: {out / 'Łukasz Żółć - middle-back.pdf'}" in result.stdout


def test_dry_run_of_a_new_folder_does_not_make_it(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    before = snapshot(tmp_path)
    result = batch(runner, rosters / "names.csv", tmp_path / "out", "--dry-run")
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


# -- atomic writes ------------------------------------------------------------------------------


class _StandIn:
    """Stands in for a module inside pdfgen.io.writing: some functions replaced, the rest the
    module's own."""

    def __init__(self, module: Any, **replaced: Any) -> None:
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


class _FullDisk:
    """A file whose write stores half the bytes and then finds the disk full."""

    def __init__(self, handle: Any, log: list[int]) -> None:
        self._handle, self._log = handle, log

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        self._log.append(os.fstat(self._handle.fileno()).st_size)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.mark.damaged_pdf
@pytest.mark.parametrize("stage", ["write", "rename"])
def test_a_full_disk_mid_batch_fails_that_row_and_keeps_its_earlier_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    roster = write_roster(
        tmp_path / "clients.csv",
        "client,plan,weeks",
        "Ann,upper-back,1",
        "Bob,upper-back,1",
        "Cy,middle-back,1",
    )
    out = tmp_path / "out"
    out.mkdir()
    victim = out / "Bob - upper-back.pdf"
    victim.write_bytes(OLD)
    hit: list[int] = []

    if stage == "write":

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = os.fdopen(fd, *args, **kwargs)
            # The batch names each row's temporary file: `.pdfgen-<run>-<row>.tmp`.
            if os.readlink(f"/proc/self/fd/{fd}").endswith("-3.tmp"):
                return _FullDisk(handle, hit)
            return handle

        monkeypatch.setattr(pdfgen.io.writing, "os", _StandIn(os, fdopen=fdopen))
    else:

        def replace(src: str, dst: str | Path) -> None:
            if Path(dst).name == victim.name:
                hit.append(os.stat(src).st_size)  # the complete temporary file
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.replace(src, dst)

        monkeypatch.setattr(pdfgen.io.writing, "os", _StandIn(os, replace=replace))

    result = batch(runner, roster, out, "--force")
    assert hit and hit[0] > 0, "the injected failure happened, after bytes reached the disk"
    assert result.exit_code == 3
    assert "disk is full" in stderr_line(result, 3)
    rows = by_row(out)
    assert rows[3]["status"] == "failed" and "disk is full" in rows[3]["error"]
    assert victim.read_bytes() == OLD, "the earlier file survives byte for byte"
    assert no_temporary_files(tmp_path) == []
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["manifest.csv", "Ann - upper-back.pdf", victim.name, "Cy - middle-back.pdf"]
    )
    for n in (2, 4):  # before and after the failure
        assert rows[n]["status"] == "written"
        assert sha256(out / rows[n]["file"]) == rows[n]["sha256"]


# -- the merged print file ----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    title: str
    page: int  # 0-based
    children: tuple[tuple[str, int, int], ...]  # (title, level, page) beneath this entry


def _flatten(reader: PdfReader, items: list[Any], level: int = 0) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for item in items:
        if isinstance(item, list):
            found += _flatten(reader, item, level + 1)
        else:
            assert isinstance(item, Destination)
            page = reader.get_destination_page_number(item)
            found.append((str(item.title), level, page))
    return found


def top_level(reader: PdfReader) -> list[Entry]:
    entries: list[Entry] = []
    for item in reader.outline:
        if isinstance(item, list):
            last = entries.pop()
            entries.append(Entry(last.title, last.page, tuple(_flatten(reader, item))))
        else:
            assert isinstance(item, Destination)
            entries.append(Entry(str(item.title), reader.get_destination_page_number(item), ()))
    return entries


def test_merge_starts_every_booklet_on_a_right_hand_page_with_its_outline(
    runner: CliRunner, tmp_path: Path
) -> None:
    roster = write_roster(
        tmp_path / "gym.csv",
        "client,plan,weeks",
        "Ann,upper-back,2",
        "Bob,upper-back,1",
        "Xavier,no-such-plan,1",
        "Cy,middle-back,3",
        "Dee,upper-back,1",
    )
    out, merged = tmp_path / "out", tmp_path / "print" / "all.pdf"
    merged.parent.mkdir()
    result = batch(runner, roster, out, "--merge", merged)
    assert result.exit_code == 3, result.stderr
    written = [line for line in manifest(out) if line["status"] == "written"]
    assert [line["client"] for line in written] == ["Ann", "Bob", "Cy", "Dee"]

    # Where each booklet must start: the next odd (1-based) page after the one before.
    starts, page = [], 0
    for line in written:
        page += page % 2
        starts.append(page)
        page += int(line["pages"])
    reader = PdfReader(merged)
    assert len(reader.pages) == page
    assert page > sum(int(line["pages"]) for line in written), "this roster needs blank pages"
    assert str(merged) in result.stdout and f"({page} pages)" in result.stdout

    entries = top_level(reader)
    assert len(entries) == len(written), "one top-level entry per written client"
    covered: set[int] = set()
    for entry, line, start in zip(entries, written, starts, strict=True):
        assert line["client"] in entry.title
        assert entry.page == start and (entry.page + 1) % 2 == 1, "starts on an odd page"
        booklet = PdfReader(out / line["file"])
        own = _flatten(booklet, booklet.outline)
        assert own[0][0] == "Cover" and any(t.startswith("Week 1 of ") for t, _, _ in own)
        assert entry.children == tuple((t, level, p + start) for t, level, p in own)
        assert reader.pages[start].extract_text() == booklet.pages[0].extract_text()
        covered |= set(range(start, start + len(booklet.pages)))
    blanks = sorted(set(range(page)) - covered)
    assert len(blanks) == page - sum(int(line["pages"]) for line in written)
    assert all(reader.pages[i].extract_text().strip() == "" for i in blanks)

    assert reader.metadata is not None and reader.metadata.title
    assert "gym" in reader.metadata.title


# -- determinism --------------------------------------------------------------------------------


def test_two_jobs_write_the_same_bytes_as_one(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    roster = rosters / "semicolon.csv"
    one, two, fresh = tmp_path / "one", tmp_path / "two", tmp_path / "fresh"
    assert batch(runner, roster, one).exit_code == 0
    result = invoke(runner, "batch", roster, "-o", two, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    # A separate interpreter with another hash seed, two worker processes.
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "pdfgen",
        "batch",
        str(roster),
        "-o",
        str(fresh),
        "--jobs",
        "2",
    ]
    process = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr

    files = snapshot(one)
    assert len(files) == 3 and all(
        name.endswith(".pdf") or name == "manifest.csv" for name in files
    )
    assert snapshot(two) == files
    assert snapshot(fresh) == files


# -- validate -----------------------------------------------------------------------------------


# Rows that validate misses today: test_validate_finds_every_row_batch_would_fail (xfail).
VALIDATE_MISSES = {12}


@pytest.mark.parametrize(
    ("roster", "rows"), [("bad-rows.csv", sorted(BAD_ROWS)), ("names.csv", [7, 9, 11])]
)
def test_validate_reports_every_bad_row_by_number(
    runner: CliRunner, rosters: Path, tmp_path: Path, roster: str, rows: list[int]
) -> None:
    before = snapshot(tmp_path)
    result = invoke(runner, "validate", rosters / roster)
    assert result.exit_code == 1
    assert result.stdout == ""
    reported = [int(n) for n in re.findall(r": row (\d+) \(", result.stderr)]
    expected = [n for n in rows if n not in VALIDATE_MISSES]
    assert [n for n in reported if n not in VALIDATE_MISSES] == expected, result.stderr
    for n in expected:
        if roster == "bad-rows.csv":
            (line,) = [line for line in result.stderr.splitlines() if f": row {n} (" in line]
            assert all(fragment in line for fragment in BAD_ROWS[n]), line
    assert snapshot(tmp_path) == before


def test_validate_finds_every_row_batch_would_fail(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    result = invoke(runner, "validate", rosters / "bad-rows.csv")
    for n in BAD_ROWS:
        assert f": row {n} (" in result.stderr, f"row {n} not reported:\n{result.stderr}"


def test_validate_passes_good_rosters(runner: CliRunner, rosters: Path) -> None:
    files = ["bom.csv", "semicolon.csv", "quoted.csv", "roster.yaml"]
    result = invoke(runner, "validate", *(rosters / f for f in files))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"ok: {rosters / 'bom.csv'}: roster, 2 clients",
        f"ok: {rosters / 'semicolon.csv'}: roster, 2 clients",
        f"ok: {rosters / 'quoted.csv'}: roster, 3 clients",
        f"ok: {rosters / 'roster.yaml'}: roster, 2 clients",
    ]


# -- the progress bar ---------------------------------------------------------------------------


def test_progress_bar_goes_to_stderr_and_the_summary_to_stdout(
    runner: CliRunner, rosters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click._termui_impl

    # CliRunner's streams are not terminals, where click draws no bar; pretend they are.
    monkeypatch.setattr(click._termui_impl, "isatty", lambda stream: True)
    out = tmp_path / "out"
    result = batch(runner, rosters / "bad-rows.csv", out)
    assert result.exit_code == 3
    assert "booklets  [" in result.stderr and "100%" in result.stderr
    assert "\r" not in result.stdout and "%" not in result.stdout
    summary = rf"2 written, 0 skipped, 9 failed in \d+\.\d s; {re.escape(str(out))}/manifest\.csv\n"
    assert re.fullmatch(summary, result.stdout), result.stdout


# -- Ctrl-C -------------------------------------------------------------------------------------

CTRL_C_ROWS = 40


@dataclass(frozen=True)
class Interrupted:
    status: int
    stdout: str
    stderr: str
    folder: Path


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Interrupted]:
    """`python -m pdfgen batch` on 40 twelve-week booklets with two workers, sent SIGINT as
    soon as the first booklet is in the folder.

    The signal goes to the batch process only: a terminal's Ctrl-C goes to the whole process
    group, which sometimes hangs (see the report of issue 4's tests)."""
    work = tmp_path_factory.mktemp("ctrl-c")
    roster = write_roster(
        work / "clients.csv",
        "client,plan,weeks",
        *(f"Client {n:02d},upper-back,12" for n in range(CTRL_C_ROWS)),
    )
    out = work / "out"
    command = [sys.executable, "-m", "pdfgen", "batch", str(roster), "-o", str(out), "--jobs", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a stray signal to it never reaches pytest
        # Python turns SIGINT into KeyboardInterrupt only if it was not ignored when it started,
        # and a test run started in the background (`pytest &`) ignores it.
        preexec_fn=_default_sigint,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(out.glob("*.pdf")):
            if process.poll() is not None:
                pytest.fail(f"the batch ended before any booklet: {process.communicate()}")
            if time.monotonic() > deadline:
                pytest.fail("no booklet within 60 s")
            time.sleep(0.005)
        process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("pdfgen batch did not stop within 60 s of Ctrl-C")
        yield Interrupted(process.returncode, stdout.decode(), stderr.decode(), out)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_ctrl_c_exits_130_and_leaves_no_temporary_file(interrupted: Interrupted) -> None:
    assert interrupted.status == 130, interrupted.stderr
    assert "Traceback" not in interrupted.stderr
    assert "interrupted" in interrupted.stderr
    assert no_temporary_files(interrupted.folder) == []
    booklets = sorted(interrupted.folder.glob("*.pdf"))
    assert 1 <= len(booklets) < CTRL_C_ROWS, "the batch stopped part-way"
    pages = {page_count(path) for path in booklets}
    assert len(pages) == 1, "every booklet left behind is whole"


def test_ctrl_c_message_does_not_deny_the_booklets_written(interrupted: Interrupted) -> None:
    assert any(interrupted.folder.glob("*.pdf"))
    assert "nothing was written" not in interrupted.stderr


# -- bugs ---------------------------------------------------------------------------------------


def test_dry_run_reports_the_rows_that_would_fail(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    before = snapshot(tmp_path)
    result = batch(runner, rosters / "bad-rows.csv", tmp_path / "out", "--dry-run")
    assert snapshot(tmp_path) == before
    for number in BAD_ROWS:
        assert f"row {number} (" in result.stderr, f"row {number} not reported"
    assert result.stdout.count("would write: ") == len(GOOD_ROWS)
    assert result.exit_code == 3


@pytest.mark.damaged_pdf
def test_an_existing_file_does_not_hide_a_bad_row(runner: CliRunner, tmp_path: Path) -> None:
    roster = write_roster(
        tmp_path / "clients.csv", "client,plan,weeks", "Ann,upper-back,1", "Bob,no-such-plan,1"
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "Bob - no-such-plan.pdf").write_bytes(OLD)
    result = batch(runner, roster, out)
    assert "no such plan" in stderr_line(result, 3)
    assert by_row(out)[3]["status"] == "failed"
    assert result.exit_code == 3


@pytest.mark.damaged_pdf
def test_merge_with_an_unreadable_kept_file_reports_it(runner: CliRunner, tmp_path: Path) -> None:
    roster = write_roster(
        tmp_path / "c.csv", "client,plan,weeks", "Ann,upper-back,1", "Bob,upper-back,1"
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "Ann - upper-back.pdf").write_bytes(b"not a PDF at all\n")
    result = runner.invoke(
        cli,
        ["batch", str(roster), "-o", str(out), "--jobs", "1", "--merge", str(tmp_path / "m.pdf")],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Ann - upper-back.pdf" in result.stderr
    assert result.exit_code != 0


@pytest.mark.parametrize("length", [78, 80])
def test_a_long_name_in_a_wide_script_still_gets_its_booklet(tmp_path: Path, length: int) -> None:
    roster = write_roster(tmp_path / "c.csv", "client,plan,weeks", f"{'李' * length},upper-back,1")
    (row,) = run_batch(roster, tmp_path / "out", jobs=1).results
    assert row.status == "written", row.error
    assert len(row.file.encode("utf-8")) <= 255


def test_a_second_batch_in_the_same_process_reads_the_edited_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = "program: {}\nsessions:\n  - name: Day\n    exercises:\n      - exercise: pull-up\n"
    plan.write_text(text.format("First version") + "        sets: 3\n        reps: 6-8\n")
    roster = write_roster(tmp_path / "c.csv", "client,plan,weeks", "Ann,plan.yaml,1")
    out = tmp_path / "out"
    assert run_batch(roster, out, jobs=1).exit_code == 0
    plan.write_text(text.format("Second version") + "        sets: 3\n        reps: 6-8\n")
    assert run_batch(roster, out, jobs=1, force=True).exit_code == 0
    cover = PdfReader(out / "Ann - plan.pdf").pages[0].extract_text()
    assert "Second version" in cover


def test_manifest_describes_kept_booklets_too(
    runner: CliRunner, rosters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert batch(runner, rosters / "bom.csv", out).exit_code == 0
    assert batch(runner, rosters / "bom.csv", out).exit_code == 0
    for line in manifest(out):
        assert line["status"] == "skipped"
        assert line["sha256"] == sha256(out / line["file"])
        assert line["pages"] == str(page_count(out / line["file"]))


def test_a_formula_for_a_name_is_text_in_the_manifest(tmp_path: Path) -> None:
    roster = tmp_path / "c.csv"
    roster.write_text('client,plan,weeks\n"=HYPERLINK(""x"")",upper-back,1\n', encoding="utf-8")
    out = tmp_path / "out"
    run_batch(roster, out, jobs=1)
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["client"] == '\'=HYPERLINK("x")'
    assert row["status"] == "written"
