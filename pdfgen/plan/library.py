"""The exercise library: files of exercises by id, read and validated like a plan; and the names
people write for them, compared loosely (case, dashes, underscores and apostrophes do not matter)
with suggestions that put whole words before spelling ("Push-ups" is push-up, never pull-up).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pydantic import RootModel

from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io import resources
from pdfgen.io.validation import validate
from pdfgen.io.yamldoc import read_yaml
from pdfgen.plan.exercise import Exercise


class LibraryFile(RootModel[dict[str, Exercise]]):
    """An exercise library file: a mapping of ids to exercises."""


def load_library(source: str | Path) -> dict[str, Exercise]:
    """Read and validate an exercise library: one file, or a folder of them (every `*.yaml`
    in it, in name order). Ids and names must each mean one exercise across all of them."""
    path = Path(source)
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    if not files:
        raise input_error(str(path), "the folder holds no exercise library files (*.yaml).")
    entries: dict[str, Exercise] = {}
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    for file in files:
        doc = read_yaml(file, what="exercise library")
        if not isinstance(doc.value, dict):
            raise input_error(
                doc.file, "an exercise library is a mapping of ids to exercises.", 1, 1
            )
        for ex_id, exercise in validate(LibraryFile, doc).root.items():
            file_, line, column = doc.locate((ex_id,), prefer_key=True)
            if ex_id in entries:
                message = f"the id '{ex_id}' is used twice in the library; keep one."
                problems.append(Problem(file_, message, line, column, ex_id))
                continue
            for name in sorted(_names(ex_id, exercise)):
                other = owner.setdefault(name, ex_id)
                if other != ex_id:
                    message = (
                        f"the name '{name}' is used by '{other}' too; each name and alias must "
                        "be unique."
                    )
                    problems.append(Problem(file_, message, line, column, ex_id))
            entries[ex_id] = exercise
    if problems:
        raise InputError(problems)
    return entries


@cache
def builtin_library() -> dict[str, Exercise]:
    """The exercise library that ships with pdfgen, read once per process."""
    return load_library(resources.library_dir())


def normalise(name: str) -> str:
    """The form in which names are compared: case, dashes, underscores, apostrophes and
    spacing do not matter.

    >>> normalise("  Low Row /  Pulldown ") == normalise("low row / pulldown")
    True
    >>> normalise("Pull–ups"), normalise("hip_thrust"), normalise("Farmer’s walk")
    ('pull ups', 'hip thrust', "farmer's walk")
    """
    name = re.sub(r"[‐-―−_-]", " ", name.casefold()).replace("’", "'").replace("‘", "'")
    return " ".join(name.split())


def _names(ex_id: str, exercise: Exercise) -> set[str]:
    return {normalise(n) for n in (ex_id, exercise.name, *exercise.aliases)}


def name_index(exercises: dict[str, Exercise]) -> dict[str, str]:
    """Every way to refer to an exercise (id, name, aliases; normalised) to its id."""
    index: dict[str, str] = {}
    for ex_id, exercise in exercises.items():
        for name in (ex_id, exercise.name, *exercise.aliases):
            index.setdefault(normalise(name), ex_id)
    for ex_id in exercises:  # an id always wins over someone else's alias
        index[normalise(ex_id)] = ex_id
    return index


def lookup(index: dict[str, str], name: str) -> str | None:
    """The id `name` refers to in a name index: as written, or with its words singular
    ("Lat pulldowns" is the lat pulldown)."""
    key = normalise(name)
    found = index.get(key)
    if found is None:
        found = index.get(" ".join(_singular(w) for w in key.split()))
    return found


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(name: str) -> set[str]:
    """A name's words, plurals as their singular: "push ups" has {"push", "up"}."""
    return {_singular(w) for w in re.findall(r"[^\W_]+", name)}


def suggest(name: str, names: Iterable[str], most: int = 1) -> list[str]:
    """The known names most like `name` (up to `most`, when they are equally like it): first by
    the whole words they share (a plural is its singular), then by spelling.

    >>> known = ["pull up", "push up", "lat pulldown", "reverse lunge", "walking lunge"]
    >>> suggest("Push-upz", known), suggest("pul up", known), suggest("squats", known)
    (['push up'], ['pull up'], [])
    >>> suggest("lunges", known, most=3)
    ['reverse lunge', 'walking lunge']
    """
    wanted = normalise(name)
    candidates = list(names)
    words = _words(wanted)

    def shared(candidate: str) -> float:
        theirs = _words(candidate)
        return len(words & theirs) / len(words | theirs) if words and theirs else 0.0

    scores = {c: shared(c) for c in candidates}
    best = max(scores.values(), default=0.0)
    if best >= 0.5:
        return sorted(c for c, score in scores.items() if score == best)[:most]
    return difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.8)
