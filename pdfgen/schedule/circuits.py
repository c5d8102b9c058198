"""A circuit's rows in one week: its exercises in turn, round after round, each its own row.

Pure: no I/O and no drawing.
"""

from __future__ import annotations

from pdfgen.plan.exercise import Exercise
from pdfgen.plan.limits import LIFTED, Kind
from pdfgen.plan.loads import parse_load, round_to
from pdfgen.plan.model import Circuit, Plan
from pdfgen.plan.weekly import circuit_week
from pdfgen.plan.weeks import WeekChange
from pdfgen.schedule.model import Entry, LoadTarget, SetTarget, Step
from pdfgen.units import Unit, convert


def circuit_entry(
    plan: Plan, circuit: Circuit, change: object, key: str, units: Unit
) -> Entry | None:
    """The circuit's entry in a week (None when the week leaves it out). Rows are numbered
    by round where a segment has rounds, by the interval where it is done on one (an EMOM's
    minute)."""
    week = circuit_week(circuit, change if isinstance(change, WeekChange) else None)
    if not week.segments:
        return None
    steps: list[Step] = []
    index: dict[tuple[int, int], int] = {}
    rows: list[SetTarget] = []
    rounding = plan.round_loads_to
    for s, segment in enumerate(week.segments):
        for i, written in enumerate(segment.steps):
            ex_id, exercise = plan.step_exercise(written.exercise)
            kind: Kind = written.kind or exercise.kind  # type: ignore[assignment]
            load = _step_load(written.load, units, float(getattr(rounding, units)))
            loaded = kind in LIFTED or (load is not None and load.weight is not None)
            index[(s, i)] = len(steps)
            steps.append(Step(ex_id, exercise, kind, loaded))
        for round_ in range(1, segment.rounds + 1):
            for i, written in enumerate(segment.steps):
                number = len(rows) + 1
                shown = number if week.every else (round_ if segment.rounds > 1 else 0)
                load = _step_load(written.load, units, float(getattr(rounding, units)))
                rows.append(SetTarget(number, written.reps, load, step=index[(s, i)], shown=shown))
    notes = " · ".join(n for n in (week.notes,) if n) or None
    return Entry(
        key,
        Exercise(name=circuit.circuit),
        circuit,
        tuple(rows),
        "timed" if week.every else "bodyweight",
        any(step.loaded for step in steps),
        key=key,
        notes=notes,
        rest=week.rest,
        steps=tuple(steps),
        every=week.every,
    )


def _step_load(written: str | None, units: Unit, increment: float) -> LoadTarget | None:
    if not written:
        return None
    load = parse_load(written)
    if load is None:
        return LoadTarget(words=written)
    # A weight in the client's units is the one the trainer chose (a 24 kg kettlebell).
    converted = convert(load.value, load.weight_unit, units)
    weight = converted if load.weight_unit == units else round_to(converted, increment)
    if load.sign > 0:
        return LoadTarget(added=weight)
    if load.sign < 0:
        return LoadTarget(added=-weight)
    return LoadTarget(weight=weight)
