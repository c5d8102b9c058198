"""The folder listing is the architecture: one subpackage per stage, and imports that run one
way, down the stages; no module too long to read in one sitting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pdfgen"
# The stages, lowest first: a module may import from its own stage and the ones before it.
ORDER = ["errors", "version", "units", "io", "plan", "schedule", "style", "compose", "render"]
ORDER += ["pdf", "logbook", "app", "web", "cli", "__init__", "__main__"]
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "fonts" not in p.parts)


def stage(module: str) -> str:
    """The stage a dotted module name belongs to: `pdfgen.plan.model` is in `plan`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[str]:
    """The pdfgen modules a file imports (at any depth, lazily too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pdfgen"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("pdfgen")]
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path) -> None:
    here = stage(module_name(path))
    assert here in ORDER, f"{path}: a stage the architecture does not name"
    for imported in imports(path):
        there = stage(imported)
        if imported == "pdfgen":
            continue  # the package itself, for its version, costs nothing
        assert ORDER.index(there) <= ORDER.index(here), f"{path} imports {imported} ({there})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long_to_read_in_one_sitting(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 420, f"{path} has {lines} lines"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 220, f"{path}: class {node.name} has {length} lines"
