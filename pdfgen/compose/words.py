"""Every printed word and number format, from the layout's labels: how a weight, a rep target, a
set's number, an effort target, a date and a progression read on the page. The schedule carries
numbers; the booklet's sections, the log sheets, the chart and the form fields' records all say
them through here, so a translation is a layout file.

Pure: no PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pdfgen.plan.reps import RepTarget
from pdfgen.plan.sets import Effort
from pdfgen.schedule.model import LoadTarget, SetTarget
from pdfgen.style.labels import Labels


def number(value: float) -> str:
    """A number as printed: no needless decimals.

    >>> number(42.5), number(40.0), number(0.1 + 0.2)
    ('42.5', '40', '0.3')
    """
    return f"{value:g}" if value == round(value, 3) else f"{round(value, 3):g}"


# The label each unit a time or distance is shown in prints with.
_UNIT_LABELS = {
    "s": "seconds",
    "min": "minutes",
    "h": "hours",
    "m": "metres",
    "km": "kilometres",
    "mi": "miles",
}


@dataclass(frozen=True)
class Words:
    """The layout's labels, applied: `Words(layout.labels, "kg", layout.date_format)`."""

    labels: Labels
    units: str = "kg"
    date_format: str = "%Y-%m-%d"

    # -- numbers with their units ---------------------------------------------------------------

    def weight(self, value: float) -> str:
        """A weight in the client's units: 42.5 kg."""
        return self.labels.weight.format(value=number(value), units=self.units)

    def percent(self, share: float) -> str:
        """A share as a percentage: 0.5 is 50%."""
        return self.labels.share.format(percent=f"{share * 100:.0f}")

    def load(self, load: LoadTarget | None) -> str:
        """A set's load: a weight, a load step over a load in words (+5 kg, +10%), or a share
        of one in a deload (90%); empty when there is none to print."""
        if load is None:
            return ""
        if load.weight is not None:
            return self.weight(load.weight)
        if load.added is not None and load.added < 0:
            return self.labels.assisted.format(load=self.weight(-load.added))
        if load.added is not None:
            return self.labels.added_load.format(load=self.weight(load.added))
        if load.added_percent is not None:
            percent = self.labels.share.format(percent=number(load.added_percent))
            return self.labels.added_load.format(load=percent)
        if load.share is not None:
            return self.labels.share.format(percent=number(load.share * 100))
        return load.words

    def reps(self, target: RepTarget, *, per_side: bool = True) -> str:
        """A rep target: 6–8, 12, 5+, AMRAP, 30 s, 20 min, 5 km, 10 / side, 6 × 10 s (each
        rep held); `per_side` False leaves out "/ side" (on a row of one side)."""
        labels = self.labels
        if target.amrap and not target.low:
            text = labels.amrap
        else:
            low, high = number(target.low / target.factor), number(target.high / target.factor)
            text = low if low == high else labels.reps_range.format(low=low, high=high)
            if target.amrap:
                text = labels.at_least.format(reps=text)
            unit = _UNIT_LABELS.get(target.shown)
            if unit:
                text = getattr(labels, unit).format(reps=text)
        if target.hold:
            text = labels.hold.format(reps=text, hold=self.duration(target.hold))
        if target.per_side and per_side:
            text = labels.per_side.format(reps=text)
        return text

    def duration(self, seconds: float, minutes_from: float = 120) -> str:
        """A time as plans write it: 45 s, 2 min, 1.5 h (whole or half minutes from
        `minutes_from` up: an interval of 60 s is "1 min")."""
        if seconds >= 3600 and seconds % 900 == 0:
            return self.labels.hours.format(reps=number(seconds / 3600))
        if seconds >= minutes_from and seconds % 30 == 0:
            return self.labels.minutes.format(reps=number(seconds / 60))
        return self.labels.seconds.format(reps=number(seconds))

    def set_label(self, target: SetTarget) -> str:
        """A set's number in its grid: 1, 2, ... W1 for the first warm-up set, 1 L and 1 R for
        its sides, ↓1 and RP1 for the drop and rest-pause sets after it; a circuit's round."""
        labels = self.labels
        if target.step >= 0:
            return str(target.shown) if target.shown else ""
        if target.extra == "drop":
            return labels.drop_set.format(n=target.extra_number)
        if target.extra == "rest_pause":
            return labels.rest_pause_set.format(n=target.extra_number)
        text = labels.warmup_set.format(n=target.number) if target.warmup else str(target.number)
        if target.side:
            side = labels.side_left if target.side == "left" else labels.side_right
            text = labels.side_set.format(n=text, side=side)
        return text

    def effort(self, effort: Effort | None, kind: str = "rpe") -> str:
        """An effort target: RPE 8, RIR 1–2 (or nothing)."""
        if effort is None:
            return ""
        value = str(effort)
        return (self.labels.rir if kind == "rir" else self.labels.rpe).format(value=value)

    def tempo(self, tempo: str | None) -> str:
        """The tempo target: tempo 3-1-1-0 (or nothing)."""
        return f"{self.labels.tempo} {tempo}" if tempo else ""

    def rest(self, rest: str | None) -> str:
        """The rest: Rest 90 s (or nothing)."""
        return f"{self.labels.rest} {rest}" if rest else ""

    def spans(self, numbers: list[int]) -> str:
        """Numbers in runs, as weeks are said: 1–4, 6.

        >>> from pdfgen.style.loading import load_layout
        >>> Words(load_layout().labels).spans([1, 2, 3, 4, 6])
        '1–4, 6'
        """
        runs: list[list[int]] = []
        for n in numbers:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        said = [
            str(run[0])
            if len(run) == 1
            else self.labels.reps_range.format(low=run[0], high=run[-1])
            for run in runs
        ]
        return ", ".join(said)

    def listed(self, parts: list[str]) -> str:
        """Parts in a sentence: a, b and c."""
        if len(parts) < 2:
            return "".join(parts)
        return self.labels.list_and.format(rest=", ".join(parts[:-1]), last=parts[-1])

    def sets_summary(self, sets: tuple[SetTarget, ...], warmups: int = 0) -> str:
        """An exercise's sets in short, as trainers write them: 3 × 8, 5/5/5+, 12/10/8/6
        (sides, drop and rest-pause sets counted with their set), with its warm-up sets.

        Sets alike at one load whose last goes on for as many reps as possible are "5 × 3+"
        (GZCLP's notation); sets at loads of their own keep a number each (5/3/1's 5/5/5+).
        """
        work = [s for s in sets if s.counts]
        last = work[-1].reps if work else None
        alike = {replace(s.reps, amrap=True) for s in work[:-1]} == {last}
        if last is not None and last.amrap and alike and len({s.load for s in work}) == 1:
            said = self.labels.sets_times_reps.format(sets=len(work), reps=self.reps(last))
            return self.with_warmups(said, warmups)
        return self.targets_summary([s.reps for s in work], warmups)

    def targets_summary(self, targets: list[RepTarget], warmups: int = 0) -> str:
        """Sets' targets in short: 3 × 6–8, 12/10/8/6, 5/5/5+ (up to four sets, each said),
        6 × 3, 2 (beyond), with the warm-up sets."""
        labels = self.labels
        said = [self.reps(t) for t in targets]
        if not said:
            return ""
        if len(set(said)) == 1:
            text = labels.sets_times_reps.format(sets=len(said), reps=said[0])
        elif len(said) > 4 and len(set(said[:-1])) == 1:
            first = labels.sets_times_reps.format(sets=len(said) - 1, reps=said[0])
            text = f"{first}, {said[-1]}"
        else:
            text = "/".join(said)  # 5/5/5+, 12/10/8/6: each set at a glance
        return self.with_warmups(text, warmups)

    def with_warmups(self, text: str, warmups: int) -> str:
        """Sets said in short with the warm-up sets before them, if any: 3 × 5 + 2 warm-up."""
        labels = self.labels
        if warmups:
            return labels.warmup_sets.format(target=text, n=warmups, warmup=labels.warmup)
        return text

    def loads_summary(self, sets: tuple[SetTarget, ...]) -> str:
        """The loads of an exercise's work sets in short: 60 kg, or 82.5/95/107.5 kg."""
        weights = [s.load.weight for s in sets if s.counts and s.load and s.load.weight is not None]
        others = [self.load(s.load) for s in sets if s.counts and s.load and s.load.weight is None]
        if weights and len(set(weights)) > 1:
            joined = "/".join(number(w) for w in weights)
            return self.labels.weight.format(value=joined, units=self.units)
        if weights:
            return self.weight(weights[0])
        return others[0] if others else ""

    def date(self, day: date) -> str:
        """A date, in the layout's format."""
        # "%-d" (a day without its leading zero) is glibc's; said here for every platform.
        unpadded = self.date_format.replace("%-d", str(day.day)).replace("%-m", str(day.month))
        return day.strftime(unpadded)

    def subject(self, program: str, weeks: int, client: str = "") -> str:
        """The PDF's subject (its metadata): what the booklet is, and for whom."""
        subject = self.labels.subject.format(program=program, weeks=weeks)
        if client:
            subject = self.labels.subject_client.format(subject=subject, client=client)
        return subject

    def ordinal(self, n: int) -> str:
        """2nd, 3rd, 4th, 11th, 21st, with the layout's suffixes.

        >>> from pdfgen.style.loading import load_layout
        >>> words = Words(load_layout().labels)
        >>> [words.ordinal(n) for n in (2, 3, 4, 11, 12, 21, 22)]
        ['2nd', '3rd', '4th', '11th', '12th', '21st', '22nd']
        """
        other, first, second, third = self.labels.ordinals
        suffix = {1: first, 2: second, 3: third}.get(n % 10, other)
        return f"{n}{other if 10 <= n % 100 <= 20 else suffix}"
