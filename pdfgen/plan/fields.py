"""The plan format's own value types, as schema fields: rep targets, loads, efforts, times, set
schemes and week keys. Each reads what a trainer writes into a value, or says what to write;
each shows in `pdfgen schema` with examples.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
)

from pdfgen.io.fields import Name, Note, Range, Strict, text
from pdfgen.plan.limits import MAX_SETS
from pdfgen.plan.loads import LoadError, parse_loads
from pdfgen.plan.reps import RepsError, RepTargets, parse_reps
from pdfgen.plan.sets import (
    MAX_EXTRA,
    Effort,
    SchemeError,
    SetGroup,
    parse_scheme,
    read_effort,
    split_loads,
    split_reps,
)
from pdfgen.plan.work import WorkError, parse_work


def _reps(value: Any) -> RepTargets:
    if isinstance(value, RepTargets):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("write reps as a number (12), a range (6-8), 5+, AMRAP, 30s or 10/side.")
    try:
        return RepTargets(split_reps(str(value), str(value)))
    except SchemeError:
        try:
            parse_reps(value)  # the message of the one target, not of the list
        except RepsError as exc:
            raise ValueError(str(exc)) from None
        raise


Reps = Annotated[
    RepTargets,
    PlainValidator(_reps),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 100},
                {
                    "type": "string",
                    "examples": [
                        "6-8",
                        "5+",
                        "AMRAP",
                        "30s",
                        "20 min",
                        "5 km",
                        "10/side",
                        "12/10/8",
                    ],
                },
            ],
            "description": "A number (12), a range (6-8), at least N then as many as possible "
            "(5+), AMRAP, a time (30s, 20 min), a distance (5 km), per side (10/side), or one "
            "per set (12/10/8/6).",
        }
    ),
]


def _load_text(value: Any) -> Any:
    # A load that reads as a quantity must be a sane one; anything else is a description.
    if isinstance(value, str):
        try:
            parse_loads(value)
        except LoadError as exc:
            raise ValueError(str(exc)) from None
    return value


LoadText = Annotated[Name, AfterValidator(_load_text)]


def _effort(kind: str) -> Any:
    def read(value: Any) -> Effort:
        if isinstance(value, Effort):
            return value
        try:
            return read_effort(value, kind)
        except SchemeError as exc:
            raise ValueError(str(exc)) from None

    return read


Rpe = Annotated[
    Effort,
    PlainValidator(_effort("rpe")),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "examples": [8, "7-8"]}]}),
]
Rir = Annotated[
    Effort,
    PlainValidator(_effort("rir")),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "examples": [2, "1-2"]}]}),
]


def _seconds(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value} s"
    try:
        target = parse_reps(value) if isinstance(value, str) else None
    except RepsError:
        target = None
    if target is None or not target.timed or target.low != target.high or target.amrap:
        raise ValueError("write a time, like '10 s' or '1 min'.")
    return int(target.low)


Seconds = Annotated[
    int,
    PlainValidator(_seconds),
    WithJsonSchema({"type": "string", "examples": ["10 s", "1 min"]}),
]


def _tempo(value: str) -> str:
    if not re.fullmatch(r"[0-9Xx]([-/ ]?[0-9Xx]){2,3}", value):
        raise ValueError(
            f"'{value}' is not a tempo; write the seconds down, pause, up and pause, like 3-1-1-0 "
            "(X for explosive)."
        )
    return value


Tempo = Annotated[str, text(20), AfterValidator(_tempo)]


def _scheme_text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("write sets like '3x8' or '5 @ 65% TM, 5+ @ 85% TM'.")
    written = str(value).strip()
    if len(written) > 300:
        raise ValueError(f"is {len(written):,} characters long; the most is 300.")
    if not re.search(r"\d|amrap|max", written, re.IGNORECASE):
        raise ValueError(
            f"must be a number of sets (3), or sets like '3x8' or '5 @ 65% TM, 5+ @ 85% TM'; "
            f"not '{written}'."
        )
    try:
        parse_scheme(written)
    except SchemeError as exc:
        raise ValueError(str(exc)) from None
    return written


SchemeText = Annotated[
    str,
    PlainValidator(_scheme_text),
    WithJsonSchema(
        {"type": "string", "examples": ["5x5", "5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM", "5x3+"]}
    ),
]


class GroupSpec(Strict):
    """Sets with their own targets, as a mapping: the keys an exercise has, for these sets."""

    sets: Annotated[int, Range(1, MAX_SETS)] = Field(default=1, description="How many sets.")
    reps: Reps | None = None
    load: LoadText | None = None
    hold: Seconds | None = Field(default=None, description="How long each rep is held.")
    rpe: Rpe | None = None
    rir: Rir | None = None
    rest: Name | None = None
    notes: Note | None = None
    drops: Annotated[int, Range(1, MAX_EXTRA)] | None = Field(
        default=None, description="Drop sets after the last of these sets, each logged."
    )
    rest_pause: Annotated[int, Range(1, MAX_EXTRA)] | None = Field(
        default=None, description="Rest-pause mini-sets after the last of these sets."
    )

    def groups(self) -> list[SetGroup]:
        """These sets as groups (one per set when `reps` gives one number per set)."""
        targets = list(self.reps or ())
        base = SetGroup(
            self.sets,
            load=self.load,
            rpe=self.rpe,
            rir=self.rir,
            rest=self.rest,
            notes=self.notes,
            hold=self.hold or 0,
            drops=self.drops or 0,
            rest_pause=self.rest_pause or 0,
        )
        if len(targets) <= 1:
            return [SetGroup(**{**base.__dict__, "reps": targets[0] if targets else None})]
        if self.sets not in (1, len(targets)):
            raise ValueError(f"gives {len(targets)} rep targets for {self.sets} sets.")
        loads = split_loads(self.load, len(targets), self.load or "")
        return [
            SetGroup(**{**base.__dict__, "count": 1, "reps": t, "load": load})
            for t, load in zip(targets, loads, strict=True)
        ]


def _by_type(value: Any) -> str:
    """The union member a `sets:` value (or an item of it) is read as, by its type."""
    if isinstance(value, dict | GroupSpec):
        return "~group"
    if isinstance(value, list):
        return "~list"
    if isinstance(value, int | float):  # also True and 2.5: the count says what is wrong
        return "~count"
    if isinstance(value, str) and value.strip().isdigit():
        return "~count"
    return "~text"


SchemeItem = Annotated[
    Annotated[SchemeText, Tag("~text")] | Annotated[GroupSpec, Tag("~group")],
    Discriminator(lambda v: "~group" if _by_type(v) == "~group" else "~text"),
]


def sets_field(least: int) -> Any:
    """The `sets:` key: a count (from `least`), a scheme, or a list of groups."""
    return Annotated[
        Annotated[Annotated[int, Range(least, MAX_SETS)], Tag("~count")]
        | Annotated[SchemeText, Tag("~text")]
        | Annotated[list[SchemeItem], Field(min_length=1, max_length=MAX_SETS), Tag("~list")],
        Discriminator(lambda v: "~text" if _by_type(v) == "~group" else _by_type(v)),
    ]


def _work(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("write the work like '8 x (running 60 s, walking 90 s)'.")
    try:
        parse_work(value)
    except WorkError as exc:
        raise ValueError(str(exc)) from None
    return value.strip()


WorkText = Annotated[
    str,
    text(600),
    AfterValidator(_work),
    WithJsonSchema(
        {"type": "string", "examples": ["8 x (running 60 s, walking 90 s)", "running 30 min"]}
    ),
]


def _week_key(value: Any) -> Any:
    # Keys are read as text: "3" is week 3, "1-3" weeks 1 to 3.
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def week_span(key: int | str) -> tuple[int, int]:
    """The first and last week a `weeks:` key names: 3, or "1-3".

    >>> week_span(3), week_span("1-3")
    ((3, 3), (1, 3))
    """
    if isinstance(key, int):
        return key, key
    match = re.fullmatch(r"(\d{1,2})\s*[-–]\s*(\d{1,2})", key)
    if match is None:
        raise ValueError(f"'{key}' is not a week; write a week number (3) or weeks (1-3).")
    first, last = int(match[1]), int(match[2])
    if first > last:
        raise ValueError(f"weeks {key} run backwards; write {last}-{first}.")
    return first, last


WeekKey = Annotated[int | str, BeforeValidator(_week_key)]


def _share(value: Any) -> float:
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            value = float(value.strip()[:-1].replace(",", ".")) / 100
        except ValueError:
            raise ValueError(
                f"write the training max as a share of the one-rep max, like 90%; not '{value}'."
            ) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.5 <= value <= 1:
        raise ValueError(
            "write the training max as a share of the one-rep max, from 50% to 100%, like 90%."
        )
    return float(value)


TrainingMax = Annotated[
    float,
    PlainValidator(_share),
    PlainSerializer(lambda share: f"{share * 100:g}%", return_type=str),
    WithJsonSchema({"type": "string", "examples": ["90%", "85%"]}),
]


# A week's `sets:`, read as text: a set scheme for an exercise, the work for a circuit (which
# the week belongs to is known only where the week is used).
WeekSets = Annotated[
    Annotated[Annotated[int, Range(0, MAX_SETS)], Tag("~count")]
    | Annotated[str, text(600), Tag("~text")]
    | Annotated[list[SchemeItem], Field(min_length=1, max_length=MAX_SETS), Tag("~list")],
    Discriminator(lambda v: "~text" if _by_type(v) == "~group" else _by_type(v)),
]
