"""Finding exercises in the library: by what a trainer types, names first ("squat" lists the squats
before "Good morning", whose equipment is a squat rack), then areas, muscles and equipment; with
filters, and the whole library as JSON for other tools."""

from __future__ import annotations

import json
from typing import Any

from pdfgen.plan.exercise import Exercise
from pdfgen.plan.library import builtin_library, normalise

# What a match is on, best first.
_NAME, _NAME_START, _NAME_WORD, _NAME_PART, _AREA, _MUSCLE, _EQUIPMENT = range(7)


def search_exercises(
    query: str = "",
    *,
    area: str = "",
    equipment: str = "",
    kind: str = "",
    library: dict[str, Exercise] | None = None,
) -> list[tuple[str, Exercise]]:
    """Exercises matching `query`, best first: an exact name or alias, then a name that starts
    with it or has its words, then a name that contains it, then an area, a muscle and a piece
    of equipment that do. `area`, `equipment` and `kind` narrow the list."""
    exercises = builtin_library() if library is None else library
    ranked = []
    for ex_id, exercise in exercises.items():
        if not _passes(exercise, area, equipment, kind):
            continue
        rank = _rank(normalise(query), ex_id, exercise)
        if rank is not None:
            ranked.append((rank, normalise(exercise.name), ex_id, exercise))
    return [(ex_id, exercise) for _, _, ex_id, exercise in sorted(ranked)]


def _passes(exercise: Exercise, area: str, equipment: str, kind: str) -> bool:
    if area and normalise(area) not in normalise(exercise.area or ""):
        return False
    if equipment and not any(normalise(equipment) in normalise(e) for e in exercise.equipment):
        return False
    return not kind or exercise.kind == kind.strip().lower()


def _rank(needle: str, ex_id: str, exercise: Exercise) -> int | None:
    """How well an exercise matches, as a tier (lower is better); None: not at all."""
    if not needle:
        return _NAME
    names = [normalise(n) for n in (exercise.name, ex_id, *exercise.aliases)]
    words = set(needle.split())
    tiers = [
        (_NAME, any(n == needle for n in names)),
        (_NAME_START, any(n.startswith(needle) for n in names)),
        (_NAME_WORD, any(words <= set(_singular(n)) | set(n.split()) for n in names)),
        (_NAME_PART, any(needle in n for n in names)),
        (_AREA, needle in normalise(exercise.area or "")),
        (_MUSCLE, any(needle in normalise(m) for m in exercise.muscles)),
        (_EQUIPMENT, any(needle in normalise(e) for e in exercise.equipment)),
    ]
    return next((tier for tier, matched in tiers if matched), None)


def _singular(name: str) -> list[str]:
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in name.split()]


FIELDS = (
    "name",
    "aliases",
    "kind",
    "area",
    "muscles",
    "equipment",
    "summary",
    "setup",
    "steps",
    "cues",
    "mistakes",
    "safety",
    "video",
)


def library_json(found: list[tuple[str, Exercise]]) -> str:
    """Exercises as JSON for other tools: a list, each with its id and every field a guide page
    prints."""
    items: list[dict[str, Any]] = [
        {"id": ex_id, **{key: getattr(exercise, key) for key in FIELDS}}
        for ex_id, exercise in found
    ]
    return json.dumps(items, indent=2, ensure_ascii=False)
