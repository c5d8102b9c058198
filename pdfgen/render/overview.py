"""The program at a glance: each session's exercises in a table, the progression, and the chart of
the block week by week."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from pdfgen.compose.text import markup
from pdfgen.plan.model import Prescription, Session
from pdfgen.render.chart import block_chart
from pdfgen.render.context import Context
from pdfgen.render.flowables import OutlineMark
from pdfgen.schedule.calendar import session_letter, superset_labels
from pdfgen.units import MM


def overview(ctx: Context) -> list[Flowable]:
    """Each session's exercises with sets × reps, rest, load and notes."""
    s, labels = ctx.styles, ctx.layout.labels
    story: list[Flowable] = [
        OutlineMark(labels.overview_title, "overview"),
        Paragraph(markup(labels.overview_title), s.heading),
    ]
    if len(ctx.plan.sessions) > 1:
        rotation = labels.rotation.format(
            days=ctx.schedule.days_per_week, order=ctx.schedule.rotation(1)
        )
        story.append(Paragraph(markup(rotation), s.body))
    for index, session in enumerate(ctx.plan.sessions):
        title = labels.session_title.format(letter=session_letter(index), name=session.name)
        story += [Paragraph(markup(title), s.subheading), _session(ctx, index, session)]
        story.append(Spacer(1, 4 * MM))
    if ctx.plan.progression:
        text = f"{labels.progression}: {ctx.words.progression(ctx.plan.progression)}"
        story.append(Paragraph(markup(text), s.body))
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
        exercise = ctx.plan.exercise(item)
        name = f"{label} · {exercise.name}" if label else exercise.name
        rows.append(
            [
                Paragraph(f"<b>{markup(name)}</b>", s.cell),
                Paragraph(markup(ctx.words.sets_and_reps(item)), s.cell),
                Paragraph(markup(item.rest or ""), s.cell),
                Paragraph(markup(_starting_load(ctx, index, position)), s.cell),
                Paragraph(markup(_notes(ctx, item)), s.cell),
            ]
        )
    width, shares = ctx.layout.frame_width, ctx.layout.tables.overview_widths
    columns = [shares.exercise, shares.sets_reps, shares.rest, shares.load, shares.notes]
    table = Table(rows, colWidths=[w * width for w in columns], repeatRows=1)
    table.setStyle(s.session_table())
    return table


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


def _starting_load(ctx: Context, session: int, position: int) -> str:
    """An exercise's load the first time it is trained: the weight in the client's units, or
    the plan's words for it."""
    entry = ctx.schedule.first_time(session, position)
    if entry is None:
        return ""
    weights = [ctx.words.load(s.load) for s in entry.work_sets if s.load]
    return entry.load_note or (weights[0] if weights else "")


def _own_progression(ctx: Context, item: Prescription) -> str:
    """How this exercise progresses, where it differs from the plan (said once below)."""
    assert item.progression is not None
    rules = item.progression.over(ctx.plan.progression)
    if "deload" not in item.progression.model_fields_set:
        rules = rules.model_copy(update={"deload": None})
    return ctx.words.progression(rules, item.reps)


def _notes(ctx: Context, item: Prescription) -> str:
    """The overview's notes: effort and tempo targets, the trainer's note, own progression."""
    parts = [
        ctx.words.tempo(item),
        ctx.words.effort(item),
        item.notes or "",
        f"{ctx.layout.labels.progression}: {_own_progression(ctx, item)}"
        if item.progression
        else "",
    ]
    return " · ".join(p for p in parts if p)
