"""A picture of the block for the at-a-glance page: planned volume per week, and planned loads.

Drawn with reportlab's own graphics. Legible in black and white: deload weeks are labelled
"D" and drawn as open bars, every bar carries its number, and each load line has its own marker
and a label at its end.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from pdfgen.layout import MM, Layout
from pdfgen.schedule import Schedule, Volume, load_series, weekly_volume
from pdfgen.typefaces import FontSet

CHART_HEIGHT = 52 * MM
MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "Circle", "Square", "Triangle")
MARKERS_TEXT = ("●", "■", "◆", "○", "□", "△")  # the same shapes, to name each line


def block_chart(schedule: Schedule, layout: Layout, fonts: FontSet, width: float) -> Drawing:
    """Work sets and reps per week side by side; planned loads beneath when there are any."""
    volumes = weekly_volume(schedule)
    series = load_series(schedule)
    height = CHART_HEIGHT * (2 if series else 1)
    drawing = Drawing(width, height)
    # The drawing's starting font would otherwise be Helvetica, which is not embedded.
    drawing.initialFontName, drawing.initialFontSize = fonts.regular, layout.sizes.small
    half = (width - 8 * MM) / 2
    top = height - CHART_HEIGHT
    labels = layout.labels
    _bars(
        drawing, volumes, [v.sets for v in volumes], labels.chart_sets, 0, top, half, layout, fonts
    )
    _bars(
        drawing,
        volumes,
        [v.reps for v in volumes],
        labels.chart_reps,
        half + 8 * MM,
        top,
        half,
        layout,
        fonts,
    )
    if series:
        title = labels.chart_load.format(units=schedule.units)
        _lines(drawing, series, title, schedule.total_weeks, width, layout, fonts)
    return drawing


def _title(drawing: Drawing, text: str, x: float, y: float, layout: Layout, fonts: FontSet) -> None:
    drawing.add(
        String(
            x,
            y,
            text,
            fontName=fonts.bold,
            fontSize=layout.sizes.body,
            fillColor=colors.HexColor(layout.colors.text),
        )
    )


def _bars(
    drawing: Drawing,
    volumes: list[Volume],
    values: list[int],
    title: str,
    x: float,
    y: float,
    width: float,
    layout: Layout,
    fonts: FontSet,
) -> None:
    small = layout.sizes.small
    _title(drawing, title, x, y + CHART_HEIGHT - layout.sizes.body, layout, fonts)
    chart = VerticalBarChart()
    chart.x, chart.y = x + 9 * MM, y + 9 * MM
    chart.width, chart.height = width - 10 * MM, CHART_HEIGHT - 22 * MM
    chart.data = [values]
    chart.categoryAxis.categoryNames = [f"{v.week}" + (" D" if v.deload else "") for v in volumes]
    accent, text = colors.HexColor(layout.colors.accent), colors.HexColor(layout.colors.text)
    chart.bars[0].fillColor = accent
    chart.bars[0].strokeColor = text
    for index, volume in enumerate(volumes):
        if volume.deload:  # an open bar: a deload reads as such without colour
            chart.bars[(0, index)].fillColor = colors.white
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(values or [1]) * 1.25 or 1
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = small
    chart.barLabels.nudge = 5
    chart.barLabelFormat = "%d"
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.regular
        axis.labels.fontSize = small
        axis.strokeColor = text
    chart.valueAxis.visibleGrid = False
    chart.valueAxis.labels.fillColor = text
    drawing.add(chart)
    drawing.add(
        String(
            x + width - 1 * MM,
            y,
            layout.labels.chart_week,
            fontName=fonts.regular,
            fontSize=small,
            textAnchor="end",
        )
    )


def _lines(
    drawing: Drawing,
    series: dict[str, list[tuple[int, float]]],
    title: str,
    weeks: int,
    width: float,
    layout: Layout,
    fonts: FontSet,
) -> None:
    small = layout.sizes.small
    _title(drawing, title, 0, CHART_HEIGHT - layout.sizes.body - 2 * MM, layout, fonts)
    plot = LinePlot()
    plot.x, plot.y = 12 * MM, 9 * MM
    plot.width, plot.height = width - 50 * MM, CHART_HEIGHT - 24 * MM
    plot.data = list(series.values())
    text = colors.HexColor(layout.colors.text)
    for index in range(len(series)):
        line = plot.lines[index]
        line.strokeColor = text if index % 2 == 0 else colors.HexColor(layout.colors.accent)
        line.strokeWidth = 1
        line.symbol = makeMarker(MARKERS[index % len(MARKERS)], size=4)
        if index % 3 == 1:
            line.strokeDashArray = (3, 2)
    loads = [load for points in series.values() for _, load in points]
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(loads) * 1.15
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0.5, weeks + 0.5
    plot.xValueAxis.valueSteps = list(range(1, weeks + 1))
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = fonts.regular
        axis.labels.fontSize = small
    drawing.add(plot)
    # Each line's name at its last point, so no colour key is needed; names that would
    # overlap are pushed apart.
    x_scale = plot.width / weeks
    y_scale = plot.height / plot.yValueAxis.valueMax
    placed: list[tuple[float, float, str]] = []
    for index, (name, points) in enumerate(series.items()):
        week, load = points[-1]
        marker = MARKERS_TEXT[index % len(MARKERS_TEXT)]
        placed.append(
            (plot.y + load * y_scale - 2, plot.x + (week - 0.5) * x_scale + 5, f"{marker} {name}")
        )
    gap = small * 1.25
    placed.sort()
    for index in range(1, len(placed)):
        y, x, label = placed[index]
        placed[index] = (max(y, placed[index - 1][0] + gap), x, label)
    for y, x, label in placed:
        drawing.add(String(x, y, label, fontName=fonts.regular, fontSize=small))
