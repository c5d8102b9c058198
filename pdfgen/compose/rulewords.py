"""Rules in words, for the at-a-glance page and the week pages: a progression, a deload, the
stages of a failure rule, a deload week's note. Said through the layout's labels, like every
other word (`pdfgen.compose.words`).

Pure: no PDF library.
"""

from __future__ import annotations

from pdfgen.compose.words import Words, number
from pdfgen.plan.loads import Load
from pdfgen.plan.reps import RepTarget
from pdfgen.plan.rules import Progression
from pdfgen.plan.sets import parse_scheme


def progression(words: Words, rules: Progression, reps: RepTarget | None = None) -> str:
    """A progression in words, for the at-a-glance page; with `reps`, as it applies to them
    (a fixed rep count does not climb a range)."""
    labels = words.labels
    parts: list[str] = []
    step = labels.added_load.format(load=_step(words, rules)) if rules.load else ""
    ranged = reps is None or (reps.high > reps.low and not reps.amrap)
    if rules.amrap_goal and step:
        parts.append(labels.progression_amrap_goal.format(step=step, n=rules.amrap_goal))
    elif rules.reps and ranged:
        climb = (
            labels.progression_reps_one if rules.reps == 1 else labels.progression_reps_many
        ).format(n=rules.reps)
        parts.append(labels.progression_then.format(climb=climb, step=step) if step else climb)
    elif step and rules.every == "session":
        parts.append(labels.progression_session.format(step=step))
    elif step:
        parts.append(labels.progression_step.format(step=step))
    if rules.sets:
        more = rules.sets
        every = labels.every_week if more.every == 1 else labels.every_weeks.format(n=more.every)
        added = labels.progression_sets_one if more.add == 1 else labels.progression_sets_many
        parts.append(added.format(n=more.add, every=every, most=more.max))
    if rules.deload:
        parts.append(_deload(words, rules))
    if rules.stages:
        stages = " → ".join(scheme(words, stage) for stage in rules.stages[1:])
        parts.append(labels.progression_stages.format(stages=stages))
    failure = rules.on_failure
    if failure is not None and failure.drop is not None:
        drop = load_step(words, failure.drop)
        if rules.stages:  # the drop comes when the last stage fails (GZCLP)
            first = scheme(words, rules.stages[0])
            parts.append(labels.failure_last_stage.format(first=first, drop=drop))
        elif failure.after == 1:
            parts.append(labels.failure_once.format(drop=drop))
        else:
            parts.append(labels.failure_many.format(n=failure.after, drop=drop))
    return "; ".join(parts)


def _deload(words: Words, rules: Progression) -> str:
    """A deload rule in words: what it changes, never a share that changes nothing."""
    labels, light = words.labels, rules.deload
    assert light is not None
    nth, sets, share = (
        words.ordinal(light.every),
        words.percent(light.sets),
        words.percent(light.load),
    )
    if light.sets < 1 and light.load < 1:
        return labels.progression_deload_lighter.format(nth=nth, sets=sets, share=share)
    if light.sets < 1:
        return labels.progression_deload.format(nth=nth, sets=sets)
    if light.load < 1:
        return labels.progression_deload_load.format(nth=nth, share=share)
    return labels.progression_deload_reps.format(nth=nth)


def deload_week(words: Words, changes: set[str]) -> str:
    """A deload week's note, saying what it changes: fewer sets and lighter loads."""
    labels = words.labels
    said = {
        "sets": labels.deload_fewer_sets,
        "reps": labels.deload_fewer_reps,
        "load": labels.deload_lighter,
    }
    parts = [said[key] for key in ("sets", "reps", "load") if key in changes]
    return labels.deload_week.format(changes=words.listed(parts) or labels.deload_easier)


def scheme(words: Words, written: str) -> str:
    """A set scheme as the page prints it: 6 × 2+ for '6x2+'."""
    groups = parse_scheme(written)
    parts = []
    for group in groups:
        reps = words.reps(group.reps) if group.reps else ""
        if group.last_amrap:
            reps = words.labels.at_least.format(reps=reps)
        parts.append(
            words.labels.sets_times_reps.format(sets=group.count, reps=reps)
            if group.count > 1
            else reps
        )
    return ", ".join(parts)


def load_step(words: Words, step: Load) -> str:
    """A load step as a weight or a share: 2.5 kg, 10%."""
    if step.is_percent:
        return words.labels.share.format(percent=number(step.value))
    return words.labels.weight.format(value=number(step.value), units=step.unit)


def _step(words: Words, rules: Progression) -> str:
    assert rules.load is not None
    return load_step(words, rules.load)
