"""Reading YAML safely (`pdfgen.io.yamldoc.read_yaml`): hostile and surprising input is
refused, located and explained, and the traps of YAML 1.1 never change what a trainer wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import MINIMAL_PLAN

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.io.yamldoc import MAX_BYTES, read_yaml
from pdfgen.plan.loading import load_plan_text

# The classic "billion laughs": nine levels of nine aliases, 10^9 strings once expanded.
ALIAS_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""

DEEP_BRACKETS = "[" * 60_000 + "]" * 60_000

PLAN = MINIMAL_PLAN


def problem_of(exc: pytest.ExceptionInfo[InputError]) -> tuple[str, int | None, int | None]:
    """The first problem's message, line and column."""
    first = exc.value.problems[0]
    return first.message, first.line, first.column


# --- anchors, aliases and tags ------------------------------------------------------------------


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    assert 400 < len(ALIAS_BOMB.encode()) < 500
    with pytest.raises(InputError) as exc:
        read_yaml("bomb.yaml", text=ALIAS_BOMB)
    message, line, column = problem_of(exc)
    # Refused while parsing the very first anchor, before anything could be expanded.
    assert (line, column) == (1, 4)
    assert "anchors and aliases (& and *) are not allowed" in message
    assert str(exc.value).startswith("bomb.yaml:1:4: ")


def test_alias_bomb_in_a_plan_file_fails_validation(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "bomb.yaml:1:4: anchors and aliases" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("program: &title Upper back\nfocus: *title\n", 1),
        ("base: &b {sets: 3}\nother:\n  <<: *b\n", 1),
        ("program: Upper back\nfocus: *nothing\n", 2),
    ],
    ids=["anchor", "merge-key", "alias-alone"],
)
def test_every_anchor_or_alias_is_refused(text: str, line: int) -> None:
    with pytest.raises(
        InputError, match=r"anchors and aliases \(& and \*\) are not allowed"
    ) as exc:
        read_yaml("plan.yaml", text=text)
    assert exc.value.problems[0].line == line


def test_python_tag_runs_nothing_and_is_refused_by_name(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(InputError) as exc:
        read_yaml("evil.yaml", text=text)
    assert not marker.exists()
    message, line, _ = problem_of(exc)
    assert "python/object/apply:os.system" in message
    assert "is not allowed" in message
    assert line == 1


def test_python_tag_inside_a_plan_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = PLAN.replace("reps: 6-8", f'reps: !!python/object/apply:os.system ["touch {marker}"]')
    with pytest.raises(InputError) as exc:
        load_plan_text(text, "evil.yaml")
    assert not marker.exists()
    assert "evil.yaml:7:" in str(exc.value)
    assert "python/object/apply:os.system is not allowed" in str(exc.value)


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!!binary", "!!set", "!!int", "!mine"])
def test_other_tags_are_refused(tag: str) -> None:
    with pytest.raises(InputError, match="is not allowed; plans hold plain text and numbers"):
        read_yaml("plan.yaml", text=f"program: Upper back\nweeks: {tag} 6\n")


# --- nesting --------------------------------------------------------------------------------


def test_deep_brackets_are_refused_in_process() -> None:
    with pytest.raises(InputError) as exc:
        read_yaml("deep.yaml", text=DEEP_BRACKETS)
    message, line, _ = problem_of(exc)
    assert message == "brackets are nested more than 40 deep."
    assert line == 1


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(100)) + "  " * 100 + "end\n"
    with pytest.raises(InputError, match="the data is nested more than 40 deep"):
        read_yaml("deep.yaml", text=text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (DEEP_BRACKETS, "brackets are nested more than 40 deep."),
        ("- " * 60_000 + "x\n", "the data is nested more than 40 deep."),
    ],
    ids=["brackets", "block-sequences"],
)
def test_deep_nesting_does_not_crash_the_interpreter(
    tmp_path: Path, text: str, message: str
) -> None:
    # PyYAML's C code can crash the whole process on deep input, which no `except` catches:
    # only a separate process shows that the interpreter survives and prints the error.
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    script = (
        "import sys\n"
        "from pdfgen.errors import InputError\n"
        "from pdfgen.io.yamldoc import read_yaml\n"
        "try:\n"
        "    read_yaml(sys.argv[1])\n"
        "except InputError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(0)\n"
        "sys.exit(5)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert message in done.stdout
    assert "deep.yaml:1" in done.stdout


def test_deep_nesting_through_the_command_line_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_BRACKETS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", "from pdfgen.cli import main; main()", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "brackets are nested more than 40 deep" in done.stderr
    assert "Traceback" not in done.stderr


# --- keys, tabs, documents ------------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    text = "program: Upper back\nweeks: 6\nprogram: Lower back\n"
    with pytest.raises(InputError) as exc:
        read_yaml("plan.yaml", text=text)
    message, line, column = problem_of(exc)
    assert (line, column) == (3, 1)
    assert message == "the key 'program' appears twice (first on line 1); keep one."


def test_every_duplicate_key_is_reported() -> None:
    text = "a: 1\nb: 2\na: 3\nb: 4\n"
    with pytest.raises(InputError) as exc:
        read_yaml("plan.yaml", text=text)
    assert [(p.line, p.field) for p in exc.value.problems] == [(3, "a"), (4, "b")]
    assert "has 2 problems" in str(exc.value)


def test_duplicate_key_in_a_nested_mapping() -> None:
    text = "sessions:\n  - name: A\n    name: B\n"
    with pytest.raises(InputError) as exc:
        read_yaml("plan.yaml", text=text)
    problem = exc.value.problems[0]
    assert (problem.line, problem.field) == (3, "sessions[1].name")
    assert "(first on line 2)" in problem.message


@pytest.mark.parametrize(
    ("text", "line"),
    [("sessions:\n\t- name: A\n", 2), ("page:\n  size: a4\n\tmargins: 12\n", 3)],
    ids=["tab-indent", "tab-after-spaces"],
)
def test_a_tab_gets_a_hint_about_spaces(text: str, line: int) -> None:
    with pytest.raises(InputError) as exc:
        read_yaml("plan.yaml", text=text)
    message, got_line, _ = problem_of(exc)
    assert message.startswith("this is not valid YAML: ")
    assert "(a tab: indent YAML with spaces)" in message
    assert got_line == line


def test_invalid_yaml_without_tabs_gets_no_tab_hint() -> None:
    with pytest.raises(InputError) as exc:
        read_yaml("plan.yaml", text="program: [Upper back\nweeks: 6\n")
    assert "this is not valid YAML" in str(exc.value)
    assert "tab" not in str(exc.value)


def test_more_than_one_document_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        read_yaml("plan.yaml", text="program: A\n---\nprogram: B\n")
    message, line, _ = problem_of(exc)
    assert message == "the file holds more than one YAML document ('---')."
    assert line == 2


def test_one_document_with_explicit_markers_is_fine() -> None:
    assert read_yaml("plan.yaml", text="---\nprogram: A\n...\n").value == {"program": "A"}


# --- encodings ------------------------------------------------------------------------------


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "program: Zoë's plan\n".encode())
    doc = read_yaml(path)
    assert doc.value == {"program": "Zoë's plan"}  # not '\ufeffprogram'
    assert doc.key_marks[("program",)] == (1, 1)


def test_utf8_bom_in_text_is_accepted() -> None:
    assert read_yaml("plan.yaml", text="\ufeffprogram: A\n").value == {"program": "A"}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused_with_advice(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "plan.yaml"
    data = "program: Zoë\nweeks: 6\n".encode(codec)
    if codec == "utf-16":
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # with a BOM, as Windows saves it
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert "saved as UTF-16" in str(exc.value)
    assert "save it as UTF-8" in str(exc.value)
    assert str(path) in str(exc.value)


@pytest.mark.parametrize(
    ("codec", "text", "line", "byte"),
    [
        ("latin-1", "program: Upper back\nfocus: Zoë\n", 2, "0xEB"),
        ("cp1252", "program: Upper back\nweeks: 6\nsummary: “Pull” day\n", 3, "0x93"),
    ],
)
def test_latin1_and_cp1252_are_refused_with_the_line(
    tmp_path: Path, codec: str, text: str, line: int, byte: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.encode(codec))
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    message, got_line, _ = problem_of(exc)
    assert got_line == line
    assert f"byte {byte} is not UTF-8" in message
    assert "save it as UTF-8" in message
    assert f"plan.yaml:{line}:" in str(exc.value)


# --- empty and oversized files ----------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_yaml(path)
    assert str(exc.value) == f"{path}: the file is empty."


def test_oversized_file_is_refused_by_size_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    # An alias bomb, a Latin-1 byte and a deep bracket nest up front: each would be its own error
    # if the file were read; only the size is reported, so nothing was parsed or decoded.
    head = ALIAS_BOMB.encode() + b"focus: Zo\xeb\n" + b"[" * 100 + b"\n"
    path.write_bytes(head + b"# " + b"x" * MAX_BYTES + b"\n")
    size = path.stat().st_size
    assert size > 1_000_000
    with pytest.raises(InputError) as exc:
        read_yaml(path, what="plan")
    assert str(exc.value) == (
        f"{path}: the plan file is larger than 1,000,000 bytes, the most pdfgen reads."
    )


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    body = b"program: Upper back\n"
    path.write_bytes(body + b"#" * (MAX_BYTES - len(body) - 1) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    assert read_yaml(path).value == {"program": "Upper back"}


def test_oversized_text_is_refused() -> None:
    with pytest.raises(InputError, match="larger than 1,000,000 bytes"):
        read_yaml("plan.yaml", text="# " + "x" * MAX_BYTES)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no such plan file\.$"):
        read_yaml(tmp_path / "nope.yaml", what="plan")
    with pytest.raises(InputError, match=r"this is a folder, not a plan file; "):
        read_yaml(tmp_path, what="plan")


# --- YAML 1.1 surprises stay the text that was written -------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("1:30", "1:30"),
        ("012", "012"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2027-02-30", "2027-02-30"),
        ("2027-01-04", "2027-01-04"),
        ("6-8", "6-8"),
        ("12-15", "12-15"),
        ("!!str 12", "12"),
        ('"12"', "12"),
        ("'true'", "true"),
        ("12", 12),
        ("-3", -3),
        ("2.5", 2.5),
        ("true", True),
        ("false", False),
        ("~", None),
    ],
)
def test_plain_scalars_follow_yaml_1_2(written: str, value: object) -> None:
    got = read_yaml("plan.yaml", text=f"key: {written}\n").value["key"]
    assert got == value
    assert type(got) is type(value)


def test_yaml_1_1_surprises_survive_into_a_plan() -> None:
    text = PLAN.replace("reps: 6-8", "reps: 6-8\n        rest: 1:30\n        load: NO")
    item = load_plan_text(text).sessions[0].exercises[0]
    assert item.rest == "1:30"
    assert item.load == "NO"


def test_a_5000_digit_number_does_not_crash() -> None:
    digits = "9" * 5000
    doc = read_yaml("plan.yaml", text=f"big: {digits}\nneg: -{digits}\nexp: 1e999999\n")
    assert str(doc.value["big"]) == digits
    assert str(doc.value["neg"]) == "-" + digits
    assert doc.value["exp"] == float("inf")


def test_a_5000_digit_number_in_a_plan_is_an_input_error() -> None:
    with pytest.raises(InputError) as exc:
        load_plan_text(PLAN.replace("sets: 3", "sets: " + "9" * 5000), "plan.yaml")
    problem = exc.value.problems[0]
    assert (problem.line, problem.field) == (6, "sessions[1].exercises[1].sets")
    assert "must be a whole number from 1 to 20" in problem.message


# --- where every value came from ------------------------------------------------------------

NESTED = """\
program: Upper back
sessions:
  - name: A
    exercises:
      - exercise: pull-up
        sets: 3
      - exercise: dumbbell-shrug
        reps: [12, 15]
"""


def test_locate_a_nested_value() -> None:
    doc = read_yaml("plan.yaml", text=NESTED)
    assert doc.locate(("sessions", 0, "exercises", 1, "exercise")) == ("plan.yaml", 7, 19)
    assert doc.locate(("sessions", 0, "exercises", 1, "reps", 1)) == ("plan.yaml", 8, 20)
    assert doc.locate(("sessions", 0, "exercises", 0, "sets")) == ("plan.yaml", 6, 15)


def test_locate_a_key() -> None:
    doc = read_yaml("plan.yaml", text=NESTED)
    path = ("sessions", 0, "exercises", 1, "reps")
    assert doc.locate(path, prefer_key=True) == ("plan.yaml", 8, 9)
    assert doc.locate(path) == ("plan.yaml", 8, 15)


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    doc = read_yaml("plan.yaml", text=NESTED)
    # No `rest` in the first entry: the entry itself is the nearest place that exists.
    assert doc.locate(("sessions", 0, "exercises", 0, "rest")) == ("plan.yaml", 5, 9)
    assert doc.locate(("nowhere", 3)) == ("plan.yaml", 1, 1)
