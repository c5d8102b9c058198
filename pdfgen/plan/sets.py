"""Set schemes: the sets of one exercise as coaches write them, each group with its own reps,
load and effort.

    5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM      three sets, the last as many reps as possible
    5/3/1+ @ 75/85/95% TM                    the same, one number per set
    5x10 @ 50% TM                            five sets of ten
    5x3+                                     five sets of three, the last as many as possible
    1x5 @ 100 kg, 3x5 @ 90% of set 1         a top set and back-off sets
    3x8 @ RPE 8 rest 2 min                   an effort target and a rest
    12 @ 60 kg + 2 drops                     a set, then two drop sets, each logged
    10 RIR 1 + rest-pause 2                  a set, then two rest-pause mini-sets

Groups are separated by commas (a comma between two digits is a decimal comma: 62,5 kg).

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pdfgen.errors import shown
from pdfgen.plan.limits import MAX_SETS
from pdfgen.plan.loads import LoadError, parse_loads
from pdfgen.plan.reps import RepsError, RepTarget, parse_reps

MAX_EXTRA = 5  # drop sets or rest-pause mini-sets after one set


@dataclass(frozen=True)
class Effort:
    """An effort target: an RPE or RIR value, or a range of them ("RIR 1-2")."""

    low: float
    high: float

    def __str__(self) -> str:
        low, high = f"{self.low:g}", f"{self.high:g}"
        return low if self.low == self.high else f"{low}–{high}"


@dataclass(frozen=True)
class SetGroup:
    """Sets in a row with the same target. A value left None is the exercise's own."""

    count: int
    reps: RepTarget | None = None
    load: str | None = None  # as written: parsed where it is worked out
    rpe: Effort | None = None
    rir: Effort | None = None
    rest: str | None = None
    notes: str | None = None
    hold: int = 0  # seconds each rep is held
    last_amrap: bool = False  # "5x3+": the last set goes on for as many reps as possible
    drops: int = 0  # drop sets after the group's last set
    rest_pause: int = 0  # rest-pause mini-sets after the group's last set


class SchemeError(ValueError):
    """A set scheme that cannot be read."""


_COUNT = re.compile(r"\s*(?P<count>\d{1,3})\s*[x×]\s*(?P<rest>\S.*)", re.IGNORECASE | re.DOTALL)
_WHAT = r"drops?|drop\s+sets?|rest[-\s]?pauses?(?:\s+(?:sets?|mini[-\s]?sets?))?"
_EXTRA = re.compile(
    rf"\s+\+\s*(?:(?P<n>\d{{1,2}})\s*(?P<what>{_WHAT})|(?P<what2>{_WHAT})\s*(?P<n2>\d{{1,2}}))\s*$",
    re.IGNORECASE,
)
_EFFORT = re.compile(
    r"(?:@\s*)?\b(?P<kind>rpe|rir)\s*(?P<low>\d{1,2}(?:[.,]5)?)\s*(?:[-–—]\s*(?P<high>\d{1,2}(?:[.,]5)?))?",
    re.IGNORECASE,
)
_REST = re.compile(
    r"\brest\s+(?P<rest>\d{1,3}(?:[.,]\d)?\s*(?:s|sec|secs|seconds|min|mins|minutes)\b)",
    re.IGNORECASE,
)
# A comma separates groups unless it stands between two digits (a decimal comma).
_SEPARATOR = re.compile(r"(?<!\d),|,(?!\d)")


def parse_scheme(text: str) -> tuple[SetGroup, ...]:
    """The set groups a scheme writes.

    >>> [(g.count, str(g.reps), g.load) for g in parse_scheme("5/3/1+ @ 75/85/95% TM")]
    [(1, '5', '75% TM'), (1, '3', '85% TM'), (1, '1+', '95% TM')]
    >>> g = parse_scheme("5x3+")[0]; (g.count, str(g.reps), g.last_amrap)
    (5, '3', True)
    >>> g = parse_scheme("3 x 8-12 @ 62,5 kg RIR 1-2 rest 90 s + 2 drops")[0]
    >>> (g.count, str(g.reps), g.load, str(g.rir), g.rest, g.drops)
    (3, '8–12', '62,5 kg', '1–2', '90 s', 2)
    """
    parts = [part.strip() for part in _SEPARATOR.split(str(text))]
    if not all(parts):
        raise SchemeError(f"'{text}' has an empty set between commas. {HELP}")
    groups = tuple(group for part in parts for group in parse_group(part))
    check_size(groups, str(text))
    return groups


def check_size(groups: tuple[SetGroup, ...], written: str) -> None:
    """Refuse more sets than an exercise may have."""
    total = sum(g.count for g in groups)
    if total > MAX_SETS:
        raise SchemeError(f"'{written}' adds up to {total} sets; the most is {MAX_SETS}.")


def parse_group(text: str) -> list[SetGroup]:
    """One comma-separated part of a scheme: a group, or one group per set of a pyramid."""
    rest = text
    drops = pauses = 0
    if extra := _EXTRA.search(rest):
        n = int(extra["n"] or extra["n2"])
        if not 1 <= n <= MAX_EXTRA:
            raise SchemeError(f"'{text}': 1 to {MAX_EXTRA} drop or rest-pause sets follow a set.")
        what = (extra["what"] or extra["what2"]).lower()
        drops, pauses = (n, 0) if what.startswith("drop") else (0, n)
        rest = rest[: extra.start()]
    rpe = rir = None
    for effort in _EFFORT.finditer(rest):
        value = _effort(effort, text)
        if effort["kind"].lower() == "rpe":
            rpe = value
        else:
            rir = value
    rest = _EFFORT.sub(" ", rest)
    pause = _REST.search(rest)
    rest_time = pause["rest"].strip() if pause else None
    rest = _REST.sub(" ", rest)
    reps_text, at, load_text = rest.partition("@")
    reps_text, load_text = reps_text.strip(), load_text.strip()
    if at and not load_text:
        raise SchemeError(f"'{text}': say after @ what load, like '5 @ 60 kg'.")
    if rpe and rir:
        raise SchemeError(f"'{text}': give an RPE or an RIR target, not both.")
    base = SetGroup(1, rpe=rpe, rir=rir, rest=rest_time, drops=drops, rest_pause=pauses)
    return _groups(base, reps_text, load_text or None, text)


def _groups(base: SetGroup, reps_text: str, load_text: str | None, text: str) -> list[SetGroup]:
    count = 1
    if times := _COUNT.fullmatch(reps_text):
        count, reps_text = int(times["count"]), times["rest"].strip()
        if count < 1:
            raise SchemeError(f"'{text}': a group has at least one set.")
    targets = split_reps(reps_text, text)
    loads = split_loads(load_text, len(targets), text)
    if len(targets) > 1 and count > 1:
        raise SchemeError(
            f"'{text}': give a count (3x8) or one number per set (12/10/8), not both."
        )
    if len(targets) == 1:
        target, last_amrap = targets[0], False
        if count > 1 and target.amrap and target.low:
            # "5x3+": five sets of three, the last as many as possible, as GZCLP writes it.
            target, last_amrap = replace(target, amrap=False), True
        return [replace(base, count=count, reps=target, load=loads[0], last_amrap=last_amrap)]
    last = len(targets) - 1
    return [
        replace(
            base,
            reps=target,
            load=load,
            drops=base.drops if i == last else 0,
            rest_pause=base.rest_pause if i == last else 0,
        )
        for i, (target, load) in enumerate(zip(targets, loads, strict=True))
    ]


def split_reps(text: str, whole: str) -> list[RepTarget]:
    """One rep target per set of a pyramid ("12/10/8/6"), or the one target ("10/side").

    >>> [str(t) for t in split_reps("12/10/8/6", "")], [str(t) for t in split_reps("10/side", "")]
    (['12', '10', '8', '6'], ['10 / side'])
    """
    if not text:
        raise SchemeError(f"'{whole}' gives no reps. {HELP}")
    pieces = text.split("/")
    numbered = all(re.match(r"\s*\d", p) for p in pieces)
    if (
        len(pieces) > 1
        and numbered
        and all(re.fullmatch(r"\s*\d{1,3}\s*\+?\s*", p) for p in pieces[:-1])
    ):
        unit = re.sub(r"^\s*\d{1,3}\s*\+?", "", pieces[-1])  # "30/45/60 s": the unit of them all
        texts = [f"{p.strip()}{unit}" for p in pieces[:-1]] + [pieces[-1]]
    else:
        texts = [text]
    try:
        return [parse_reps(t) for t in texts]
    except RepsError as exc:
        raise SchemeError(f"'{whole}': {exc}") from None


def split_loads(text: str | None, sets: int, whole: str) -> list[str | None]:
    """The load of each of `sets` sets: one per set ("40/45/50 kg"), or the one for all."""
    if text is None:
        return [None] * sets
    try:
        loads = parse_loads(text)
    except LoadError as exc:
        raise SchemeError(f"'{whole}': {exc}") from None
    if len(loads) == 1:
        return [text] * sets
    if len(loads) != sets:
        raise SchemeError(
            f"'{whole}' gives {len(loads)} loads for {sets} sets; give one load per set, or one "
            "for all."
        )
    return [str(load) for load in loads]


def check_load(text: str) -> None:
    """Raise SchemeError for a load that cannot be worked out (see `parse_load`)."""
    try:
        parse_loads(text)
    except LoadError as exc:
        raise SchemeError(str(exc)) from None


def _effort(match: re.Match[str], text: str) -> Effort:
    low = float(match["low"].replace(",", "."))
    high = float((match["high"] or match["low"]).replace(",", "."))
    kind = match["kind"].upper()
    top = 10
    if not (0 <= low <= high <= top) or (kind == "RPE" and low < 1):
        raise SchemeError(f"'{text}': {kind} {match['low']} is not a target (RPE 1-10, RIR 0-10).")
    return Effort(low, high)


def read_effort(value: float | int | str, kind: str) -> Effort:
    """An effort target as a plan's `rpe:` or `rir:` key writes it: 8, 7.5 or a range "7-8".

    >>> str(read_effort("1-2", "rir")), str(read_effort(8, "rpe"))
    ('1–2', '8')
    """
    match = re.fullmatch(
        r"\s*(?P<low>\d{1,2}(?:[.,]\d)?)\s*(?:[-–—]\s*(?P<high>\d{1,2}(?:[.,]\d)?))?\s*",
        str(value),
    )
    least = 1 if kind == "rpe" else 0
    if match is None or isinstance(value, bool):
        raise SchemeError(
            f"must be a number from {least} to 10 (or a range like 7-8), not {shown(value)}."
        )
    low = float(match["low"].replace(",", "."))
    high = float((match["high"] or match["low"]).replace(",", "."))
    if not least <= low <= high <= 10:
        raise SchemeError(
            f"{kind.upper()} runs from {least} to 10, low to high; not {str(value).strip()}."
        )
    return Effort(low, high)


HELP = (
    "Write sets like '3x8', '5 @ 65% TM, 5 @ 75% TM, 5+ @ 85% TM', '12/10/8/6 @ 40/45/50/55 kg' "
    "or '3x8 @ RPE 8'."
)
