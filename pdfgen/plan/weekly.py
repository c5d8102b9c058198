"""One week of an exercise or circuit as the plan states it: its own keys with that week's
changes laid over them, its sets as groups with every value filled in.

Pure: the schedule works out loads and progression from these; nothing here knows a client.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pdfgen.plan.circuit import CircuitWork
from pdfgen.plan.fields import GroupSpec
from pdfgen.plan.loads import parse_loads
from pdfgen.plan.reps import RepTarget
from pdfgen.plan.sets import Effort, SchemeError, SetGroup, check_size, parse_scheme, split_loads
from pdfgen.plan.weeks import WeekChange
from pdfgen.plan.work import Segment, WorkError, parse_work

if TYPE_CHECKING:
    from pdfgen.plan.model import Prescription


def groups_of(
    sets: int | str | list[Any] | None,
    reps: tuple[RepTarget, ...] | None,
    load: str | None,
    hold: int | None = None,
) -> tuple[SetGroup, ...]:
    """The sets a prescription's keys write, as groups with their reps and loads filled in
    from `reps` and `load` where a group does not give its own. ValueError says what is
    missing or does not add up.

    >>> from pdfgen.plan.fields import _reps
    >>> [(g.count, str(g.reps), g.load) for g in groups_of(4, _reps("12/10/8/6"), "40/45/50/55 kg")]
    [(1, '12', '40 kg'), (1, '10', '45 kg'), (1, '8', '50 kg'), (1, '6', '55 kg')]
    """
    targets = tuple(reps or ())
    if isinstance(sets, int) or sets is None:
        count = len(targets) if sets is None else sets
        if len(targets) > 1 and count not in (0, len(targets)):
            raise ValueError(
                f"reps give {len(targets)} targets, one per set, but sets is {count}; give "
                f"sets: {len(targets)}, or leave sets out."
            )
        if not targets and count:
            raise ValueError("needs `reps` (how many reps, or how long, each set).")
        if count == 0:
            return ()
        if len(targets) > 1:
            loads = split_loads(load, len(targets), load or "")
            return tuple(
                SetGroup(1, t, loaded, hold=hold or 0)
                for t, loaded in zip(targets, loads, strict=True)
            )
        return (SetGroup(count, targets[0], _one_load(load, count), hold=hold or 0),)
    groups = written_groups(sets)
    check_size(groups, str(sets))
    filled = []
    for group in groups:
        if group.reps is None and len(targets) != 1:
            raise ValueError(
                "a set scheme without reps takes them from `reps`, which must give one target."
            )
        filled.append(
            replace(
                group,
                reps=group.reps or targets[0],
                load=group.load if group.load is not None else _one_load(load, 1),
                hold=group.hold or hold or 0,
            )
        )
    return tuple(filled)


def _one_load(load: str | None, count: int) -> str | None:
    if load is None:
        return None
    if len(parse_loads(load)) > 1:
        raise ValueError(
            f"load '{load}' gives one load per set; write the sets one per target "
            "(reps: 12/10/8/6) or as a scheme."
        )
    return load if count else None


def written_groups(sets: str | list[Any]) -> tuple[SetGroup, ...]:
    try:
        if isinstance(sets, str):
            return parse_scheme(sets)
        groups: list[SetGroup] = []
        for item in sets:
            if isinstance(item, GroupSpec):
                groups += item.groups()
            elif isinstance(item, dict):
                groups += GroupSpec.model_validate(item).groups()
            else:
                groups += parse_scheme(str(item))
        return tuple(groups)
    except SchemeError as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class Weekly:
    """One week of an exercise: its groups (reps and loads filled in), and the keys that hold
    for all its sets. `own` names what the week's change gave (count, reps, load), which the
    progression rules leave as written."""

    groups: tuple[SetGroup, ...]
    rest: str | None = None
    tempo: str | None = None
    rpe: Effort | None = None
    rir: Effort | None = None
    notes: str | None = None
    warmup: Any = None
    deload: bool = False
    separate_sides: bool = False
    own: frozenset[str] = frozenset()


def week_of(item: Prescription, change: WeekChange | None = None) -> Weekly:
    """`item` (a Prescription) in a week with `change` (a WeekChange, or None) laid over it."""
    keys = change.model_fields_set if change is not None else set()

    def value(key: str) -> Any:
        return getattr(change, key) if key in keys else getattr(item, key)

    sets = value("sets")
    reps = value("reps")
    if "reps" in keys and "sets" not in keys and not isinstance(item.sets, int | None):
        sets = _with_reps(item.sets)  # a scheme's groups keep their count, take the week's reps
    groups = groups_of(sets, reps, value("load"), value("hold"))
    own = {k for k in ("sets", "reps", "load") if k in keys}
    if change is not None and "sets" in keys and not isinstance(change.sets, int):
        own |= {"reps", "load"}  # a week's scheme states its sets whole
    return Weekly(
        groups,
        rest=value("rest"),
        tempo=value("tempo"),
        rpe=value("rpe") if "rir" not in keys else None,
        rir=value("rir") if "rpe" not in keys else None,
        notes=value("notes"),
        warmup=value("warmup"),
        deload=bool(change.deload) if change is not None and change.deload else False,
        separate_sides=item.sides == "separate",
        own=frozenset(own),
    )


def _with_reps(sets: Any) -> Any:
    # The week's reps replace a scheme's own: keep only its counts and loads.
    groups = written_groups(sets)
    return [{"sets": g.count, **({"load": g.load} if g.load else {})} for g in groups]


@dataclass(frozen=True)
class CircuitWeek:
    """One week of a circuit."""

    segments: tuple[Segment, ...]
    every: int | None = None
    rest: str | None = None
    notes: str | None = None


def circuit_week(circuit: CircuitWork, change: WeekChange | None = None) -> CircuitWeek:
    """`circuit` in a week with `change` laid over it: the week's work replaces the whole."""
    keys = change.model_fields_set if change is not None else set()
    segments = circuit.segments()
    if change is not None and keys & {"work", "exercises", "rounds", "sets"}:
        segments = _change_segments(circuit, change)

    def value(key: str) -> Any:
        return getattr(change, key) if key in keys else getattr(circuit, key)

    return CircuitWeek(segments, value("every"), value("rest"), value("notes"))


def _change_segments(circuit: CircuitWork, change: WeekChange) -> tuple[Segment, ...]:
    if isinstance(change.sets, str):  # `3: running 20 min`, the shorthand for `work`
        try:
            return parse_work(change.sets)
        except WorkError as exc:
            raise ValueError(str(exc)) from None
    if change.sets == 0:
        return ()
    if change.work is not None or change.exercises is not None:
        return change.segments()
    # Only the rounds change: the circuit's own exercises, that many times.
    steps = tuple(step for segment in circuit.segments() for step in segment.steps)
    return (Segment(change.rounds or 1, steps),)
