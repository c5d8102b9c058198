"""Drawing a booklet with reportlab: sections in the layout's order, pages decorated, one pass.

Decisions about what goes where are made before this (the schedule, the grid geometry, the
layout); this module turns them into reportlab calls. Every user string is escaped (`markup`) or
drawn as plain text, so nothing a user types becomes markup, a link or an image.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pdfgen import __version__
from pdfgen.compose.fieldnames import BOOKLET_NOTES, week_field
from pdfgen.compose.grid import DayGrid, compose_day
from pdfgen.compose.text import clean, fit_lines, markup, one_line
from pdfgen.plan.model import Exercise, Prescription
from pdfgen.render.chart import block_chart
from pdfgen.render.flowables import (
    TOTAL_PAGES_FORM,
    DayFlowable,
    GridPainter,
    NotesBox,
    NotesLines,
    OutlineMark,
    TotalPagesCanvas,
)
from pdfgen.render.fonts import FontSet
from pdfgen.render.marks import (
    Letterhead,
    VideoCode,
    draw_header_logo,
    footer_contact,
    image_reader,
)
from pdfgen.render.widgets import FieldMaker
from pdfgen.schedule.expand import Day, Schedule, Week, session_letter, superset_labels
from pdfgen.schedule.progression import describe_progression
from pdfgen.style.brand import logo_of
from pdfgen.style.layout import FOOTER_BAND, HEADER_BAND, HEADING_BAND, MM, Layout, counted


@dataclass(frozen=True)
class BookletText:
    """The personal details printed in a booklet."""

    client: str = ""
    trainer: str = ""
    notes: str = ""  # the trainer's words for this client, on the cover


class _Styles:
    """Paragraph styles made from the layout's fonts, sizes, colours and spacing."""

    def __init__(self, layout: Layout, fonts: FontSet) -> None:
        sizes, palette, spacing = layout.sizes, layout.colors, layout.paragraphs

        def style(
            name: str,
            size: float,
            *,
            bold: bool = False,
            color: str = palette.text,
            keep: bool = False,
        ) -> ParagraphStyle:
            space = getattr(spacing, name)
            return ParagraphStyle(
                name,
                fontName=fonts.bold if bold else fonts.regular,
                fontSize=size,
                leading=size * space.leading,
                textColor=colors.HexColor(color),
                spaceAfter=space.space_after,
                spaceBefore=space.space_before,
                keepWithNext=keep,
                alignment=TA_LEFT,
            )

        self.kicker = style("kicker", sizes.subheading, bold=True, color=palette.accent)
        self.title = style("title", sizes.title, bold=True)
        self.focus = style("focus", sizes.subheading, color=palette.muted)
        self.heading = style("heading", sizes.heading, bold=True, color=palette.accent, keep=True)
        self.subheading = style("subheading", sizes.subheading, bold=True, keep=True)
        self.body = style("body", sizes.body)
        self.label = style("label", sizes.small, color=palette.muted)
        self.value = style("value", sizes.subheading)
        self.cell = style("cell", sizes.body)
        self.cell_head = style("cell_head", sizes.small, bold=True)
        self.small = style("small", sizes.small, color=palette.muted)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line no wider than `width`, cut with an ellipsis if it must be."""
    return fit_lines(text, width, 1, lambda t: stringWidth(t, font, size))[0]


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
        self.schedule, self.layout, self.fonts, self.details = schedule, layout, fonts, details
        self.plan = schedule.plan
        self.only_weeks = only_weeks
        self.fields = fields
        self.styles = _Styles(layout, fonts)
        self.logo = logo_of(layout)
        self._logo_image = image_reader(self.logo)  # one reader: the image is embedded once
        self._widths: dict[tuple[str, bool, float], float] = {}
        self._paint = GridPainter({"white": "#ffffff", **layout.colors.model_dump()}, fonts)
        height = layout.page_size[1]
        margins = layout.page.margins
        self.frame_height = height - (margins.top + margins.bottom) * MM - HEADER_BAND - FOOTER_BAND
        # With columns, a band across the top holds the week's heading above the columns.
        self.heading_band = HEADING_BAND if layout.page.columns > 1 else 0.0
        self.day_height = self.frame_height - self.heading_band

    # -- the document -------------------------------------------------------------------------

    def render(self, out: IO[bytes]) -> int:
        """Write the PDF to `out`; return its number of pages."""
        rl_config.useA85 = 0  # plain binary streams: smaller files, and faster
        layout, plan = self.layout, self.plan
        width, height = layout.page_size
        subject = f"{plan.program}: {self.schedule.total_weeks}-week training booklet"
        if self.details.client:
            subject += f" for {self.details.client}"
        doc = BaseDocTemplate(
            out,
            pagesize=(width, height),
            title=clean(plan.program),
            author=clean(self.details.trainer or "pdfgen"),
            subject=clean(subject),
            creator=f"pdfgen {__version__}",
            producer=f"pdfgen {__version__}",
            invariant=1,
            initialFontName=self.fonts.regular,
            initialFontSize=self.layout.sizes.body,
            pageTemplates=self._templates(),
        )
        canvas_class = type(
            "BookletCanvas",
            (TotalPagesCanvas,),
            {
                "total_font": (self.fonts.regular, self.layout.sizes.small),
                "total_color": self.layout.colors.muted,
                "total_suffix": clean(self.layout.labels.page_of.partition("{pages}")[2]),
            },
        )
        story = self.story()
        doc.build(story, canvasmaker=canvas_class)
        return int(doc.page)

    def _templates(self) -> list[PageTemplate]:
        """One frame a page; or, with columns, a heading band over the columns on a week's first
        page and full-height columns on any page that continues the week."""
        layout = self.layout
        left = layout.page.margins.left * MM
        bottom = layout.page.margins.bottom * MM + FOOTER_BAND
        pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        single = Frame(left, bottom, layout.frame_width, self.frame_height, id="body", **pad)
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
            bottom + self.day_height,
            layout.frame_width,
            self.heading_band,
            id="heading",
            **pad,
        )
        templates = [
            PageTemplate(
                "week",
                [heading, *columns(self.day_height)],
                onPage=self._decorate,
                autoNextPageTemplate="continued",
            ),
            PageTemplate("continued", columns(self.frame_height), onPage=self._decorate),
            PageTemplate("page", [single], onPage=self._decorate),
        ]
        # The document starts on the first template: the one its first section needs.
        return templates if layout.sections[0] == "weeks" else templates[2:] + templates[:2]

    def story(self) -> list[Flowable]:
        """Every section of the layout, each from a new page."""
        builders: dict[str, Callable[[], list[Flowable]]] = {
            "cover": self.cover,
            "overview": self.overview,
            "guide": self.guide,
            "weeks": self.weeks,
            "notes": self.notes,
        }
        columns = self.layout.page.columns > 1
        story: list[Flowable] = []
        for section in self.layout.sections:
            part = builders[section]()
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
        layout = self.layout
        width, height = layout.page_size
        margins = layout.page.margins
        left, right = margins.left * MM, width - margins.right * MM
        top = height - margins.top * MM
        small = layout.sizes.small
        canv.saveState()
        canv.setFillColor(colors.HexColor(layout.colors.muted))
        baseline = top - small
        room = right - left
        start = left
        if self.logo is not None:
            start += draw_header_logo(canv, self.logo, self._logo_image, left, top)
        client = _fit(one_line(self.details.client), self.fonts.regular, small, room * 0.45)
        client_w = stringWidth(client, self.fonts.regular, small) if client else 0
        canv.setFont(self.fonts.bold, small)
        program = _fit(
            one_line(self.plan.program),
            self.fonts.bold,
            small,
            right - start - client_w - 6 * MM,
        )
        canv.drawString(start, baseline, program)
        if client:
            canv.setFont(self.fonts.regular, small)
            canv.drawRightString(right, baseline, client)
        canv.setStrokeColor(colors.HexColor(layout.colors.rule))
        canv.setLineWidth(0.4)
        canv.line(left, top - HEADER_BAND + 2.5 * MM, right, top - HEADER_BAND + 2.5 * MM)

        bottom = margins.bottom * MM + 1 * MM
        canv.setFont(self.fonts.regular, small)
        # The total is not known until the end: it (and what follows it) is a form drawn then.
        prefix, total, _ = layout.labels.page_of.partition("{pages}")
        text = clean(prefix.format(page=doc.page))
        canv.drawString(left, bottom, text)
        if total:
            canv.saveState()
            canv.translate(left + stringWidth(text, self.fonts.regular, small), bottom)
            canv.doForm(TOTAL_PAGES_FORM)
            canv.restoreState()
        trainer = ""
        if self.details.trainer:
            trainer = one_line(f"{layout.labels.trainer}: {self.details.trainer}")
            trainer = _fit(trainer, self.fonts.regular, small, room * 0.6)
            canv.drawRightString(right, bottom, trainer)
        if layout.brand.contact:
            # Between the page number (its total is at most three digits) and the trainer.
            suffix = layout.labels.page_of.partition("{pages}")[2]
            total_w = stringWidth(f"999{clean(suffix)}" if total else "", self.fonts.regular, small)
            free = (
                left + stringWidth(text, self.fonts.regular, small) + total_w,
                right - stringWidth(trainer, self.fonts.regular, small),
            )
            footer_contact(
                canv,
                layout.brand.contact,
                self.fonts.regular,
                small,
                (left + right) / 2,
                free,
                bottom,
            )
        canv.restoreState()

    def _tstyle(self, commands: list[tuple[Any, ...]]) -> TableStyle:
        # A table sets a cell font even when every cell is a paragraph: name ours, or the page
        # would reference Helvetica, which is not embedded.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.regular), *commands])

    # -- sections -----------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        """Program, client, trainer, start date, length, focus, summary and how to use it."""
        s, labels, plan = self.styles, self.layout.labels, self.plan
        sched = self.schedule
        story: list[Flowable] = [
            OutlineMark(labels.cover_outline, "cover"),
            *self._letterhead(),
            Paragraph(markup(labels.cover_kicker).upper(), s.kicker),
            Paragraph(markup(plan.program), s.title),
        ]
        if plan.focus:
            story.append(Paragraph(markup(plan.focus), s.focus))
        start = sched.start.strftime(self.layout.date_format) if sched.start else ""
        length = labels.length_value.format(
            weeks=counted(labels.weeks_one, labels.weeks_many, sched.total_weeks),
            days=counted(labels.days_one, labels.days_many, sched.days_per_week),
            sessions=len(plan.sessions),
        )
        rows = [
            (labels.client, self.details.client),
            (labels.trainer, self.details.trainer),
            (labels.start_date, start),
            (labels.length, length),
            (labels.units, self.schedule.units),
        ]
        story.append(self._facts_table(rows))
        if plan.summary:
            story += [Spacer(1, 8 * MM), Paragraph(markup(plan.summary), s.body)]
        if self.details.notes:
            story += [
                Spacer(1, 6 * MM),
                Paragraph(markup(labels.cover_notes), s.subheading),
                Paragraph(markup(self.details.notes), s.body),
            ]
        if labels.how_to_use:
            story += [Spacer(1, 8 * MM), self._how_to_use()]
        return story

    def _letterhead(self) -> list[Flowable]:
        """The space above the title; with a brand, the logo and the contact line in it."""
        contact = self.layout.brand.contact or ""
        if self.logo is None and not contact:
            return [Spacer(1, 12 * MM)]
        head = Letterhead(
            self.logo,
            self._logo_image,
            contact,
            self.layout.frame_width,
            self.fonts.regular,
            self.layout.sizes.body,
            self.layout.colors.muted,
        )
        return [head, Spacer(1, 8 * MM)]

    def _facts_table(self, rows: list[tuple[str, str]]) -> Table:
        s = self.styles
        data = [
            [Paragraph(markup(label), s.label), Paragraph(markup(one_line(value)), s.value)]
            for label, value in rows
        ]
        label_w = self.layout.tables.facts_label_width * MM
        table = Table(data, colWidths=[label_w, self.layout.frame_width - label_w], hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
        rule = colors.HexColor(self.layout.colors.rule)
        for index, (_, value) in enumerate(rows):
            if not value:  # a line to write on
                commands.append(("LINEBELOW", (1, index), (1, index), 0.5, rule))
        table.setStyle(self._tstyle(commands))
        return table

    def _how_to_use(self) -> Table:
        s, labels = self.styles, self.layout.labels
        items = ListFlowable(
            [ListItem(Paragraph(markup(text), s.body)) for text in labels.how_to_use],
            bulletType="1",
            bulletFontName=self.fonts.bold,
            bulletFontSize=s.body.fontSize,
            leftIndent=12,
        )
        box = Table(
            [[Paragraph(markup(labels.how_to_use_title), s.subheading)], [items]],
            colWidths=[self.layout.frame_width],
        )
        box.setStyle(
            self._tstyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(self.layout.colors.shade)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4 * MM),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4 * MM),
                    ("TOPPADDING", (0, 0), (0, 0), 3 * MM),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 4 * MM),
                ]
            )
        )
        return box

    def overview(self) -> list[Flowable]:
        """Each session's exercises with sets × reps, rest, load and notes."""
        s, labels = self.styles, self.layout.labels
        story: list[Flowable] = [
            OutlineMark(labels.overview_title, "overview"),
            Paragraph(markup(labels.overview_title), s.heading),
        ]
        if len(self.plan.sessions) > 1:
            rotation = labels.rotation.format(
                days=self.schedule.days_per_week, order=self.schedule.rotation(1)
            )
            story.append(Paragraph(markup(rotation), s.body))
        for index, session in enumerate(self.plan.sessions):
            title = labels.session_title.format(letter=session_letter(index), name=session.name)
            head = [labels.exercise, labels.sets_reps, labels.rest, labels.load, labels.notes]
            rows = [[Paragraph(markup(h), s.cell_head) for h in head]]
            labels_in_session = superset_labels(session.exercises)
            for position, (item, label) in enumerate(
                zip(session.exercises, labels_in_session, strict=True)
            ):
                exercise = self.plan.exercise(item)
                name = f"{label} · {exercise.name}" if label else exercise.name
                target = f"{item.sets} × {item.reps}"
                if item.warmup:
                    target += f" + {item.warmup.sets} {labels.warmup}"
                rows.append(
                    [
                        Paragraph(f"<b>{markup(name)}</b>", s.cell),
                        Paragraph(markup(target), s.cell),
                        Paragraph(markup(item.rest or ""), s.cell),
                        Paragraph(markup(self.schedule.starting_load(index, position)), s.cell),
                        Paragraph(markup(self._notes(item)), s.cell),
                    ]
                )
            width = self.layout.frame_width
            shares = self.layout.tables.overview_widths.model_dump().values()
            table = Table(rows, colWidths=[w * width for w in shares], repeatRows=1)
            table.setStyle(self._table_style())
            story += [Paragraph(markup(title), s.subheading), table, Spacer(1, 4 * MM)]
        if self.plan.progression:
            text = f"{labels.progression}: {describe_progression(self.plan.progression)}"
            story.append(Paragraph(markup(text), s.body))
        # The chart fits a page with its heading, however small the paper.
        chart = block_chart(
            self.schedule,
            self.layout,
            self.fonts,
            self.layout.frame_width,
            self.frame_height - 3 * self.styles.subheading.leading,
        )
        story += [
            Spacer(1, 4 * MM),
            KeepTogether(
                [
                    OutlineMark(labels.chart_title, "chart", level=1),
                    Paragraph(markup(labels.chart_title), s.subheading),
                    chart,
                ]
            ),
        ]
        return story

    def _own_progression(self, item: Prescription) -> str:
        """How this exercise progresses, where it differs from the plan (said once below)."""
        assert item.progression is not None
        rules = item.progression.over(self.plan.progression)
        if "deload" not in item.progression.model_fields_set:
            rules = rules.model_copy(update={"deload": None})
        return describe_progression(rules, item.reps)

    def _notes(self, item: Prescription) -> str:
        """The overview's notes: effort and tempo targets, the trainer's note, own progression."""
        parts = [
            f"{self.layout.labels.tempo} {item.tempo}" if item.tempo else "",
            f"RPE {item.rpe:g}" if item.rpe is not None else "",
            f"RIR {item.rir}" if item.rir is not None else "",
            item.notes or "",
            f"{self.layout.labels.progression}: {self._own_progression(item)}"
            if item.progression
            else "",
        ]
        return " · ".join(p for p in parts if p)

    def _table_style(self) -> TableStyle:
        palette = self.layout.colors
        return self._tstyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(palette.shade)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor(palette.rule)),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.HexColor(palette.text)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )

    def guide(self) -> list[Flowable]:
        """A page for each exercise of the plan, explaining how to do it."""
        s, labels = self.styles, self.layout.labels
        story: list[Flowable] = [
            OutlineMark(labels.guide_title, "guide"),
            Paragraph(markup(labels.guide_title), s.heading),
        ]
        for index, (ex_id, exercise) in enumerate(self.plan.used_exercises.items()):
            if index:
                story.append(PageBreak())
            story += self._exercise(ex_id, exercise)
        return story

    def _exercise(self, ex_id: str, exercise: Exercise) -> list[Flowable]:
        s, labels = self.styles, self.layout.labels
        parts: list[Flowable] = [
            OutlineMark(exercise.name, f"ex-{ex_id}", level=1),
            Paragraph(markup(exercise.name), s.subheading),
        ]
        head: list[Flowable] = []  # beside the video's QR code, if there is one
        trains = [t for t in (exercise.area, ", ".join(exercise.muscles)) if t]
        if trains:
            head.append(self._labelled(labels.trains, " — ".join(trains)))
        if exercise.equipment:
            head.append(self._labelled(labels.equipment, ", ".join(exercise.equipment)))
        if exercise.summary:
            head.append(Paragraph(markup(exercise.summary), s.body))
        if exercise.setup:
            head.append(self._labelled(labels.setup, exercise.setup))
        parts += [self._beside_video(head, exercise.video)] if exercise.video else head
        if exercise.steps:
            parts += [
                Paragraph(f"<b>{markup(labels.steps)}</b>", s.body),
                self._list(exercise.steps, numbered=True),
            ]
        columns = [(labels.cues, exercise.cues), (labels.mistakes, exercise.mistakes)]
        columns = [(title, items) for title, items in columns if items]
        if columns:
            cells = [
                [Paragraph(f"<b>{markup(title)}</b>", s.body), self._list(items)]
                for title, items in columns
            ]
            width = self.layout.frame_width / len(cells)
            table = Table([cells], colWidths=[width] * len(cells))
            table.setStyle(
                self._tstyle(
                    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
                )
            )
            parts.append(table)
        if exercise.safety:
            box = Table(
                [[Paragraph(f"<b>{markup(labels.safety)}:</b> {markup(exercise.safety)}", s.body)]],
                colWidths=[self.layout.frame_width],
            )
            box.setStyle(
                self._tstyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(self.layout.colors.text)),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3 * MM),
                        ("TOPPADDING", (0, 0), (-1, -1), 2 * MM),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * MM),
                    ]
                )
            )
            parts += [Spacer(1, 2 * MM), box]
        parts.append(Spacer(1, 7 * MM))
        return parts

    def _beside_video(self, parts: list[Flowable], url: str) -> Table:
        """`parts` in a column at the left; the video's QR code, its address under it, at the
        right. Not a link: the printed code is the way to the video."""
        layout = self.layout
        code = VideoCode(url, self.fonts.regular, layout.sizes.small, layout.colors.muted)
        room = code.width + 5 * MM
        table = Table([[parts or Spacer(1, 1), code]], colWidths=[layout.frame_width - room, room])
        table.setStyle(
            self._tstyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * MM),
                ]
            )
        )
        return table

    def _labelled(self, label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{markup(label)}:</b> {markup(value)}", self.styles.body)

    def _list(self, items: list[str], *, numbered: bool = False) -> ListFlowable:
        s = self.styles
        return ListFlowable(
            [ListItem(Paragraph(markup(item), s.body)) for item in items],
            bulletType="1" if numbered else "bullet",
            start=None if numbered else "•",
            bulletFontName=self.fonts.bold if numbered else self.fonts.regular,
            bulletFontSize=s.body.fontSize,
            leftIndent=12,
        )

    def weeks(self) -> list[Flowable]:
        """Each week from a new page; each training day a grid that does not split."""
        story: list[Flowable] = []
        for week in self.schedule.weeks:
            if self.only_weeks is None or week.number in self.only_weeks:
                story += self._week(week)
        return story

    def _week(self, week: Week) -> list[Flowable]:
        s, labels, layout = self.styles, self.layout.labels, self.layout
        title = labels.week_title.format(week=week.number, weeks=self.schedule.total_weeks)
        heading = f"{title} · {labels.deload}" if week.deload else title
        story: list[Flowable] = [
            *([NextPageTemplate("week")] if layout.page.columns > 1 else []),
            PageBreak(),
            OutlineMark(title, f"week-{week.number}"),
            Paragraph(markup(heading), s.heading),
        ]
        notes = []
        if week.start:
            notes.append(labels.week_start.format(date=week.start.strftime(layout.date_format)))
        if week.deload:
            notes.append(labels.deload_week)
        if notes:
            story.append(Paragraph(markup(" · ".join(notes)), s.small))
        story.append(FrameBreak() if layout.page.columns > 1 else Spacer(1, 3 * MM))
        for index, day in enumerate(week.days):
            if index:
                story.append(Spacer(1, layout.grid.gap * MM))
            story.append(
                DayFlowable(
                    day,
                    self._compose,
                    self.day_height,
                    self._paint,
                    fields=self.fields.day if self.fields else None,
                )
            )
        if layout.grid.week_notes_height:
            story += [
                Spacer(1, layout.grid.gap * MM),
                NotesBox(
                    layout.grid.week_notes_height * MM,
                    labels.notes,
                    self._paint,
                    week_field(week.number),
                    self.fields.blank if self.fields else None,
                ),
            ]
        return story

    def _compose(
        self, day: Day, width: float, entries: Any = None, continued: bool = False
    ) -> DayGrid:
        return compose_day(
            day,
            self.layout,
            width,
            self.schedule.units,
            self._measure,
            entries=entries,
            continued=continued,
        )

    def _measure(self, text: str, bold: bool, size: float) -> float:
        # Every day's grid measures the same names, labels and targets: remember them.
        key = (text, bold, size)
        width = self._widths.get(key)
        if width is None:
            font = self.fonts.bold if bold else self.fonts.regular
            width = self._widths[key] = float(stringWidth(text, font, size))
        return width

    def notes(self) -> list[Flowable]:
        """A page of ruled lines."""
        labels = self.layout.labels
        return [
            OutlineMark(labels.notes_title, "notes"),
            Paragraph(markup(labels.notes_title), self.styles.heading),
            NotesLines(
                self.layout.grid.row_height * MM,
                self.layout.colors.rule,
                BOOKLET_NOTES,
                self.fields.blank if self.fields else None,
            ),
        ]
