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

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from pdfgen.compose.text import clean, one_line
from pdfgen.errors import InputError, input_error
from pdfgen.io.reading import read_input
from pdfgen.io.writing import write_atomic
from pdfgen.io.yamldoc import MAX_BYTES, Document, Path_, decode, read_yaml
from pdfgen.logbook.readlog import LoggedSet, load_logged
from pdfgen.plan.loading import find_plan, load_plan_text, plan_from_document
from pdfgen.plan.loads import format_weight, parse_load, round_to
from pdfgen.plan.model import Plan, Prescription, Session
from pdfgen.units import MAX_LOAD, Unit


@dataclass(frozen=True)
class Decision:
    """What happens to one exercise's load, and why."""

    session: str
    exercise: str
    old: str  # the plan's load as written, or ""
    new: str | None  # the next block's load, or None when it stays as the plan has it
    reason: str

    @property
    def changes(self) -> bool:
        """Whether the plan's text changes."""
        return self.new is not None and self.new != self.old

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
    path: Path | None = None  # where it was written


def next_block(
    plan: str | Path, log: str | Path, out: str | Path | None = None, *, force: bool = False
) -> NextBlock:
    """The next block of `plan` (a plan file or built-in id) from `log` (a filled PDF, or the
    CSV or JSON `read-log` made of one): a plan that `pdfgen build` accepts, also written to
    `out` if given (an existing file is kept unless `force`)."""
    made = _next_block(find_plan(plan), log)
    if out is None:
        return made
    write_atomic(out, made.text.encode("utf-8"), force=force)
    return replace(made, path=Path(out))


def default_next_name(plan: str | Path) -> str:
    """The file `pdfgen next` writes by default: PLAN-next.yaml.

    >>> default_next_name("upper-back")
    'upper-back-next.yaml'
    """
    return f"{find_plan(plan).stem}-next.yaml"


def _next_block(path: Path, log: str | Path) -> NextBlock:
    text = decode(read_input(path, what="plan", limit=MAX_BYTES), str(path))
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
        keys = _entry_keys(session)
        for e, item in enumerate(session.exercises):
            rows = _rows(logged, session.name, item, keys[e])
            decision = decide(model, session.name, item, rows)
            decisions.append(decision)
            if decision.changes:
                edits += _edits(text, doc, ("sessions", s, "exercises", e), decision)
    newline = "\r\n" if "\r\n" in text else "\n"
    patched = _apply(text, edits, newline)
    result = _header(decisions, log, logged, newline) + patched
    _check_builds(result, path, log)
    return NextBlock(result, tuple(decisions))


def _check_builds(text: str, plan: Path, log: str | Path) -> None:
    """Prove the new plan builds. It cannot fail for a plan and log pdfgen made; if it does,
    the message names the two files it came from, not a file that does not exist."""
    try:
        load_plan_text(text, name=str(plan))
    except InputError as exc:
        first = exc.problems[0]
        raise input_error(
            str(log),
            f"the next block of {plan.name} made from this log would not build "
            f"({first.field + ': ' if first.field else ''}{first.message}); nothing was written.",
        ) from None


def _entry_keys(session: Session) -> list[str]:
    """Each exercise's key in the log, as `logfields.entry_keys` names them: its id, with
    `-2`, `-3`... when the session has it more than once."""
    seen: dict[str, int] = {}
    keys = []
    for item in session.exercises:
        count = seen[item.exercise] = seen.get(item.exercise, 0) + 1
        keys.append(item.exercise if count == 1 else f"{item.exercise}-{count}")
    return keys


def _rows(
    logged: Sequence[LoggedSet], session: str, item: Prescription, key: str | None = None
) -> list[LoggedSet]:
    """The sets logged for one exercise of one session (its `key`-th time in the session)."""
    return [
        r
        for r in logged
        if r.session == session
        and r.exercise_id == item.exercise
        and (key is None or r.entry in (key, ""))
    ]


def decide(plan: Plan, session: str, item: Prescription, rows: Sequence[LoggedSet]) -> Decision:
    """The next block's load for one exercise, from its logged sets (any order; warm-ups and
    deload weeks do not count: they are light on purpose)."""
    name = plan.exercise(item).name
    old = str(item.load or "")

    def keep(reason: str) -> Decision:
        return Decision(session, name, old, None, reason)

    target = item.reps
    if target.amrap:
        return keep("as many reps as possible: no range to judge by")
    work = sorted((r for r in rows if not r.warmup and not r.deload), key=lambda r: (r.week, r.day))
    sessions = [list(group) for _, group in groupby(work, key=lambda r: (r.week, r.day))]
    timed = target.unit == "seconds"
    sessions = [g for g in sessions if any(_done(r, timed) is not None for r in g)]
    if not sessions:
        return keep("no reps logged outside deload weeks")
    last = sessions[-1]
    when = f"week {last[0].week}, day {last[0].day}"
    # A weight of 0 is no weight: the set was done without one (bodyweight, or left at zero).
    weights = [r.weight for r in last if isinstance(r.weight, float) and r.weight > 0]
    if not weights:
        return keep(f"no weight written in {when}")
    units: Unit = "lb" if last[0].units == "lb" else "kg"
    lifted = max(weights)
    step, increment = _step(plan, item, units, lifted)
    unit = "s" if target.unit == "seconds" else "reps"
    if all((_done(r, timed) or 0) >= target.high for r in last):
        new = round_to(lifted + step, increment)
        reason = f"every set reached {target.high} {unit} in {when}"
        if new > MAX_LOAD[units]:
            new, reason = round_to(lifted, increment), f"{reason}, but it is the most pdfgen plans"
    elif len(sessions) >= 2 and all(
        any((done := _done(r, timed)) is not None and done < target.low for r in group)
        for group in sessions[-2:]
    ):
        new = max(round_to(lifted - step, increment), increment)
        reason = f"sets fell below {target.low} {unit} in the last two sessions"
    else:
        new = round_to(lifted, increment)
        reached = sum((_done(r, timed) or 0) >= target.high for r in last)
        reason = f"{reached} of {len(last)} sets reached {target.high} {unit} in {when}"
    written = format_weight(new, units)
    # The same weight spelled otherwise ("40kg") is no change: the plan keeps its spelling.
    if _same_load(old, new, units):
        written = old
    return Decision(session, name, old, written, reason)


def _done(row: LoggedSet, timed: bool) -> float | None:
    """What a set achieved as a number: its reps, or for a timed target its time in seconds
    (older logs wrote the seconds as reps); None where nothing readable was logged."""
    value = row.time if timed else row.reps
    if timed and value is None:
        value = row.reps
    return float(value) if isinstance(value, int | float) else None


def _same_load(old: str, new: float, units: Unit) -> bool:
    try:
        load = parse_load(old)
    except ValueError:
        return False
    return load is not None and load.unit == units and abs(load.value - new) < 1e-9


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
    return load.in_units(units), increment


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _edits(text: str, doc: Document, entry: Path_, decision: Decision) -> list[_Edit]:
    """The changes to one exercise entry's text: its `load:` value replaced or added, and a
    comment saying why, at the end of the line where that is safe, otherwise on a line of its
    own above."""
    assert decision.new is not None
    note = f"was {decision.old}" if decision.old else "added"
    comment = f"# {one_line(clean(note))}: {one_line(clean(decision.reason))}"
    if entry in doc.flow_ends:  # {exercise: ..., load: ...}: no comment inside the braces
        return [
            _flow_load(text, doc, entry, decision.new),
            _comment_above(text, doc, entry, comment),
        ]
    span = doc.spans.get((*entry, "load"))
    if span is None:
        # A new line after the `exercise:` line, at the same indent as the entry's keys.
        exercise = doc.spans[(*entry, "exercise")]
        column = doc.key_marks[(*entry, "exercise")][1]
        at = _line_end(text, exercise[1]) + 1
        return [_Edit(at, at, f"{' ' * (column - 1)}load: {decision.new}  {comment}\n")]
    start, end = span
    value = text[start:end]
    # A folded or literal value (`load: >` and the text below) ends with its line break.
    tail = value[len(value.rstrip()) :] if "\n" in value else ""
    if start == end:  # `load:` with nothing after it
        return [_Edit(start, end, f" {decision.new}  {comment}")]
    if tail or not text[end : _line_end(text, end)].strip(" \r"):
        return [_Edit(start, end, f"{decision.new}  {comment}{tail}")]
    # The line goes on after the value (a comment of the trainer's): keep it, note ours above.
    return [_Edit(start, end, decision.new), _comment_above(text, doc, entry, comment)]


def _flow_load(text: str, doc: Document, entry: Path_, load: str) -> _Edit:
    span = doc.spans.get((*entry, "load"))
    if span is not None:
        start, end = span
        return _Edit(start, end, load if start != end else f" {load}")
    at = len(text[: doc.flow_ends[entry]].rstrip())
    separator = " " if text[at - 1] in ",{" else ", "
    return _Edit(at, at, f"{separator}load: {load}")


def _comment_above(text: str, doc: Document, entry: Path_, comment: str) -> _Edit:
    """A comment line above the line where the entry's load is (or the entry begins)."""
    span = doc.spans.get((*entry, "load"))
    index = span[0] if span else doc.spans[(*entry, "exercise")][0]
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:index]
    indent = line[: len(line) - len(line.lstrip(" "))]
    return _Edit(line_start, line_start, f"{indent}{comment}\n")


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _apply(text: str, edits: list[_Edit], newline: str) -> str:
    # From the end backwards, so that each edit's positions still hold; the same position
    # keeps its edits in the order given.
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        added = re.sub(r"(?<!\r)\n", newline, edit.text)
        text = text[: edit.start] + added + text[edit.end :]
    return text if text.endswith("\n") else text + newline


def _header(
    decisions: list[Decision], log: str | Path, logged: Sequence[LoggedSet], newline: str
) -> str:
    clients = sorted({r.client for r in logged if r.client})
    who = f" for {', '.join(clients)}" if clients else ""
    lines = [f"Next block{who}, made by `pdfgen next` from {Path(log).name}."]
    lines += ["Loads from what was done in the last logged session of each exercise:"]
    lines += [f"  {decision}" for decision in decisions]
    # Names come from the log (anything a client typed): one line each, no control characters.
    return "".join(f"# {one_line(clean(line))}{newline}" for line in lines) + newline
