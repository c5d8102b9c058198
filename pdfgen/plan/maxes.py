"""A client's maxes: the most they can lift for a number of reps, and the loads they stand for.

A trainer gives a one-rep max (`squat=140kg`) or an n-rep max (`squat=140kgx5`: 140 kg five
times). Loads in a plan are shares of a one-rep max (`70%`), of an n-rep max (`90% 5RM`) or of
the training max (`65% TM`, a share of the one-rep max the plan states). One max stands for the
others through Epley's formula, the one most coaches use:

    one-rep max = weight × (1 + reps / 30)

and its inverse for an n-rep max (a one-rep max is the weight itself, not 1/30 more).

Pure functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from pdfgen.units import Unit, convert

MAX_REPS_OF_A_MAX = 20


@dataclass(frozen=True)
class Max:
    """The most a client lifts for `reps` reps (1: a one-rep max). `unit` None is the client's
    units, not yet known (a bare number on the command line)."""

    value: float
    unit: Unit | None = None
    reps: int = 1

    def with_unit(self, unit: Unit) -> Max:
        """The max with its unit, if it had none."""
        return self if self.unit is not None else Max(self.value, unit, self.reps)

    def rep_max(self, reps: int = 1) -> float:
        """The weight for `reps` reps, in the max's own unit.

        >>> round(Max(140, "kg", 5).rep_max(1), 2), Max(140, "kg", 5).rep_max(5)
        (163.33, 140)
        >>> round(Max(163.33, "kg").rep_max(5), 2)
        140.0
        """
        if reps == self.reps:
            return self.value
        one = self.value * epley(self.reps)
        return one / epley(reps)

    def in_units(self, units: Unit, reps: int = 1) -> float:
        """The weight for `reps` reps, in `units`."""
        assert self.unit is not None, "a max's unit is known before its loads are worked out"
        return convert(self.rep_max(reps), self.unit, units)

    def __str__(self) -> str:
        text = f"{self.value:g} {self.unit or ''}".strip()
        return text if self.reps == 1 else f"{text} × {self.reps}"


def epley(reps: int) -> float:
    """How much more a one-rep max is than an n-rep max: 1 + reps / 30 (1 for one rep).

    >>> epley(1), round(epley(5), 4), epley(10)
    (1.0, 1.1667, 1.3333333333333333)
    """
    return 1.0 if reps <= 1 else 1 + reps / 30
