"""The exercise guide: a page for each exercise of the plan, explaining how to do it."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from pdfgen.compose.text import markup
from pdfgen.plan.exercise import Exercise
from pdfgen.render.context import Context
from pdfgen.render.flowables import OutlineMark
from pdfgen.render.marks import VideoCode
from pdfgen.units import MM


def guide(ctx: Context) -> list[Flowable]:
    """A page for each exercise of the plan, explaining how to do it."""
    s, labels = ctx.styles, ctx.layout.labels
    story: list[Flowable] = [
        OutlineMark(labels.guide_title, "guide"),
        Paragraph(markup(labels.guide_title), s.heading),
    ]
    for index, (ex_id, exercise) in enumerate(ctx.plan.used_exercises.items()):
        if index:
            story.append(PageBreak())
        story += _exercise(ctx, ex_id, exercise)
    return story


def _exercise(ctx: Context, ex_id: str, exercise: Exercise) -> list[Flowable]:
    """One exercise: what it trains, set-up, steps, cues and mistakes, the safety note."""
    s, labels = ctx.styles, ctx.layout.labels
    parts: list[Flowable] = [
        OutlineMark(exercise.name, f"ex-{ex_id}", level=1),
        Paragraph(markup(exercise.name), s.subheading),
    ]
    head: list[Flowable] = []  # beside the video's QR code, if there is one
    trains = [t for t in (exercise.area, ", ".join(exercise.muscles)) if t]
    if trains:
        head.append(_labelled(ctx, labels.trains, " — ".join(trains)))
    if exercise.equipment:
        head.append(_labelled(ctx, labels.equipment, ", ".join(exercise.equipment)))
    if exercise.summary:
        head.append(Paragraph(markup(exercise.summary), s.body))
    if exercise.setup:
        head.append(_labelled(ctx, labels.setup, exercise.setup))
    parts += [_beside_video(ctx, head, exercise.video)] if exercise.video else head
    if exercise.steps:
        parts += [
            Paragraph(f"<b>{markup(labels.steps)}</b>", s.body),
            _list(ctx, exercise.steps, numbered=True),
        ]
    columns = [(labels.cues, exercise.cues), (labels.mistakes, exercise.mistakes)]
    columns = [(title, items) for title, items in columns if items]
    if columns:
        parts.append(_side_by_side(ctx, columns))
    if exercise.safety:
        note = Paragraph(f"<b>{markup(labels.safety)}:</b> {markup(exercise.safety)}", s.body)
        parts += [Spacer(1, 2 * MM), _framed(ctx, note)]
    parts.append(Spacer(1, 7 * MM))
    return parts


def _side_by_side(ctx: Context, columns: list[tuple[str, list[str]]]) -> Table:
    """Lists under their titles, in columns of equal width."""
    s = ctx.styles
    cells = [
        [Paragraph(f"<b>{markup(title)}</b>", s.body), _list(ctx, items)]
        for title, items in columns
    ]
    width = ctx.layout.frame_width / len(cells)
    table = Table([cells], colWidths=[width] * len(cells))
    table.setStyle(s.side_by_side())
    return table


def _framed(ctx: Context, note: Paragraph) -> Table:
    """A note in a frame as wide as the page's text."""
    box = Table([[note]], colWidths=[ctx.layout.frame_width])
    box.setStyle(ctx.styles.safety_box())
    return box


def _beside_video(ctx: Context, parts: list[Flowable], url: str) -> Table:
    """`parts` in a column at the left; the video's QR code, its address under it, at the
    right. Not a link: the printed code is the way to the video."""
    layout = ctx.layout
    code = VideoCode(url, ctx.fonts.regular, layout.sizes.small, layout.colors.muted)
    room = code.width + 5 * MM
    table = Table([[parts or Spacer(1, 1), code]], colWidths=[layout.frame_width - room, room])
    table.setStyle(ctx.styles.beside_code())
    return table


def _labelled(ctx: Context, label: str, value: str) -> Paragraph:
    return Paragraph(f"<b>{markup(label)}:</b> {markup(value)}", ctx.styles.body)


def _list(ctx: Context, items: list[str], *, numbered: bool = False) -> ListFlowable:
    s = ctx.styles
    return ListFlowable(
        [ListItem(Paragraph(markup(item), s.body)) for item in items],
        bulletType="1" if numbered else "bullet",
        start=None if numbered else "•",
        bulletFontName=ctx.fonts.bold if numbered else ctx.fonts.regular,
        bulletFontSize=s.body.fontSize,
        leftIndent=12,
    )
