"""Every load a plan works out, with where it is written: what a client must give (their maxes)
for the plan to be built, each need located in the plan file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pdfgen.errors import Ask, Problem
from pdfgen.io.yamldoc import dotted
from pdfgen.plan.loads import Load, parse_loads
from pdfgen.plan.maxes import Max
from pdfgen.plan.model import Plan, Prescription
from pdfgen.plan.sets import parse_scheme

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class WrittenLoad:
    """A load the plan works out: where it is written, for which exercise, and what it is."""

    path: Path_
    exercise: str  # the exercise's id
    written: str
    load: Load


def written_loads(plan: Plan) -> Iterator[WrittenLoad]:
    """Every load of the plan's exercises (not warm-ups, whose percentages are of the work
    load): their own, their sets', and their week tables' (a scheme's, for each exercise
    that uses it)."""
    for s, session in enumerate(plan.sessions):
        for e, item in enumerate(session.exercises):
            if not isinstance(item, Prescription):
                continue
            at: Path_ = ("sessions", s, "exercises", e)
            yield from _loads_of(item.exercise, at, item.load, item.sets)
            if isinstance(item.weeks, str):
                at = ("schemes", item.weeks)
                table = plan.schemes.get(item.weeks, {})
            else:
                at, table = (*at, "weeks"), item.weeks
            for key, change in table.items():
                yield from _loads_of(item.exercise, (*at, str(key)), change.load, change.sets)


def _loads_of(exercise: str, at: Path_, load: str | None, sets: object) -> Iterator[WrittenLoad]:
    if load:
        yield from _parsed(exercise, (*at, "load"), load)
    texts: list[tuple[Path_, str]] = []
    if isinstance(sets, str):
        texts.append(((*at, "sets"), sets))
    elif isinstance(sets, list):
        for i, item in enumerate(sets):
            if isinstance(item, str):
                texts.append(((*at, "sets", i), item))
            elif getattr(item, "load", None):
                texts.append(((*at, "sets", i, "load"), f"1 @ {item.load}"))
    for path, text in texts:
        try:
            groups = parse_scheme(text)
        except ValueError:
            continue  # reported where the week is checked
        for group in groups:
            if group.load:
                yield from _parsed(exercise, path, group.load)


def _parsed(exercise: str, path: Path_, written: str) -> Iterator[WrittenLoad]:
    try:
        loads = parse_loads(written)
    except ValueError:
        return
    for load in loads:
        if load is not None:
            yield WrittenLoad(path, exercise, written, load)


def needs_max(load: Load) -> bool:
    """Whether a load is a share of the client's max (one-rep, n-rep or training max)."""
    return load.is_percent and load.of.kind in ("max", "tm")


def missing_maxes(plan: Plan, maxes: Mapping[str, Max]) -> list[Problem]:
    """A located problem for each exercise whose loads need a max the client has not given
    (one per exercise, where its first such load is written)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for written in written_loads(plan):
        if written.exercise in maxes or written.exercise in seen or not needs_max(written.load):
            continue
        seen.add(written.exercise)
        file, line, column = plan.locate(written.path)
        name = plan.used_exercises[written.exercise].name
        message = (
            f"{written.written} of {name} needs the client's max: the weight they can lift "
            "once (60kg), or for some reps (60kgx5)."
        )
        ask = Ask("maxes", written.exercise, "60kg")
        problems.append(Problem(file, message, line, column, dotted(written.path), ask=ask))
    return problems
