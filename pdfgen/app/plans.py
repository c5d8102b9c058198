"""The built-in plans and the installed examples: a line about each, and a copy of one to start a
plan of one's own from, so that a trainer who installed pdfgen with pip needs no clone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdfgen.compose.text import one_line
from pdfgen.io import resources
from pdfgen.io.reading import read_input
from pdfgen.io.writing import write_atomic
from pdfgen.io.yamldoc import MAX_BYTES, read_yaml
from pdfgen.plan.loading import find_plan


@dataclass(frozen=True)
class PlanInfo:
    """A plan that installs with pdfgen: its id, whether it is built in or an example, its title
    and the first sentence of its summary."""

    id: str
    kind: str  # "plan" or "example"
    program: str
    summary: str
    path: Path


def list_plans() -> list[PlanInfo]:
    """The built-in plans, then the examples, each with a line about it."""
    found = [("plan", p) for p in resources.builtin_plans().items()]
    found += [("example", p) for p in resources.example_plans().items()]
    return [_info(plan_id, kind, path) for kind, (plan_id, path) in found]


def _info(plan_id: str, kind: str, path: Path) -> PlanInfo:
    value = read_yaml(path, what="plan").value
    program = str(value.get("program", plan_id)) if isinstance(value, dict) else plan_id
    summary = str(value.get("summary") or "") if isinstance(value, dict) else ""
    first = one_line(summary).split(". ")[0].rstrip(".")
    return PlanInfo(plan_id, kind, one_line(program), f"{first}." if first else "", path)


def copy_plan(plan: str, out: str | Path, *, force: bool = False) -> Path:
    """Copy a built-in plan or example (by id, or any plan file) to `out`, as it is written,
    comments and all, to start a plan of one's own from."""
    source = find_plan(plan)
    return write_atomic(out, read_input(source, what="plan", limit=MAX_BYTES), force=force)
