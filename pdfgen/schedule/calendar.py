"""Which session falls on which day: sessions taking turns through the weeks, the dates of
training days, and the letters of sessions and supersets. Pure: no I/O.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from datetime import date, timedelta

from pdfgen.plan.limits import WEEKDAYS, Weekday
from pdfgen.plan.model import Circuit, Prescription


def session_letter(index: int) -> str:
    """A, B, C... for the session at `index`.

    >>> [session_letter(i) for i in range(3)]
    ['A', 'B', 'C']
    """
    return string.ascii_uppercase[index % 26]


def session_order(sessions: int, days_per_week: int, week: int) -> list[int]:
    """Which session (by index) falls on each training day of `week` (1-based).

    Sessions cycle through the weeks without restarting, so every session gets its turn:

    >>> session_order(2, 3, 1), session_order(2, 3, 2)
    ([0, 1, 0], [1, 0, 1])
    >>> session_order(1, 2, 5)
    [0, 0]
    """
    first = (week - 1) * days_per_week
    return [(first + day) % sessions for day in range(days_per_week)]


def training_dates(start: date, weekdays: tuple[Weekday, ...], week: int) -> list[date]:
    """The dates of the training days in `week`, which begins `7 × (week - 1)` days after
    `start`; each weekday falls once in those seven days.

    >>> [d.isoformat() for d in training_dates(date(2027, 1, 4), ("mon", "thu"), 2)]
    ['2027-01-11', '2027-01-14']
    >>> [d.isoformat() for d in training_dates(date(2027, 1, 6), ("mon", "thu"), 1)]
    ['2027-01-07', '2027-01-11']
    """
    first = start + timedelta(weeks=week - 1)
    wanted = {WEEKDAYS.index(day) for day in weekdays}
    return [first + timedelta(days=n) for n in range(7) if (first.weekday() + n) % 7 in wanted]


def superset_labels(prescriptions: Sequence[Prescription | Circuit]) -> list[str]:
    """A1, A2... for exercises in a row that share a superset letter; "" for the others.

    >>> from types import SimpleNamespace as P
    >>> superset_labels([P(superset="A"), P(superset="A"), P(superset=None), P(superset="B")])
    ['A1', 'A2', '', 'B1']
    """
    labels: list[str] = []
    count = 0
    for index, item in enumerate(prescriptions):
        letter = getattr(item, "superset", None)  # a circuit is never in a superset
        if letter is None:
            labels.append("")
            continue
        same = index > 0 and getattr(prescriptions[index - 1], "superset", None) == letter
        count = count + 1 if same else 1
        labels.append(f"{letter}{count}")
    return labels
