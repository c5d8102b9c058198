"""The cover: program, client, trainer, start date, length, focus, summary and how to use it."""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table

from pdfgen.compose.text import markup, one_line
from pdfgen.render.context import Context
from pdfgen.render.flowables import OutlineMark
from pdfgen.render.marks import Letterhead
from pdfgen.style.layout import counted
from pdfgen.units import MM


def cover(ctx: Context) -> list[Flowable]:
    """Program, client, trainer, start date, length, focus, summary and how to use it."""
    s, labels, plan = ctx.styles, ctx.layout.labels, ctx.plan
    sched = ctx.schedule
    story: list[Flowable] = [
        OutlineMark(labels.cover_outline, "cover"),
        *_letterhead(ctx),
        Paragraph(markup(labels.cover_kicker).upper(), s.kicker),
        Paragraph(markup(plan.program), s.title),
    ]
    if plan.focus:
        story.append(Paragraph(markup(plan.focus), s.focus))
    start = ctx.words.date(sched.start) if sched.start else ""
    length = labels.length_value.format(
        weeks=counted(labels.weeks_one, labels.weeks_many, sched.total_weeks),
        days=counted(labels.days_one, labels.days_many, sched.days_per_week),
        sessions=len(plan.sessions),
    )
    rows = [
        (labels.client, ctx.details.client),
        (labels.trainer, ctx.details.trainer),
        (labels.start_date, start),
        (labels.length, length),
        (labels.units, ctx.schedule.units),
    ]
    story.append(_facts_table(ctx, rows))
    if plan.summary:
        story += [Spacer(1, 8 * MM), Paragraph(markup(plan.summary), s.body)]
    if ctx.details.notes:
        story += [
            Spacer(1, 6 * MM),
            Paragraph(markup(labels.cover_notes), s.subheading),
            Paragraph(markup(ctx.details.notes), s.body),
        ]
    if labels.how_to_use:
        story += [Spacer(1, 8 * MM), _how_to_use(ctx)]
    return story


def _letterhead(ctx: Context) -> list[Flowable]:
    """The space above the title; with a brand, the logo and the contact line in it."""
    contact = ctx.layout.brand.contact or ""
    if ctx.logo is None and not contact:
        return [Spacer(1, 12 * MM)]
    head = Letterhead(
        ctx.logo,
        ctx.logo_image,
        contact,
        ctx.layout.frame_width,
        ctx.fonts.regular,
        ctx.layout.sizes.body,
        ctx.layout.colors.muted,
    )
    return [head, Spacer(1, 8 * MM)]


def _facts_table(ctx: Context, rows: list[tuple[str, str]]) -> Table:
    """Each label beside its value, or beside a line to write it on."""
    s = ctx.styles
    data = [
        [Paragraph(markup(label), s.label), Paragraph(markup(one_line(value)), s.value)]
        for label, value in rows
    ]
    label_w = ctx.layout.tables.facts_label_width * MM
    table = Table(data, colWidths=[label_w, ctx.layout.frame_width - label_w], hAlign="LEFT")
    table.setStyle(s.facts_table([index for index, (_, value) in enumerate(rows) if not value]))
    return table


def _how_to_use(ctx: Context) -> Table:
    """The layout's advice on using the booklet, numbered, in a shaded box."""
    s, labels = ctx.styles, ctx.layout.labels
    items = ListFlowable(
        [ListItem(Paragraph(markup(text), s.body)) for text in labels.how_to_use],
        bulletType="1",
        bulletFontName=ctx.fonts.bold,
        bulletFontSize=s.body.fontSize,
        leftIndent=12,
    )
    box = Table(
        [[Paragraph(markup(labels.how_to_use_title), s.subheading)], [items]],
        colWidths=[ctx.layout.frame_width],
    )
    box.setStyle(s.shaded_box())
    return box
