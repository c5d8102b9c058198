"""A broken installation: one of the bundled DejaVu fonts missing, truncated or not a font at
all. `pdfgen build` says which file and what to do (reinstall), exits 1, writes nothing and
shows no traceback, for the built-in layouts and for a layout that names the bundled fonts.

The bundled fonts' folder comes from `pdfgen.io.resources.fonts_dir`; each case points it at a
copy of the real folder with one file damaged.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import pdfgen.io.resources
from pdfgen.cli import cli

FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
REAL_FONTS = pdfgen.io.resources.fonts_dir()

DAMAGE: dict[str, Callable[[bytes], bytes | None]] = {
    "missing": lambda data: None,
    "truncated": lambda data: data[: len(data) // 2],
    "header-only": lambda data: data[:2000],
    "empty": lambda data: b"",
    "not-a-font": lambda data: b"<html>404 Not Found</html>\n" * 40,
    "scrambled-tables": lambda data: data[:12] + bytes(len(data) - 12),
}


@pytest.fixture
def broken_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], Path]:
    """broken_fonts(file, damage): the bundled fonts with `file` damaged; returns its path."""

    def make(file: str, damage: str) -> Path:
        # As deep as a virtualenv's: the resolved paths are longer than 80 characters.
        folder = tmp_path / ".venv/lib/python3.11/site-packages/pdfgen/fonts"
        folder.parent.mkdir(parents=True)
        shutil.copytree(REAL_FONTS, folder, ignore=shutil.ignore_patterns("__pycache__"))
        target = folder / file
        data = DAMAGE[damage](target.read_bytes())
        if data is None:
            target.unlink()
        else:
            target.write_bytes(data)
        monkeypatch.setattr(pdfgen.io.resources, "fonts_dir", lambda: folder)
        return target

    return make


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("file", FONTS)
@pytest.mark.parametrize("layout", ["base", "a5", "log"])
def test_a_broken_bundled_font_is_named_with_what_to_do(
    broken_fonts: Callable[[str, str], Path],
    tmp_path: Path,
    file: str,
    damage: str,
    layout: str,
) -> None:
    font = broken_fonts(file, damage)
    out = tmp_path / "out"
    out.mkdir()
    command = "log" if layout == "log" else "build"
    result = CliRunner().invoke(
        cli, [command, "upper-back", "--layout", layout, "-o", str(out / "booklet.pdf")]
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"error: {font}: pdfgen's own font file is "), result.stderr
    assert "reinstall pdfgen" in result.stderr
    assert list(out.iterdir()) == []


def test_an_intact_copy_of_the_fonts_still_renders(
    broken_fonts: Callable[[str, str], Path], tmp_path: Path
) -> None:
    """The damage is what fails above, not the copying: a folder with an unrelated file gone
    renders as usual, however long its path (a resolved font path of more than 80 characters
    crashed every build of an installation in a virtualenv)."""
    licence = broken_fonts("LICENSE-DejaVu.txt", "missing")
    assert len(str(licence.with_name("DejaVuSans-Bold.ttf"))) > 80
    out = tmp_path / "booklet.pdf"
    result = CliRunner().invoke(cli, ["build", "upper-back", "--weeks", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_layouts_own_broken_font_is_still_the_layouts_problem(tmp_path: Path) -> None:
    """A damaged font the layout names by file is the layout's to fix, not an installation
    problem: the message says so and points at the font file."""
    font = tmp_path / "club.ttf"
    font.write_bytes((REAL_FONTS / "DejaVuSans.ttf").read_bytes()[:3000])
    layout = tmp_path / "club.yaml"
    layout.write_text("fonts:\n  regular: club.ttf\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", "upper-back", "--layout", str(layout), "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {font}: this font file cannot be used")
    assert "reinstall" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_layouts_own_font_deep_in_folders_renders(tmp_path: Path) -> None:
    folder = tmp_path / "a-rather-long-folder-name-for-the-gym" / "client-layouts" / "2027"
    folder.mkdir(parents=True)
    (folder / "club.ttf").write_bytes((REAL_FONTS / "DejaVuSans.ttf").read_bytes())
    layout = folder / "club.yaml"
    layout.write_text("fonts:\n  regular: club.ttf\n", encoding="utf-8")
    assert len(str(folder / "club.ttf")) > 80
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(
        cli, ["build", "upper-back", "--weeks", "1", "--layout", str(layout), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert CliRunner().invoke(cli, ["validate", str(layout)]).exit_code == 0
