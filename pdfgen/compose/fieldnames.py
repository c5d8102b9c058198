"""The names of the form fields a client fills in, and the record that lets them be read back.

A fillable booklet or log sheet has a text field on every blank cell and a check box on every
set. Their names say where they are, `w03_d2_pull-up_s1_weight` (week, day, exercise, set, what),
and never contain a dot, which PDF readers take for a hierarchy. Each training day also carries
a hidden, read-only field, `w03_d2_info`, holding what was printed for it (date, exercise names,
targets) as JSON, so that `pdfgen read-log` needs nothing but the filled PDF. Both the renderer
(which makes the fields) and the reader (which reads them) take the names from here.

Pure: no PDF library is needed to name a field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `read-log` names fields without the plan's models (and pydantic)
    from pdfgen.compose.words import Words
    from pdfgen.schedule.model import Day, Entry, SetTarget

RECORD_VERSION = 2  # 2: each set's target as numbers too (1: in words only)
INFO = "info"
BOOKLET_NOTES = "notes"  # the notes page at the end of a booklet
DAY_ROLES = {"date": "date", "effort": "rpe", "day_notes": "notes"}
_PREFIX = re.compile(r"^[a-z0-9-]{1,40}$")


def check_prefix(prefix: str) -> str:
    """A prefix that keeps field names unique when booklets are merged (one per client).

    >>> check_prefix("r007")
    'r007'
    >>> check_prefix("a.b")
    Traceback (most recent call last):
    ...
    ValueError: a field prefix is lowercase letters, digits and '-', not 'a.b'.
    """
    if prefix and not _PREFIX.match(prefix):
        raise ValueError(f"a field prefix is lowercase letters, digits and '-', not {prefix!r}.")
    return prefix


def day_key(week: int, day: int) -> str:
    """The part of a field name that says which training day it belongs to.

    >>> day_key(3, 2)
    'w03_d2'
    """
    return f"w{week:02d}_d{day}"


def set_key(target: SetTarget) -> str:
    """A set's part of a field name: `s1`, `sw1` for the first warm-up set, `s1l` and `s1r`
    for its sides, `s1d1` and `s1p1` for the first drop and rest-pause sets after set 1.

    >>> from pdfgen.plan.reps import parse_reps
    >>> from pdfgen.schedule.model import SetTarget
    >>> set_key(SetTarget(3, parse_reps(8))), set_key(SetTarget(1, parse_reps(8), warmup=True))
    ('s3', 'sw1')
    >>> eight = parse_reps(8)
    >>> left = SetTarget(2, eight, side="left")
    >>> drop = SetTarget(2, eight, extra="drop", extra_number=1)
    >>> set_key(left), set_key(drop)
    ('s2l', 's2d1')
    """
    key = f"s{'w' if target.warmup else ''}{target.number}"
    if target.side:
        key += target.side[0]
    if target.extra:
        key += f"{'d' if target.extra == 'drop' else 'p'}{target.extra_number}"
    return key


def set_field(day: Day, exercise: str, target: SetTarget, role: str) -> str:
    """The name of one set's field.

    >>> from types import SimpleNamespace as NS
    >>> from pdfgen.plan.reps import parse_reps
    >>> from pdfgen.schedule.model import SetTarget
    >>> set_field(NS(week=3, day=2), "pull-up", SetTarget(1, parse_reps(8)), "weight")
    'w03_d2_pull-up_s1_weight'
    """
    return f"{day_key(day.week, day.day)}_{exercise}_{set_key(target)}_{role}"


def entry_field(day: Day, exercise: str, role: str) -> str:
    """The name of a field one exercise has once a day (its own effort).

    >>> from types import SimpleNamespace as NS
    >>> entry_field(NS(week=3, day=2), "good-morning", "effort")
    'w03_d2_good-morning_effort'
    """
    return f"{day_key(day.week, day.day)}_{exercise}_{role}"


def day_field(day: Day, role: str) -> str:
    """The name of one of a day's own fields (date, effort, notes), or its record (`info`)."""
    return f"{day_key(day.week, day.day)}_{DAY_ROLES.get(role, role)}"


def week_field(week: int) -> str:
    """The name of a week's notes box.

    >>> week_field(4)
    'w04_notes'
    """
    return f"w{week:02d}_notes"


def day_record(day: Day, words: Words, program: str = "", client: str = "") -> str:
    """What was printed for a day, as the JSON stored in its hidden field (ASCII only, so it
    survives any PDF string encoding): the targets as the page says them."""
    record: dict[str, Any] = {
        "pdfgen": RECORD_VERSION,
        "program": program,
        "client": client,
        "week": day.week,
        "day": day.day,
        "session": day.session.name,
        "date": day.date.isoformat() if day.date else "",
        "units": words.units,
        "sets": [_set_record(entry, t, words) for entry in day.entries for t in entry.sets],
    }
    return json.dumps(record, ensure_ascii=True, separators=(",", ":"))


def _set_record(entry: Entry, target: SetTarget, words: Words) -> dict[str, Any]:
    from pdfgen.compose.cells import effort_of

    ex_id, exercise, kind, _ = entry.row_exercise(target)
    reps, load = target.reps, target.load
    record = {
        "key": f"{entry.key}_{set_key(target)}",
        "entry": entry.key,
        "exercise": exercise.name,
        "exercise_id": ex_id,
        "kind": kind,
        "set": words.set_label(target) or str(target.number),
        "warmup": target.warmup,
        "extra": target.extra,
        "side": target.side,
        "deload": entry.deload,
        "target_reps": words.reps(target.reps, per_side=not target.side),
        "target_load": words.load(target.load) or entry.load_note,
        # The same targets as numbers, for `pdfgen next` to judge each set by its own.
        "reps_low": reps.low,
        "reps_high": reps.high,
        "amrap": reps.amrap,
        "measure": reps.unit,
        "shown": reps.shown,  # m, km or mi: what a bare number typed for a distance is in
        "weight": load.weight if load is not None else None,
        # Where the plan prescribes the exercise an effort, the kind it logs: "rpe" or "rir".
        "effort_kind": effort_of(entry),
    }
    # A booklet holds hundreds of sets: what is empty, false or none is left out, as a reader
    # takes a missing key for just that.
    return {key: value for key, value in record.items() if not _blank(value)}


def _blank(value: Any) -> bool:
    return value is None or value is False or value == ""


def info_names(names: Iterable[str]) -> list[tuple[str, str]]:
    """The day records among a document's field names, as (prefix, day key) pairs, in order.

    >>> info_names(["w01_d1_info", "w01_d1_date", "r2_w01_d1_info"])
    [('', 'w01_d1'), ('r2_', 'w01_d1')]
    """
    found = []
    for name in names:
        match = re.fullmatch(r"((?:[a-z0-9-]+_)?)(w\d\d_d\d)_" + INFO, name)
        if match:
            found.append((match[1], match[2]))
    return found
