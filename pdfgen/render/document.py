"""The booklet as a reportlab document: its page templates and frames, the header and footer on
every page, and its sections (`cover`, `overview`, `guide`, `weeks`, `notes`, each a module of
this package) in the layout's order, built in one pass.

What each section holds is settled before drawing: the schedule (each week's days, sets, targets
and loads), the layout (sizes, spacing, colours, which sections in what order) and the geometry of
each training day's grid (`pdfgen.compose.grid`). Where it all falls on the pages is not:
reportlab's platypus flows the sections into the frames as it builds the document, and so decides
which page a day lands on and where a week breaks (a day moves whole to the next page; only a day
taller than a page splits, between its exercises: see `DayFlowable`). The header and footer
shorten the program, client and trainer to the room they have.

Every user string is escaped (`markup`) or drawn as plain text, so nothing a user types becomes
markup, a link or an image.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from pdfgen.compose.text import clean, fit_lines, one_line
from pdfgen.render.context import BookletText, Context
from pdfgen.render.cover import cover
from pdfgen.render.flowables import TOTAL_PAGES_FORM, TotalPagesCanvas
from pdfgen.render.fonts import FontSet
from pdfgen.render.guide import credits, guide
from pdfgen.render.marks import draw_header_logo, footer_contact
from pdfgen.render.notes import notes
from pdfgen.render.overview import overview
from pdfgen.render.weeks import weeks
from pdfgen.render.widgets import FieldMaker
from pdfgen.schedule.model import Schedule
from pdfgen.style.layout import FOOTER_BAND, HEADER_BAND, Layout, Section
from pdfgen.units import MM
from pdfgen.version import __version__

__all__ = ["FOOTER_BAND", "HEADER_BAND", "SECTIONS", "BookletRenderer", "BookletText"]

SECTIONS: dict[Section, Callable[[Context], list[Flowable]]] = {
    "cover": cover,
    "overview": overview,
    "guide": guide,
    "weeks": weeks,
    "notes": notes,
    "credits": credits,
}


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line no wider than `width`, cut with an ellipsis if it must be."""
    return fit_lines(text, width, 1, lambda t: stringWidth(t, font, size))[0]


def _shrunk(text: str, font: str, sizes: tuple[float, float], width: float) -> tuple[str, float]:
    """`text` on one line no wider than `width`, in the largest of the sizes from `sizes[0]`
    down to `sizes[1]` (half a point at a time) that holds it; cut at the smallest if none."""
    size, least = sizes
    while size > least and stringWidth(text, font, size) > width:
        size = max(least, size - 0.5)
    return _fit(text, font, size, width), size


class BookletRenderer:
    """Renders one booklet: a schedule, through a layout, for one client."""

    def __init__(
        self,
        schedule: Schedule,
        layout: Layout,
        fonts: FontSet,
        details: BookletText,
        only_weeks: list[int] | None = None,
        fields: FieldMaker | None = None,
    ) -> None:
        self.context = Context.make(
            schedule, layout, fonts, details, fields=fields, only_weeks=only_weeks
        )

    def render(self, out: IO[bytes]) -> int:
        """Write the PDF to `out`; return its number of pages."""
        rl_config.useA85 = 0  # plain binary streams: smaller files, and faster
        ctx = self.context
        layout, plan = ctx.layout, ctx.plan
        subject = ctx.words.subject(plan.program, ctx.schedule.total_weeks, ctx.details.client)
        doc = BaseDocTemplate(
            out,
            pagesize=layout.page_size,
            title=clean(plan.program),
            author=clean(ctx.details.trainer or "pdfgen"),
            subject=clean(subject),
            creator=f"pdfgen {__version__}",
            producer=f"pdfgen {__version__}",
            invariant=1,
            initialFontName=ctx.fonts.regular,
            initialFontSize=layout.sizes.body,
            pageTemplates=self._templates(),
        )
        canvas_class = type(
            "BookletCanvas",
            (TotalPagesCanvas,),
            {
                "total_font": (ctx.fonts.regular, layout.sizes.small),
                "total_color": layout.colors.muted,
                "total_suffix": clean(layout.labels.page_of.partition("{pages}")[2]),
            },
        )
        doc.build(self.story(), canvasmaker=canvas_class)
        return int(doc.page)

    def _templates(self) -> list[PageTemplate]:
        """One frame a page; or, with columns, a heading band over the columns on a week's first
        page and full-height columns on any page that continues the week."""
        ctx = self.context
        layout = ctx.layout
        left = layout.page.margins.left * MM
        bottom = layout.page.margins.bottom * MM + FOOTER_BAND
        pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        single = Frame(left, bottom, layout.frame_width, ctx.frame_height, id="body", **pad)
        if layout.page.columns == 1:
            return [PageTemplate("page", [single], onPage=self._decorate)]
        step = layout.column_width + layout.page.gutter * MM

        def columns(height: float) -> list[Frame]:
            return [
                Frame(left + n * step, bottom, layout.column_width, height, id=f"col{n}", **pad)
                for n in range(layout.page.columns)
            ]

        heading = Frame(
            left,
            bottom + ctx.day_height,
            layout.frame_width,
            ctx.heading_band,
            id="heading",
            **pad,
        )
        templates = [
            PageTemplate(
                "week",
                [heading, *columns(ctx.day_height)],
                onPage=self._decorate,
                autoNextPageTemplate="continued",
            ),
            PageTemplate("continued", columns(ctx.frame_height), onPage=self._decorate),
            PageTemplate("page", [single], onPage=self._decorate),
        ]
        # The document starts on the first template: the one its first section needs.
        return templates if layout.sections[0] == "weeks" else templates[2:] + templates[:2]

    def story(self) -> list[Flowable]:
        """Every section of the layout, each from a new page."""
        layout = self.context.layout
        columns = layout.page.columns > 1
        story: list[Flowable] = []
        for section in layout.sections:
            part = SECTIONS[section](self.context)
            if not part:
                continue  # a section with nothing to say (no picture credits) takes no page
            if section != "weeks":
                # Each week starts its own page with the columns' template; every other
                # section starts a page with one frame.
                part = [*([NextPageTemplate("page")] if columns else []), PageBreak(), *part]
            story += part
        # The first page needs no break (nor a template change) before it: its template is
        # the first one (see _templates).
        while story and isinstance(story[0], PageBreak | NextPageTemplate):
            story.pop(0)
        return story

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Header and footer on every page: program, client, trainer, page N of M."""
        canv.saveState()
        canv.setFillColor(colors.HexColor(self.context.layout.colors.muted))
        self._header(canv)
        self._footer(canv, doc.page)
        canv.restoreState()

    def _header(self, canv: Canvas) -> None:
        """The logo and the program at the left, the client at the right, a rule under them."""
        ctx = self.context
        layout, fonts, regular = ctx.layout, ctx.fonts, ctx.fonts.regular
        width, height = layout.page_size
        left, right = layout.page.margins.left * MM, width - layout.page.margins.right * MM
        top = height - layout.page.margins.top * MM
        small = layout.sizes.small
        head = small + 1  # a long name takes smaller type, down to `small`, before it is cut
        baseline = top - small
        start = left
        if ctx.logo is not None:
            start += draw_header_logo(canv, ctx.logo, ctx.logo_image, left, top)
        # The client's name may take what the program's leaves, and at least 45 %.
        program_w = stringWidth(one_line(ctx.plan.program), fonts.bold, small)
        client_room = max((right - left) * 0.45, right - start - program_w - 6 * MM)
        client, client_size = _shrunk(
            one_line(ctx.details.client), regular, (head, small), client_room
        )
        client_w = stringWidth(client, regular, client_size) if client else 0
        room = right - start - client_w - 6 * MM
        program, size = _shrunk(one_line(ctx.plan.program), fonts.bold, (head, small), room)
        canv.setFont(fonts.bold, size)
        canv.drawString(start, baseline, program)
        if client:
            canv.setFont(regular, client_size)
            canv.drawRightString(right, baseline, client)
        canv.setStrokeColor(colors.HexColor(layout.colors.rule))
        canv.setLineWidth(0.4)
        canv.line(left, top - HEADER_BAND + 2.5 * MM, right, top - HEADER_BAND + 2.5 * MM)

    def _footer(self, canv: Canvas, page: int) -> None:
        """Page N of M at the left, the trainer at the right, the brand's contact between."""
        ctx = self.context
        layout, regular = ctx.layout, ctx.fonts.regular
        width = layout.page_size[0]
        left, right = layout.page.margins.left * MM, width - layout.page.margins.right * MM
        small = layout.sizes.small
        bottom = layout.page.margins.bottom * MM + 1 * MM
        canv.setFont(regular, small)
        # The total is not known until the end: it (and what follows it) is a form drawn then.
        prefix, total, _ = layout.labels.page_of.partition("{pages}")
        text = clean(prefix.format(page=page))
        canv.drawString(left, bottom, text)
        if total:
            canv.saveState()
            canv.translate(left + stringWidth(text, regular, small), bottom)
            canv.doForm(TOTAL_PAGES_FORM)
            canv.restoreState()
        trainer = ""
        if ctx.details.trainer:
            trainer = one_line(f"{layout.labels.trainer}: {ctx.details.trainer}")
            trainer = _fit(trainer, regular, small, (right - left) * 0.6)
            canv.drawRightString(right, bottom, trainer)
        if layout.brand.contact:
            # Between the page number (its total is at most three digits) and the trainer.
            suffix = layout.labels.page_of.partition("{pages}")[2]
            total_w = stringWidth(f"999{clean(suffix)}" if total else "", regular, small)
            free = (
                left + stringWidth(text, regular, small) + total_w,
                right - stringWidth(trainer, regular, small),
            )
            contact = layout.brand.contact
            footer_contact(canv, contact, regular, small, (left + right) / 2, free, bottom)
