"""The geometry of the block's chart on the at-a-glance page, decided before anything is drawn.

Planned work sets and reps per week as bars, side by side; planned loads per exercise as lines
beneath them when the plan has any. Legible in black and white: deload weeks are open bars
labelled with the layout's `chart_deload`, every bar carries its number, and each load line has
its own marker and its name at its end.

`compose_chart` turns the numbers and the layout into plain shapes in points, in the drawing's
coordinates (origin at the bottom left, y growing upwards), in the order they are drawn. The
renderer only paints them; tests check them directly: a bar per week, panels apart, every text
inside the width. Text widths come from a `measure` callable, so nothing here needs a font.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pdfgen.compose.boxes import Measure
from pdfgen.compose.text import fit_lines
from pdfgen.schedule.model import Schedule, Volume, load_series, weekly_volume
from pdfgen.style.layout import Layout
from pdfgen.units import MM

PANEL_HEIGHT = 52 * MM  # a panel's height where the page has room for it
AXIS = 9 * MM  # room left of and under a plot for the axis labels
OVER_BARS = 9 * MM  # room over a bar plot for its title and the bars' numbers
OVER_LINES = 11 * MM  # room over the load plot for its title
GAP = 8 * MM  # between the sets and the reps panels
NAMES = 45 * MM  # right of the load plot, for the lines' names
MIN_PLOT = 12 * MM  # the shortest plot that still reads, with at least two ticks of 8 pt numbers
MarkerKind = Literal["disc", "square", "diamond", "circle", "open square", "triangle"]
MARKERS: tuple[MarkerKind, ...] = ("disc", "square", "diamond", "circle", "open square", "triangle")
MARKER_GLYPHS = ("●", "■", "◆", "○", "□", "△")  # the same shapes, to name each line
MARKER_RADIUS = 2.2


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


# -- the shapes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A line of text; `y` is its baseline and `anchor` says which end (or the middle) is at
    `x`."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    anchor: Literal["start", "middle", "end"] = "middle"


@dataclass(frozen=True)
class Line:
    """A straight line: an axis or a tick."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.6


@dataclass(frozen=True)
class Bar:
    """A week's bar, standing on the plot's base line. A deload week's bar is `open`: outlined
    and unfilled, so it reads as lighter without any colour."""

    x: float
    y: float
    w: float
    h: float
    week: int
    open: bool = False
    width: float = 0.5  # of its outline


@dataclass(frozen=True)
class Polyline:
    """An exercise's planned load, week by week; `dash` is (on, off) in points, or none."""

    name: str
    points: tuple[tuple[float, float], ...]
    dash: tuple[float, float] | None = None
    width: float = 0.9


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Square:
    x: float  # bottom left
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Polygon:
    points: tuple[float, ...]  # x, y, x, y...


@dataclass(frozen=True)
class Marker:
    """A week's point on a load line at (`x`, `y`), drawn as `outline`: filled with ink, or
    open (white inside)."""

    kind: MarkerKind
    x: float
    y: float
    filled: bool
    outline: Circle | Square | Polygon
    width: float = 0.6


Shape = Text | Line | Bar | Polyline | Marker


@dataclass(frozen=True)
class Panel:
    """A part of the chart: the sets or reps bars, or the load lines. Its box is the room it
    was given; its shapes are what is drawn there."""

    kind: Literal["sets", "reps", "minutes", "loads"]
    x: float
    y: float
    width: float
    height: float
    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class ChartGeometry:
    """The composed chart: its size and its panels, top first, each with its shapes in the
    order they are drawn."""

    width: float
    height: float
    panels: tuple[Panel, ...]

    @property
    def shapes(self) -> Iterator[Shape]:
        """Every shape, in the order it is drawn."""
        return (shape for panel in self.panels for shape in panel.shapes)


# -- composing ---------------------------------------------------------------------------------


def chart_of(
    schedule: Schedule,
    layout: Layout,
    width: float,
    measure: Measure,
    most_height: float = 2 * PANEL_HEIGHT,
) -> ChartGeometry:
    """The chart of a schedule's block: its weekly volume, and its planned loads."""
    return compose_chart(
        weekly_volume(schedule),
        load_series(schedule),
        schedule.units,
        layout,
        width,
        measure,
        most_height,
    )


def compose_chart(
    volumes: Sequence[Volume],
    series: Mapping[str, Sequence[tuple[int, float]]],
    units: str,
    layout: Layout,
    width: float,
    measure: Measure,
    most_height: float = 2 * PANEL_HEIGHT,
) -> ChartGeometry:
    """Work sets and reps per week side by side; planned loads beneath when there are any.

    Each panel is PANEL_HEIGHT tall where `most_height` has room for all of them, and shorter
    where it has not, so that the chart is no taller than `most_height`: the plots shrink, the
    titles and axis labels keep their room, and each panel keeps to its own band. A plot never
    gets shorter than MIN_PLOT: on a page too small even for that, the chart is taller than
    `most_height`.
    """
    panels = 2 if series else 1
    over = OVER_LINES if series else OVER_BARS
    panel = max(min(PANEL_HEIGHT, most_height / panels), AXIS + over + MIN_PLOT)
    height = panel * panels
    half = (width - GAP) / 2
    top = height - panel
    labels = layout.labels
    sets = [v.sets for v in volumes]
    # Work done to the clock (a running plan, holds) is planned in minutes, not reps.
    kind: Literal["reps", "minutes"] = "reps"
    second, second_title = [v.reps for v in volumes], labels.chart_reps
    if not any(second) and any(v.minutes for v in volumes):
        kind, second, second_title = "minutes", [v.minutes for v in volumes], labels.chart_minutes
    composed = [
        _bars("sets", volumes, sets, labels.chart_sets, 0, top, half, panel, layout, measure),
        _bars(kind, volumes, second, second_title, half + GAP, top, half, panel, layout, measure),
    ]
    if series:
        title = labels.chart_load.format(units=units)
        composed.append(_lines(series, title, len(volumes), width, panel, layout, measure))
    return ChartGeometry(width, height, tuple(composed))


class _Plot:
    """A rectangle of a panel with a 0-based value axis, and the shapes of the panel."""

    def __init__(
        self,
        box: tuple[float, float, float, float],
        over: float,
        top: float,
        layout: Layout,
        measure: Measure,
    ) -> None:
        x, y, width, panel = box
        self.measure, self.small = measure, layout.sizes.small
        self.x, self.y, self.width, self.height = (
            x + AXIS,
            y + AXIS,
            width - AXIS,
            panel - AXIS - over,
        )
        self.shapes: list[Shape] = []
        # About four steps, fewer where the plot is too short for their numbers to stand apart.
        for ticks in (4, 3, 2, 1):
            self.step = nice_step(top, ticks)
            self.top = self.step * math.ceil(top / self.step * 1.1) if top > 0 else 1
            if self.height * self.step / self.top >= self.small * 1.2:
                break

    def value_y(self, value: float) -> float:
        return self.y + self.height * value / self.top

    def text(
        self,
        x: float,
        y: float,
        value: str,
        anchor: Literal["start", "middle", "end"] = "middle",
        bold: bool = False,
    ) -> None:
        self.shapes.append(Text(x, y, value, self.small, bold, anchor))

    def fit(self, value: str, room: float, bold: bool = False) -> str:
        """`value` cut short with an ellipsis where it is wider than `room`."""
        size = self.small
        return fit_lines(value, room, 1, lambda text: self.measure(text, bold, size))[0]

    def axes(self) -> None:
        """The value axis with its ticks, and the base line."""
        small = self.small
        self.shapes.append(Line(self.x, self.y, self.x + self.width, self.y))
        self.shapes.append(Line(self.x, self.y, self.x, self.y + self.height))
        tick = 0.0
        while tick <= self.top + 1e-9:
            y = self.value_y(tick)
            self.shapes.append(Line(self.x - 2, y, self.x, y))
            self.text(self.x - 3, y - small * 0.35, f"{tick:g}", anchor="end")
            tick += self.step


def _bars(
    kind: Literal["sets", "reps", "minutes"],
    volumes: Sequence[Volume],
    values: list[int],
    title: str,
    x: float,
    y: float,
    width: float,
    panel: float,
    layout: Layout,
    measure: Measure,
) -> Panel:
    small = layout.sizes.small
    plot = _Plot((x, y, width, panel), OVER_BARS, max(values or [0]), layout, measure)
    plot.text(x, y + panel - layout.sizes.body, plot.fit(title, width, True), "start", True)
    plot.axes()
    slot = plot.width / max(len(values), 1)
    for index, (volume, value) in enumerate(zip(volumes, values, strict=True)):
        left = plot.x + index * slot + slot * 0.15
        top = plot.value_y(value)
        plot.shapes.append(Bar(left, plot.y, slot * 0.7, top - plot.y, volume.week, volume.deload))
        centre = left + slot * 0.35
        plot.text(centre, top + 2, str(value))
        week = f"{volume.week} {layout.labels.chart_deload}" if volume.deload else f"{volume.week}"
        plot.text(centre, plot.y - small - 2, week)
    # The axis explains "D" only where a week is a deload.
    axis = layout.labels.chart_week if any(v.deload for v in volumes) else layout.labels.week_axis
    plot.text(plot.x + plot.width, y, plot.fit(axis, plot.width), "end")
    return Panel(kind, x, y, width, panel, tuple(plot.shapes))


def _lines(
    series: Mapping[str, Sequence[tuple[int, float]]],
    title: str,
    weeks: int,
    width: float,
    panel: float,
    layout: Layout,
    measure: Measure,
) -> Panel:
    small = layout.sizes.small
    loads = [load for points in series.values() for _, load in points]
    plot = _Plot((0, 0, width - NAMES, panel), OVER_LINES, max(loads), layout, measure)
    title_y = panel - layout.sizes.body - 2 * MM
    plot.text(0, title_y, plot.fit(title, width, True), "start", True)
    plot.axes()
    slot = plot.width / weeks
    for week in range(1, weeks + 1):
        plot.text(plot.x + (week - 0.5) * slot, plot.y - small - 2, str(week))
    ends: list[tuple[float, float, str]] = []
    for index, (name, points) in enumerate(series.items()):
        xy = tuple((plot.x + (week - 0.5) * slot, plot.value_y(load)) for week, load in points)
        dash = (3, 2) if index % 2 else None
        plot.shapes.append(Polyline(name, xy, dash))
        kind = MARKERS[index % len(MARKERS)]
        plot.shapes += [_marker(kind, px, py) for px, py in xy]
        glyph = MARKER_GLYPHS[index % len(MARKER_GLYPHS)]
        x = xy[-1][0] + 5
        ends.append((xy[-1][1] - small * 0.35, x, plot.fit(f"{glyph} {name}", width - x)))
    # Names at the ends of their lines, pushed apart where they would overlap, and back down
    # where that pushed them up into the title's line.
    ends.sort()
    for index in range(1, len(ends)):
        y, x, label = ends[index]
        ends[index] = (max(y, ends[index - 1][0] + small * 1.25), x, label)
    ceiling = title_y - small * 1.25
    for index in reversed(range(len(ends))):
        y, x, label = ends[index]
        below = ends[index + 1][0] - small * 1.25 if index + 1 < len(ends) else ceiling
        ends[index] = (min(y, below), x, label)
    for y, x, label in ends:
        plot.text(x, y, label, "start")
    return Panel("loads", 0, 0, width, panel, tuple(plot.shapes))


def _marker(kind: MarkerKind, x: float, y: float) -> Marker:
    r = MARKER_RADIUS
    filled = kind in ("disc", "square", "diamond")
    outline: Circle | Square | Polygon
    if kind in ("disc", "circle"):
        outline = Circle(x, y, r)
    elif kind in ("square", "open square"):
        outline = Square(x - r, y - r, 2 * r, 2 * r)
    elif kind == "diamond":
        outline = Polygon((x, y + r * 1.3, x + r * 1.3, y, x, y - r * 1.3, x - r * 1.3, y))
    else:  # triangle
        outline = Polygon((x, y + r * 1.3, x + r * 1.2, y - r, x - r * 1.2, y - r))
    return Marker(kind, x, y, filled, outline)
