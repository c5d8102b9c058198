"""Client lists (rosters): a CSV exported from a spreadsheet, or a YAML list, read into rows.

A roster is refused whole only when it cannot be read as a table (not UTF-8, unknown columns,
no `client` column); a problem in one row is that row's alone, so the other rows still make
their booklets.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pdfgen.compose.text import bytes_at_most, without_invisibles
from pdfgen.errors import InputError, Problem, input_error
from pdfgen.io.reading import read_input
from pdfgen.io.yamldoc import MAX_BYTES, decode, read_yaml
from pdfgen.plan.options import OPTIONS

# The client's name and plan, every per-client option a roster carries (one column each; maxes
# as max.<exercise>), and the layout.
COLUMNS = (
    "client",
    "plan",
    *(o.column for o in OPTIONS.values() if o.column not in ("client", "max.")),
    "layout",
)
MAX_ROWS = 5000
RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}
MAX_NAME_BYTES = 100


@dataclass(frozen=True)
class Row:
    """One client's request: the roster's values, as text, by column."""

    number: int  # the line of a CSV (header is line 1) or the item of a YAML list (from 1)
    values: dict[str, str]
    maxes: dict[str, str] = field(default_factory=dict)

    @property
    def client(self) -> str:
        """The client's name."""
        return self.values.get("client", "").strip()


def load_roster(path: str | Path) -> list[Row]:
    """The rows of a roster file (CSV or YAML), or an InputError when it cannot be read."""
    path = Path(path)
    rows = _yaml_rows(path) if path.suffix.lower() in (".yaml", ".yml") else _csv_rows(path)
    if not rows:
        raise input_error(str(path), "the roster has no clients in it.")
    if len(rows) > MAX_ROWS:
        raise input_error(
            str(path), f"the roster has {len(rows):,} rows; the most is {MAX_ROWS:,}."
        )
    return rows


def _csv_rows(path: Path) -> list[Row]:
    file = str(path)
    data = read_input(path, what="roster", limit=MAX_BYTES * 10)
    text = decode(data, file).removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    # Spreadsheets in many European locales export with semicolons.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as exc:
        raise input_error(
            file, f"this is not a readable CSV file ({exc}).", reader.line_num
        ) from None
    if not table:
        raise input_error(file, "the roster is empty.")
    header = [unicodedata.normalize("NFC", h).strip().lower() for h in table[0]]
    _check_header(header, file)
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name}
        rows.append(_row(line, values))
    return rows


def _yaml_rows(path: Path) -> list[Row]:
    doc = read_yaml(path, what="roster")
    if not isinstance(doc.value, list):
        raise input_error(
            doc.file,
            "a YAML roster is a list of clients (lines starting with '- client: ...').",
            1,
            1,
        )
    rows = []
    problems: list[Problem] = []
    for index, item in enumerate(doc.value):
        file, line, column = doc.locate((index,))
        if not isinstance(item, dict):
            problems.append(
                Problem(
                    file,
                    "each client is a mapping (client:, plan:, ...).",
                    line,
                    column,
                    f"[{index + 1}]",
                )
            )
            continue
        values: dict[str, str] = {}
        maxes: dict[str, str] = {}
        for key, value in item.items():
            if key == "maxes" and isinstance(value, dict):
                maxes.update({str(k): str(v) for k, v in value.items()})
            elif key == "days" and isinstance(value, list):
                values["days"] = ",".join(str(v) for v in value)
            elif isinstance(value, dict | list):
                problems.append(
                    Problem(
                        file,
                        f"'{key}' must be a single value.",
                        line,
                        column,
                        f"[{index + 1}].{key}",
                    )
                )
            else:
                values[str(key)] = "" if value is None else str(value)
        _check_header([*values, *(["maxes"] if maxes else [])], doc.file, allow_maxes=True)
        row = _row(index + 1, values)
        rows.append(Row(row.number, row.values, {**row.maxes, **maxes}))
    if problems:
        raise InputError(problems)
    return rows


def _check_header(header: list[str], file: str, allow_maxes: bool = False) -> None:
    known = [
        h for h in header if h in COLUMNS or h.startswith("max.") or (allow_maxes and h == "maxes")
    ]
    unknown = [h for h in header if h and h not in known]
    if unknown:
        from pdfgen.io.validation import suggestion

        name = unknown[0]
        raise input_error(
            file,
            f"unknown column '{name}'{suggestion(name, COLUMNS)}; the "
            f"columns are {', '.join(COLUMNS)} and max.<exercise>.",
        )
    if "client" not in header:
        raise input_error(file, "the roster needs a 'client' column.")
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        # Which of the two a row means cannot be known: one would silently win.
        raise input_error(
            file, f"the column '{twice[0]}' appears twice in the header; keep one of them."
        )


def _row(number: int, values: dict[str, str]) -> Row:
    maxes = {k[4:]: v for k, v in values.items() if k.startswith("max.") and v}
    plain = {k: v for k, v in values.items() if not k.startswith("max.")}
    return Row(number, plain, maxes)


def safe_file_name(client: str, plan: str) -> str:
    """A file name for a client's booklet that is safe on every system and stays in its folder.

    >>> safe_file_name("Zoë Ørsted", "upper-back")
    'Zoë Ørsted - upper-back.pdf'
    >>> safe_file_name("../../etc/passwd", "x"), safe_file_name("CON", "x"), safe_file_name("", "x")
    ('etc passwd - x.pdf', 'client-CON - x.pdf', 'client - x.pdf')
    """

    def clean(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        text = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", " ", text)  # separators and controls
        text = without_invisibles(text)
        text = " ".join(text.split()).strip(" .")
        return text

    name = bytes_at_most(clean(client), MAX_NAME_BYTES).strip(" .") or "client"
    if name.split(".")[0].lower() in RESERVED:
        name = f"client-{name}"
    stem = bytes_at_most(clean(Path(plan).stem), 60).strip(" .") or "plan"
    return f"{name} - {stem}.pdf"
