"""Where the files that install with pdfgen live: built-in plans, layouts, fonts, the exercise
library, and the examples (plans of well-known programs, a branded layout)."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def _package_dir(package: str) -> Path:
    return Path(str(files(package)))


def plans_dir() -> Path:
    """The built-in plans and the exercise library (`plans/` in the repository)."""
    return _package_dir("pdfgen.plans")


def layouts_dir() -> Path:
    """The built-in layouts (`layouts/` in the repository)."""
    return _package_dir("pdfgen.layouts")


def examples_dir() -> Path:
    """The examples (`examples/` in the repository): plans that show the format, and the
    published programs written as plans."""
    return _package_dir("pdfgen.examples")


def fonts_dir() -> Path:
    """The bundled fonts and their licence."""
    return _package_dir("pdfgen.fonts")


# The fonts that install with pdfgen, by the names layouts give them (files NAME.ttf).
BUNDLED_FONTS = ("DejaVuSans", "DejaVuSans-Bold")

# What to do when one of them is missing or damaged.
REINSTALL = "reinstall pdfgen (pip install --force-reinstall pdfgen)"


def library_dir() -> Path:
    """The built-in exercise library: a file of exercises for each area of the body."""
    return plans_dir() / "exercises"


def builtin_plans() -> dict[str, Path]:
    """Built-in plan ids (file stems) to their files."""
    return {p.stem: p for p in sorted(plans_dir().glob("*.yaml"))}


def builtin_layouts() -> dict[str, Path]:
    """Built-in layout names to their files: the layouts, then the example layouts."""
    found = {p.stem: p for p in sorted(layouts_dir().glob("*.yaml"))}
    return found | {stem: p for stem, p in _examples().items() if not _is_plan(p)}


def example_plans() -> dict[str, Path]:
    """Example plan ids (file stems) to their files."""
    return {stem: p for stem, p in _examples().items() if _is_plan(p)}


def _examples() -> dict[str, Path]:
    folder = examples_dir()
    return {p.stem: p for p in sorted([*folder.glob("*.yaml"), *folder.glob("*/*.yaml")])}


@cache
def _is_plan(path: Path) -> bool:
    # A plan has a `program:`; a layout never does. Read only the file's start: it is ours.
    return re.search(r"^program:", path.read_text(encoding="utf-8"), re.M) is not None
