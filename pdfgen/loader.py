"""Loading plans and the exercise library: YAML in, a validated `Plan` out.

The only module that turns plan files into models. Every problem in a file is reported together,
each with its file, line, column and field.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import RootModel

from pdfgen import resources
from pdfgen.errors import InputError, Problem, input_error
from pdfgen.plan import Exercise, Plan, Prescription, Session
from pdfgen.validation import closest, validate
from pdfgen.yamlio import Document, dotted, read_yaml


class LibraryFile(RootModel[dict[str, Exercise]]):
    """The exercise library file: a mapping of ids to exercises."""


def find_plan(name: str | Path) -> Path:
    """A plan file by path, or a built-in plan by id (`upper-back`)."""
    path = Path(name)
    if path.exists():
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
    plan = validate(Plan, doc)
    known = dict(builtin_library() if library is None else library)
    known.update(plan.exercises)
    return _resolve(plan, known, doc)


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


def _resolve(plan: Plan, known: dict[str, Exercise], doc: Document) -> Plan:
    index = name_index(known)
    problems: list[Problem] = []
    sessions = []
    used: dict[str, Exercise] = {}
    for s, session in enumerate(plan.sessions):
        prescriptions: list[Prescription] = []
        for e, item in enumerate(session.exercises):
            ex_id = index.get(normalise(item.exercise))
            if ex_id is None:
                path = ("sessions", s, "exercises", e, "exercise")
                file, line, column = doc.locate(path)
                problems.append(
                    Problem(
                        file,
                        _unknown_exercise(item.exercise, index, known),
                        line,
                        column,
                        dotted(path),
                    )
                )
                continue
            used[ex_id] = known[ex_id]
            prescriptions.append(item.model_copy(update={"exercise": ex_id}))
        sessions.append(session.model_copy(update={"exercises": prescriptions}))
    if problems:
        raise InputError(problems)
    ordered = {ex_id: used[ex_id] for ex_id in _first_use_order(sessions)}
    return plan.model_copy(update={"sessions": sessions, "exercises": ordered})


def _first_use_order(sessions: list[Session]) -> list[str]:
    seen: dict[str, None] = {}
    for session in sessions:
        for item in session.exercises:
            seen.setdefault(item.exercise, None)
    return list(seen)


def _unknown_exercise(name: str, index: dict[str, str], known: dict[str, Exercise]) -> str:
    match = closest(normalise(name), index)
    hint = f" Did you mean '{known[index[match]].name}' ({index[match]})?" if match else ""
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
