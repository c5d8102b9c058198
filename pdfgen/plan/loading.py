"""Loading plans and the exercise library: YAML in, a validated `Plan` out.

The only module that turns plan files into models. Every problem in a file is reported together,
each with its file, line, column and field.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import RootModel

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io import resources
from pdfgen.io.reading import exists
from pdfgen.io.validation import closest, validate
from pdfgen.io.yamldoc import Document, dotted, read_yaml
from pdfgen.plan.exercise import Exercise
from pdfgen.plan.model import Plan, Prescription


class LibraryFile(RootModel[dict[str, Exercise]]):
    """The exercise library file: a mapping of ids to exercises."""


def find_plan(name: str | Path) -> Path:
    """A plan file by path, or a built-in plan by id (`upper-back`)."""
    path = Path(name)
    if exists(path):
        return path
    builtin = resources.builtin_plans()
    if isinstance(name, str) and name in builtin:
        return builtin[name]
    hint = closest(str(name), builtin) if not path.suffix else None
    known = ", ".join(builtin)
    extra = f" Did you mean '{hint}'?" if hint else ""
    raise input_error(
        str(name),
        f"no such plan file, and no built-in plan of that name (built-in: {known}).{extra}",
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
        # References are checked too, so that one run lists every problem of the file.
        extra = _raw_reference_problems(doc, base, {p.field for p in exc.problems})
        raise InputError(sorted(exc.problems + extra, key=_position)) from None
    known, problems = _merge_exercises(plan, base, doc)
    index = name_index(base)
    index.update(name_index({ex_id: known[ex_id] for ex_id in plan.exercises if ex_id in known}))
    for ex_id in base:  # a library id still means that exercise, whatever a plan's alias says
        if ex_id not in plan.exercises:
            index[normalise(ex_id)] = ex_id
    return _resolve(plan, known, index, doc, problems)


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
    return known, problems


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
            if isinstance(name, str) and normalise(name) not in index:
                if dotted(path) in reported:
                    continue
                file, line, column = doc.locate(path)
                message = _unknown_exercise(name, index, library)
                problems.append(Problem(file, message, line, column, dotted(path)))
    return problems


def load_library(source: str | Path) -> dict[str, Exercise]:
    """Read and validate an exercise library file."""
    doc = read_yaml(source, what="exercise library")
    if not isinstance(doc.value, dict):
        raise input_error(
            doc.file, "the exercise library must be a mapping of ids to exercises.", 1, 1
        )
    entries = validate(LibraryFile, doc).root
    problems = _alias_clashes(entries, doc)
    if problems:
        raise InputError(problems)
    return entries


@cache
def builtin_library() -> dict[str, Exercise]:
    """The exercise library that ships with pdfgen, read once per process."""
    return load_library(resources.library_path())


def normalise(name: str) -> str:
    """The form in which names are compared: case, dashes and spacing do not matter.

    >>> normalise("  Low Row /  Pulldown ") == normalise("low row / pulldown")
    True
    >>> normalise("Pull–ups")
    'pull-ups'
    """
    name = re.sub(r"[‐-―−]", "-", name.casefold())
    return " ".join(name.split())


def name_index(exercises: dict[str, Exercise]) -> dict[str, str]:
    """Every way to refer to an exercise (id, name, aliases; normalised) to its id."""
    index: dict[str, str] = {}
    for ex_id, exercise in exercises.items():
        for name in (ex_id, exercise.name, *exercise.aliases):
            index.setdefault(normalise(name), ex_id)
    for ex_id in exercises:  # an id always wins over someone else's alias
        index[normalise(ex_id)] = ex_id
    return index


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
        prescriptions: list[Prescription] = []
        for e, item in enumerate(session.exercises):
            ex_id = index.get(normalise(item.exercise))
            if ex_id is None:
                path = ("sessions", s, "exercises", e, "exercise")
                file, line, column = doc.locate(path)
                message = _unknown_exercise(item.exercise, index, known)
                problems.append(Problem(file, message, line, column, dotted(path)))
                continue
            used.setdefault(ex_id, known[ex_id])
            prescriptions.append(item.model_copy(update={"exercise": ex_id}))
        sessions.append(session.model_copy(update={"exercises": prescriptions}))
    if problems:
        raise InputError(sorted(problems, key=_position))
    return plan.with_exercises(sessions, used, doc)


def _unknown_exercise(name: str, index: dict[str, str], known: dict[str, Exercise]) -> str:
    match = closest(normalise(name), index)
    hint = ""
    if match:
        ex_id = index[match]
        shown = known[ex_id].name if ex_id in known else ex_id
        hint = f" Did you mean '{shown}' ({ex_id})?"
    return (
        f"'{name}' is not in the exercise library.{hint} `pdfgen exercises` lists them; "
        "a plan can also define its own under `exercises:`."
    )


def _alias_clashes(entries: dict[str, Exercise], doc: Document) -> list[Problem]:
    """Names and aliases must each point at one exercise, or references would be ambiguous."""
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    for ex_id, exercise in entries.items():
        names = {normalise(ex_id), normalise(exercise.name)}
        names |= {normalise(alias) for alias in exercise.aliases}
        for name in sorted(names):
            other = owner.setdefault(name, ex_id)
            if other != ex_id:
                file, line, column = doc.locate((ex_id,), prefer_key=True)
                problems.append(
                    Problem(
                        file,
                        f"the name '{name}' is used by '{other}' too; "
                        "each name and alias must be unique.",
                        line,
                        column,
                        ex_id,
                    )
                )
    return problems
