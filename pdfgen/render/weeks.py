"""The weeks: each from a new page under its heading, each training day a grid to log it in."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, FrameBreak, NextPageTemplate, PageBreak, Paragraph, Spacer

from pdfgen.compose.boxes import DayGrid
from pdfgen.compose.fieldnames import week_field
from pdfgen.compose.grid import compose_day
from pdfgen.compose.rulewords import deload_week
from pdfgen.compose.text import markup
from pdfgen.render.context import Context
from pdfgen.render.flowables import (
    ColumnBottoms,
    DayFlowable,
    DayGap,
    NotesBox,
    OutlineMark,
)
from pdfgen.render.painter import GridPainter
from pdfgen.schedule.model import Day, Entry, Week
from pdfgen.units import MM

Composer = Callable[..., DayGrid]
WEEK_NOTES_LEAST = 30  # mm: less room than this after a week's last day is left blank


def weeks(ctx: Context) -> list[Flowable]:
    """Each week from a new page; each training day a grid, kept whole on a page unless it alone
    is taller than a page (see `DayFlowable`)."""
    # One painter for every grid: it remembers the widths of the texts it draws.
    painter = GridPainter({"white": "#ffffff", **ctx.layout.colors.model_dump()}, ctx.fonts)
    compose = _composer(ctx)
    bottoms = ColumnBottoms() if ctx.layout.page.columns > 1 else None
    story: list[Flowable] = []
    for week in ctx.schedule.weeks:
        if ctx.only_weeks is None or week.number in ctx.only_weeks:
            story += _week(ctx, week, compose, painter, bottoms)
    return story


def _week(
    ctx: Context,
    week: Week,
    compose: Composer,
    painter: GridPainter,
    bottoms: ColumnBottoms | None,
) -> list[Flowable]:
    """A week's heading, its days and, if the layout has one, its notes box."""
    story = _heading(ctx, week)
    grid, layout = ctx.layout.grid, ctx.layout
    gap = grid.gap * MM
    # The room a day has on a page it starts under the week's heading said again.
    said_again = _continued(ctx, week).wrap(layout.frame_width, ctx.frame_height)[1]
    room = ctx.frame_height - said_again - gap
    for index, day in enumerate(week.days):
        if index and layout.page.columns == 1 and compose(day, layout.frame_width).height <= room:
            story.append(DayGap(gap, _continued(ctx, week), ctx.frame_height))
        elif index:
            # A day too tall to start a page under the heading is split where it stands,
            # and on log sheets each day's title says its week: a plain gap.
            story.append(Spacer(1, gap))
        story.append(
            DayFlowable(
                day,
                compose,
                ctx.day_height,
                painter,
                fields=ctx.fields.day if ctx.fields else None,
                # On a page of one column, the first day moving on would leave the week's
                # heading alone on its page; with columns it moves to the next column.
                move=bool(index) or layout.page.columns > 1,
                bottoms=bottoms,
            )
        )
    # The rest of the week's last page is the week's notes, so that no page is left half
    # empty: across the page under its columns where the last day ends in the last column,
    # or a column of its own where the last day leaves one empty (a 3-day week on log sheets
    # of two columns); never a page of its own.
    own_column = layout.page.columns > 1 and _ends_in_an_inner_column(ctx, week, compose)
    if own_column:
        story.append(FrameBreak())
    story.append(
        NotesBox(
            (grid.week_notes_height or WEEK_NOTES_LEAST) * MM,
            layout.labels.week_notes.format(week=week.number),
            painter,
            week_field(week.number),
            ctx.fields.blank if ctx.fields else None,
            size=layout.sizes.small,
            fill=True,
            optional=True,
            gap=0.0 if own_column else grid.gap * MM,
            bottoms=None if own_column else bottoms,
        )
    )
    return story


def _ends_in_an_inner_column(ctx: Context, week: Week, compose: Composer) -> bool:
    """Whether the week's last day ends in a column with another column after it on its page,
    with days flowing whole, column by column, as the frames place them."""
    layout = ctx.layout
    gap, columns = layout.grid.gap * MM, layout.page.columns
    column, room = 0, ctx.day_height
    for index, day in enumerate(week.days):
        height = compose(day, layout.column_width).height + (gap if index else 0)
        if height > room and index:
            column += 1
            # A new page's columns are full height; a week's first page has its heading band.
            room = ctx.day_height if column < columns else ctx.frame_height
            height -= gap
        room -= height
    return column % columns < columns - 1


def _continued(ctx: Context, week: Week) -> Paragraph:
    """The week's heading where its days go on to another page."""
    labels = ctx.layout.labels
    title = labels.week_title.format(week=week.number, weeks=ctx.schedule.total_weeks)
    return Paragraph(markup(f"{title} {labels.continued}"), ctx.styles.subheading)


def _heading(ctx: Context, week: Week) -> list[Flowable]:
    """From a new page (with columns, one with a band for the heading): the week's title, its
    start date and whether it is a deload week."""
    s, labels, layout = ctx.styles, ctx.layout.labels, ctx.layout
    title = labels.week_title.format(week=week.number, weeks=ctx.schedule.total_weeks)
    heading = f"{title} · {labels.deload}" if week.deload else title
    story: list[Flowable] = [
        *([NextPageTemplate("week")] if layout.page.columns > 1 else []),
        PageBreak(),
        OutlineMark(title, f"week-{week.number}"),
        Paragraph(markup(heading), s.heading),
    ]
    notes = []
    if week.start:
        notes.append(labels.week_start.format(date=ctx.words.date(week.start)))
    if week.deload:
        notes.append(deload_week(ctx.words, ctx.schedule.deload_changes(week.number)))
    if notes:
        story.append(Paragraph(markup(" · ".join(notes)), s.small))
    story.append(FrameBreak() if layout.page.columns > 1 else Spacer(1, 3 * MM))
    return story


def _composer(ctx: Context) -> Composer:
    """Lays out a training day (or the part of it that fits) at a width, in the layout's grid.
    A whole day is laid out once per width: the weeks measure it to plan their pages, and the
    page then draws it."""
    whole: dict[tuple[int, float, bool], DayGrid] = {}

    def compose(
        day: Day, width: float, entries: tuple[Entry, ...] | None = None, continued: bool = False
    ) -> DayGrid:
        key = (id(day), width, continued)
        if entries is None and key in whole:
            return whole[key]
        grid = compose_day(
            day,
            ctx.layout,
            width,
            ctx.schedule.units,
            ctx.measure,
            entries=entries,
            continued=continued,
        )
        if entries is None:
            whole[key] = grid
        return grid

    return compose
