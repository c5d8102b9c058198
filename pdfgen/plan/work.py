"""Circuits, intervals and EMOMs as plans write them in one line: exercises in order, each with
its target, repeated for rounds.

    8 x (running 60 s, walking 90 s)            eight rounds of a run and a walk
    walking 5 min, 8 x (running 60 s, walking 90 s)
    10 x (kettlebell swing 10 @ 24 kg, push-up 5)
    running 3 min, walking 90 s, running 5 min

An exercise is named as anywhere in a plan (id, name or alias) and followed by its target (reps, a
time or a distance), then `@` and a load if it has one.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pdfgen.plan.loads import LoadError, parse_load
from pdfgen.plan.reps import RepsError, RepTarget, parse_reps

MAX_ROUNDS = 60
MAX_ROWS = 60  # the rows of one circuit on a day's page


@dataclass(frozen=True)
class Step:
    """One exercise of a round: its name as written (or, after loading, its id) and target."""

    exercise: str
    reps: RepTarget
    load: str | None = None
    notes: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Segment:
    """Steps repeated `rounds` times."""

    rounds: int
    steps: tuple[Step, ...]

    @property
    def rows(self) -> int:
        """Rows this segment prints: one per step per round."""
        return self.rounds * len(self.steps)


class WorkError(ValueError):
    """Work that cannot be read."""


_ROUNDS = re.compile(r"\s*(?P<n>\d{1,3})\s*[x×]\s*\((?P<steps>[^()]*)\)\s*", re.IGNORECASE)
_TARGET = (
    r"(?:\d{1,5}(?:[.,]\d{1,2})?\s*(?:[-–]\s*\d{1,5}(?:[.,]\d{1,2})?)?\s*\+?\s*[a-z]*\s*\+?"
    r"(?:\s*(?:/|per|a|each)\s*(?:side|leg|arm))?|amrap)"
)
_STEP = re.compile(
    rf"\s*(?P<name>\S.*?)\s+(?P<target>{_TARGET})\s*(?:@\s*(?P<load>\S.*?))?\s*", re.IGNORECASE
)


def parse_work(text: str) -> tuple[Segment, ...]:
    """The segments of work written in one line.

    >>> [(s.rounds, [(t.exercise, str(t.reps)) for t in s.steps])
    ...  for s in parse_work("walking 5 min, 8 x (running 60 s, walking 90 s)")]
    [(1, [('walking', '5 min')]), (8, [('running', '60 s'), ('walking', '90 s')])]
    >>> swing = parse_work("10 x (kettlebell swing 10 @ 24 kg, push-up 5)")[0].steps[0]
    >>> swing.exercise, str(swing.reps), swing.load
    ('kettlebell swing', '10', '24 kg')
    """
    segments: list[Segment] = []
    rest = str(text).strip()
    single: list[Step] = []
    while rest:
        rounds = _ROUNDS.match(rest)
        if rounds:
            if single:
                segments.append(Segment(1, tuple(single)))
                single = []
            n = int(rounds["n"])
            if not 1 <= n <= MAX_ROUNDS:
                raise WorkError(f"'{text}': 1 to {MAX_ROUNDS} rounds.")
            segments.append(
                Segment(n, tuple(_step(p, text) for p in _split(rounds["steps"], text)))
            )
            rest = rest[rounds.end() :].lstrip()
        else:
            piece, _, rest = (
                rest.partition(",") if "(" not in rest.partition(",")[0] else ("", "", "")
            )
            if not piece:
                raise WorkError(f"'{text}': write rounds as '8 x (running 60 s, walking 90 s)'.")
            single.append(_step(piece, text))
            rest = rest.lstrip()
            continue
        if rest.startswith(","):
            rest = rest[1:].lstrip()
        elif rest:
            raise WorkError(f"'{text}': put a comma between '{rounds['steps']})' and what follows.")
    if single:
        segments.append(Segment(1, tuple(single)))
    if not segments:
        raise WorkError(f"'{text}' names no exercise. {HELP}")
    rows = sum(s.rows for s in segments)
    if rows > MAX_ROWS:
        raise WorkError(f"'{text}' makes {rows} rows; the most a circuit prints is {MAX_ROWS}.")
    return tuple(segments)


def _split(steps: str, text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<!\d),|,(?!\d)", steps)]
    if not all(parts):
        raise WorkError(f"'{text}' has an empty step between commas.")
    return parts


def _step(piece: str, text: str) -> Step:
    match = _STEP.fullmatch(piece)
    if re.match(r"\s*\d{1,3}\s*[x×]\s", piece):
        raise WorkError(
            f"'{piece.strip()}': put the steps of rounds in brackets, like "
            "'8 x (running 60 s, walking 90 s)'."
        )
    if match is None:
        raise WorkError(f"'{piece.strip()}' in '{text}': {HELP}")
    try:
        reps = parse_reps(match["target"])
        if match["load"]:
            parse_load(match["load"])
    except (RepsError, LoadError) as exc:
        raise WorkError(f"'{piece.strip()}': {exc}") from None
    return Step(match["name"], reps, match["load"])


HELP = (
    "write each exercise with its target, like 'running 60 s' or 'kettlebell swing 10 @ 24 kg', "
    "and rounds like '8 x (running 60 s, walking 90 s)'."
)
