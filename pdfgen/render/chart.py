"""The block's chart for the at-a-glance page, drawn with reportlab's graphics shapes.

Everything is decided in `pdfgen.compose.chart`; this module only turns the composed shapes into
reportlab's (which cost less than the chart widgets), in the same order, with the layout's
colours and fonts.
"""

from __future__ import annotations

from reportlab.graphics import shapes
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from pdfgen.compose import chart as geo
from pdfgen.render.fonts import FontSet
from pdfgen.schedule.model import Schedule
from pdfgen.style.layout import Layout


def block_chart(
    schedule: Schedule,
    layout: Layout,
    fonts: FontSet,
    width: float,
    most_height: float = 2 * geo.PANEL_HEIGHT,
) -> shapes.Drawing:
    """The chart of the schedule's block, `width` wide and, where the page can hold it, no
    taller than `most_height` (see `compose_chart`)."""

    def measure(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    return draw_chart(geo.chart_of(schedule, layout, width, measure, most_height), layout, fonts)


def draw_chart(chart: geo.ChartGeometry, layout: Layout, fonts: FontSet) -> shapes.Drawing:
    """A reportlab drawing of a composed chart."""
    drawing = shapes.Drawing(chart.width, chart.height)
    # The drawing's starting font would otherwise be Helvetica, which is not embedded.
    drawing.initialFontName, drawing.initialFontSize = fonts.regular, layout.sizes.small
    ink = colors.HexColor(layout.colors.text)
    accent = colors.HexColor(layout.colors.accent)
    for shape in chart.shapes:
        drawing.add(_shape(shape, ink, accent, fonts))
    return drawing


def _shape(
    shape: geo.Shape, ink: colors.Color, accent: colors.Color, fonts: FontSet
) -> shapes.Shape:
    if isinstance(shape, geo.Text):
        return shapes.String(
            shape.x,
            shape.y,
            shape.text,
            textAnchor=shape.anchor,
            fillColor=ink,
            fontName=fonts.bold if shape.bold else fonts.regular,
            fontSize=shape.size,
        )
    if isinstance(shape, geo.Line):
        return shapes.Line(
            shape.x1, shape.y1, shape.x2, shape.y2, strokeColor=ink, strokeWidth=shape.width
        )
    if isinstance(shape, geo.Bar):
        return shapes.Rect(
            shape.x,
            shape.y,
            shape.w,
            shape.h,
            fillColor=colors.white if shape.open else accent,
            strokeColor=ink,
            strokeWidth=shape.width,
        )
    if isinstance(shape, geo.Polyline):
        return shapes.PolyLine(
            [c for point in shape.points for c in point],
            strokeColor=ink,
            strokeWidth=shape.width,
            strokeDashArray=shape.dash,
        )
    return _marker(shape, ink)


def _marker(marker: geo.Marker, ink: colors.Color) -> shapes.Shape:
    style = {
        "fillColor": ink if marker.filled else colors.white,
        "strokeColor": ink,
        "strokeWidth": marker.width,
    }
    outline = marker.outline
    if isinstance(outline, geo.Circle):
        return shapes.Circle(outline.x, outline.y, outline.r, **style)
    if isinstance(outline, geo.Square):
        return shapes.Rect(outline.x, outline.y, outline.w, outline.h, **style)
    return shapes.Polygon(list(outline.points), **style)
