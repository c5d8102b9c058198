"""What `validate`, `schema`, `exercises` and `layouts` report: checks and listings, no drawing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pdfgen.io import resources
from pdfgen.io.validation import closest
from pdfgen.io.yamldoc import read_yaml
from pdfgen.plan.client import client_file_model, load_client
from pdfgen.plan.library import load_library
from pdfgen.plan.loading import plan_from_document
from pdfgen.plan.model import Plan
from pdfgen.style.layout import Layout
from pdfgen.style.loading import load_layout

_LAYOUT_KEYS = set(Layout.model_fields) | {"extends"}


def _looks_like_layout(value: Any) -> bool:
    """Whether a mapping's keys are (or nearly are) a layout's rather than a plan's."""
    if not isinstance(value, dict) or not value:
        return False
    plan_keys = set(Plan.model_fields)
    keys = set(value)
    # Exact keys decide; only a file with none of either is judged by near misses.
    if keys & _LAYOUT_KEYS or keys & plan_keys:
        return len(keys & _LAYOUT_KEYS) > len(keys & plan_keys)

    def near(key: Any, keys: set[str]) -> bool:
        return isinstance(key, str) and (key in keys or closest(key, keys) is not None)

    layout_votes = sum(near(key, _LAYOUT_KEYS) for key in value)
    plan_votes = sum(near(key, plan_keys) for key in value)
    return layout_votes > plan_votes


def check_file(path: Path) -> str:
    """Validate a plan, layout, client file, roster or exercise library (a file, or a folder of
    library files), told apart by their keys; a one-line summary of what it holds, or an
    InputError."""
    if path.is_dir():
        return f"exercise library, {counted(len(load_library(path)), 'exercise')}"
    if path.suffix.lower() == ".csv":
        return _roster(path)
    doc = read_yaml(path)
    kind = _kind_of(doc.value)
    if kind == "roster":
        return _roster(path)
    if kind == "client file":
        given = load_client(path).options()
        maxes = given.get("maxes") or {}
        client = given.get("client") or "a client"
        return f"client file for '{client}', {counted(len(maxes), 'max', 'maxes')}"
    if kind == "exercise library":
        return f"exercise library, {counted(len(load_library(path)), 'exercise')}"
    if kind == "layout":
        from pdfgen.render.fonts import register

        layout = load_layout(path)
        register(layout.fonts)  # a font file that cannot be used is found now, not at build
        width, height = layout.page.size_mm
        return f"layout, {width:g} × {height:g} mm, sections: {', '.join(layout.sections)}"
    plan = plan_from_document(doc)
    return (
        f"plan '{plan.program}', {counted(len(plan.sessions), 'session')}, "
        f"{counted(len(plan.used_exercises), 'exercise')}, {counted(plan.weeks, 'week')}"
    )


def counted(n: int, one: str, many: str = "") -> str:
    """A count with its noun: 1 exercise, 3 exercises, 2 maxes.

    >>> counted(1, "week"), counted(3, "week"), counted(2, "max", "maxes")
    ('1 week', '3 weeks', '2 maxes')
    """
    return f"{n} {one if n == 1 else many or one + 's'}"


def _kind_of(value: Any) -> str:
    """What a YAML file holds, judged by its shape and keys: a roster (a list of clients), a
    client file, an exercise library (ids to exercises with names), a layout, or a plan."""
    if (
        isinstance(value, list)
        and value
        and all(isinstance(i, dict) and "client" in i for i in value)
    ):
        return "roster"
    if not isinstance(value, dict) or not value:
        return "plan"
    keys = set(value)
    if keys <= set(client_file_model().model_fields) and keys & {
        "client",
        "trainer",
        "start",
        "days",
        "maxes",
    }:
        return "client file"
    if not keys & {"sessions", "program"} and all(
        isinstance(v, dict) and "name" in v for v in value.values()
    ):
        return "exercise library"
    return "layout" if _looks_like_layout(value) else "plan"


def _roster(path: Path) -> str:
    from pdfgen.app.batch import check_roster

    return check_roster(path)


def json_schema(what: str = "plan") -> dict[str, Any]:
    """The JSON Schema of the plan (or layout) format."""
    model = Layout if what == "layout" else Plan
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"pdfgen {what}"
    return schema


def describe_layouts() -> list[tuple[str, str]]:
    """Built-in layout names with the first comment line of each file."""
    described = []
    for name, path in resources.builtin_layouts().items():
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        about = first[0].lstrip("# ").strip() if first and first[0].startswith("#") else ""
        described.append((name, about))
    return described
