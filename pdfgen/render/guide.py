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
from pdfgen.render.marks import PictureMark, VideoCode
from pdfgen.units import MM

# The most a picture takes on a guide page.
PICTURE_W = 60 * MM
PICTURE_H = 60 * MM


def guide(ctx: Context) -> list[Flowable]:
    """A page for each exercise of the plan that has a description, explaining how to do it;
    the exercises a plan gives only a name share a page, each with the plan's notes for it."""
    s, labels = ctx.styles, ctx.layout.labels
    story: list[Flowable] = [
        OutlineMark(labels.guide_title, "guide"),
        Paragraph(markup(labels.guide_title), s.heading),
    ]
    used = ctx.plan.used_exercises.items()
    described = [(ex_id, exercise) for ex_id, exercise in used if exercise.described]
    others = [(ex_id, exercise) for ex_id, exercise in used if not exercise.described]
    for index, (ex_id, exercise) in enumerate(described):
        if index:
            story.append(PageBreak())
        story += _exercise(ctx, ex_id, exercise)
    if others:
        story += [*([PageBreak()] if described else []), *_others(ctx, others)]
    return story


def _others(ctx: Context, others: list[tuple[str, Exercise]]) -> list[Flowable]:
    """The exercises with no description of their own, on one page: each name, what the plan
    says of it, and its picture if it has one."""
    s, labels = ctx.styles, ctx.layout.labels
    story: list[Flowable] = [
        OutlineMark(labels.other_exercises, "ex-others", level=1),
        Paragraph(markup(labels.other_exercises), s.subheading),
    ]
    for ex_id, exercise in others:
        parts: list[Flowable] = [Paragraph(f"<b>{markup(exercise.name)}</b>", s.body)]
        trains = [t for t in (exercise.area, ", ".join(exercise.muscles)) if t]
        if trains:
            parts.append(_labelled(ctx, labels.trains, " — ".join(trains)))
        if exercise.equipment:
            parts.append(_labelled(ctx, labels.equipment, ", ".join(exercise.equipment)))
        parts += [Paragraph(markup(note), s.body) for note in _plan_notes(ctx, ex_id)]
        story += [*_with_marks(ctx, parts, exercise), Spacer(1, 4 * MM)]
    return story


def _plan_notes(ctx: Context, ex_id: str) -> list[str]:
    """What the plan's sessions say of an exercise, each note once."""
    notes = [
        item.notes
        for session in ctx.plan.sessions
        for item in session.prescriptions
        if item.exercise == ex_id and item.notes
    ]
    return list(dict.fromkeys(notes))


def credits(ctx: Context) -> list[Flowable]:
    """Who made the pictures of the exercises, when any picture has a credit."""
    s, labels = ctx.styles, ctx.layout.labels
    credited = [e for e in ctx.plan.used_exercises.values() if e.picture and e.image_credit]
    if not credited:
        return []
    return [
        OutlineMark(labels.credits_title, "credits"),
        Paragraph(markup(labels.credits_title), s.heading),
        *(_labelled(ctx, exercise.name, exercise.image_credit or "") for exercise in credited),
    ]


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
    parts += _with_marks(ctx, head, exercise)
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
    # Nothing after the last part: a page break follows, and a space that did not fit would
    # make a blank page of its own.
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


def _with_marks(ctx: Context, parts: list[Flowable], exercise: Exercise) -> list[Flowable]:
    """`parts` in a column at the left; at the right, the exercise's picture (its credit under
    it) and its video's QR code (its address under it). Not a link: the printed code is the
    way to the video."""
    layout = ctx.layout
    marks: list[Flowable] = []
    if exercise.picture is not None:
        marks.append(PictureMark(exercise.picture, PICTURE_W, PICTURE_H))
        if exercise.image_credit:
            credit = layout.labels.picture_credit.format(credit=exercise.image_credit)
            marks.append(Paragraph(markup(credit), ctx.styles.small))
    if exercise.video:
        marks.append(
            VideoCode(exercise.video, ctx.fonts.regular, layout.sizes.small, layout.colors.muted)
        )
    if not marks:
        return parts
    room = max(mark.wrap(PICTURE_W, PICTURE_H)[0] for mark in marks) + 5 * MM
    table = Table([[parts or Spacer(1, 1), marks]], colWidths=[layout.frame_width - room, room])
    table.setStyle(ctx.styles.beside_code())
    return [table]


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
