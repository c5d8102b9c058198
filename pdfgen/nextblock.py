"""The next block, from what was actually done: each exercise's load for the next block, decided
from the filled log of this one, written into a copy of the plan file.

The rule is the one trainers use with double progression:

* every set of the exercise's last logged session reached the top of its rep range: the load
  goes up by the plan's load step (or, with no step in the plan, by the rounding increment);
* sets fell below the bottom of the range in each of the last two logged sessions: it goes
  down by a step;
* otherwise it stays at what was lifted.

The plan file is edited in place, not written anew, so the trainer's comments, order and layout
survive: only `load:` values change (or are added), each with a comment saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from pdfgen.errors import input_error
from pdfgen.loader import find_plan, load_plan_text, plan_from_document
from pdfgen.loads import Unit, convert, format_weight, round_to
from pdfgen.plan import Plan, Prescription
from pdfgen.readlog import LoggedSet, load_logged
from pdfgen.text import clean, one_line
from pdfgen.yamlio import Document, Path_, decode, read_yaml


@dataclass(frozen=True)
class Decision:
    """What happens to one exercise's load, and why."""

    session: str
    exercise: str
    old: str  # the plan's load as written, or ""
    new: str | None  # the next block's load, or None when it stays as the plan has it
    reason: str

    def __str__(self) -> str:
        if self.new is None:
            change = "unchanged"
        elif self.new == self.old:
            change = f"stays at {self.new}"
        else:
            change = f"{self.old or 'no load'} → {self.new}"
        return f"{self.session} · {self.exercise}: {change} ({self.reason})"


@dataclass(frozen=True)
class NextBlock:
    """The plan file for the next block, and what changed in it."""

    text: str
    decisions: tuple[Decision, ...]


def next_block(plan: str | Path, log: str | Path) -> NextBlock:
    """The next block of `plan` (a plan file or built-in id) from `log` (a filled PDF, or the
    CSV or JSON `read-log` made of one). The text is a plan that `pdfgen build` accepts."""
    path = find_plan(plan)
    text = decode(path.read_bytes(), str(path))
    doc = read_yaml(str(path), text=text, what="plan")
    model = plan_from_document(doc)
    logged = load_logged(log).sets
    if not any(_rows(logged, s.name, p) for s in model.sessions for p in s.exercises):
        raise input_error(
            str(log),
            f"logs none of the exercises of {path.name} ({model.program}); is it the log "
            "of this plan?",
        )
    decisions = []
    edits: list[_Edit] = []
    for s, session in enumerate(model.sessions):
        for e, item in enumerate(session.exercises):
            decision = decide(model, session.name, item, _rows(logged, session.name, item))
            decisions.append(decision)
            if decision.new is not None and decision.new != decision.old:
                edits.append(_edit(text, doc, ("sessions", s, "exercises", e), decision))
    patched = _apply(text, edits)
    result = _header(decisions, log, logged) + patched
    load_plan_text(result, name=f"the next block of {path.name}")  # proves it builds
    return NextBlock(result, tuple(decisions))


def _rows(logged: Sequence[LoggedSet], session: str, item: Prescription) -> list[LoggedSet]:
    """The work sets logged for one exercise of one session, in training order."""
    rows = [
        r
        for r in logged
        if r.session == session and r.exercise_id == item.exercise and not r.warmup
    ]
    return sorted(rows, key=lambda r: (r.week, r.day))


def decide(plan: Plan, session: str, item: Prescription, rows: list[LoggedSet]) -> Decision:
    """The next block's load for one exercise, from its logged work sets."""
    name = plan.exercise(item).name
    old = str(item.load or "")

    def keep(reason: str) -> Decision:
        return Decision(session, name, old, None, reason)

    target = item.reps
    if target.amrap:
        return keep("as many reps as possible: no range to judge by")
    sessions = [list(group) for _, group in groupby(rows, key=lambda r: (r.week, r.day))]
    sessions = [g for g in sessions if any(isinstance(r.reps, int) for r in g)]
    if not sessions:
        return keep("no reps logged")
    last = sessions[-1]
    when = f"week {last[0].week}, day {last[0].day}"
    weights = [r.weight for r in last if isinstance(r.weight, float)]
    if not weights:
        return keep(f"no weight written in {when}")
    units: Unit = "lb" if last[0].units == "lb" else "kg"
    lifted = max(weights)
    step, increment = _step(plan, item, units, lifted)
    unit = "s" if target.unit == "seconds" else "reps"
    if all(isinstance(r.reps, int) and r.reps >= target.high for r in last):
        new = round_to(lifted + step, increment)
        reason = f"every set reached {target.high} {unit} in {when}"
    elif len(sessions) >= 2 and all(
        any(isinstance(r.reps, int) and r.reps < target.low for r in group)
        for group in sessions[-2:]
    ):
        new = max(round_to(lifted - step, increment), increment)
        reason = f"sets fell below {target.low} {unit} in the last two sessions"
    else:
        new = round_to(lifted, increment)
        reached = sum(isinstance(r.reps, int) and r.reps >= target.high for r in last)
        reason = f"{reached} of {len(last)} sets reached {target.high} {unit} in {when}"
    return Decision(session, name, old, format_weight(new, units), reason)


def _step(plan: Plan, item: Prescription, units: Unit, lifted: float) -> tuple[float, float]:
    """The load step in `units` (the plan's, or the rounding increment), and the increment."""
    rounding = item.round_loads_to or plan.round_loads_to
    increment = rounding.kg if units == "kg" else rounding.lb
    rule = item.progression.over(plan.progression) if item.progression else plan.progression
    load = rule.load if rule else None
    if load is None:
        return increment, increment
    if load.is_percent:
        return lifted * load.value / 100, increment
    return convert(load.value, "kg" if load.unit == "kg" else "lb", units), increment


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _edit(text: str, doc: Document, entry: Path_, decision: Decision) -> _Edit:
    """The change of one exercise entry's `load:` in the plan's text."""
    assert decision.new is not None
    note = f"was {decision.old}" if decision.old else "added"
    comment = f"# {one_line(clean(note))}: {one_line(clean(decision.reason))}"
    span = doc.spans.get((*entry, "load"))
    if span is not None:
        start, end = span
        rest = text[end : _line_end(text, end)]
        # A comment only where the line ends with the value (or closing brackets), and has none.
        fits = not rest.strip(" }]")
        return _Edit(start, end, decision.new + (f"  {comment}" if fits else ""))
    if entry in doc.flow_ends:
        close = doc.flow_ends[entry]
        at = len(text[:close].rstrip())
        return _Edit(at, at, f", load: {decision.new}")
    # A block mapping: a new line after the `exercise:` line, at the same indent.
    exercise = doc.spans[(*entry, "exercise")]
    column = doc.key_marks[(*entry, "exercise")][1]
    at = _line_end(text, exercise[1]) + 1
    return _Edit(at, at, f"{' ' * (column - 1)}load: {decision.new}  {comment}\n")


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _apply(text: str, edits: list[_Edit]) -> str:
    # From the end backwards, so that each edit's positions still hold.
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text if text.endswith("\n") else text + "\n"


def _header(decisions: list[Decision], log: str | Path, logged: Sequence[LoggedSet]) -> str:
    clients = sorted({r.client for r in logged if r.client})
    who = f" for {', '.join(clients)}" if clients else ""
    lines = [f"Next block{who}, made by `pdfgen next` from {Path(log).name}."]
    lines += ["Loads from what was done in the last logged session of each exercise:"]
    lines += [f"  {decision}" for decision in decisions]
    # Names come from the log (anything a client typed): one line each, no control characters.
    return "".join(f"# {one_line(clean(line))}\n" for line in lines) + "\n"
