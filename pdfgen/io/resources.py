"""Where the files that install with pdfgen live: built-in plans, layouts and fonts."""

from __future__ import annotations

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


def fonts_dir() -> Path:
    """The bundled fonts and their licence."""
    return _package_dir("pdfgen.fonts")


# The fonts that install with pdfgen, by the names layouts give them (files NAME.ttf).
BUNDLED_FONTS = ("DejaVuSans", "DejaVuSans-Bold")

# What to do when one of them is missing or damaged.
REINSTALL = "reinstall pdfgen (pip install --force-reinstall pdfgen)"


def library_path() -> Path:
    """The built-in exercise library."""
    return plans_dir() / "exercises.yaml"


def builtin_plans() -> dict[str, Path]:
    """Built-in plan ids (file stems) to their files."""
    return {p.stem: p for p in sorted(plans_dir().glob("*.yaml")) if p.stem != "exercises"}


def builtin_layouts() -> dict[str, Path]:
    """Built-in layout names to their files."""
    return {p.stem: p for p in sorted(layouts_dir().glob("*.yaml"))}
