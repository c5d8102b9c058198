"""Every printed word and number format, from the layout's labels: how a weight, a rep target, a
set's number, an effort target, a date and a progression read on the page. The schedule carries
numbers; the booklet's sections, the log sheets, the chart and the form fields' records all say
them through here, so a translation is a layout file.

Pure: no PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pdfgen.plan.model import Prescription, Progression
from pdfgen.plan.reps import RepTarget
from pdfgen.schedule.model import LoadTarget, SetTarget
from pdfgen.style.labels import Labels


def number(value: float) -> str:
    """A number as printed: no needless decimals.

    >>> number(42.5), number(40.0), number(0.1 + 0.2)
    ('42.5', '40', '0.3')
    """
    return f"{value:g}" if value == round(value, 3) else f"{round(value, 3):g}"


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

    def reps(self, target: RepTarget) -> str:
        """A rep target: 6–8, 12, AMRAP, 30 s, 10 / side."""
        labels = self.labels
        if target.amrap:
            return labels.amrap
        if target.low == target.high:
            text = str(target.low)
        else:
            text = labels.reps_range.format(low=target.low, high=target.high)
        if target.unit == "seconds":
            text = labels.seconds.format(reps=text)
        if target.per_side:
            text = labels.per_side.format(reps=text)
        return text

    def set_label(self, target: SetTarget) -> str:
        """A set's number in its grid: 1, 2, ... or W1 for the first warm-up set."""
        if target.warmup:
            return self.labels.warmup_set.format(n=target.number)
        return str(target.number)

    def date(self, day: date) -> str:
        """A date, in the layout's format."""
        return day.strftime(self.date_format)

    def subject(self, program: str, weeks: int, client: str = "") -> str:
        """The PDF's subject (its metadata): what the booklet is, and for whom."""
        subject = self.labels.subject.format(program=program, weeks=weeks)
        if client:
            subject = self.labels.subject_client.format(subject=subject, client=client)
        return subject

    # -- what a trainer wrote besides sets and reps ---------------------------------------------

    def effort(self, item: Prescription) -> str:
        """The effort target: RPE 8, RIR 2 (or nothing)."""
        if item.rpe is not None:
            return self.labels.rpe.format(value=number(item.rpe))
        if item.rir is not None:
            return self.labels.rir.format(value=item.rir)
        return ""

    def tempo(self, item: Prescription) -> str:
        """The tempo target: tempo 3-1-1-0 (or nothing)."""
        return f"{self.labels.tempo} {item.tempo}" if item.tempo else ""

    def rest(self, item: Prescription) -> str:
        """The rest: Rest 90 s (or nothing)."""
        return f"{self.labels.rest} {item.rest}" if item.rest else ""

    def sets_and_reps(self, item: Prescription) -> str:
        """An exercise's prescription in short: 3 × 6–8, with its warm-up sets."""
        labels = self.labels
        target = labels.sets_times_reps.format(sets=item.sets, reps=self.reps(item.reps))
        if item.warmup:
            target = labels.warmup_sets.format(
                target=target, n=item.warmup.sets, warmup=labels.warmup
            )
        return target

    # -- a progression --------------------------------------------------------------------------

    def progression(self, rules: Progression, reps: RepTarget | None = None) -> str:
        """A progression in words, for the at-a-glance page; with `reps`, as it applies to them
        (a fixed rep count does not climb a range)."""
        labels = self.labels
        parts: list[str] = []
        step = labels.added_load.format(load=self._step(rules)) if rules.load else ""
        ranged = reps is None or (reps.high > reps.low and not reps.amrap)
        if rules.reps and ranged:
            climb = (
                labels.progression_reps_one if rules.reps == 1 else labels.progression_reps_many
            ).format(n=rules.reps)
            parts.append(labels.progression_then.format(climb=climb, step=step) if step else climb)
        elif step:
            parts.append(labels.progression_step.format(step=step))
        if rules.sets:
            more = rules.sets
            every = (
                labels.every_week if more.every == 1 else labels.every_weeks.format(n=more.every)
            )
            added = labels.progression_sets_one if more.add == 1 else labels.progression_sets_many
            parts.append(added.format(n=more.add, every=every, most=more.max))
        if rules.deload:
            light = rules.deload
            nth, sets = self.ordinal(light.every), self.percent(light.sets)
            if light.load < 1:
                lighter = labels.progression_deload_lighter
                parts.append(lighter.format(nth=nth, sets=sets, share=self.percent(light.load)))
            else:
                parts.append(labels.progression_deload.format(nth=nth, sets=sets))
        return "; ".join(parts)

    def _step(self, rules: Progression) -> str:
        step = rules.load
        assert step is not None
        if step.is_percent:
            return self.labels.share.format(percent=number(step.value))
        return self.labels.weight.format(value=number(step.value), units=step.unit)

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
