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
from pdfgen.render.flowables import DayFlowable, GridPainter, NotesBox, OutlineMark
from pdfgen.schedule.model import Day, Entry, Week
from pdfgen.units import MM

Composer = Callable[..., DayGrid]


def weeks(ctx: Context) -> list[Flowable]:
    """Each week from a new page; each training day a grid, kept whole on a page unless it alone
    is taller than a page (see `DayFlowable`)."""
    # One painter for every grid: it remembers the widths of the texts it draws.
    painter = GridPainter({"white": "#ffffff", **ctx.layout.colors.model_dump()}, ctx.fonts)
    compose = _composer(ctx)
    story: list[Flowable] = []
    for week in ctx.schedule.weeks:
        if ctx.only_weeks is None or week.number in ctx.only_weeks:
            story += _week(ctx, week, compose, painter)
    return story


def _week(ctx: Context, week: Week, compose: Composer, painter: GridPainter) -> list[Flowable]:
    """A week's heading, its days and, if the layout has one, its notes box."""
    story = _heading(ctx, week)
    grid = ctx.layout.grid
    for index, day in enumerate(week.days):
        if index:
            story.append(Spacer(1, grid.gap * MM))
        story.append(
            DayFlowable(
                day,
                compose,
                ctx.day_height,
                painter,
                fields=ctx.fields.day if ctx.fields else None,
            )
        )
    if grid.week_notes_height:
        story += [
            Spacer(1, grid.gap * MM),
            NotesBox(
                grid.week_notes_height * MM,
                ctx.layout.labels.notes,
                painter,
                week_field(week.number),
                ctx.fields.blank if ctx.fields else None,
            ),
        ]
    return story


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
    """Lays out a training day (or the part of it that fits) at a width, in the layout's grid."""

    def compose(
        day: Day, width: float, entries: tuple[Entry, ...] | None = None, continued: bool = False
    ) -> DayGrid:
        return compose_day(
            day,
            ctx.layout,
            width,
            ctx.schedule.units,
            ctx.measure,
            entries=entries,
            continued=continued,
        )

    return compose
