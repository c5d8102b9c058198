"""What a plan states across its parts, checked once it has validated: week tables and the
schemes they name, the weeks of a cycle, circuits' exercises, loads that need a training max or
an earlier set. Every problem is located in the plan file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pdfgen.errors import Problem
from pdfgen.io.yamldoc import Document, dotted
from pdfgen.plan.fields import GroupSpec, week_span
from pdfgen.plan.loads import Load, LoadError, parse_load
from pdfgen.plan.model import Circuit, Plan, Prescription
from pdfgen.plan.needs import written_loads
from pdfgen.plan.weekly import circuit_week, week_of, written_groups
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
        else:
            for index, message in set_references(item.groups()):
                problem(_share_written(item, path, index), message)
        missing = _weeks_undefined(plan, item)
        if missing:
            problem((*path, "weeks"), missing)
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
    if weekly.own & {"sets", "load"}:  # the exercise's own sets are checked on their own
        for _, message in set_references(weekly.groups):
            problem(where, message)


def _share_written(item: Prescription, path: Path_, group: int) -> Path_:
    """Where the load of an exercise's `group`-th set group is written: an item of its `sets:`
    list (its `load:` key, for a mapping), its `sets:` scheme, or its own `load:`."""
    if isinstance(item.sets, list):
        counted = 0
        for index, written in enumerate(item.sets):
            counted += len(written_groups([written]))
            if group < counted:
                has_load = isinstance(written, GroupSpec) and written.load is not None
                return (*path, "sets", index, "load") if has_load else (*path, "sets", index)
    if isinstance(item.sets, str) and "@" in item.sets:
        return (*path, "sets")
    return (*path, "load") if item.load else (*path, "sets")


def _weeks_undefined(plan: Plan, item: Prescription | Circuit) -> str:
    """A week the plan's block (or its cycle) holds that an item with no sets of its own does
    not define: nothing could be printed for it."""
    has_own = bool(item.segments()) if isinstance(item, Circuit) else bool(item.groups())
    try:
        table = plan.table(item)
    except ValueError:
        return ""  # a week given twice, or no week at all: reported with the table
    if not table or has_own:
        return ""
    covered = set(table)  # by single week
    span = plan.cycle.weeks if plan.cycle is not None else plan.weeks
    missing = [week for week in range(1, span + 1) if week not in covered]
    if not missing:
        return ""
    repeat = (
        f"the cycle has {span} weeks"
        if plan.cycle is not None
        else f"add `cycle: {{weeks: {max(covered)}}}` to repeat it"
    )
    return (
        f"week {missing[0]} is not in this week table, and the exercise has no sets of its own "
        f"({repeat}, or give it `sets:`)."
    )


def set_references(groups: tuple) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    """Problems with loads that are a share of an earlier set: it must come before, and have a
    load to take a share of. One problem per group of sets, named by its first set, with the
    group's index."""
    problems = []
    loads: list[Load | None] = []
    for index, group in enumerate(groups):
        try:
            load = parse_load(group.load) if group.load else None
        except LoadError:
            load = None
        number = len(loads) + 1
        if load is not None and load.of.kind == "set":
            earlier = load.of.n
            if earlier >= number:
                problems.append(
                    (
                        index,
                        f"set {number} is {group.load}, which is not an earlier set; a share is "
                        "of a set before it.",
                    )
                )
            elif loads[earlier - 1] is None:
                problems.append(
                    (
                        index,
                        f"set {number} is {group.load}, but set {earlier} has no load to take a "
                        "share of.",
                    )
                )
        loads += [load] * group.count
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
    # The circuit's own steps are written in its `work` (or its `exercises` list).
    own = (*path, "work") if circuit.work else (*path, "exercises") if circuit.exercises else path
    weeks: list[tuple[Path_, WeekChange | None]] = [(own, None)]
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
        elif ex_id not in plan.used_exercises and ex_id not in found.names.values():
            problem(
                ("cycle", "add", name),
                f"'{name}' is not an exercise of this plan; a cycle adds to the loads of the "
                "plan's own exercises.",
            )
        else:
            found.cycle_add[ex_id] = step
