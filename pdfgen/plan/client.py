"""A client's options, checked together against a plan; and client files, which keep one client's
details in YAML so that a trainer need not retype them:

    client: Zoë Ørsted
    trainer: Sam Taylor
    start: 2027-01-04
    days: [mon, thu]
    units: kg
    maxes:
      good-morning: 90 kg
      pull-up: 80 kg
      squat: 140 kg x 5             # a five-rep max

Its keys are the per-client options (`pdfgen.plan.options.OPTIONS`), each read as the command
line reads it. Every key is optional; the command line's own options win over the file's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io.validation import validate
from pdfgen.io.yamldoc import read_yaml
from pdfgen.plan.library import builtin_library, lookup, name_index
from pdfgen.plan.limits import Weekday
from pdfgen.plan.maxes import Max
from pdfgen.plan.model import Plan
from pdfgen.plan.options import OPTIONS, parse_week_range
from pdfgen.units import PaperSize, Unit

# -- checking them together -------------------------------------------------------------------


@dataclass(frozen=True)
class ClientOptions:
    """A client's options, checked. `maxes` are by exercise id, each with its unit."""

    client: str = ""
    trainer: str = ""
    weeks: int | None = None
    start: date | None = None
    units: Unit = "kg"
    page_size: PaperSize | None = None
    days: tuple[Weekday, ...] = ()
    maxes: Mapping[str, Max] | None = None
    notes: str = ""


def check_options(plan: Plan, **given: Any) -> ClientOptions:
    """The options as values, or an InputError naming every bad one. Each option takes any of
    the forms its declaration reads; None (or leaving it out) means its default."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name, value in given.items():
        if name not in OPTIONS:
            raise TypeError(f"unknown option {name!r}")
        if value is None:
            continue
        try:
            values[name] = OPTIONS[name].read(value)
        except ValueError as exc:
            problems.append(Problem("", str(exc), option=name))
    units: Unit = values.get("units", "kg")
    start = values.get("start")
    if start is not None:
        late = block_too_late(start, values.get("weeks") or plan.weeks)
        if late:
            problems.append(Problem("", late, option="start"))
    maxes = _resolve_maxes(plan, values.pop("maxes", {}), units, problems)
    if problems:
        raise InputError(problems)
    values.setdefault("units", units)
    return ClientOptions(**values, maxes=maxes)


def block_too_late(start: date, weeks: int) -> str:
    """Why a block of `weeks` from `start` cannot be dated ("" when it can): the calendar
    ends with the year 9999.

    >>> block_too_late(date(9999, 12, 1), 6)
    'is too late: a block of 6 weeks from 9999-12-01 would run past the year 9999.'
    """
    if (date.max - start).days < 7 * weeks - 1:
        return (
            f"is too late: a block of {weeks} weeks from {start.isoformat()} would run past the "
            "year 9999."
        )
    return ""


def _resolve_maxes(
    plan: Plan, given: Mapping[str, Max], units: Unit, problems: list[Problem]
) -> dict[str, Max]:
    """Maxes by exercise id; an exercise may be named by id, name or alias. A max for a library
    exercise this plan does not use is ignored: one client file serves every plan."""
    index = name_index(plan.used_exercises)
    library = name_index(builtin_library())
    found: dict[str, Max] = {}
    for name, load in given.items():
        ex_id = lookup(index, name)
        if ex_id is None:
            if lookup(library, name) is None:
                problems.append(
                    Problem("", "names no exercise pdfgen knows.", option="maxes", key=name)
                )
            continue
        found[ex_id] = load.with_unit(units)  # a bare number is in the client's units
    return found


def weeks_to_print(text: str, block: int) -> list[int]:
    """The weeks a log's `weeks` range asks for; "all" is the block's `block` weeks. A range
    past the plan's length is the block extended, as a booklet of that many weeks has it."""
    try:
        return parse_week_range(text, block)
    except ValueError as exc:
        raise InputError([Problem("", str(exc), option="weeks")]) from None


# -- client files -------------------------------------------------------------------------------


class ClientFileBase(BaseModel):
    """What every client file model has: no unknown keys, and its values as options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def options(self) -> dict[str, Any]:
        """The values the file gives, as keyword options of render_booklet / render_log."""
        return {key: getattr(self, key) for key in self.model_fields_set}


@cache
def client_file_model() -> type[ClientFileBase]:
    """The client file's keys, one per option, each read by the option's own reader."""
    fields: dict[str, Any] = {
        option.name: (
            Annotated[Any, BeforeValidator(option.read)],
            Field(default=None, description=option.help),
        )
        for option in OPTIONS.values()
    }
    model: type[ClientFileBase] = create_model("ClientFile", __base__=ClientFileBase, **fields)
    return model


def load_client(path: str | Path) -> ClientFileBase:
    """Read and validate a client file."""
    doc = read_yaml(path, what="client")
    if not isinstance(doc.value, dict):
        raise input_error(
            doc.file, "a client file is a mapping of keys (client:, start:, ...).", 1, 1
        )
    client = validate(client_file_model(), doc)
    start, weeks = client.options().get("start"), client.options().get("weeks")
    late = block_too_late(start, weeks or 1) if start else ""
    if late:
        _, line, column = doc.locate(("start",))
        raise input_error(doc.file, late, line, column, field="start")
    return client
