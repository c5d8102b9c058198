"""Hostile filled PDFs (the hardening issue: "Rosters and filled PDFs"): `pdfgen read-log` on any
file gives the rows, or exit status 1 and one clear message; never a traceback, a crash, a hang,
raw terminal control characters, a formula a spreadsheet would run, or an output file after a
failure.

Every case is a committed PDF in tests/hostile/pdfs/, made by make.py there (its README says
what each holds), with its expected outcome in a sidecar `NAME.expect` in the header format of
tests/hostile (`# key: value` lines; any other comment line is prose):

    exit: N        the exit status
    expect: TEXT   stderr contains TEXT (repeatable)
    warning: TEXT  a `warning:` line on stderr contains TEXT; with none, no warning at all
    rows: N        the CSV has N rows besides its header
    stdout: TEXT   the CSV's text contains TEXT
    cell: TEXT     a cell of the CSV is exactly TEXT

TEXT may hold \\uXXXX and \\xXX escapes. Each PDF is read twice, each time in a subprocess (the
console script, 60 s timeout) in a folder holding only a copy of it: `pdfgen read-log NAME`
(the CSV on stdout) and `pdfgen read-log NAME -o out.csv` (the CSV in out.csv). The CSV checks
apply to whichever holds it. A failure leaves no out.csv and no temporary file.

Cases in KNOWN_BUGS are bugs this suite found: each is a strict xfail asserting what the README
promises, so it turns into an XPASS failure once the bug is fixed.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import TESTS, console_script, header

from pdfgen.logbook.readlog import COLUMNS

# The PDFs are damaged on purpose: conftest's independent readers must not check them.
pytestmark = pytest.mark.damaged_pdf

PDFS = TESTS / "hostile" / "pdfs"
TIMEOUT = 60
MAX_BYTES = 20_000  # each committed PDF
MAX_STDERR = 20_000  # a message quotes a value, never a whole file
MODES = ("stdout", "csv")
KEYS = ("exit", "expect", "warning", "rows", "stdout", "cell")
# C0/C1 controls (but tab and newline) and bidi embeddings, overrides and isolates.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a spreadsheet takes for the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Cases that reveal a bug, by case name (both modes) or `NAME-MODE`; and what is wrong.
KNOWN_BUGS: dict[str, str] = {}


# -- the cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One committed hostile PDF and its expected outcome."""

    path: Path
    headers: dict[str, list[str]]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def exit(self) -> int:
        return int(self.headers["exit"][-1])

    def get(self, key: str) -> list[str]:
        return [unescape(value) for value in self.headers.get(key, [])]


def unescape(text: str) -> str:
    r"""Header text with \uXXXX and \xXX escapes made into the characters."""
    return re.sub(
        r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})", lambda m: chr(int(m[1] or m[2], 16)), text
    )


def cases() -> list[Case]:
    found = []
    for path in sorted(PDFS.glob("*.pdf")):
        lines = header(path.with_name(path.name + ".expect"))
        found.append(Case(path, {key: lines[key] for key in KEYS if key in lines}))
    return found


CASES = cases()


def params() -> list[object]:
    out = []
    for case in CASES:
        for mode in MODES:
            bug = KNOWN_BUGS.get(f"{case.name}-{mode}") or KNOWN_BUGS.get(case.name)
            marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
            out.append(pytest.param(case, mode, id=f"{case.name}-{mode}", marks=marks))
    return out


# -- running read-log ----------------------------------------------------------------------------


@dataclass
class Run:
    """One `pdfgen read-log` in its own folder."""

    folder: Path
    status: int | None  # None: it did not finish within TIMEOUT
    stdout: str
    stderr: str
    files: list[str]  # what the folder holds afterwards

    def __str__(self) -> str:
        """The run for a failure's report, with unsafe characters shown as escapes: a failing
        case must not do to the developer's terminal what it is about."""
        text = (
            f"exit status {self.status}; files {self.files}\n--- stdout:\n{self.stdout[:1500]}"
            f"\n--- stderr:\n{self.stderr[:3000]}"
        )
        return TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def read_log(case: Case, mode: str, folder: Path) -> Run:
    folder.mkdir(parents=True)
    shutil.copyfile(case.path, folder / case.name)
    args = [case.name, "-o", "out.csv"] if mode == "csv" else [case.name]
    env = {**os.environ, "PYTHONUTF8": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(
            [*console_script(), "read-log", *args],
            cwd=folder,
            env=env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        status: int | None = done.returncode
        out, err = done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        status, out, err = None, exc.stdout or b"", exc.stderr or b""
    return Run(
        folder,
        status,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        sorted(p.name for p in folder.iterdir()),
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Run]:
    """Every case read in both modes, side by side (a few seconds in all)."""
    base = tmp_path_factory.mktemp("hostile-pdfs")
    jobs = [(case, mode) for case in CASES for mode in MODES]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = pool.map(lambda job: read_log(*job, base / f"{job[0].name}-{job[1]}"), jobs)
        return {(case.name, mode): run for (case, mode), run in zip(jobs, done, strict=True)}


# -- the checks ----------------------------------------------------------------------------------


def check_run(case: Case, run: Run, failures: list[str]) -> None:
    """What holds for every run: status, no traceback, clear and terminal-safe messages."""
    if run.status is None:
        failures.append(f"read-log did not finish within {TIMEOUT} s (a hang)")
        return
    if run.status < 0 or run.status >= 128:
        failures.append(f"read-log was killed (status {run.status}): the interpreter crashed")
    elif run.status != case.exit:
        failures.append(f"read-log exited {run.status}, not {case.exit}")
    if "Traceback" in run.stdout + run.stderr:
        failures.append("read-log printed a traceback")
    if len(run.stderr) >= MAX_STDERR:
        failures.append(f"read-log wrote {len(run.stderr):,} characters to stderr")
    for stream, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        unsafe = sorted({f"U+{ord(c):04X}" for c in TERMINAL_UNSAFE.findall(text)})
        if unsafe:
            failures.append(f"read-log writes {', '.join(unsafe)} raw to the terminal ({stream})")
    for text in case.get("expect"):
        if text not in run.stderr:
            failures.append(f"stderr lacks {text!r}")
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning:")]
    expected = case.get("warning")
    if warnings and not expected:
        failures.append(f"read-log warned unexpectedly: {warnings}")
    for text in expected:
        if not any(text in line for line in warnings):
            failures.append(f"no warning with {text!r} (warnings: {warnings})")
    if run.status != 0 and run.status is not None:
        errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
        if len(errors) != 1 or case.name not in errors[0]:
            failures.append(f"a failure is not one `error:` line naming {case.name}: {errors}")


def check_csv(case: Case, text: str, failures: list[str]) -> None:
    """The CSV of a successful run: read-log's columns, the rows and cells expected, and no cell
    that a spreadsheet would run as a formula."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != COLUMNS:
        failures.append(f"the CSV does not start with read-log's header: {rows[:1]}")
        return
    body = rows[1:]
    for wanted in case.get("rows"):
        if len(body) != int(wanted):
            failures.append(f"the CSV has {len(body)} rows, not {wanted}")
    for item in case.get("stdout"):
        if item not in text:
            failures.append(f"the CSV lacks {item!r}")
    cells = {cell for row in body for cell in row}
    for item in case.get("cell"):
        if item not in cells:
            failures.append(f"no CSV cell is exactly {item!r}")
    formulas = sorted(cell for cell in cells if cell.startswith(FORMULA_START))
    if formulas:
        failures.append(f"CSV cells a spreadsheet would run as formulas: {formulas[:5]}")


def check_files(case: Case, mode: str, run: Run, failures: list[str]) -> str | None:
    """Nothing is written but out.csv, and that only on success; returns the CSV's text."""
    made = sorted(set(run.files) - {case.name})
    wanted = ["out.csv"] if mode == "csv" and run.status == 0 else []
    if made != wanted:
        failures.append(f"the folder holds {made} besides the input, not {wanted}")
    if mode == "stdout":
        if run.status != 0 and run.stdout:
            failures.append(f"a failure printed to stdout: {run.stdout[:200]!r}")
        return run.stdout if run.status == 0 else None
    if run.status == 0:
        if not run.stdout.startswith("wrote out.csv ("):
            failures.append(f"-o out.csv does not say what it wrote: {run.stdout[:200]!r}")
        if "out.csv" in made:
            return (run.folder / "out.csv").read_text(encoding="utf-8")
    return None


@pytest.mark.parametrize(("case", "mode"), params())
def test_read_log_of_a_hostile_pdf(case: Case, mode: str, runs: dict[tuple[str, str], Run]) -> None:
    run = runs[(case.name, mode)]
    failures: list[str] = []
    check_run(case, run, failures)
    text = check_files(case, mode, run, failures)
    if text is not None:
        check_csv(case, text, failures)
    assert not failures, "\n".join(failures) + f"\n\npdfgen read-log ({mode}): {run}"


# -- the cases themselves ------------------------------------------------------------------------


def test_every_case_states_its_outcome() -> None:
    assert len(CASES) >= 20
    sidecars = {p.name.removesuffix(".expect") for p in PDFS.glob("*.expect")}
    assert sidecars == {case.name for case in CASES}, "a sidecar without its PDF, or the reverse"
    for case in CASES:
        assert "exit" in case.headers, f"{case.name}: no `# exit:` line"
        assert case.exit in (0, 1), f"{case.name}: read-log exits 0 or 1"
        if case.exit:
            assert case.get("expect"), f"{case.name}: an error case must say what it expects"
        else:
            assert case.get("rows"), f"{case.name}: a success must say how many rows it reads"
    names = {case.name for case in CASES}
    for key in KNOWN_BUGS:
        assert key in names or key.rpartition("-")[0] in names, f"{key} names no case"


def test_committed_pdfs_are_small_and_listed_in_the_readme() -> None:
    readme = (PDFS / "README.md").read_text(encoding="utf-8")
    for case in CASES:
        size = case.path.stat().st_size
        assert size < MAX_BYTES, f"{case.name} is {size:,} bytes; keep it under {MAX_BYTES:,}"
        assert f"`{case.name}`" in readme, f"{case.name} is not described in README.md"


def test_make_py_makes_every_committed_pdf_and_no_other() -> None:
    text = (PDFS / "make.py").read_text(encoding="utf-8")
    made = set(re.findall(r'^    "([\w-]+\.pdf)":', text, flags=re.MULTILINE))
    assert made == {case.name for case in CASES}


def test_committed_bytes_are_what_the_cases_are_about() -> None:
    """An editor or a tool that 'repairs' these files would make their cases pass for the
    wrong reason."""
    data = {case.name: case.path.read_bytes() for case in CASES}
    assert data["empty.pdf"] == b""
    assert not data["not-a-pdf.pdf"].startswith(b"%PDF")
    assert data["truncated.pdf"].startswith(b"%PDF") and b"%%EOF" not in data["truncated.pdf"]
    assert b"trailer" not in data["truncated.pdf"]
    assert data["huge-stream-length.pdf"].count(b"/Length 1000000000000000") == 1
    assert b"/Encrypt" in data["password-to-open.pdf"]
    assert b"/ObjStm" in data["object-stream-broken.pdf"]
    assert data["deep-arrays.pdf"].count(b"[") >= 5_000
