"""What a client logs for each exercise, by the kind of work it is: the cells of its rows, and
the columns a training day's grid needs.

The layout's `weight` column holds what is lifted (or, for distance work, the distance covered);
its `reps` column holds the reps done (or the time, for timed and distance work). A cell that
does not apply is not offered (shaded, with no form field), and a column no exercise of the day
needs is left out, its width given to the exercise's name.

Pure: no PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pdfgen.plan.limits import LIFTED
from pdfgen.schedule.model import Entry, SetTarget
from pdfgen.style.layout import GridColumn

Role = Literal["weight", "reps", "time", "distance"]


@dataclass(frozen=True)
class Logged:
    """What one exercise's rows log in the layout's `weight` and `reps` columns (None: that
    cell is not offered)."""

    weight: Role | None
    reps: Role | None

    def role(self, field: str) -> Role | None:
        """What the cell of a layout column holds for this exercise; a column that is not
        logged (set, target, load...) keeps its own field."""
        if field == "weight":
            return self.weight
        if field == "reps":
            return self.reps
        return None


def logged(entry: Entry, row: SetTarget | None = None) -> Logged:
    """What a client logs for an exercise (or, in a circuit, for one of its rows).

    Lifted work (weighted, carry) logs the weight; other work only when the plan loads it on
    purpose (a weight added on a belt, or assistance). Distance work logs the distance and the
    time; timed work, and any set whose target is a time, logs the time; the rest, the reps.
    A circuit's row logs what its step needs: its weight where it has one, the reps of a reps
    target, the time of a distance; a timed step is done when its box is ticked.
    """
    if entry.is_circuit and row is not None:
        _, _, kind, loaded = entry.row_exercise(row)
        weight: Role | None = "weight" if kind in LIFTED or loaded else None
        if row.reps.unit == "metres":
            return Logged(weight, "time")
        return Logged(weight, None if row.reps.timed else "reps")
    if entry.is_circuit:
        return _circuit_columns(entry)
    weight = "weight" if entry.kind in LIFTED or entry.loaded else None
    if entry.kind == "distance":
        weight = "distance"
    work = entry.work_sets
    # A hold done for reps (6 x 10 s) counts the reps, even on a timed exercise.
    held = bool(work) and all(s.reps.hold and not s.reps.timed for s in work)
    timed = entry.kind == "distance" or any(s.reps.timed for s in work)
    timed = timed or (entry.kind == "timed" and not held)
    return Logged(weight, "time" if timed else "reps")


def _circuit_columns(entry: Entry) -> Logged:
    """A circuit's roles, for its columns: the first role any of its rows has in each."""
    rows = [logged(entry, row) for row in entry.sets]
    weight = next((r.weight for r in rows if r.weight), None)
    reps = next((r.reps for r in rows if r.reps), None)
    return Logged(weight, reps)


def day_columns(columns: list[GridColumn], entries: tuple[Entry, ...]) -> list[GridColumn]:
    """The layout's columns a day's grid needs: the `weight` column only where some exercise
    logs a weight or a distance, the `reps` column only where some row logs reps or a time
    (intervals done to the clock are only ticked), and the `load` column only where some
    exercise is loaded (a weight lifted, added or assisting) or a set has a load to print (a
    warm-up's "empty bar"). They follow from the plan, not the week, so a session's grid has
    the same columns every week."""
    needs = {
        "weight": any(logged(entry).weight for entry in entries),
        "reps": any(logged(entry).reps for entry in entries),
        "load": any(entry.loaded or any(s.load for s in entry.sets) for entry in entries),
    }
    return [c for c in columns if needs.get(c.field, True)]


def day_logs(entries: tuple[Entry, ...]) -> list[Logged]:
    """What each exercise of a day logs (each row, in a circuit): worked out once for all of
    the day's column headings."""
    return [
        logged(entry, row)
        for entry in entries
        for row in (entry.sets if entry.is_circuit else (None,))
    ]


def column_roles(field: str, logs: list[Logged]) -> set[Role]:
    """Every role the cells of a layout column hold on a day (`day_logs`): what its heading
    must say."""
    return {role for log in logs if (role := log.role(field)) is not None}


def effort_of(entry: Entry) -> str:
    """ "rpe" or "rir" where the plan prescribes an effort for the exercise (or one of its
    sets), for its own effort row; "" where it does not."""
    if entry.is_circuit:
        return ""
    if entry.effort is not None:
        return entry.effort_kind
    rated = [s for s in entry.work_sets if s.effort is not None]
    return rated[0].effort_kind if rated else ""
