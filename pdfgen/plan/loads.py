"""Loads: what a plan writes in `load:` and in a load step, and plate rounding.

Pure functions, no I/O.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Literal

from pdfgen.units import MAX_LOAD, Unit, convert, unit_of

_WEIGHT = r"(?P<value>\d{1,4}(?:[.,]\d+)?)\s*(?P<unit>kgs|kg|lbs|lb|%)"
_QUANTITY = re.compile(rf"\s*(?P<sign>[+−-])?\s*{_WEIGHT}\s*", re.IGNORECASE)
# Assistance written in words: "assisted 20 kg", "20 kg assistance".
_ASSISTED = re.compile(r"\s*assisted\s+(?P<a>.+)|(?P<b>.+?)\s+assist(?:ance|ed)?\s*", re.IGNORECASE)
# What a percentage is of: a max (1RM, 5RM, "5-rep max"), the training max, an earlier set.
_BASE = re.compile(
    r"""(?:of\s+)?(?:the\s+)?(?:
      (?P<tm>tm|training\s+max)
    | (?P<rm>\d{1,2})\s*(?:rm|-?\s*rep\s+max)
    | (?P<one>1rm|e1rm|max|one[-\s]rep\s+max)
    | set\s+(?P<set>\d{1,2})
    )(?![a-z0-9])""",
    re.VERBOSE | re.IGNORECASE,
)
_OFFSET = re.compile(
    r"\s*(?P<sign>[+−-])\s*(?P<value>\d{1,4}(?:[.,]\d+)?)\s*(?P<unit>kgs|kg|lbs|lb)\s*",
    re.IGNORECASE,
)
# What looks like a load to compute, so that it is never printed as a description by mistake.
_LOOKS_COMPUTED = re.compile(r"\d\s*%|\b\d{1,2}\s*rm\b|\btm\b|\btraining\s+max\b", re.IGNORECASE)
Sign = Literal[0, 1, -1]


@dataclass(frozen=True)
class Base:
    """What a percentage load is of: a max (`reps` 1 for the one-rep max, 5 for the five-rep
    max), the training max, or the load of an earlier set of the same exercise."""

    kind: Literal["max", "tm", "set"] = "max"
    n: int = 1  # the reps of a max, or the number of a set

    def __str__(self) -> str:
        if self.kind == "tm":
            return "TM"
        if self.kind == "set":
            return f"of set {self.n}"
        return f"{self.n}RM"


ONE_REP_MAX = Base()


@dataclass(frozen=True)
class Load:
    """A load: an amount in kg or lb, or a percentage (of the client's one-rep max, or of what
    `of` says), with a weight `offset` added after ("5RM + 2.5 kg")."""

    value: float
    unit: Unit | Literal["%"]
    # On bodyweight work: +1 a weight added (a belt or vest), -1 assistance (a machine or band);
    # 0 a load of its own.
    sign: Sign = field(default=0, repr=False)
    of: Base = field(default=ONE_REP_MAX, repr=False)
    offset: float = field(default=0.0, repr=False)  # in `offset_unit`
    offset_unit: Unit = field(default="kg", repr=False)

    @property
    def is_percent(self) -> bool:
        """Whether this is a percentage rather than a weight."""
        return self.unit == "%"

    @property
    def weight_unit(self) -> Unit:
        """The unit of a weight (not a percentage)."""
        return unit_of(self.unit)

    def in_units(self, units: Unit) -> float:
        """A weight's value in `units`.

        >>> round(Load(100, "kg").in_units("lb"), 1)
        220.5
        """
        return convert(self.value, self.weight_unit, units)

    def __str__(self) -> str:
        if not self.is_percent:
            return {1: "+", -1: "-", 0: ""}[self.sign] + f"{self.value:g} {self.unit}"
        text = f"{self.value:g}%"
        if self.of != ONE_REP_MAX:
            text += f" {self.of}"
        if self.offset:
            text += f" {'+' if self.offset > 0 else '-'} {abs(self.offset):g} {self.offset_unit}"
        return {1: "+", -1: "-", 0: ""}[self.sign] + text


class LoadError(ValueError):
    """A load that cannot be read."""


# A plan writes a few loads, and every week of every client's block reads them again.
@functools.lru_cache(maxsize=1024, typed=True)
def parse_load(text: str | int | float) -> Load | None:
    """A load as plans write it, or None when it is a description ("bodyweight", "light").

    >>> parse_load("40 kg"), parse_load("62,5kg"), parse_load("70%"), parse_load("bodyweight")
    (Load(value=40.0, unit='kg'), Load(value=62.5, unit='kg'), Load(value=70.0, unit='%'), None)

    A percentage is of the one-rep max unless it says otherwise: of the training max, of an
    n-rep max, or of an earlier set's load; a weight may follow it.

    >>> [str(parse_load(s)) for s in ["65% TM", "90% of the 5RM", "5RM + 2.5 kg", "80% of set 1"]]
    ['65% TM', '90% 5RM', '100% 5RM + 2.5 kg', '80% of set 1']

    On bodyweight work a weight is added on purpose ("+10 kg") or is assistance ("-20 kg",
    "assisted 20 kg", "20 kg assistance"):

    >>> parse_load("+10 kg").sign, parse_load("assisted 20 kg").sign, parse_load("-20 kg").sign
    (1, -1, -1)

    What looks like a load to work out but is not one is an error, never a description:

    >>> parse_load("60-70%")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    pdfgen.plan.loads.LoadError: '60-70%' is a range; pdfgen needs one load to work out: ...
    """
    assisted = _ASSISTED.fullmatch(str(text))
    if assisted:
        load = parse_load(assisted["a"] or assisted["b"])
        if load is None or load.sign or load.is_percent:
            raise LoadError(f"'{text}': write assistance as a weight, like 'assisted 20 kg'.")
        return Load(load.value, load.unit, -1)
    written = str(text).strip()
    match = _QUANTITY.match(written)
    if match is not None and match.end() == len(written):
        return _quantity(match)
    if match is not None and match["unit"] == "%":
        return _percent_of(written, _quantity(match), written[match.end() :])
    base = _BASE.match(written)
    # "max" alone stays a description ("as heavy as good form allows"); "1RM" is a load.
    if base is not None and (base["tm"] or base["rm"] or (base["one"] or "max").lower() != "max"):
        return _percent_of(written, Load(100, "%"), written)
    if _LOOKS_COMPUTED.search(written):
        if re.fullmatch(r"[+−-]?\s*[\d.,e+]+\s*%", written, re.IGNORECASE):
            raise LoadError(f"'{written}' is not a usable percentage (1 to 200).")
        raise LoadError(_not_computable(written))
    return None


def _quantity(match: re.Match[str]) -> Load:
    sign: Sign = {"+": 1, "-": -1, "−": -1}.get(match["sign"] or "", 0)  # type: ignore[assignment]
    number = match["value"].replace(",", ".")
    value = float(number)
    unit = match["unit"].lower().rstrip("s")
    if len(number.partition(".")[2]) > 3:
        raise LoadError(
            f"{number} {unit} has more decimal places than any plate; write at most three "
            f"({value:.3f} {unit})."
        )
    if unit == "%":
        if not 0 < value <= 200:
            raise LoadError(f"{value:g}% is not a usable percentage (1 to 200).")
        return Load(value, "%", sign)
    if value > MAX_LOAD[unit]:
        raise LoadError(f"{value:g} {unit} is more than anyone can lift.")
    if value <= 0:
        raise LoadError(f"a load of {value:g} {unit} is no load; leave it out, or describe it.")
    return Load(value, unit_of(unit), sign)


def _percent_of(written: str, percent: Load, rest: str) -> Load:
    """A percentage with what it is of and a weight after it, from the text after the `%`."""
    if percent.sign:
        raise LoadError(f"'{written}': a percentage load has no sign; write '{percent.value:g}%'.")
    base = _BASE.match(rest.strip())
    of = ONE_REP_MAX
    tail = rest.strip()
    if base is not None:
        of = _base(base)
        tail = tail[base.end() :]
    offset = _OFFSET.fullmatch(tail) if tail.strip() else None
    if tail.strip() and offset is None:
        raise LoadError(_not_computable(written))
    if offset is None:
        return Load(percent.value, "%", of=of)
    if of.kind == "set":
        raise LoadError(f"'{written}': a share of an earlier set takes no weight after it.")
    amount = _quantity(offset)
    signed = -amount.value if offset["sign"] in "-−" else amount.value
    return Load(percent.value, "%", of=of, offset=signed, offset_unit=amount.weight_unit)


def _base(match: re.Match[str]) -> Base:
    if match["tm"]:
        return Base("tm")
    if match["rm"]:
        reps = int(match["rm"])
        if not 1 <= reps <= 20:
            raise LoadError(f"a {reps}-rep max is not one pdfgen works from (1 to 20 reps).")
        return Base("max", reps)
    if match["set"]:
        return Base("set", int(match["set"]))
    return ONE_REP_MAX


def _not_computable(written: str) -> str:
    if re.search(r"\d\s*%?\s*[-–—]\s*\d+\s*%", written):
        return (
            f"'{written}' is a range; pdfgen needs one load to work out: pick one ('65%'), and "
            "give the range in `notes`."
        )
    return (
        f"'{written}' looks like a load to work out, but pdfgen cannot read it; write a weight "
        "('60 kg'), a percentage of the one-rep max ('70%'), of the training max ('65% TM'), of "
        "an n-rep max ('90% 5RM'), of an earlier set ('80% of set 1'), or describe it in words."
    )


def parse_loads(text: str | int | float) -> list[Load | None]:
    """One load per set, as a pyramid writes them ("40/45/50/55 kg", "75/85/95% TM"), or the
    one load of every set.

    >>> [str(load) for load in parse_loads("75/85/95% TM")]
    ['75% TM', '85% TM', '95% TM']
    >>> parse_loads("bodyweight")
    [None]
    """
    written = str(text).strip()
    slashed = re.fullmatch(
        r"(?P<numbers>\d{1,4}(?:[.,]\d+)?(?:\s*/\s*\d{1,4}(?:[.,]\d+)?)+)(?P<rest>\s*\D.*)", written
    )
    if slashed is None:
        loads = [parse_load(written)]
    else:
        numbers = [n.strip() for n in slashed["numbers"].split("/")]
        loads = [parse_load(number + slashed["rest"]) for number in numbers]
    if any(load is not None and load.is_percent and load.sign for load in loads):
        # "-30%" would silently become 30 % added: a share is of a max, never added or taken.
        raise LoadError(
            f"'{written}': a share of a max has no sign; write it without one ('30%'), or "
            "assistance as a weight ('-20 kg')."
        )
    return loads


def round_to(value: float, increment: float) -> float:
    """`value` rounded to the nearest multiple of `increment` (halves round up); a positive
    load never rounds down to nothing.

    A bar loads in steps of the smallest plate pair: with 1.25 kg plates, 2.5 kg.

    >>> round_to(43.7, 2.5), round_to(41.25, 2.5), round_to(88.18, 5), round_to(1, 2.5)
    (42.5, 42.5, 90.0, 2.5)
    """
    if increment <= 0:
        return value
    steps = math.floor(value / increment + 0.5 + 1e-9)
    if value > 0:
        steps = max(steps, 1)
    return float(max(0.0, round(steps * increment, 3)))


def format_weight(value: float, unit: Unit) -> str:
    """A weight as printed: no needless decimals.

    >>> format_weight(42.5, "kg"), format_weight(90.0, "lb")
    ('42.5 kg', '90 lb')
    """
    return f"{value:g} {unit}"
