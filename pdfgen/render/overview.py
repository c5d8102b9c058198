"""The program at a glance: each session's exercises in a table, the progression, and the chart of
the block week by week."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from pdfgen.compose.rulewords import load_step, progression
from pdfgen.compose.text import markup
from pdfgen.plan.model import Circuit, Prescription, Session
from pdfgen.plan.weekly import circuit_week, week_of
from pdfgen.plan.weeks import WeekChange
from pdfgen.render.chart import block_chart
from pdfgen.render.context import Context
from pdfgen.render.flowables import OutlineMark
from pdfgen.schedule.calendar import session_letter, superset_labels
from pdfgen.schedule.model import Entry
from pdfgen.units import MM


def overview(ctx: Context) -> list[Flowable]:
    """Each session's exercises with sets × reps, rest, load and notes."""
    s, labels = ctx.styles, ctx.layout.labels
    story: list[Flowable] = [
        OutlineMark(labels.overview_title, "overview"),
        Paragraph(markup(labels.overview_title), s.heading),
    ]
    if len(ctx.plan.sessions) > 1:
        orders = ctx.schedule.rotations()
        said = labels.rotation if len(orders) == 1 else labels.rotation_by_week
        rotation = said.format(days=ctx.schedule.days_per_week, order=" / ".join(orders))
        story.append(Paragraph(markup(rotation), s.body))
    for index, session in enumerate(ctx.plan.sessions):
        title = labels.session_title.format(letter=session_letter(index), name=session.name)
        story += [Paragraph(markup(title), s.subheading), _session(ctx, index, session)]
        story.append(Spacer(1, 4 * MM))
    if ctx.plan.progression:
        text = f"{labels.progression}: {progression(ctx.words, ctx.plan.progression)}"
        story.append(Paragraph(markup(text), s.body))
    if ctx.plan.cycle is not None:
        story.append(Paragraph(markup(_cycle(ctx)), s.body))
    return [*story, Spacer(1, 4 * MM), _chart(ctx)]


def _session(ctx: Context, index: int, session: Session) -> Table:
    """A session's table: a row for each exercise, under a row of column headings."""
    s, labels = ctx.styles, ctx.layout.labels
    head = [labels.exercise, labels.sets_reps, labels.rest, labels.load, labels.notes]
    rows = [[Paragraph(markup(h), s.cell_head) for h in head]]
    labels_in_session = superset_labels(session.exercises)
    for position, (item, label) in enumerate(
        zip(session.exercises, labels_in_session, strict=True)
    ):
        entry = ctx.schedule.first_time(index, position)
        if isinstance(item, Circuit):
            name, target = item.circuit, _circuit_summary(ctx, item)
        else:
            exercise = ctx.plan.exercise(item)
            name = f"{label} · {exercise.name}" if label else exercise.name
            target = _sets_summary(ctx, item, entry)
        rows.append(
            [
                Paragraph(f"<b>{markup(name)}</b>", s.cell),
                Paragraph(markup(target), s.cell),
                Paragraph(markup((entry.rest if entry else None) or ""), s.cell),
                Paragraph(markup(_starting_load(ctx, entry)), s.cell),
                Paragraph(markup(_notes(ctx, item, entry)), s.cell),
            ]
        )
    width, shares = ctx.layout.frame_width, ctx.layout.tables.overview_widths
    columns = [shares.exercise, shares.sets_reps, shares.rest, shares.load, shares.notes]
    table = Table(rows, colWidths=[w * width for w in columns], repeatRows=1)
    table.setStyle(s.session_table())
    return table


def _sets_summary(ctx: Context, item: Prescription, entry: Entry | None) -> str:
    """An exercise's sets as the plan writes them (3 × 6–8, 5 × 3+, 5/5/5+), or, where only its
    week table gives them, as it is first trained; with its warm-ups."""
    warmups = item.warmup.sets if item.warmup else 0
    groups = item.groups()
    if len(groups) == 1 and groups[0].last_amrap and groups[0].count > 1:
        # "5x3+" as GZCLP writes it: the sets alike at one load, the last as many as possible.
        group, words = groups[0], ctx.words
        assert group.reps is not None
        last = words.reps(replace(group.reps, amrap=True))
        said = words.labels.sets_times_reps.format(sets=group.count, reps=last)
        return words.with_warmups(said, warmups)
    if groups:
        targets = []
        for group in groups:
            assert group.reps is not None
            reps = replace(group.reps, hold=group.hold) if group.hold else group.reps
            targets += [reps] * group.count
            if group.last_amrap:
                targets[-1] = replace(reps, amrap=True)
        return ctx.words.targets_summary(targets, warmups)
    if entry is None:
        return ""
    return ctx.words.sets_summary(entry.sets, sum(1 for s in entry.sets if s.warmup))


def _circuit_summary(ctx: Context, item: Circuit) -> str:
    """A circuit's first week in short: 8 × (Running 60 s, Walking 90 s)."""
    week = circuit_week(item, ctx.plan.table(item).get(1))
    parts = []
    for segment in week.segments:
        steps = ", ".join(
            f"{ctx.plan.step_exercise(step.exercise)[1].name} {ctx.words.reps(step.reps)}"
            for step in segment.steps
        )
        parts.append(f"{segment.rounds} × ({steps})" if segment.rounds > 1 else steps)
    return ", ".join(parts)


def _chart(ctx: Context) -> Flowable:
    """The chart of the block under its heading; it fits a page with them, however small the
    paper."""
    labels = ctx.layout.labels
    chart = block_chart(
        ctx.schedule,
        ctx.layout,
        ctx.fonts,
        ctx.layout.frame_width,
        ctx.frame_height - 3 * ctx.styles.subheading.leading,
    )
    return KeepTogether(
        [
            OutlineMark(labels.chart_title, "chart", level=1),
            Paragraph(markup(labels.chart_title), ctx.styles.subheading),
            chart,
        ]
    )


def _starting_load(ctx: Context, entry: Entry | None) -> str:
    """An exercise's load the first time it is trained: the weight in the client's units (one
    per set where they differ), or the plan's words for it."""
    if entry is None:
        return ""
    return entry.load_note or ctx.words.loads_summary(entry.sets)


def _own_progression(ctx: Context, item: Prescription, entry: Entry | None) -> str:
    """How this exercise progresses, where it differs from the plan (said once below)."""
    assert item.progression is not None
    rules = item.progression.over(ctx.plan.progression)
    if "deload" not in item.progression.model_fields_set:
        rules = rules.model_copy(update={"deload": None})
    groups = item.groups()
    reps = (
        groups[0].reps if groups else entry.work_sets[0].reps if entry and entry.work_sets else None
    )
    return progression(ctx.words, rules, reps)


def _notes(ctx: Context, item: Prescription | Circuit, entry: Entry | None) -> str:
    """The overview's notes: effort and tempo targets, the trainer's note, whether the sets
    change by week, own progression."""
    by_week = _by_week(ctx, item)
    if isinstance(item, Circuit):
        return " · ".join(p for p in (item.notes or "", by_week) if p)
    parts = [
        ctx.words.tempo(entry.tempo if entry else item.tempo),
        ctx.words.effort(entry.effort, entry.effort_kind) if entry else "",
        item.notes or "",
        by_week,
        f"{ctx.layout.labels.progression}: {_own_progression(ctx, item, entry)}"
        if item.progression
        else "",
    ]
    return " · ".join(p for p in parts if p)


def _by_week(ctx: Context, item: Prescription | Circuit) -> str:
    """The weeks an exercise's week table changes it, and those it leaves it out."""
    labels, table = ctx.layout.labels, ctx.plan.table(item)
    left_out = sorted(week for week, change in table.items() if not _done(item, change))
    changed = sorted(week for week in table if week not in left_out)

    def weeks(numbers: list[int]) -> str:
        said = (labels.one_week if len(numbers) == 1 else labels.many_weeks).format(
            weeks=ctx.words.spans(numbers)
        )
        return labels.of_each_cycle.format(weeks=said) if ctx.plan.cycle else said

    parts = [labels.by_week.format(weeks=weeks(changed)) if changed else ""]
    parts.append(labels.left_out.format(weeks=weeks(left_out)) if left_out else "")
    return " · ".join(p for p in parts if p)


def _done(item: Prescription | Circuit, change: WeekChange) -> bool:
    """Whether a week's change leaves anything of the item to do (`sets: 0` leaves none)."""
    if isinstance(item, Circuit):
        return bool(circuit_week(item, change).segments)
    return bool(week_of(item, change).groups)


def _cycle(ctx: Context) -> str:
    """The plan's cycle in words: how often the weeks repeat, and what each new cycle adds."""
    cycle, words = ctx.plan.cycle, ctx.words
    assert cycle is not None
    by_step: dict[str, list[str]] = {}
    for ex_id, exercise in ctx.plan.used_exercises.items():
        step = ctx.plan.cycle_add(ex_id)
        if step is not None:
            by_step.setdefault(load_step(words, step), []).append(exercise.name)
    added = [f"{step} ({words.listed(names)})" for step, names in by_step.items()]
    if not added:
        return cycle.notes or ""
    text = ctx.layout.labels.cycle.format(weeks=cycle.weeks, add=words.listed(added))
    return f"{text} {cycle.notes}" if cycle.notes else text
