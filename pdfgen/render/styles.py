"""The booklet's paragraph and table styles, made from the layout's fonts, sizes, colours and
spacing. Which size, weight and colour each paragraph style takes is said here; the numbers are
the layout's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from pdfgen.render.fonts import FontSet
from pdfgen.style.layout import Layout
from pdfgen.units import MM

TableCommand = tuple[Any, ...]


@dataclass(frozen=True)
class Styles:
    """The paragraph styles, by their use; the table styles, by the table."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    focus: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle
    layout: Layout
    fonts: FontSet

    @classmethod
    def of(cls, layout: Layout, fonts: FontSet) -> Styles:
        """The styles for `layout`, in `fonts`."""
        sizes, palette = layout.sizes, layout.colors

        def style(
            name: str, size: float, *, bold: bool = False, color: str = palette.text
        ) -> ParagraphStyle:
            return _paragraph_style(layout, fonts, name, size, bold, color)

        return cls(
            kicker=style("kicker", sizes.subheading, bold=True, color=palette.accent),
            title=style("title", sizes.title, bold=True),
            focus=style("focus", sizes.subheading, color=palette.muted),
            heading=style("heading", sizes.heading, bold=True, color=palette.accent),
            subheading=style("subheading", sizes.subheading, bold=True),
            body=style("body", sizes.body),
            label=style("label", sizes.small, color=palette.muted),
            value=style("value", sizes.subheading),
            cell=style("cell", sizes.body),
            cell_head=style("cell_head", sizes.small, bold=True),
            small=style("small", sizes.small, color=palette.muted),
            layout=layout,
            fonts=fonts,
        )

    def table(self, commands: list[TableCommand]) -> TableStyle:
        """A table style of `commands`, in the layout's font."""
        # A table sets a cell font even when every cell is a paragraph: name ours, or the page
        # would reference Helvetica, which is not embedded.
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.regular), *commands])

    def facts_table(self, blank_rows: list[int]) -> TableStyle:
        """The cover's labels and values; a line to write on where a value is blank."""
        rule = colors.HexColor(self.layout.colors.rule)
        return self.table(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                *[("LINEBELOW", (1, row), (1, row), 0.5, rule) for row in blank_rows],
            ]
        )

    def shaded_box(self) -> TableStyle:
        """A shaded box of one column, its title in the first row (how to use the booklet)."""
        return self.table(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(self.layout.colors.shade)),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * MM),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * MM),
                ("TOPPADDING", (0, 0), (0, 0), 3 * MM),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 4 * MM),
            ]
        )

    def session_table(self) -> TableStyle:
        """The overview's table of a session: a shaded heading row, a rule under every row."""
        palette = self.layout.colors
        return self.table(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(palette.shade)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor(palette.rule)),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.HexColor(palette.text)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )

    def side_by_side(self) -> TableStyle:
        """Columns of text side by side, the first flush with the margin (cues and mistakes)."""
        return self.table(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        )

    def safety_box(self) -> TableStyle:
        """A framed note (an exercise's safety note)."""
        return self.table(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor(self.layout.colors.text)),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * MM),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * MM),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * MM),
            ]
        )

    def beside_code(self) -> TableStyle:
        """Text at the left and a QR code at the right, both flush with the margins."""
        return self.table(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * MM),
            ]
        )


def _paragraph_style(
    layout: Layout, fonts: FontSet, name: str, size: float, bold: bool, color: str
) -> ParagraphStyle:
    """The paragraph style `name`, spaced as the layout's `paragraphs` say."""
    space = getattr(layout.paragraphs, name)
    return ParagraphStyle(
        name,
        fontName=fonts.bold if bold else fonts.regular,
        fontSize=size,
        leading=size * space.leading,
        textColor=colors.HexColor(color),
        spaceAfter=space.space_after,
        spaceBefore=space.space_before,
        # A heading is never left alone at the foot of a page.
        keepWithNext=name in ("heading", "subheading"),
        alignment=TA_LEFT,
    )
