"""A picture of the block for the at-a-glance page: planned volume per week, and planned loads.

Drawn with reportlab's graphics shapes (bars, lines, markers and labels placed here rather than
by the chart widgets, which cost more than the rest of the page). Legible in black and white:
deload weeks are open bars labelled "D", every bar carries its number, and each load line has
its own marker and its name at its end.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from pdfgen.render.fonts import FontSet
from pdfgen.schedule.expand import Schedule, Volume, load_series, weekly_volume
from pdfgen.style.layout import Layout
from pdfgen.units import MM

PANEL_HEIGHT = 52 * MM
AXIS = 9 * MM  # room left of and under a plot for the axis labels
MARKERS = ("disc", "square", "diamond", "circle", "open square", "triangle")
MARKER_GLYPHS = ("●", "■", "◆", "○", "□", "△")  # the same shapes, to name each line


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step for an axis from 0 to `top` with about `ticks` steps.

    >>> nice_step(27), nice_step(306), nice_step(47.5), nice_step(0)
    (10, 100, 20, 1)
    """
    if top <= 0:
        return 1
    rough = top / ticks
    power: float = 10.0 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= rough)
    return int(step) if step >= 1 else step


class _Plot:
    """A rectangle of the drawing with a 0-based value axis, and the shapes to fill it."""

    def __init__(
        self,
        drawing: Drawing,
        x: float,
        y: float,
        width: float,
        height: float,
        top: float,
        layout: Layout,
        fonts: FontSet,
    ) -> None:
        self.drawing, self.layout, self.fonts = drawing, layout, fonts
        self.x, self.y, self.width, self.height = x + AXIS, y + AXIS, width - AXIS, height
        self.step = nice_step(top)
        self.top = self.step * math.ceil(top / self.step * 1.1) if top > 0 else 1
        self.ink = colors.HexColor(layout.colors.text)

    def text(
        self, x: float, y: float, value: str, anchor: str = "middle", bold: bool = False
    ) -> None:
        self.drawing.add(
            String(
                x,
                y,
                value,
                textAnchor=anchor,
                fillColor=self.ink,
                fontName=self.fonts.bold if bold else self.fonts.regular,
                fontSize=self.layout.sizes.small,
            )
        )

    def value_y(self, value: float) -> float:
        return self.y + self.height * value / self.top

    def axes(self) -> None:
        """The value axis with its ticks, and the base line."""
        small = self.layout.sizes.small
        self.drawing.add(
            Line(self.x, self.y, self.x + self.width, self.y, strokeColor=self.ink, strokeWidth=0.6)
        )
        self.drawing.add(
            Line(
                self.x, self.y, self.x, self.y + self.height, strokeColor=self.ink, strokeWidth=0.6
            )
        )
        tick = 0.0
        while tick <= self.top + 1e-9:
            y = self.value_y(tick)
            self.drawing.add(Line(self.x - 2, y, self.x, y, strokeColor=self.ink, strokeWidth=0.6))
            self.text(self.x - 3, y - small * 0.35, f"{tick:g}", anchor="end")
            tick += self.step


def block_chart(
    schedule: Schedule,
    layout: Layout,
    fonts: FontSet,
    width: float,
    most_height: float = 2 * PANEL_HEIGHT,
) -> Drawing:
    """Work sets and reps per week side by side; planned loads beneath when there are any.
    Panels shrink to fit `most_height` on small pages."""
    volumes = weekly_volume(schedule)
    series = load_series(schedule)
    panels = 2 if series else 1
    panel = min(PANEL_HEIGHT, most_height / panels)
    height = panel * panels
    drawing = Drawing(width, height)
    # The drawing's starting font would otherwise be Helvetica, which is not embedded.
    drawing.initialFontName, drawing.initialFontSize = fonts.regular, layout.sizes.small
    half = (width - 8 * MM) / 2
    top = height - PANEL_HEIGHT
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
    plot = _Plot(
        drawing, x, y, width, PANEL_HEIGHT - AXIS - 9 * MM, max(values or [0]), layout, fonts
    )
    plot.text(x, y + PANEL_HEIGHT - layout.sizes.body, title, anchor="start", bold=True)
    plot.axes()
    slot = plot.width / max(len(values), 1)
    accent = colors.HexColor(layout.colors.accent)
    for index, (volume, value) in enumerate(zip(volumes, values, strict=True)):
        left = plot.x + index * slot + slot * 0.15
        # An open bar for a deload week: it reads as lighter without any colour.
        fill = colors.white if volume.deload else accent
        drawing.add(
            Rect(
                left,
                plot.y,
                slot * 0.7,
                plot.value_y(value) - plot.y,
                fillColor=fill,
                strokeColor=plot.ink,
                strokeWidth=0.5,
            )
        )
        centre = left + slot * 0.35
        plot.text(centre, plot.value_y(value) + 2, str(value))
        plot.text(centre, plot.y - small - 2, f"{volume.week}" + (" D" if volume.deload else ""))
    plot.text(plot.x + plot.width, y, layout.labels.chart_week, anchor="end")


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
    loads = [load for points in series.values() for _, load in points]
    plot = _Plot(
        drawing, 0, 0, width - 45 * MM, PANEL_HEIGHT - AXIS - 11 * MM, max(loads), layout, fonts
    )
    plot.text(0, PANEL_HEIGHT - layout.sizes.body - 2 * MM, title, anchor="start", bold=True)
    plot.axes()
    slot = plot.width / weeks
    for week in range(1, weeks + 1):
        plot.text(plot.x + (week - 0.5) * slot, plot.y - small - 2, str(week))
    ends: list[tuple[float, float, str]] = []
    for index, (name, points) in enumerate(series.items()):
        xy = [(plot.x + (week - 0.5) * slot, plot.value_y(load)) for week, load in points]
        dashed = (3, 2) if index % 2 else None
        drawing.add(
            PolyLine(
                [c for p in xy for c in p],
                strokeColor=plot.ink,
                strokeWidth=0.9,
                strokeDashArray=dashed,
            )
        )
        for px, py in xy:
            drawing.add(_marker(MARKERS[index % len(MARKERS)], px, py, plot.ink))
        glyph = MARKER_GLYPHS[index % len(MARKER_GLYPHS)]
        ends.append((xy[-1][1] - small * 0.35, xy[-1][0] + 5, f"{glyph} {name}"))
    # Names at the ends of their lines, pushed apart where they would overlap.
    ends.sort()
    for index in range(1, len(ends)):
        y, x, label = ends[index]
        ends[index] = (max(y, ends[index - 1][0] + small * 1.25), x, label)
    for y, x, label in ends:
        plot.text(x, y, label, anchor="start")


def _marker(kind: str, x: float, y: float, ink: colors.Color) -> Circle | Rect | Polygon:
    r = 2.2
    filled = ink if kind in ("disc", "square", "diamond") else colors.white
    if kind in ("disc", "circle"):
        return Circle(x, y, r, fillColor=filled, strokeColor=ink, strokeWidth=0.6)
    if kind in ("square", "open square"):
        return Rect(x - r, y - r, 2 * r, 2 * r, fillColor=filled, strokeColor=ink, strokeWidth=0.6)
    if kind == "diamond":
        points = [x, y + r * 1.3, x + r * 1.3, y, x, y - r * 1.3, x - r * 1.3, y]
    else:  # triangle
        points = [x, y + r * 1.3, x + r * 1.2, y - r, x - r * 1.2, y - r]
    return Polygon(points, fillColor=filled, strokeColor=ink, strokeWidth=0.6)
