"""Hostile input (issue 6, section 1): any plan, layout or roster gives valid PDFs or a clear error.

Every case is data with its expected outcome. Committed cases are files in tests/hostile/<kind>/
(kind: plans, layouts, rosters) that start with header comments; a file whose format has no
comments (a CSV roster) keeps them in a sidecar `<name>.expect`. Cases too big, too binary or
too fragile to commit (60,000 brackets, 20 MB, UTF-16, Latin-1 bytes, 1,000 exercises, ...) are
written by GENERATED below into the test's folder, with the same header text.

Header lines (`# key: value`; any other comment line is prose):

    exit: N          the exit status (default: for every command of the case)
    expect: TEXT     stderr contains TEXT (repeatable)
    stdout: TEXT     stdout contains TEXT (repeatable)
    warning: TEXT    (renders only) a `warning:` line on stderr contains TEXT; without one, a
                     render prints no warning at all
    prints: TEXT     (renders only) the PDF's text contains TEXT (whitespace is ignored, since
                     extraction breaks lines where the PDF wraps them; \\uXXXX and \\xXX escapes)
    not-printed: TEXT  (renders only) the PDF's text does not contain TEXT (same escapes)
    absent: NAME     no file NAME appears anywhere (the input asked for it to be made)
    args: ARGS       extra arguments for the render command (shell-quoted)

A key prefixed with a command's name (`validate-exit: 0`, `build-expect: ...`, `batch-exit: 3`)
applies to that command only, and its `exit` wins over the plain one.

Each case runs `pdfgen validate FILE` and a render in subprocesses (`sys.executable -m pdfgen`,
60 s timeout), so a crash of the interpreter or a hang fails the case instead of the run:
plans `pdfgen build FILE -o out.pdf`, layouts `pdfgen build upper-back --weeks 1 --layout FILE`,
rosters `pdfgen batch FILE -o DIR --jobs 1`. Always: the expected status, no traceback, no
terminal control characters echoed, a bounded stderr, nothing written outside the output folder
and no temporary file left. A failed render leaves no PDF; a successful one passes qpdf's syntax
check (pikepdf) and holds no link, JavaScript or image.

Cases in KNOWN_BUGS are bugs this suite found: each is a strict xfail asserting what the issue
and the README promise, so it turns into an XPASS failure once the bug is fixed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from support import ROOT, TESTS

HOSTILE = TESTS / "hostile"
FONT = ROOT / "pdfgen" / "fonts" / "DejaVuSans.ttf"
KINDS = ("plans", "layouts", "rosters")
RENDER = {"plans": "build", "layouts": "build", "rosters": "batch"}
TIMEOUT = 60
MAX_STDERR = 20_000  # a message quotes a value, never a whole hostile file
KEYS = ("exit", "expect", "stdout", "warning", "prints", "not-printed", "absent", "args")
PREFIXES = ("validate", "build", "batch")
# What must never reach a terminal from pdfgen: C0/C1 controls (but tab, newline) and bidi
# embeddings, overrides and isolates, which an input can smuggle into an echoed name.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Cases that reveal a bug: the case's id, and what is wrong.
KNOWN_BUGS: dict[str, str] = {}


# -- the cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One hostile input: its files (the first is the input) and its expected outcome."""

    kind: str
    name: str
    headers: dict[str, list[str]]
    files: Callable[[], dict[str, bytes]]
    extra_args: tuple[str | bytes, ...] = ()
    generated: bool = False

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.name}"

    def exit(self, command: str) -> int:
        values = self.headers.get(f"{command}-exit") or self.headers.get("exit")
        assert values, f"{self.id}: no `# exit:` header"
        return int(values[-1])

    def get(self, command: str, key: str) -> list[str]:
        return self.headers.get(key, []) + self.headers.get(f"{command}-{key}", [])

    def args(self, command: str) -> list[str | bytes]:
        return [*shlex.split(" ".join(self.get(command, "args"))), *self.extra_args]


def parse_headers(lines: list[str]) -> dict[str, list[str]]:
    """The `# key: value` lines at the top of a case (or all lines of a sidecar)."""
    found: dict[str, list[str]] = {}
    for line in lines:
        line = line.removeprefix("\ufeff")
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(": ")
        base = key.split("-", 1)[1] if key.startswith(tuple(f"{p}-" for p in PREFIXES)) else key
        if sep and base in KEYS:
            found.setdefault(key, []).append(value.strip())
    return found


def header_lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines()]


def committed_cases() -> list[Case]:
    cases = []
    for kind in KINDS:
        for path in sorted((HOSTILE / kind).iterdir()):
            if path.suffix == ".expect" or path.name.startswith("."):
                continue
            sidecar = path.with_name(path.name + ".expect")
            source = sidecar if sidecar.exists() else path
            lines = source.read_bytes().decode("utf-8", "replace").splitlines()
            data = path.read_bytes()
            cases.append(
                Case(kind, path.name, parse_headers(lines), lambda p=path, d=data: {p.name: d})
            )
    return cases


# -- generated cases ---------------------------------------------------------------------------

PLAN = """\
program: {program}
weeks: 1
sessions:
  - name: {session}
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
        notes: {notes}
"""


def plan(program: str = "Upper back", session: str = "A", notes: str = "Slowly.") -> str:
    return PLAN.format(program=program, session=session, notes=notes)


def many_exercises(count: int) -> bytes:
    items = "".join("      - {exercise: pull-up, sets: 3, reps: 8}\n" for _ in range(count))
    return f"program: Many\nsessions:\n  - name: A\n    exercises:\n{items}".encode()


def long_words(name: int, note: int, paragraph: int) -> bytes:
    """A plan whose every text is one word with no space, as long as its field allows."""
    word = "Wide" * 300
    return f"""\
program: {word[:name]}
focus: {word[:name]}
summary: {word[:paragraph]}
weeks: 2
progression: {{reps: 1}}
sessions:
  - name: {word[:name]}
    exercises:
      - exercise: own
        sets: 3
        reps: 8-10
        rest: {word[:name]}
        load: {word[:name]}
        notes: {word[:note]}
        warmup: {{sets: 1, load: {word[:name]}}}
        weeks: {{2: {{notes: {word[:note]}}}}}
exercises:
  own:
    name: {word[:name]}
    area: {word[:name]}
    muscles: [{word[:name]}]
    equipment: [{word[:name]}]
    summary: {word[:paragraph]}
    setup: {word[:paragraph]}
    steps: [{word[:note]}, {word[:note]}]
    cues: [{word[:note]}]
    mistakes: [{word[:note]}]
    safety: {word[:paragraph]}
""".encode()


def csv_rows(*rows: str) -> bytes:
    return ("\r\n".join(["client,plan,weeks", *rows]) + "\r\n").encode()


def generated(
    kind: str,
    name: str,
    files: Callable[[], dict[str, bytes] | bytes],
    headers: str,
    extra_args: tuple[str | bytes, ...] = (),
) -> Case:
    def make() -> dict[str, bytes]:
        made = files()
        return {name: made} if isinstance(made, bytes) else made

    return Case(
        kind,
        name,
        parse_headers(["#" + line for line in header_lines(headers)]),
        make,
        extra_args,
        generated=True,
    )


GENERATED: list[Case] = [
    generated(
        "plans",
        "deep-brackets.yaml",
        lambda: b"[" * 60_000 + b"]" * 60_000,
        """
        exit: 1
        expect: deep-brackets.yaml:1: brackets are nested more than 40 deep.
        """,
    ),
    generated(
        "plans",
        "deep-braces-in-plan.yaml",
        lambda: plan(notes="x").replace("notes: x", "notes: " + "{a: " * 30_000).encode(),
        """
        exit: 1
        expect: deep-braces-in-plan.yaml:9: brackets are nested more than 40 deep.
        """,
    ),
    generated(
        "plans",
        "deep-block-nesting.yaml",
        lambda: "".join(f"{'  ' * i}k{i}:\n" for i in range(100)).encode(),
        """
        exit: 1
        expect: deep-block-nesting.yaml:41:
        expect: the data is nested more than 40 deep.
        """,
    ),
    generated(
        "plans",
        "utf-16.yaml",
        lambda: plan(program="Zoë").encode("utf-16"),
        """
        exit: 1
        expect: utf-16.yaml: the file is saved as UTF-16; save it as UTF-8 and try again.
        """,
    ),
    generated(
        "plans",
        "utf-16-le-no-bom.yaml",
        lambda: plan().encode("utf-16-le"),
        """
        exit: 1
        expect: the file is saved as UTF-16; save it as UTF-8
        """,
    ),
    generated(
        "plans",
        "latin-1.yaml",
        lambda: plan(program="Crème brûlée").encode("latin-1"),
        """
        exit: 1
        expect: latin-1.yaml:1:12: byte 0xE8 is not UTF-8 (the file looks like a Windows or
        """,
    ),
    generated(
        "plans",
        "cesu-surrogate-bytes.yaml",
        # U+D800 encoded as if it were a character (CESU-8 / WTF-8): not UTF-8.
        lambda: plan(program="Half").encode().replace(b"Half", b"Half \xed\xa0\x80"),
        """
        exit: 1
        expect: cesu-surrogate-bytes.yaml:1:15: byte 0xED is not UTF-8
        """,
    ),
    generated(
        "plans",
        "nul-byte.yaml",
        lambda: plan().encode().replace(b"Slowly.", b"Slow\x00ly."),
        """
        exit: 1
        expect: nul-byte.yaml:9: the file holds a NUL byte, so it is not a text file.
        """,
    ),
    generated(
        "plans",
        "raw-control-byte.yaml",
        lambda: plan().encode().replace(b"Slowly.", b"Slow\x07\x1b[2Jly."),
        """
        exit: 1
        expect: raw-control-byte.yaml:9:
        expect: the control character U+0007 cannot be in a YAML file
        """,
    ),
    generated(
        "plans",
        "twenty-megabytes.yaml",
        # A valid plan padded with comments: only the size check can refuse it.
        lambda: plan().encode().ljust(20_000_000, b"\n"),
        """
        exit: 1
        validate-expect: twenty-megabytes.yaml: the YAML file is larger than 1,000,000 bytes
        build-expect: twenty-megabytes.yaml: the plan file is larger than 1,000,000 bytes
        """,
    ),
    generated(
        "plans",
        "exercises-1000.yaml",
        lambda: many_exercises(1000),
        """
        exit: 1
        expect: exercises-1000.yaml:5:7: sessions[1].exercises: has 1000 items; the most is 20.
        """,
    ),
    generated(
        "plans",
        "note-50000.yaml",
        lambda: plan(notes="x" * 50_000).encode(),
        """
        exit: 1
        expect: note-50000.yaml:9:16: sessions[1].exercises[1].notes:
        expect: notes: is 50,000 characters long; the most is 300.
        """,
    ),
    generated(
        "plans",
        "name-300-no-spaces.yaml",
        lambda: plan(program="N" * 300, session="S" * 300).encode(),
        """
        exit: 1
        expect: name-300-no-spaces.yaml:1:10: program: is 300 characters long; the most is 80.
        expect: name-300-no-spaces.yaml:4:11: sessions[1].name: is 300 characters long; the most
        """,
    ),
    generated(
        "plans",
        "long-words-at-the-limits.yaml",
        # Every text as long as its field allows and with no space to break at: it must wrap
        # (or end in an ellipsis) and never raise reportlab's "Flowable too large".
        lambda: long_words(name=80, note=300, paragraph=1000),
        """
        exit: 0
        prints: WideWideWideWide
        """,
    ),
    generated(
        "plans",
        "long-words-at-the-limits-a5.yaml",
        lambda: long_words(name=80, note=300, paragraph=1000),
        """
        exit: 0
        args: --layout a5
        prints: WideWideWideWide
        """,
    ),
    generated(
        "plans",
        "long-client-and-trainer.yaml",
        lambda: plan().encode(),
        """
        exit: 0
        args: --layout a5
        prints: WWWWWWWWWW
        prints: MMMMMMMMMM
        """,
        ("--client", "M" * 80, "--trainer", "W" * 80),
    ),
    generated(
        "plans",
        "client-300-characters.yaml",
        lambda: plan().encode(),
        """
        exit: 0
        build-exit: 2
        build-expect: --client
        build-expect: is 300 characters long; the most is 80.
        """,
        ("--client", "C" * 300),
    ),
    generated(
        "plans",
        "client-surrogate-escaped-bytes.yaml",
        # Bytes that are not UTF-8 on the command line reach Python as lone surrogates.
        lambda: plan().encode(),
        """
        exit: 0
        prints: Zo
        """,
        ("--client", b"Zo\xed\xa0\x80 \xff"),
    ),
    generated(
        "plans",
        "client-markup-and-controls.yaml",
        lambda: plan().encode(),
        """
        exit: 0
        prints: <a href="javascript:alert(1)">Zoë</a>
        not-printed: \\x1b
        """,
        ("--client", '<a href="javascript:alert(1)">Zoë</a>\x1b[2J\u202e'),
    ),
    generated(
        "layouts",
        "fake-truetype.yaml",
        # A .ttf that starts like TrueType and then is garbage: reportlab must not get to crash.
        lambda: {
            "fake-truetype.yaml": b"fonts:\n  regular: fake.ttf\n",
            "fake.ttf": b"\x00\x01\x00\x00" + b"\xff" * 2000,
        },
        """
        exit: 1
        expect: fake.ttf
        build-expect: this font file cannot be used
        """,
    ),
    generated(
        "layouts",
        "truncated-font.yaml",
        # The first half of the bundled DejaVu Sans: the table directory is there, the tables not.
        lambda: {
            "truncated-font.yaml": b"fonts:\n  regular: half.ttf\n",
            "half.ttf": FONT.read_bytes()[: FONT.stat().st_size // 2],
        },
        """
        exit: 1
        expect: half.ttf
        build-expect: this font file cannot be used
        """,
    ),
    generated(
        "layouts",
        "beside-a-base-yaml.yaml",
        # A plan that happens to be called base.yaml, in the folder of a one-line layout.
        lambda: {
            "beside-a-base-yaml.yaml": b"sizes: {title: 20}\n",
            "base.yaml": plan().encode(),
        },
        """
        exit: 0
        """,
    ),
    generated(
        "layouts",
        "latin-1.yaml",
        lambda: "labels:\n  client: Clientèle\n".encode("latin-1"),
        """
        exit: 1
        expect: latin-1.yaml:2:17: byte 0xE8 is not UTF-8
        """,
    ),
    generated(
        "layouts",
        "deep-brackets.yaml",
        lambda: b"labels: " + b"[" * 60_000,
        """
        exit: 1
        expect: deep-brackets.yaml:1: brackets are nested more than 40 deep.
        """,
    ),
    generated(
        "rosters",
        "cp1252.csv",
        lambda: "client,plan\r\nJosé Núñez,upper-back\r\n".encode("cp1252"),
        """
        exit: 1
        expect: cp1252.csv:2:4: byte 0xE9 is not UTF-8 (the file looks like a Windows or Latin-1
        expect: export); save it as UTF-8 and try again.
        """,
    ),
    generated(
        "rosters",
        "utf-16.csv",
        lambda: "client,plan\r\nZoë,upper-back\r\n".encode("utf-16"),
        """
        exit: 1
        expect: utf-16.csv: the file is saved as UTF-16; save it as UTF-8 and try again.
        """,
    ),
    generated(
        "rosters",
        "rows-5001.csv",
        lambda: csv_rows(*(f"Client {n},upper-back,1" for n in range(5001))),
        """
        exit: 1
        expect: rows-5001.csv: the roster has 5,001 rows; the most is 5,000.
        """,
    ),
    generated(
        "rosters",
        "eleven-megabytes.csv",
        lambda: csv_rows("Ann,upper-back,1") + b"," * 11_000_000,
        """
        exit: 1
        expect: eleven-megabytes.csv: the roster file is larger than 10,000,000 bytes,
        """,
    ),
    generated(
        "rosters",
        "huge-cell.csv",
        lambda: csv_rows('Ann,upper-back,"' + "1" * 200_000 + '"'),
        """
        exit: 1
        expect: huge-cell.csv:2: this is not a readable CSV file (field larger than field limit
        """,
    ),
    generated(
        "rosters",
        "nul-byte.csv",
        lambda: csv_rows("Ann\x00,upper-back,1"),
        """
        exit: 1
        expect: nul-byte.csv:2: the file holds a NUL byte, so it is not a text file.
        """,
    ),
]

CASES = committed_cases() + GENERATED


def params() -> list[object]:
    out = []
    for case in CASES:
        bug = KNOWN_BUGS.get(case.id)
        marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


# -- running pdfgen -----------------------------------------------------------------------------


@dataclass
class Run:
    """One command's outcome."""

    command: str
    status: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"pdfgen {self.command} exited {self.status}\n--- stdout:\n{self.stdout[:1000]}"
            f"--- stderr:\n{self.stderr[:3000]}"
        )


def pdfgen(command: str, args: list[str | bytes], cwd: Path) -> Run:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONUTF8": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    cwd.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pdfgen", command, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"pdfgen {command} did not finish within {TIMEOUT} s (a hang)")
    return Run(
        command,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def render_args(case: Case, path: Path, out: Path) -> list[str | bytes]:
    if case.kind == "plans":
        return [str(path), "-o", str(out / "out.pdf"), *case.args("build")]
    if case.kind == "layouts":
        layout = ["--layout", str(path)]
        return [
            "upper-back",
            "--weeks",
            "1",
            *layout,
            "-o",
            str(out / "out.pdf"),
            *case.args("build"),
        ]
    return [str(path), "-o", str(out / "booklets"), "--jobs", "1", *case.args("batch")]


# -- checking a PDF -----------------------------------------------------------------------------


def unescape(text: str) -> str:
    r"""Header text with \uXXXX and \xXX escapes made into the characters."""
    return re.sub(
        r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})", lambda m: chr(int(m[1] or m[2], 16)), text
    )


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_problems(path: Path) -> list[str]:
    """What is wrong with a PDF pdfgen wrote: syntax (qpdf), and any link, script or image."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return [f"{path.name} does not start with %PDF"]
    found: list[str] = []
    with pikepdf.open(path) as pdf:
        found += [f"qpdf: {p}" for p in pdf.check_pdf_syntax()]
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            keys = set(obj.keys())
            for key in ("/URI", "/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA"):
                if key in keys:
                    found.append(f"an object has {key}")
            subtype = obj.get("/Subtype")
            if subtype in (pikepdf.Name.Image, pikepdf.Name.Link):
                found.append(f"an object of subtype {subtype}")
    return found


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


# -- the test -----------------------------------------------------------------------------------


def check_run(case: Case, run: Run, failures: list[str]) -> None:
    """What holds for every command of every case."""
    where = f"pdfgen {run.command}"
    if run.status != case.exit(run.command):
        failures.append(f"{where} exited {run.status}, not {case.exit(run.command)}")
    if "Traceback" in run.stderr + run.stdout:
        failures.append(f"{where} printed a traceback")
    if len(run.stderr) >= MAX_STDERR:
        failures.append(f"{where} wrote {len(run.stderr):,} characters to stderr")
    for text in case.get(run.command, "expect"):
        if text not in run.stderr:
            failures.append(f"{where}: stderr lacks {text!r}")
    for text in case.get(run.command, "stdout"):
        if text not in run.stdout:
            failures.append(f"{where}: stdout lacks {text!r}")
    if run.command == "validate" and run.status == 0 and not run.stdout.startswith("ok: "):
        failures.append(f"{where} passed without saying 'ok:'")
    for stream, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        unsafe = sorted({f"U+{ord(c):04X}" for c in TERMINAL_UNSAFE.findall(text)})
        if unsafe:
            failures.append(f"{where} writes {', '.join(unsafe)} to the terminal ({stream})")


def check_output(case: Case, run: Run, out: Path, failures: list[str]) -> None:
    """A failed render leaves no PDF; a successful one leaves sound PDFs, warned as expected."""
    where = f"pdfgen {run.command}"
    pdfs = sorted(out.rglob("*.pdf"))
    if run.status not in (0, 3):
        if pdfs:
            failures.append(f"{where} failed and left {[p.name for p in pdfs]}")
        return
    if case.kind == "rosters":
        written = re.search(r"(\d+) written", run.stdout)
        if not written or int(written[1]) != len(pdfs):
            failures.append(f"{where} wrote {len(pdfs)} PDFs; its summary: {run.stdout!r}")
    elif not run.stdout.startswith("wrote ") or [p.name for p in pdfs] != ["out.pdf"]:
        failures.append(f"{where} exited 0 with {[p.name for p in pdfs]}: {run.stdout!r}")
    for pdf in pdfs:
        failures += [f"{pdf.name}: {problem}" for problem in pdf_problems(pdf)]
    warnings = [line for line in run.stderr.splitlines() if "warning" in line]
    expected = case.get(run.command, "warning")
    if warnings and not expected:
        failures.append(f"{where} warned unexpectedly: {warnings}")
    for text in expected:
        if not any(text in line for line in warnings):
            failures.append(f"{where} gave no warning with {text!r} (warnings: {warnings})")
    wanted, unwanted = case.get(run.command, "prints"), case.get(run.command, "not-printed")
    if pdfs and (wanted or unwanted):
        text = pdf_text(pdfs[0])
        for item in wanted:
            if squeeze(unescape(item)) not in squeeze(text):
                failures.append(f"{pdfs[0].name} does not print {item!r}")
        for item in unwanted:
            if unescape(item) in text:
                failures.append(f"{pdfs[0].name} prints {item!r}")


def check_files(case: Case, tmp_path: Path, written: dict[str, bytes], failures: list[str]) -> None:
    """Nothing is written but the output: no temporary file, nothing in the current folder or
    beside the input, nothing the input asked for."""
    leftovers = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.tmp")]
    if leftovers:
        failures.append(f"temporary files left: {leftovers}")
    for name in case.headers.get("absent", []):
        if list(tmp_path.rglob(name)):
            failures.append(f"{name} was created: the input ran a command")
    for cwd in ("cwd-validate", "cwd-render"):
        made = sorted(p.name for p in (tmp_path / cwd).iterdir())
        if made:
            failures.append(f"written to the current folder: {made}")
    beside = sorted(p.name for p in (tmp_path / "input").iterdir())
    if beside != sorted(written):
        failures.append(f"written beside the input: {sorted(set(beside) - set(written))}")


@pytest.mark.parametrize("case", params())
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    inputs, out = tmp_path / "input", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    files = case.files()
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    path = inputs / next(iter(files))

    # The two commands share nothing but the input, so they run side by side (half the time).
    with ThreadPoolExecutor(max_workers=2) as pool:
        validating = pool.submit(pdfgen, "validate", [str(path)], tmp_path / "cwd-validate")
        render = pdfgen(RENDER[case.kind], render_args(case, path, out), tmp_path / "cwd-render")
        validate = validating.result()

    # Every discrepancy of the case is listed, not only the first.
    failures: list[str] = []
    for run in (validate, render):
        check_run(case, run, failures)
    check_output(case, render, out, failures)
    check_files(case, tmp_path, files, failures)
    runs = "\n\n".join(str(run) for run in (validate, render))
    assert not failures, "\n".join(failures) + "\n\n" + runs


# -- the suite itself ---------------------------------------------------------------------------


def test_every_case_states_its_outcome() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), "a generated case shadows a committed one"
    for kind in KINDS:
        assert any(case.kind == kind and not case.generated for case in CASES), kind
    for case in CASES:
        assert "exit" in case.headers, f"{case.id}: no `# exit:` header"
        # 2 is a bad option value (a usage error), 3 a batch with some rows failed.
        assert {int(v) for key, vs in case.headers.items() if key.endswith("exit") for v in vs} <= {
            0,
            1,
            2,
            3,
        }
        if case.exit("validate") or case.exit(RENDER[case.kind]):
            assert case.get("validate", "expect") or case.get(RENDER[case.kind], "expect"), (
                f"{case.id}: an error case must say which message it expects"
            )
    assert set(KNOWN_BUGS) <= set(ids), "a known bug names no case"


def test_committed_bytes_are_what_the_cases_are_about() -> None:
    """An editor that 'fixes' these files would make their cases pass for the wrong reason."""
    assert (HOSTILE / "plans" / "bom.yaml").read_bytes().startswith(b"\xef\xbb\xbf# ")
    assert b"\t" in (HOSTILE / "plans" / "tabs.yaml").read_bytes()
