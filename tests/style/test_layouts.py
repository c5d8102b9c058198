"""Layouts as data: the base layout, small override files on top of it, and bad overrides
refused with the override file, line and field named.

Every file in fixtures/layouts/invalid/ (each implicitly `extends: base`) says in its header:

    # expect: <text>          one or more; each must appear in the error message
    # line: N                 the line of the first problem, in that file
    # bug-message: <reason>   a known bug: the message check is expected to fail
    # bug-line: <reason>      a known bug: the line check is expected to fail
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, TESTS, header

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.style.layout import (
    MIN_TICK_WIDTH_MM,
    MIN_WRITE_HEIGHT_MM,
    MIN_WRITE_WIDTH_MM,
    WRITE_FIELDS,
)
from pdfgen.style.loading import load_layout

FIXTURES = TESTS / "fixtures" / "layouts"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def fixture_params(bug_key: str) -> list[object]:
    params: list[object] = []
    for path in INVALID:
        bug = header(path).get(bug_key)
        marks = [pytest.mark.xfail(reason=f"BUG: {bug[0]}", strict=True)] if bug else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as exc:
        load_layout(path)
    return exc.value


# --- the built-in layouts ------------------------------------------------------------------------


def test_base_layout() -> None:
    layout = load_layout()
    assert layout == load_layout("base")
    assert layout.page.size == "a4"
    assert layout.page.size_mm == (210.0, 297.0)
    margins = layout.page.margins
    assert min(margins.top, margins.right, margins.bottom, margins.left) >= 10
    assert layout.grid.row_height >= MIN_WRITE_HEIGHT_MM
    assert layout.labels.week_title == "Week {week} of {weeks}"
    assert layout.sections == ["cover", "overview", "guide", "weeks", "notes", "credits"]
    assert Path(layout.fonts.regular).is_file()
    assert Path(layout.fonts.bold).is_file()


@pytest.mark.parametrize("name", ["base", "a5"])
def test_builtin_writing_cells_are_big_enough_for_a_pen(name: str) -> None:
    grid = load_layout(name).grid
    assert grid.row_height >= MIN_WRITE_HEIGHT_MM
    assert grid.notes_height >= MIN_WRITE_HEIGHT_MM
    for column in grid.columns:
        if column.field in WRITE_FIELDS and column.width != "*":
            smallest = MIN_TICK_WIDTH_MM if column.field == "done" else MIN_WRITE_WIDTH_MM
            assert column.width >= smallest


def test_a5_is_a5_and_inherits_the_rest() -> None:
    base, a5 = load_layout(), load_layout("a5")
    assert a5.page.size_mm == (148.0, 210.0)
    assert a5.labels == base.labels
    assert a5.colors == base.colors
    assert a5.fonts == base.fonts
    assert a5.grid.row_height == base.grid.row_height  # the same handwriting-sized rows
    assert a5.page.orientation == base.page.orientation
    assert a5.sizes.body < base.sizes.body


def test_a5_file_only_states_differences() -> None:
    lines = (ROOT / "layouts" / "a5.yaml").read_text(encoding="utf-8").splitlines()
    settings = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert len(settings) < 30
    assert not any(line.startswith(("labels:", "colors:", "fonts:")) for line in settings)


def test_a_builtin_layout_by_file_path() -> None:
    assert load_layout(ROOT / "layouts" / "a5.yaml") == load_layout("a5")


@pytest.mark.parametrize(
    ("name", "page_size", "size_mm"),
    [
        ("base", "letter", (215.9, 279.4)),
        ("base", "a5", (148.0, 210.0)),
        ("a5", "a4", (210.0, 297.0)),
        ("a5", "letter", (215.9, 279.4)),
    ],
)
def test_page_size_overrides_the_layout(
    name: str, page_size: str, size_mm: tuple[float, float]
) -> None:
    layout = load_layout(name, page_size=page_size)
    assert layout.page.size_mm == size_mm
    assert layout.labels == load_layout(name).labels
    assert layout.grid.columns == load_layout(name).grid.columns


def test_a_layout_changes_one_spacing_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "airy.yaml"
    path.write_text(
        "paragraphs:\n  body: {space_after: 5}\ntables:\n  overview_widths: {notes: 0.3}\n",
        encoding="utf-8",
    )
    base, airy = load_layout(), load_layout(path)
    assert airy.paragraphs.body.space_after == 5
    assert airy.paragraphs.body.leading == base.paragraphs.body.leading
    assert airy.paragraphs.model_copy(update={"body": base.paragraphs.body}) == base.paragraphs
    assert airy.tables.overview_widths.notes == 0.3
    assert airy.tables.overview_widths.exercise == base.tables.overview_widths.exercise
    assert airy.tables.facts_label_width == base.tables.facts_label_width


def test_an_unknown_page_size_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        load_layout(page_size="a3")
    assert str(exc.value) == "--page-size: 'a3' is not a paper size (a4, letter, a5)."


def test_landscape_turns_the_page(tmp_path: Path) -> None:
    path = tmp_path / "landscape.yaml"
    path.write_text("page:\n  orientation: landscape\n", encoding="utf-8")
    assert load_layout(path).page.size_mm == (297.0, 210.0)
    assert load_layout(path, page_size="a5").page.size_mm == (210.0, 148.0)


def test_an_unknown_layout_name_suggests_the_closest() -> None:
    with pytest.raises(InputError) as exc:
        load_layout("a55")
    assert "no such file, and no built-in layout of that name" in str(exc.value)
    assert "Did you mean 'a5'?" in str(exc.value)


# --- a translation --------------------------------------------------------------------------------


def test_a_translated_layout_changes_only_its_labels() -> None:
    base = load_layout()
    german = load_layout(FIXTURES / "german.yaml")
    assert german.labels.cover_kicker == "Trainingsheft"
    assert german.labels.client == "Kundin / Kunde"
    assert german.labels.week_title == "Woche {week} von {weeks}"
    assert german.labels.page_of == "Seite {page} von {pages}"
    # Every label it does not mention is the base layout's.
    changed = {"cover_kicker", "client", "trainer", "week_title", "day_title", "page_of"}
    for name in type(base.labels).model_fields:
        if name not in changed:
            assert getattr(german.labels, name) == getattr(base.labels, name), name
    assert german.labels.how_to_use == base.labels.how_to_use
    assert german.model_copy(update={"labels": base.labels}) == base


def test_a_translation_on_top_of_a5(tmp_path: Path) -> None:
    path = tmp_path / "german-a5.yaml"
    path.write_text(f"extends: {FIXTURES / 'german.yaml'}\npage:\n  size: a5\n", encoding="utf-8")
    layout = load_layout(path)
    assert layout.page.size_mm == (148.0, 210.0)
    assert layout.labels.client == "Kundin / Kunde"


def test_validate_a_layout_file() -> None:
    path = FIXTURES / "german.yaml"
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"ok: {path}: layout, 210 × 297 mm, sections: " + (
        "cover, overview, guide, weeks, notes, credits\n"
    )


# --- bad layouts --------------------------------------------------------------------------------


def test_the_fixture_folder_is_populated() -> None:
    assert len(INVALID) >= 14
    for path in INVALID:
        meta = header(path)
        assert meta.get("expect"), f"{path.name} has no '# expect:' line"
        assert len(meta.get("line", [])) == 1, f"{path.name} needs one '# line:' line"


@pytest.mark.parametrize("path", fixture_params("bug-message"))
def test_bad_layout_message(path: Path) -> None:
    error = error_of(path)
    message = str(error)
    for expected in header(path)["expect"]:
        assert expected in message
    assert message.startswith(str(path))  # the override file, not base.yaml
    assert "base.yaml" not in message


@pytest.mark.parametrize("path", fixture_params("bug-line"))
def test_bad_layout_line(path: Path) -> None:
    first = error_of(path).problems[0]
    assert first.file == str(path)
    assert first.line == int(header(path)["line"][0])


def test_validate_a_layout_with_a_misspelt_top_level_key() -> None:
    path = FIXTURES / "invalid" / "unknown-top-level-key.yaml"
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "unknown key 'colours' (did you mean 'colors'?)" in result.stderr
    assert "program" not in result.stderr


def test_validate_a_bad_layout_exits_1() -> None:
    path = FIXTURES / "invalid" / "row-height-6.yaml"
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:4:15: grid.row_height: must be a number from 8 to 40, not 6.\n"
    )


def test_an_inherited_value_is_blamed_on_the_file_that_set_it(tmp_path: Path) -> None:
    middle = tmp_path / "middle.yaml"
    middle.write_text("grid:\n  gap: 5\n  row_height: 7\n", encoding="utf-8")
    top = tmp_path / "top.yaml"
    top.write_text("extends: middle.yaml\nlabels:\n  client: Kunde\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_layout(top)
    first = exc.value.problems[0]
    assert (first.file, first.line, first.field) == (str(middle), 3, "grid.row_height")


def test_an_override_can_fix_what_it_extends(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("grid:\n  row_height: 7\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text("extends: bad.yaml\ngrid:\n  row_height: 10\n", encoding="utf-8")
    assert load_layout(good).grid.row_height == 10


def test_every_problem_in_a_layout_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "page:\n  margins: {top: 5, right: 5, bottom: 14, left: 14}\n"
        "grid:\n  row_height: 6\nlabels:\n  week_title: 'Week {wek}'\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_layout(path)
    assert [p.field for p in exc.value.problems] == [
        "page.margins.top",
        "page.margins.right",
        "grid.row_height",
        "labels.week_title",
    ]
    assert str(exc.value).startswith(f"{path} has 4 problems:")


def test_a_layout_that_is_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- page\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_layout(path)
    assert str(exc.value) == f"{path}:1:1: a layout must be a mapping of settings."
