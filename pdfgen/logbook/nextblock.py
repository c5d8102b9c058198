"""The next block, from what was actually done: each exercise's load for the next block, decided
from the filled log of this one, written into a copy of the plan file.

The rules (`pdfgen.logbook.rules`) judge each set by the target it was printed with, then apply
the plan's: stages on failure, a lighter restart after failed sessions, an AMRAP goal, or double
progression (the top of the range reached, a load step more).

The plan file is edited in place, not written anew, so the trainer's comments, order and layout
survive: only `load:` values (and, for a new stage, `sets:`) change or are added, each with a
comment saying why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pdfgen.compose.text import clean, one_line
from pdfgen.errors import InputError, input_error
from pdfgen.io.reading import read_input
from pdfgen.io.writing import write_atomic
from pdfgen.io.yamldoc import MAX_BYTES, Document, Path_, decode, read_yaml
from pdfgen.logbook.readlog import LoggedSet, load_logged
from pdfgen.logbook.rules import Decision, decide, per_session
from pdfgen.plan.loading import find_plan, load_plan_text, plan_from_document
from pdfgen.plan.model import Plan, Prescription


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
    if not any(_rows(logged, s.name, p) for s in model.sessions for p in s.prescriptions):
        raise input_error(
            str(log),
            f"logs none of the exercises of {path.name} ({model.program}); is it the log "
            "of this plan?",
        )
    decisions = []
    edits: list[_Edit] = []
    tracks = _tracks(model, logged)
    for s, session in enumerate(model.sessions):
        keys = session.keys()
        for e, item in enumerate(session.exercises):
            if not isinstance(item, Prescription):
                continue  # a circuit's rounds are not progressed by `next`
            rows = _rows(logged, session.name, item, keys[e])
            if per_session(model, item):
                rows = tracks[item.track()]  # StrongLifts' squat: workouts A and B as one
            decision = decide(model, session.name, item, rows)
            decisions.append(decision)
            entry = ("sessions", s, "exercises", e)
            if decision.new is not None and decision.new != decision.old:
                edits += _edits(text, doc, entry, "load", decision.new, _comment(decision))
            if decision.sets_change and decision.new_sets is not None:
                edits += _edits(
                    text, doc, entry, "sets", decision.new_sets, _comment(decision, "sets")
                )
    newline = "\r\n" if "\r\n" in text else "\n"
    patched = _without_old_header(_apply(text, edits, newline))
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


def _tracks(model: Plan, logged: Sequence[LoggedSet]) -> dict[tuple[str, ...], list[LoggedSet]]:
    """The sets logged for each track of the plan: an exercise written the same in several
    sessions, which a progression by session steps as one."""
    tracks: dict[tuple[str, ...], list[LoggedSet]] = {}
    for session in model.sessions:
        keys = session.keys()
        for e, item in enumerate(session.exercises):
            if isinstance(item, Prescription):
                rows = _rows(logged, session.name, item, keys[e])
                tracks.setdefault(item.track(), []).extend(rows)
    return tracks


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


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _comment(decision: Decision, key: str = "load") -> str:
    old = decision.old if key == "load" else decision.old_sets
    note = f"was {old}" if old else "added"
    return f"# {one_line(clean(note))}: {one_line(clean(decision.reason))}"


def _edits(
    text: str, doc: Document, entry: Path_, key: str, value: str, comment: str
) -> list[_Edit]:
    """The changes to one key of an exercise entry's text (`load:` or `sets:`): its value
    replaced or added, and a comment saying why, at the end of the line where that is safe,
    otherwise on a line of its own above."""
    if entry in doc.flow_ends:  # {exercise: ..., load: ...}: no comment inside the braces
        return [
            _flow_value(text, doc, entry, key, value),
            _comment_above(text, doc, entry, key, comment),
        ]
    span = doc.spans.get((*entry, key))
    if span is None:
        # A new line after the `exercise:` line, at the same indent as the entry's keys.
        exercise = doc.spans[(*entry, "exercise")]
        column = doc.key_marks[(*entry, "exercise")][1]
        at = _line_end(text, exercise[1]) + 1
        return [_Edit(at, at, f"{' ' * (column - 1)}{key}: {value}  {comment}\n")]
    start, end = span
    written = text[start:end]
    # A folded or literal value (`load: >` and the text below) ends with its line break.
    tail = written[len(written.rstrip()) :] if "\n" in written else ""
    if start == end:  # `load:` with nothing after it
        return [_Edit(start, end, f" {value}  {comment}")]
    if tail or not text[end : _line_end(text, end)].strip(" \r"):
        return [_Edit(start, end, f"{_scalar(value)}  {comment}{tail}")]
    rest = text[end : _line_end(text, end)].rstrip("\r")
    if rest.strip().startswith(OUR_COMMENTS):
        # Our own reason from the block before: the new one replaces it.
        return [_Edit(start, end + len(rest), f"{_scalar(value)}  {comment}")]
    # The line goes on after the value (a comment of the trainer's): keep it, note ours above.
    return [_Edit(start, end, _scalar(value)), _comment_above(text, doc, entry, key, comment)]


def _scalar(value: str) -> str:
    # A stage like "6x2+" is plain YAML; quote anything YAML would read otherwise.
    return value if all(c not in value for c in ":#{}[],&*!|>'\"%@`") else f"'{value}'"


def _flow_value(text: str, doc: Document, entry: Path_, key: str, value: str) -> _Edit:
    span = doc.spans.get((*entry, key))
    if span is not None:
        start, end = span
        return _Edit(start, end, _scalar(value) if start != end else f" {_scalar(value)}")
    at = len(text[: doc.flow_ends[entry]].rstrip())
    separator = " " if text[at - 1] in ",{" else ", "
    return _Edit(at, at, f"{separator}{key}: {_scalar(value)}")


def _comment_above(text: str, doc: Document, entry: Path_, key: str, comment: str) -> _Edit:
    """A comment line above the line where the entry's key is (or the entry begins)."""
    span = doc.spans.get((*entry, key))
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


HEADER = "# Next block"  # how the header of a plan `pdfgen next` wrote begins
OUR_COMMENTS = ("# was ", "# added: ")  # how the reasons it writes beside a value begin


def _without_old_header(text: str) -> str:
    """The plan without the header a previous `pdfgen next` put on top (one header, the
    newest, is enough); the trainer's own comments stay."""
    if not text.startswith(HEADER):
        return text
    lines = text.splitlines(keepends=True)
    kept = 0
    while kept < len(lines) and lines[kept].startswith("#"):
        kept += 1
    while kept < len(lines) and not lines[kept].strip():
        kept += 1  # the blank line after it
    return "".join(lines[kept:])


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
