"""Reading a filled log back: what a client typed into a fillable booklet or log sheet, as tidy
rows, one per set.

The form fields are named and recorded by `pdfgen.compose.fieldnames`; each day's hidden record
says what was printed (date, exercises, targets), so the PDF alone is enough. Typed values are
read the way people type them (`62,5`, `62.5 kg`, `8`); anything else is kept as text and
reported with where it is, never dropped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from pdfgen.compose.fieldnames import (
    BOOKLET_NOTES,
    DAY_ROLES,
    INFO,
    RECORD_VERSION,
    info_names,
    week_field,
)
from pdfgen.compose.text import clean, spreadsheet_safe
from pdfgen.errors import input_error
from pdfgen.io.formvalues import filled_values
from pdfgen.io.reading import read_input
from pdfgen.io.writing import write_atomic
from pdfgen.logbook.typed import read_distance, read_reps, read_rpe, read_time, read_weight
from pdfgen.plan.limits import MAX_SETS_PER_SESSION

MAX_PDF_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class LoggedSet:
    """One set as planned and as done. Numbers that could not be read stay as typed (text)."""

    client: str
    week: int
    day: int
    date: str
    session: str
    exercise: str
    exercise_id: str
    entry: str  # the exercise's key in its day: its id, or `pull-up-2` for its second time
    set: str
    warmup: bool
    deload: bool
    target_reps: str
    target_load: str
    weight: float | str | None
    units: str
    reps: int | str | None
    time: float | str | None  # seconds
    distance: float | str | None  # kilometres
    done: bool
    rpe: float | str | None
    notes: str
    week_notes: str
    booklet_notes: str = ""  # the notes page at the end of a booklet
    side: str = ""  # left or right, where the sides are logged apart
    extra: str = ""  # drop or rest_pause: a set after a set
    # The set's target as numbers (from logs made since they were recorded; None before): the
    # bottom and top of its reps, seconds or metres, whether it is as many as possible, and
    # its planned weight in the log's units.
    target_low: float | None = None
    target_high: float | None = None
    target_amrap: bool = False
    target_measure: str = ""
    target_weight: float | None = None
    # The effort logged for the exercise as a whole (where the plan prescribed one): an RPE,
    # or reps in reserve, as `exercise_effort_kind` says.
    exercise_effort: float | str | None = None
    exercise_effort_kind: str = ""


COLUMNS = tuple(f.name for f in fields(LoggedSet))


@dataclass(frozen=True)
class LogReading:
    """Every set found in a filled PDF, and what could not be read as a number."""

    sets: tuple[LoggedSet, ...]
    problems: tuple[str, ...]


def read_log(path: str | Path, out: str | Path | None = None, *, force: bool = False) -> LogReading:
    """The sets logged in a filled PDF made with `--fillable`, also written to `out` if given:
    JSON for a `.json` name, CSV otherwise (an existing file is kept unless `force`). Raises
    `InputError` for a file that is not a readable PDF, or that pdfgen did not make."""
    reading = _read_log(Path(path))
    if out is not None:
        text = to_json(reading) if Path(out).suffix.lower() == ".json" else to_csv(reading)
        write_atomic(out, text.encode("utf-8"), force=force)
    return reading


def _read_log(path: Path) -> LogReading:
    values = filled_values(path, limit=MAX_PDF_BYTES)
    days = info_names(values)
    if not days:
        raise input_error(
            str(path),
            "has no pdfgen log fields: make it with `pdfgen build --fillable` or "
            "`pdfgen log --fillable`, fill it in, and read that file.",
        )
    sets: list[LoggedSet] = []
    problems: list[str] = []
    for prefix, key in days:
        record = _record(path, prefix + key + "_" + INFO, values)
        booklet_notes = _text(values.get(prefix + BOOKLET_NOTES))
        sets += _day_sets(record, prefix, key, values, problems, booklet_notes)
    return LogReading(tuple(sets), tuple(problems))


def load_logged(path: str | Path) -> LogReading:
    """The sets of a log: a filled PDF, or what `read-log` wrote from one (CSV or JSON)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        return read_log(path)
    data = read_input(path, what="log", limit=MAX_PDF_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise input_error(str(path), "is not UTF-8 text; save it as UTF-8.") from None
    if suffix == ".json":
        try:
            items = json.loads(text)
        except ValueError as exc:
            raise input_error(str(path), f"is not valid JSON ({exc}).") from None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise input_error(str(path), "must be a list of sets, as `read-log` writes it.")
        rows = [(n, {k: v for k, v in item.items()}) for n, item in enumerate(items, 1)]
        where = "set"
    else:
        try:
            rows = [(n, dict(r)) for n, r in enumerate(csv.DictReader(io.StringIO(text)), 2)]
        except csv.Error as exc:
            message = f"is not a CSV file as `read-log` writes it ({exc})."
            raise input_error(str(path), message) from None
        where = "row"
    return LogReading(tuple(_logged(path, where, n, row) for n, row in rows), ())


def _logged(path: Path, where: str, number: int, row: dict[str, Any]) -> LoggedSet:
    """One set of a CSV or JSON log, checked: the columns `read-log` writes."""
    missing = [c for c in ("week", "day", "session", "exercise_id", "set") if c not in row]
    if missing:
        raise input_error(
            str(path), f"{where} {number} has no {', '.join(missing)}: is it from `read-log`?"
        )
    week, day = _whole(row.get("week")), _whole(row.get("day"))
    if week is None or day is None:
        raise input_error(str(path), f"{where} {number}: week and day must be whole numbers.")
    return LoggedSet(
        client=_text(row.get("client")),
        week=week,
        day=day,
        date=_text(row.get("date")),
        session=_text(row.get("session")),
        exercise=_text(row.get("exercise")),
        exercise_id=_text(row.get("exercise_id")),
        entry=_text(row.get("entry")) or _text(row.get("exercise_id")),
        set=_text(row.get("set")),
        warmup=_yes(row.get("warmup")),
        deload=_yes(row.get("deload")),
        target_reps=_text(row.get("target_reps")),
        target_load=_text(row.get("target_load")),
        weight=read_weight(_text(row.get("weight")), _text(row.get("units")), "", []),
        units="lb" if _text(row.get("units")) == "lb" else "kg",
        reps=read_reps(_text(row.get("reps")), "", []),
        time=read_time(_text(row.get("time")), "", []),
        distance=read_distance(_text(row.get("distance")), "", []),
        done=_yes(row.get("done")),
        rpe=read_rpe(_text(row.get("rpe")), "", []),
        notes=_text(row.get("notes")),
        week_notes=_text(row.get("week_notes")),
        booklet_notes=_text(row.get("booklet_notes")),
        side=_text(row.get("side")),
        extra=_text(row.get("extra")),
        target_low=_number(row.get("target_low")),
        target_high=_number(row.get("target_high")),
        target_amrap=_yes(row.get("target_amrap")),
        target_measure=_text(row.get("target_measure")),
        target_weight=_number(row.get("target_weight")),
    )


def _yes(value: Any) -> bool:
    """A yes/no column: `yes` as CSV has it, `true` as JSON has it."""
    return value is True or _text(value).lower() in ("yes", "true")


def _whole(value: Any) -> int | None:
    """A week or day number as JSON (a number) or CSV (text) has it."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return _int(value)


def _record(path: Path, name: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A day's record, checked: a PDF can hold anything under a field's name."""
    try:
        record = json.loads(str(values.get(name) or ""))
    except (ValueError, RecursionError):
        record = None
    if (
        not isinstance(record, dict)
        or not _version_known(record.get("pdfgen"))
        or not isinstance(record.get("sets"), list)
        or not all(isinstance(s, dict) for s in record["sets"])
        or len(record["sets"]) > MAX_SETS_PER_SESSION
        or _int(record.get("week")) is None
        or _int(record.get("day")) is None
    ):
        raise input_error(
            str(path), "its record of what was printed is damaged; it cannot be read.", field=name
        )
    return record


def _version_known(version: Any) -> bool:
    """Whether a record is of a version this pdfgen reads (every one up to its own)."""
    whole = isinstance(version, int) and not isinstance(version, bool)
    return whole and 1 <= version <= RECORD_VERSION


def _day_sets(
    record: dict[str, Any],
    prefix: str,
    key: str,
    values: Mapping[str, Any],
    problems: list[str],
    booklet_notes: str = "",
) -> list[LoggedSet]:
    def value(name: str) -> str:
        return _text(values.get(prefix + name))

    week, day = int(record["week"]), int(record["day"])
    units = "lb" if record.get("units") == "lb" else "kg"
    date = value(f"{key}_{DAY_ROLES['date']}") or _text(record.get("date"))
    rpe_text = value(f"{key}_{DAY_ROLES['effort']}")
    where_day = f"week {week}, day {day}"
    rpe = read_rpe(rpe_text, where_day, problems)
    day_notes = value(f"{key}_{DAY_ROLES['day_notes']}")
    week_notes = value(week_field(week))
    client, session = _text(record.get("client")), _text(record.get("session"))
    rows = []
    for item in record["sets"]:
        set_key = _text(item.get("key"))
        stem = f"{key}_{set_key}"
        exercise = _text(item.get("exercise"))
        where = f"{where_day}, {exercise}, set {_text(item.get('set'))}"
        set_notes = value(f"{stem}_notes")
        rows.append(
            LoggedSet(
                client=client,
                week=week,
                day=day,
                date=date,
                session=session,
                exercise=exercise,
                exercise_id=_text(item.get("exercise_id")),
                entry=set_key.rpartition("_")[0],
                set=_text(item.get("set")),
                warmup=item.get("warmup") is True,
                deload=item.get("deload") is True,
                target_reps=_text(item.get("target_reps")),
                target_load=_text(item.get("target_load")),
                weight=read_weight(value(f"{stem}_weight"), units, where, problems),
                units=units,
                reps=read_reps(value(f"{stem}_reps"), where, problems),
                time=read_time(value(f"{stem}_time"), where, problems),
                distance=read_distance(
                    value(f"{stem}_distance"), where, problems, _distance_unit(item)
                ),
                done=_checked(values.get(prefix + f"{stem}_done")),
                rpe=rpe,
                notes="; ".join(n for n in (set_notes, day_notes) if n),
                week_notes=week_notes,
                booklet_notes=booklet_notes,
                side=_text(item.get("side")),
                extra=_text(item.get("extra")),
                target_low=_number(item.get("reps_low")),
                target_high=_number(item.get("reps_high")),
                target_amrap=item.get("amrap") is True,
                target_measure=_text(item.get("measure")),
                target_weight=_number(item.get("weight")),
                exercise_effort=read_rpe(
                    value(f"{key}_{set_key.rpartition('_')[0]}_effort"),
                    f"{where_day}, {exercise}",
                    problems,
                    _text(item.get("effort_kind")) or "rpe",
                ),
                exercise_effort_kind=_text(item.get("effort_kind")),
            )
        )
    return rows


def _distance_unit(item: Mapping[str, Any]) -> str:
    """The unit a set's distance target was printed in (a time target's says nothing)."""
    shown = _text(item.get("shown"))
    return shown if shown in ("m", "km", "mi") else "km"


def _number(value: Any) -> float | None:
    """A number from a record or a CSV cell, if it is a sane one."""
    if isinstance(value, str):
        try:
            value = float(value.strip()) if value.strip() else None
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 <= value <= 1_000_000 else None


def _text(value: Any) -> str:
    """A field value as text: pypdf gives strings, names (`/Yes`) or nothing. A line break typed
    into a form field is a CR; it is written as a newline, as every other file has it."""
    if value is None:
        return ""
    # Typed or forged, it is text for a spreadsheet: no terminal controls, no bidi overrides.
    return clean(str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()


def _int(value: Any) -> int | None:
    """A week or day number from a record, if it is one."""
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole and 1 <= value <= 99 else None


def _checked(value: Any) -> bool:
    # A check box is on only when its value is exactly /Yes.
    return str(value) == "/Yes"


def to_csv(reading: LogReading) -> str:
    """The sets as CSV, with a header row (empty cells where nothing was typed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in reading.sets:
        writer.writerow(_csv_cell(getattr(row, name)) for name in COLUMNS)
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return spreadsheet_safe(str(value))


def to_json(reading: LogReading) -> str:
    """The sets as a JSON list of objects, one per set."""
    return json.dumps([asdict(row) for row in reading.sets], ensure_ascii=False, indent=1) + "\n"
