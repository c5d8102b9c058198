"""What a request to `pdfgen serve` asks for, read and checked: the plan (YAML text or the id of
a plan that installs with pdfgen, never a path on the server) and the client's options, named
as the command line names them (`page_size` for `--page-size`, `max` for `--max`).

Pure functions over the request's form fields; the server (`pdfgen.web.server`) does the I/O.
Every check of a value is the library's own: what is read here is handed to the same API
calls the command line makes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pdfgen.errors import Ask, InputError, Problem
from pdfgen.io import resources
from pdfgen.io.pictures import MAX_PICTURE_BYTES
from pdfgen.io.yamldoc import MAX_BYTES
from pdfgen.plan.options import OPTIONS

PLAN_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
YES = {"on", "true", "yes", "1"}
MAX_FIELD = 10_000  # characters in any field but the plan
# A plan and a logo as large as the command line reads them, and the rest of the form.
MAX_REQUEST = MAX_BYTES + MAX_PICTURE_BYTES + 256 * 1024
PLAN_NAME = "plan.yaml"  # how messages name a plan sent as text


class Refused(Exception):
    """A request that cannot be served as asked: its HTTP status and the reason, for the
    person at the browser."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class PlanSource:
    """A plan as the request gave it: the id of an installed plan, or YAML text."""

    plan_id: str = ""
    text: str = ""


def plan_source(value: str | None) -> PlanSource:
    """The plan a request names: an installed plan's id, or YAML text; never a path."""
    text = (value or "").strip("\ufeff")
    if not text.strip():
        raise Refused(400, "no plan: give a plan's YAML or the id of a built-in plan.")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise Refused(413, f"the plan is larger than {MAX_BYTES // 1000} kB.")
    single = text.strip()
    # One line that is no YAML mapping ("key: value", "{...}") is meant as an id, or a path.
    if "\n" not in single and ": " not in single and not single.startswith("{"):
        if single in installed_plans():
            return PlanSource(plan_id=single)
        if PLAN_ID.fullmatch(single):
            raise Refused(400, f"there is no built-in plan or example with the id {single!r}.")
        raise Refused(
            400, "a plan is YAML text or the id of a built-in plan (see /api/plans), not a path."
        )
    return PlanSource(text=text)


def installed_plans() -> set[str]:
    return set(resources.builtin_plans()) | set(resources.example_plans())


def document_options(form: Mapping[str, Any], getlist: Any, kind: str) -> dict[str, Any]:
    """The keyword arguments of `render_booklet` (kind "booklet") or `render_log` ("log")
    from a request's form fields. `getlist(name)` gives every value of a repeated field."""
    options: dict[str, Any] = {}
    for option in OPTIONS.values():
        if option.name == "notes" and kind == "log":
            continue
        name = web_name(option.name)
        if option.name == "maxes":
            given = [*getlist(name), *str(form.get("max_lines", "")).splitlines()]
            # The page's field per exercise: `max.good-morning`, as a roster's column.
            given += [
                f"{key[4:]}={value}"
                for key, value in form.items()
                if key.startswith("max.") and isinstance(value, str) and value.strip()
            ]
            maxes = [v.strip() for v in given if isinstance(v, str) and v.strip()]
            if maxes:
                options["maxes"] = [_short(name, v) for v in maxes]
            continue
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            options[option.name] = _short(name, value.strip())
    if kind == "log":
        # As on the command line: `weeks` says which sheets, `block_weeks` the block's length;
        # the page asks for the sheets apart (`sheets`), its `weeks` being the block's.
        sheets = form.get("sheets")
        if isinstance(sheets, str) and sheets.strip():
            if "weeks" in options:
                options["block_weeks"] = options.pop("weeks")
            options["weeks"] = _short("sheets", sheets.strip())
        options["weeks"] = options.pop("weeks", "all")
        block = form.get("block_weeks")
        if isinstance(block, str) and block.strip():
            options["block_weeks"] = _short("block_weeks", block.strip())
    if str(form.get("fillable", "")).strip().lower() in YES:
        options["fillable"] = True
    impose = str(form.get("impose", "")).strip()
    if impose:
        if impose not in ("saddle", "2up"):
            raise Refused(400, f"impose is saddle or 2up, not {impose[:20]!r}.")
        options["impose"] = impose
    layout = str(form.get("layout", "")).strip()
    if layout:
        if layout not in resources.builtin_layouts():
            message = f"layout names a built-in layout (see `pdfgen layouts`), not {layout[:40]!r}."
            raise Refused(400, message)
        options["layout"] = layout
    color = str(form.get("brand_color", "")).strip()
    if color:
        options["brand_color"] = _short("brand_color", color)
    return options


def web_name(option: str) -> str:
    """An option's form field: the command line's flag without its dashes (`page_size`)."""
    flag = OPTIONS[option].cli_flag if option in OPTIONS else "--" + option
    return flag.removeprefix("--").replace("-", "_")


def _short(name: str, value: str) -> str:
    if len(value) > MAX_FIELD:
        raise Refused(413, f"{name} is longer than {MAX_FIELD} characters.")
    return value


def problems(error: InputError) -> list[dict[str, Any]]:
    """Each problem of an InputError as the API gives it: where (line, column, field) and
    what (a message a trainer can act on, naming options as the form names them)."""
    return [_problem(p) for p in error.problems]


def _problem(problem: Problem) -> dict[str, Any]:
    if problem.option:
        return {
            "line": None,
            "column": None,
            "field": web_name(problem.option),
            "message": problem.say(_option_name, _ask),
        }
    wanted = f" Give {_ask(problem.ask)}." if problem.ask else ""
    return {
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": f"{problem.message}{wanted}",
    }


def _option_name(option: str, key: str) -> str:
    return f"{web_name(option)} ({key})" if key else web_name(option)


def _ask(ask: Ask) -> str:
    if ask.key:
        return f"a {web_name(ask.option)} field like {ask.key}={ask.example}"
    return f"{web_name(ask.option)} (like {ask.example})"
