"""What a plan states across its parts, checked once it has validated: week tables and the
schemes they name, the weeks of a cycle, circuits' exercises, loads that need a training max or
an earlier set. Every problem is located in the plan file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pdfgen.errors import Problem
from pdfgen.io.yamldoc import Document, dotted
from pdfgen.plan.fields import week_span
from pdfgen.plan.loads import Load, LoadError, parse_load
from pdfgen.plan.model import Circuit, Plan, Prescription
from pdfgen.plan.needs import written_loads
from pdfgen.plan.weekly import circuit_week, week_of
from pdfgen.plan.weeks import WeekChange, table_problems

Path_ = tuple[str | int, ...]
Lookup = Callable[[str], str | None]


@dataclass
class Resolved:
    """What the checks found: circuits' exercise names and a cycle's increments, by id."""

    names: dict[str, str] = field(default_factory=dict)  # a step's name as written → its id
    cycle_add: dict[str, Load] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def check_plan(plan: Plan, doc: Document, lookup: Lookup) -> Resolved:
    """Check what the schema alone cannot, with `lookup` finding an exercise's id by a name."""
    found = Resolved()

    def problem(path: Path_, message: str) -> None:
        file, line, column = doc.locate(path)
        found.problems.append(Problem(file, message, line, column, dotted(path)))

    for path, message in _scheme_problems(plan):
        problem(path, message)
    for path, item in _items(plan):
        for where, change in _table(plan, item, path, problem):
            _check_week(item, change, where, problem)
        if isinstance(item, Circuit):
            _circuit_names(plan, item, path, lookup, found, problem)
    _check_cycle(plan, lookup, found, problem)
    for written in written_loads(plan):
        if written.load.of.kind == "tm" and plan.training_max is None:
            problem(
                written.path,
                f"'{written.written}' is a share of the training max, but the plan gives none: "
                "add `training_max: 90%` (of the one-rep max).",
            )
    return found


def _items(plan: Plan) -> Iterator[tuple[Path_, Prescription | Circuit]]:
    for s, session in enumerate(plan.sessions):
        for e, item in enumerate(session.exercises):
            yield ("sessions", s, "exercises", e), item


def _scheme_problems(plan: Plan) -> Iterator[tuple[Path_, str]]:
    used = {item.weeks for _, item in _items(plan) if isinstance(item.weeks, str)}
    for name, table in plan.schemes.items():
        for key, message in table_problems(table):
            yield ("schemes", name, str(key)), message
        if name not in used:
            yield (
                ("schemes", name),
                f"the scheme '{name}' is used by no exercise (`weeks: {name}`).",
            )


def _table(
    plan: Plan, item: Prescription | Circuit, path: Path_, problem: Callable[[Path_, str], None]
) -> Iterator[tuple[Path_, WeekChange]]:
    """An item's week changes with where each is written; a table's own problems reported."""
    at: Path_
    if isinstance(item.weeks, str):
        if item.weeks not in plan.schemes:
            known = ", ".join(sorted(plan.schemes)) or "none"
            problem((*path, "weeks"), f"no scheme is named '{item.weeks}' (the plan's: {known}).")
            return
        at, table = ("schemes", item.weeks), plan.schemes[item.weeks]
    else:
        at, table = (*path, "weeks"), item.weeks
        for key, message in table_problems(table):
            problem((*at, str(key)), message)
    for key, change in table.items():
        where = (*at, str(key))
        try:
            last = week_span(key)[1]
        except ValueError:
            last = 0  # reported with the table
        if plan.cycle is not None and last > plan.cycle.weeks:
            problem(
                where,
                f"week {key} is past the cycle of {plan.cycle.weeks} weeks; with a cycle, a "
                "table's weeks are the weeks of the cycle.",
            )
        yield where, change


def _check_week(
    item: Prescription | Circuit,
    change: WeekChange,
    where: Path_,
    problem: Callable[[Path_, str], None],
) -> None:
    if isinstance(item, Circuit):
        wrong = change.exercise_keys() - {"sets"}
        if wrong:
            problem(where, f"a circuit's week takes its work, not {', '.join(sorted(wrong))}.")
            return
        try:
            circuit_week(item, change)
        except ValueError as exc:
            problem(where, str(exc))
        return
    wrong = change.circuit_keys()
    if wrong:
        problem(where, f"an exercise's week takes sets, not {', '.join(sorted(wrong))}.")
        return
    try:
        weekly = week_of(item, change)
    except ValueError as exc:
        problem(where, str(exc))
        return
    for message in set_references(weekly.groups):
        problem(where, message)


def set_references(groups: tuple) -> list[str]:  # type: ignore[type-arg]
    """Problems with loads that are a share of an earlier set: it must come before, and have a
    load to take a share of."""
    problems = []
    loads: list[Load | None] = []
    for group in groups:
        try:
            load = parse_load(group.load) if group.load else None
        except LoadError:
            load = None
        for _ in range(group.count):
            number = len(loads) + 1
            if load is not None and load.of.kind == "set":
                earlier = load.of.n
                if earlier >= number:
                    problems.append(
                        f"set {number} is {group.load}, which is not an earlier set; a share is "
                        "of a set before it."
                    )
                elif loads[earlier - 1] is None:
                    problems.append(
                        f"set {number} is {group.load}, but set {earlier} has no load to take a "
                        "share of."
                    )
            loads.append(load)
    return problems


def _circuit_names(
    plan: Plan,
    circuit: Circuit,
    path: Path_,
    lookup: Lookup,
    found: Resolved,
    problem: Callable[[Path_, str], None],
) -> None:
    """Each exercise a circuit names, in any week, found in the library."""
    weeks: list[tuple[Path_, WeekChange | None]] = [(path, None)]
    weeks += list(_table(plan, circuit, path, lambda *_: None))
    for where, week in weeks:
        try:
            segments = circuit_week(circuit, week).segments
        except ValueError:
            continue  # reported with the week
        for segment in segments:
            for step in segment.steps:
                ex_id = lookup(step.exercise)
                if ex_id is None:
                    problem(
                        where,
                        f"'{step.exercise}' is not in the exercise library (`pdfgen exercises`).",
                    )
                    continue
                found.names[step.exercise] = ex_id
                load = parse_load(step.load) if step.load else None
                if load is not None and load.is_percent:
                    problem(where, f"'{step.load}': a circuit's load is a weight, or words.")


def _check_cycle(
    plan: Plan, lookup: Lookup, found: Resolved, problem: Callable[[Path_, str], None]
) -> None:
    cycle = plan.cycle
    if cycle is None or cycle.add is None:
        return
    if isinstance(cycle.add, Load):
        found.cycle_add = {ex_id: cycle.add for ex_id in plan.used_exercises}
        return
    for name, step in cycle.add.items():
        ex_id = lookup(name)
        if ex_id is None:
            problem(("cycle", "add", name), f"'{name}' is not in the exercise library.")
        elif ex_id in found.cycle_add:
            problem(("cycle", "add", name), f"'{name}' is given twice.")
        else:
            found.cycle_add[ex_id] = step
