"""Each logged session of an exercise judged set by set against the target it was printed
with: the first step of what `pdfgen next` decides (`pdfgen.logbook.rules`).

A set **falls short** when it did fewer reps (or seconds) than the bottom of its own target,
as that week printed it ("5+" needs 5; week 2 of 5/3/1 needs 3, not the base 5). A session
**fails** when one of its work sets falls short.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from pdfgen.logbook.readlog import LoggedSet
from pdfgen.plan.model import Prescription
from pdfgen.plan.reps import RepTarget


@dataclass(frozen=True)
class Judged:
    """One logged session of an exercise: its work sets with their targets and what was done."""

    week: int
    day: int
    sets: tuple[tuple[LoggedSet, RepTarget, float | None], ...]  # row, target, done

    @property
    def when(self) -> str:
        return f"week {self.week}, day {self.day}"

    @property
    def failed(self) -> bool:
        """Whether a set fell short of its own target."""
        return any(done is not None and done < target.low for _, target, done in self.sets)

    def short(self) -> int:
        return sum(1 for _, target, done in self.sets if done is not None and done < target.low)

    def weights(self) -> list[float]:
        # A weight of 0 is no weight: the set was done without one (bodyweight, or left at 0).
        return [r.weight for r, _, _ in self.sets if isinstance(r.weight, float) and r.weight > 0]


def judge(item: Prescription, rows: Sequence[LoggedSet]) -> list[Judged]:
    """The logged sessions of an exercise in training order: its work sets only (not warm-ups,
    drop or rest-pause sets, deload weeks), each with the target it was printed with."""
    base = base_target(item)
    work = sorted(
        (r for r in rows if not r.warmup and not r.deload and not r.extra),
        key=lambda r: (r.week, r.day),
    )
    sessions = []
    for (week, day), group in groupby(work, key=lambda r: (r.week, r.day)):
        sets = []
        for row in group:
            target = _target_of(row, base)
            if target is not None:
                sets.append((row, target, _done(row, target)))
        if any(done is not None for _, _, done in sets):
            sessions.append(Judged(week, day, tuple(sets)))
    return sessions


def base_target(item: Prescription) -> RepTarget | None:
    """The target every set of the exercise has, where it has one (the range of double
    progression); None where its sets differ or only a week table gives them."""
    targets = {g.reps for g in item.groups() if g.reps is not None}
    return next(iter(targets)) if len(targets) == 1 else None


def _target_of(row: LoggedSet, base: RepTarget | None) -> RepTarget | None:
    """The target a set was printed with: recorded as numbers since logs carry them; for an
    older log, the exercise's own."""
    if row.target_low is not None and row.target_high is not None:
        unit = row.target_measure if row.target_measure in ("seconds", "metres") else "reps"
        return RepTarget(row.target_low, row.target_high, unit, amrap=row.target_amrap)  # type: ignore[arg-type]
    return base


def _done(row: LoggedSet, target: RepTarget) -> float | None:
    """What a set achieved as a number: its reps, or for a timed target its time in seconds
    (older logs wrote the seconds as reps); None where nothing readable was logged."""
    timed = target.timed
    value = row.time if timed else row.reps
    if timed and value is None:
        value = row.reps
    return float(value) if isinstance(value, int | float) else None
