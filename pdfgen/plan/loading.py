"""Loading plans: YAML in, a validated `Plan` out, its exercises found in the library.

The only module that turns plan files into models. Every problem in a file is reported together,
each with its file, line, column and field.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io import resources
from pdfgen.io.pictures import PictureError, read_picture
from pdfgen.io.reading import exists
from pdfgen.io.validation import closest, validate
from pdfgen.io.yamldoc import Document, Path_, dotted, read_yaml
from pdfgen.plan.exercise import Exercise
from pdfgen.plan.library import builtin_library, lookup, name_index, normalise, suggest
from pdfgen.plan.limits import LIFTED, Kind
from pdfgen.plan.loads import parse_loads
from pdfgen.plan.model import Circuit, Plan, Prescription
from pdfgen.plan.resolve import check_plan


def find_plan(name: str | Path) -> Path:
    """A plan file by path, or a built-in plan by id (`upper-back`)."""
    path = Path(name)
    if exists(path):
        return path
    builtin = resources.builtin_plans() | resources.example_plans()
    if isinstance(name, str) and name in builtin:
        return builtin[name]
    hint = closest(str(name), builtin) if not path.suffix else None
    extra = f" Did you mean '{hint}'?" if hint else ""
    raise input_error(
        str(name),
        "no such plan file, and no built-in plan or example of that name (`pdfgen plans` "
        f"lists them).{extra}",
    )


def load_plan(source: str | Path, *, library: dict[str, Exercise] | None = None) -> Plan:
    """Read, validate and resolve a plan file (or a built-in plan id).

    Exercise references resolve against the plan's own `exercises` and the library (the built-in
    one unless `library` is given), by id, name or alias, ignoring case.
    """
    path = find_plan(source)
    return plan_from_document(read_yaml(path, what="plan"), library=library)


def load_plan_text(
    text: str, name: str = "<plan>", library: dict[str, Exercise] | None = None
) -> Plan:
    """A plan from YAML text; `name` stands for the file in messages."""
    return plan_from_document(read_yaml(name, text=text, what="plan"), library=library)


def plan_from_document(doc: Document, library: dict[str, Exercise] | None = None) -> Plan:
    """Validate a parsed plan document and resolve its exercise references."""
    if not isinstance(doc.value, dict):
        raise input_error(
            doc.file,
            "a plan must be a mapping of keys (program:, sessions:, ...), "
            "not a single value or a list.",
            1,
            1,
        )
    base = builtin_library() if library is None else library
    try:
        plan = validate(Plan, doc)
    except InputError as exc:
        # The whole-plan checks run too, so that one run lists every problem of the file.
        extra = _checks_without(doc, base, exc.problems)
        if extra is None:  # the rest cannot be checked: at least the exercise references
            extra = _raw_reference_problems(doc, base, {p.field for p in exc.problems})
        raise InputError(sorted(exc.problems + extra, key=_position)) from None
    return _checked(plan, doc, base)


def _checked(plan: Plan, doc: Document, base: dict[str, Exercise]) -> Plan:
    """A validated plan with its exercises found and every whole-plan check passed."""
    known, problems = _merge_exercises(plan, base, doc)
    index = name_index(base)
    index.update(name_index({ex_id: known[ex_id] for ex_id in plan.exercises if ex_id in known}))
    for ex_id in base:  # a library id still means that exercise, whatever a plan's alias says
        if ex_id not in plan.exercises:
            index[normalise(ex_id)] = ex_id
    return _resolve(plan, known, index, doc, problems)


def _checks_without(
    doc: Document, base: dict[str, Exercise], found: list[Problem]
) -> list[Problem] | None:
    """The problems the whole-plan checks find in the plan without the values the schema
    refused, or None where those values cannot be left out: a list item, the whole file, or a
    plan-wide setting (`training_max`, `weeks`), without which the checks would report what
    follows from its absence rather than what is wrong."""
    value = doc.value
    for problem in found:
        path = _path_of(problem.field)
        if path is None or len(path) < 2 or isinstance(path[-1], int):
            return None
        try:
            value = _without(value, path)
        except KeyError:
            return None
    pruned = replace(doc, value=value)
    try:
        plan = validate(Plan, pruned)
    except InputError:
        return None
    try:
        _checked(plan, pruned, base)
    except InputError as exc:
        reported = {(p.line, p.column) for p in found}
        return [p for p in exc.problems if (p.line, p.column) not in reported]
    return []


_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def _path_of(field: str) -> Path_ | None:
    """The path of a field as `dotted` writes it, if it reads back unambiguously.

    >>> _path_of("sessions[2].exercises[1].load")
    ('sessions', 1, 'exercises', 0, 'load')
    """
    parts: list[str | int] = [int(n) - 1 if n else key for n, key in _PART.findall(field)]
    path = tuple(parts)
    return path if field and dotted(path) == field else None


def _without(value: Any, path: Path_) -> Any:
    """A copy of `value` without the mapping entry at `path`; KeyError where there is none."""
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and head in value:
        copy = dict(value)
        if rest:
            copy[head] = _without(value[head], rest)
        else:
            del copy[head]
        return copy
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value) and rest:
        items = list(value)
        items[head] = _without(value[head], rest)
        return items
    raise KeyError(head)


def _position(problem: Problem) -> tuple[int, int]:
    return problem.line or 0, problem.column or 0


def _merge_exercises(
    plan: Plan, library: dict[str, Exercise], doc: Document
) -> tuple[dict[str, Exercise], list[Problem]]:
    """The library with the plan's own exercises added, and its overrides merged in."""
    known = dict(library)
    problems: list[Problem] = []
    for ex_id, entry in plan.exercises.items():
        stated = entry.model_dump(exclude_unset=True)
        if entry.name is None and (ex_id not in library or "name" in stated):
            why = "is not in the exercise library, so it needs" if ex_id not in library else "needs"
            path = ("exercises", ex_id, "name") if "name" in stated else ("exercises", ex_id)
            file, line, column = doc.locate(path, prefer_key=True)
            problems.append(Problem(file, f"'{ex_id}' {why} a name.", line, column, dotted(path)))
        elif ex_id in library:
            # Unstated fields come from the library; every stated one was validated already.
            known[ex_id] = library[ex_id].model_copy(update=stated)
        else:
            known[ex_id] = Exercise.model_validate(stated)
        if entry.image is not None and ex_id in known:
            known[ex_id] = _with_picture(known[ex_id], entry.image, ex_id, doc, problems)
    return known, problems


def _with_picture(
    exercise: Exercise, image: str, ex_id: str, doc: Document, problems: list[Problem]
) -> Exercise:
    """The exercise with its picture (found beside the plan file) checked and decoded once."""
    path = ("exercises", ex_id, "image")
    file, line, column = doc.locate(path)
    try:
        picture = read_picture(Path(doc.file).parent / image, "picture")
    except PictureError as exc:
        problems.append(Problem(file, str(exc), line, column, dotted(path)))
        return exercise
    return exercise.with_picture(picture)


def _raw_reference_problems(
    doc: Document, library: dict[str, Exercise], reported: set[str]
) -> list[Problem]:
    """Unknown exercise references in a plan that failed validation, read from the raw data."""
    data = doc.value
    index = name_index(library)
    own = data.get("exercises")
    if isinstance(own, dict):
        for ex_id, entry in own.items():
            names = [ex_id]
            if isinstance(entry, dict):
                names += [entry.get("name"), *(entry.get("aliases") or [])]
            index.update({normalise(n): ex_id for n in names if isinstance(n, str)})
    problems = []
    sessions = data.get("sessions")
    for s, session in enumerate(sessions if isinstance(sessions, list) else []):
        items = session.get("exercises") if isinstance(session, dict) else None
        for e, item in enumerate(items if isinstance(items, list) else []):
            name = item.get("exercise") if isinstance(item, dict) else None
            path = ("sessions", s, "exercises", e, "exercise")
            if isinstance(name, str) and lookup(index, name) is None:
                if dotted(path) in reported:
                    continue
                file, line, column = doc.locate(path)
                message = _unknown_exercise(name, index, library)
                problems.append(Problem(file, message, line, column, dotted(path)))
    return problems


def _resolve(
    plan: Plan,
    known: dict[str, Exercise],
    index: dict[str, str],
    doc: Document,
    problems: list[Problem],
) -> Plan:
    sessions = []
    used: dict[str, Exercise] = {}
    for s, session in enumerate(plan.sessions):
        items: list[Prescription | Circuit] = []
        for e, item in enumerate(session.exercises):
            if isinstance(item, Circuit):
                items.append(item)
                continue
            ex_id = lookup(index, item.exercise)
            if ex_id is None:
                path = ("sessions", s, "exercises", e, "exercise")
                file, line, column = doc.locate(path)
                message = _unknown_exercise(item.exercise, index, known)
                problems.append(Problem(file, message, line, column, dotted(path)))
                continue
            used.setdefault(ex_id, known[ex_id])
            kind = item.kind or known[ex_id].kind
            problems += _assistance_problems(item, kind, doc, ("sessions", s, "exercises", e))
            items.append(item.model_copy(update={"exercise": ex_id}))
        sessions.append(session.model_copy(update={"exercises": items}))
    resolved = plan.with_exercises(sessions, used, doc)
    found = check_plan(resolved, doc, lambda name: lookup(index, name))
    problems += found.problems
    if problems:
        raise InputError(sorted(dict.fromkeys(problems), key=_position))  # as found, where tied
    for ex_id in found.names.values():
        used.setdefault(ex_id, known[ex_id])
    return plan.with_exercises(sessions, used, doc, names=found.names, cycle_add=found.cycle_add)


def _unknown_exercise(name: str, index: dict[str, str], known: dict[str, Exercise]) -> str:
    matches = list(dict.fromkeys(index[m] for m in suggest(name, index, most=12)))[:3]
    hint = ""
    if matches:
        shown = [f"'{known[i].name}' ({i})" if i in known else f"'{i}'" for i in matches]
        either = ", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else shown[0]
        hint = f" Did you mean {either}?"
    return (
        f"'{name}' is not in the exercise library.{hint} `pdfgen exercises` lists them; "
        "a plan can also define its own under `exercises:`."
    )


def _assistance_problems(
    item: Prescription, kind: Kind, doc: Document, path: tuple[str | int, ...]
) -> list[Problem]:
    """Assistance ("-20 kg", "assisted 20 kg") is for bodyweight work, not a lifted load."""
    if kind not in LIFTED:
        return []
    table = item.weeks if isinstance(item.weeks, dict) else {}
    written = [(("load",), item.load)] + [
        (("weeks", week, "load"), change.load) for week, change in table.items()
    ]
    problems = []
    for where, text in written:
        try:
            loads = parse_loads(text) if text else []
        except ValueError:
            continue  # reported by validation
        if any(load is not None and load.sign < 0 for load in loads):
            file, line, column = doc.locate((*path, *where))
            message = (
                f"'{text}' is assistance, which only bodyweight work has; {kind} work lifts its "
                "load: write it without a minus (or give the entry `kind: bodyweight`)."
            )
            problems.append(Problem(file, message, line, column, dotted((*path, *where))))
    return problems
