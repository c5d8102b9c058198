"""The block's chart on the at-a-glance page, checked on its composed geometry (not on bytes).

The A5-landscape layout has the least height of the papers we know: there the panels must
shrink, and the sets and reps bars must stay clear of the load lines beneath them. The
geometry checked is the one the booklet really draws (caught on its way to the renderer), with
the height the page really offers it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from support import ROOT, TESTS

import pdfgen
from pdfgen.compose import chart as geo
from pdfgen.errors import InputError
from pdfgen.plan.loading import load_plan
from pdfgen.plan.loads import Load
from pdfgen.render.fonts import FontSet, register
from pdfgen.schedule.expand import expand
from pdfgen.schedule.model import Schedule, Volume, load_series, weekly_volume
from pdfgen.style.layout import Layout
from pdfgen.style.loading import load_layout
from pdfgen.units import MM

WHOLE_BACK = ROOT / "examples" / "whole-back.yaml"  # a plan with planned loads: two panels
A5_LANDSCAPE = TESTS / "fixtures" / "layouts" / "a5-landscape.yaml"
PLANS = ("upper-back", "whole-back")

Box = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class Drawn:
    """A chart the booklet composed, with what it was composed from."""

    chart: geo.ChartGeometry
    schedule: Schedule
    layout: Layout
    most_height: float


S = TypeVar("S", geo.Bar, geo.Text, geo.Polyline, geo.Marker)


def shapes_of(chart: geo.ChartGeometry, kind: type[S]) -> list[S]:
    """The chart's shapes of one kind (Bar, Text, Polyline, Marker), in drawing order."""
    return [s for s in chart.shapes if isinstance(s, kind)]


def panel(chart: geo.ChartGeometry, kind: str) -> geo.Panel:
    """The chart's panel of that kind: sets, reps or loads."""
    [found] = [p for p in chart.panels if p.kind == kind]
    return found


def schedule_of(plan: str) -> Schedule:
    if plan == "whole-back":
        return expand(load_plan(WHOLE_BACK), maxes={"good-morning": Load(90.0, "kg")})
    return expand(load_plan(plan))


@pytest.fixture(scope="module")
def a5_landscape() -> dict[str, Drawn]:
    """The charts of booklets rendered on the A5-landscape layout, as the booklet composed them."""
    layout = pdfgen.load_layout(A5_LANDSCAPE)
    composed: list[Drawn] = []
    real = geo.chart_of

    def spy(
        schedule: Schedule,
        layout: Layout,
        width: float,
        measure: geo.Measure,
        most_height: float = 2 * geo.PANEL_HEIGHT,
    ) -> geo.ChartGeometry:
        chart = real(schedule, layout, width, measure, most_height)
        composed.append(Drawn(chart, schedule, layout, most_height))
        return chart

    drawn: dict[str, Drawn] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo, "chart_of", spy)
        pdfgen.render_booklet("upper-back", io.BytesIO(), layout=layout)
        drawn["upper-back"] = composed[-1]
        pdfgen.render_booklet(
            WHOLE_BACK, io.BytesIO(), layout=layout, maxes={"good-morning": "90kg"}
        )
        drawn["whole-back"] = composed[-1]
    return drawn


def fonts_of(layout: Layout) -> FontSet:
    return register(layout.fonts)


def ink(shape: geo.Shape, fonts: FontSet) -> Box:
    """Where a shape puts ink; a text from its font's descent to its ascent, measured here."""
    if isinstance(shape, geo.Text):
        font = fonts.bold if shape.bold else fonts.regular
        width = stringWidth(shape.text, font, shape.size)
        ascent, descent = getAscentDescent(font, shape.size)
        left = shape.x - {"start": 0, "middle": width / 2, "end": width}[shape.anchor]
        return (left, shape.y + descent, left + width, shape.y + ascent)
    if isinstance(shape, geo.Bar):
        return (shape.x, shape.y, shape.x + shape.w, shape.y + shape.h)
    if isinstance(shape, geo.Line):
        xs, ys = (shape.x1, shape.x2), (shape.y1, shape.y2)
        return (min(xs), min(ys), max(xs), max(ys))
    if isinstance(shape, geo.Polyline):
        xs, ys = [x for x, _ in shape.points], [y for _, y in shape.points]
        return (min(xs), min(ys), max(xs), max(ys))
    outline = shape.outline
    if isinstance(outline, geo.Circle):
        r = outline.r
        return (outline.x - r, outline.y - r, outline.x + r, outline.y + r)
    if isinstance(outline, geo.Square):
        return (outline.x, outline.y, outline.x + outline.w, outline.y + outline.h)
    xs, ys = outline.points[::2], outline.points[1::2]
    return (min(xs), min(ys), max(xs), max(ys))


def extent(shapes: Iterator[geo.Shape] | tuple[geo.Shape, ...], fonts: FontSet) -> Box:
    boxes = [ink(s, fonts) for s in shapes]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def label_under(chart: geo.ChartGeometry, bar: geo.Bar) -> geo.Text:
    """The text centred under a bar, closest to it."""
    centre = bar.x + bar.w / 2
    under = [
        t
        for t in shapes_of(chart, geo.Text)
        if abs(t.x - centre) < 0.01 and t.anchor == "middle" and t.y < bar.y
    ]
    return max(under, key=lambda t: t.y)


# -- the A5-landscape page ----------------------------------------------------------------------


def test_on_a5_landscape_the_chart_shrinks_to_the_page(a5_landscape: dict[str, Drawn]) -> None:
    """The page cannot hold two panels of full height: the chart is no taller than the page
    offers, and its panels share that height in bands of their own, the bars over the lines."""
    drawn = a5_landscape["whole-back"]
    chart = drawn.chart
    assert drawn.most_height < 2 * geo.PANEL_HEIGHT  # the case where the panels must shrink
    assert chart.height <= drawn.most_height
    sets, reps, loads = chart.panels
    assert (sets.kind, reps.kind, loads.kind) == ("sets", "reps", "loads")
    assert loads.y == 0
    assert sets.y == reps.y == pytest.approx(loads.y + loads.height)
    assert sets.y + sets.height == pytest.approx(chart.height)


def test_on_a5_landscape_the_bars_stay_clear_of_the_load_lines(
    a5_landscape: dict[str, Drawn],
) -> None:
    drawn = a5_landscape["whole-back"]
    chart, fonts = drawn.chart, fonts_of(drawn.layout)
    sets, reps, loads = (extent(panel(chart, k).shapes, fonts) for k in ("sets", "reps", "loads"))
    # Every mark of the bar panels (their week labels included) is above every mark of the
    # load panel (its title included), with some air between.
    assert min(sets[1], reps[1]) > loads[3] + 1 * MM
    # And the sets and the reps stand side by side, apart.
    assert sets[2] < reps[0]


@pytest.mark.parametrize(
    "plan",
    [
        "whole-back",
        pytest.param(
            "upper-back",
            marks=pytest.mark.xfail(
                strict=True,
                reason="a one-panel chart's caption stands on the drawing's bottom edge, so its "
                "font's descent (0.6 mm) hangs below it, as in the committed samples",
            ),
        ),
    ],
)
def test_on_a5_landscape_everything_is_inside_the_drawing(
    a5_landscape: dict[str, Drawn], plan: str
) -> None:
    drawn = a5_landscape[plan]
    chart, fonts = drawn.chart, fonts_of(drawn.layout)
    for shape in chart.shapes:
        left, bottom, right, top = ink(shape, fonts)
        assert left >= 0 and right <= chart.width, shape
        assert bottom >= 0 and top <= chart.height, shape


def assert_texts_apart(chart: geo.ChartGeometry, fonts: FontSet) -> None:
    boxes = [(t.text, ink(t, fonts)) for t in shapes_of(chart, geo.Text)]
    for index, (text, a) in enumerate(boxes):
        for other, b in boxes[index + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (text, other)


@pytest.mark.parametrize("plan", PLANS)
def test_on_a5_landscape_no_two_texts_overlap(a5_landscape: dict[str, Drawn], plan: str) -> None:
    drawn = a5_landscape[plan]
    assert_texts_apart(drawn.chart, fonts_of(drawn.layout))


def test_names_of_lines_ending_together_stay_under_the_title() -> None:
    """Seven lines ending together near the top of the plot: their names, pushed apart, stay in
    the load panel (not up into its title or the bars), one under another."""
    layout = load_layout(A5_LANDSCAPE)
    fonts = fonts_of(layout)
    schedule = schedule_of("upper-back")
    weeks = [w.number for w in schedule.weeks]
    series = {f"Exercise {n}": [(w, 54.5) for w in weeks] for n in range(7)}
    chart = geo.compose_chart(
        weekly_volume(schedule), series, "kg", layout, layout.frame_width, measure(fonts)
    )
    assert_texts_apart(chart, fonts)
    bars = extent((*panel(chart, "sets").shapes, *panel(chart, "reps").shapes), fonts)
    assert extent(panel(chart, "loads").shapes, fonts)[3] < bars[1]


@pytest.mark.parametrize("plan", PLANS)
def test_every_text_is_inside_the_width(a5_landscape: dict[str, Drawn], plan: str) -> None:
    drawn = a5_landscape[plan]
    chart, fonts = drawn.chart, fonts_of(drawn.layout)
    assert chart.width == pytest.approx(drawn.layout.frame_width)
    for text in shapes_of(chart, geo.Text):
        left, _, right, _ = ink(text, fonts)
        assert left >= 0 and right <= chart.width, text


def test_a_long_exercise_name_is_cut_to_the_width() -> None:
    """The names at the ends of the load lines are the plan's; one too long for the room right
    of the lines ends in an ellipsis instead of running off the page."""
    layout = load_layout(A5_LANDSCAPE)
    fonts = fonts_of(layout)
    schedule = schedule_of("whole-back")
    volumes, series = weekly_volume(schedule), load_series(schedule)
    name = "Reverse cable crossover with a pause at the top and a slow way down"
    series[name] = series.pop("Reverse cable crossover")
    chart = geo.compose_chart(volumes, series, "kg", layout, layout.frame_width, measure(fonts))
    [cut] = [t for t in shapes_of(chart, geo.Text) if "Reverse" in t.text]
    assert cut.text.endswith("…")
    assert ink(cut, fonts)[2] <= chart.width


# -- what the bars and lines say ----------------------------------------------------------------


def measure(fonts: FontSet) -> geo.Measure:
    def width(text: str, bold: bool, size: float) -> float:
        return float(stringWidth(text, fonts.bold if bold else fonts.regular, size))

    return width


@pytest.mark.parametrize("plan", PLANS)
def test_a_bar_per_week_in_each_bar_panel(a5_landscape: dict[str, Drawn], plan: str) -> None:
    drawn = a5_landscape[plan]
    weeks = [w.number for w in drawn.schedule.weeks]
    for kind in ("sets", "reps"):
        bars = [s for s in panel(drawn.chart, kind).shapes if isinstance(s, geo.Bar)]
        assert [b.week for b in bars] == weeks
        # Left to right, in the week's order.
        assert [b.x for b in bars] == sorted(b.x for b in bars)


@pytest.mark.parametrize("plan", PLANS)
def test_a_deload_weeks_bar_is_open_and_labelled_with_the_layouts_word(
    tmp_path: Path, plan: str
) -> None:
    path = tmp_path / "a5-landscape-de.yaml"
    path.write_text(
        "page: {size: a5, orientation: landscape}\nlabels: {chart_deload: E}\n", encoding="utf-8"
    )
    layout = load_layout(path)
    schedule = schedule_of(plan)
    chart = geo.chart_of(schedule, layout, layout.frame_width, measure(fonts_of(layout)))
    deloads = {w.number for w in schedule.weeks if w.deload}
    assert deloads  # both plans have deload weeks
    bars = shapes_of(chart, geo.Bar)
    assert len(bars) == 2 * len(schedule.weeks)
    for bar in bars:
        label = label_under(chart, bar).text
        if bar.week in deloads:
            assert bar.open
            assert label == f"{bar.week} E"
        else:
            assert not bar.open
            assert label == str(bar.week)


def test_the_deload_label_is_checked_like_every_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("labels: {chart_deload: '{week}'}\n", encoding="utf-8")
    with pytest.raises(InputError, match="chart_deload"):
        load_layout(path)


def test_a_load_line_has_a_point_per_week_with_a_planned_load(
    a5_landscape: dict[str, Drawn],
) -> None:
    drawn = a5_landscape["whole-back"]
    chart, series = drawn.chart, load_series(drawn.schedule)
    # The week numbers under the load plot, by where they stand.
    loads = panel(chart, "loads")
    week_x = {
        int(t.text): t.x
        for t in loads.shapes
        if isinstance(t, geo.Text) and t.text.isdigit() and t.anchor == "middle"
    }
    assert sorted(week_x) == [w.number for w in drawn.schedule.weeks]
    lines = {line.name: line for line in shapes_of(chart, geo.Polyline)}
    assert sorted(lines) == sorted(series)
    markers = {(m.x, m.y) for m in shapes_of(chart, geo.Marker)}
    for name, points in series.items():
        line = lines[name]
        assert len(line.points) == len(points)
        assert [x for x, _ in line.points] == pytest.approx([week_x[w] for w, _ in points])
        # Heavier weeks stand higher.
        for (_, load_a), (_, load_b), (_, y_a), (_, y_b) in zip(
            points, points[1:], line.points, line.points[1:], strict=False
        ):
            assert (load_a < load_b) == (y_a < y_b)
        assert set(line.points) <= markers


def test_a_missing_planned_load_leaves_its_week_out_of_the_line(
    a5_landscape: dict[str, Drawn],
) -> None:
    """A week without a planned load for an exercise is not a point of its line."""
    drawn = a5_landscape["whole-back"]
    layout = drawn.layout
    schedule = drawn.schedule
    volumes, series = weekly_volume(schedule), load_series(schedule)
    name = next(iter(series))
    series[name] = [p for p in series[name] if p[0] != 3]
    chart = geo.compose_chart(
        volumes, series, "kg", layout, layout.frame_width, measure(fonts_of(layout))
    )
    [line] = [p for p in shapes_of(chart, geo.Polyline) if p.name == name]
    assert len(line.points) == len(schedule.weeks) - 1


# -- any height ---------------------------------------------------------------------------------


@pytest.mark.parametrize("most_mm", [104, 93.2, 80, 70, 64])
def test_the_panels_take_the_height_they_are_given(most_mm: float) -> None:
    """Down to the least height a legible chart needs (two panels of a 12 mm plot under a title,
    with its axis labels: 2 x (9 + 11 + 12) = 64 mm), the chart is no taller than it is given,
    and the bar panels stay clear of the load lines."""
    layout = load_layout(A5_LANDSCAPE)
    fonts = fonts_of(layout)
    chart = geo.chart_of(
        schedule_of("whole-back"), layout, layout.frame_width, measure(fonts), most_mm * MM
    )
    assert chart.height <= most_mm * MM + 1e-6
    sets, loads = (
        extent(panel(chart, "sets").shapes, fonts),
        extent(panel(chart, "loads").shapes, fonts),
    )
    assert sets[1] > loads[3]
    assert loads[1] >= 0 and sets[3] <= chart.height
    assert_texts_apart(chart, fonts)


def test_the_axis_numbers_stand_apart_on_the_shortest_plots() -> None:
    """Where four steps of the axis would be too close for their numbers, there are fewer."""
    layout = load_layout(A5_LANDSCAPE)
    fonts = fonts_of(layout)
    # 38 and 380 make five steps of 10 and 100 (the axis goes past the highest bar).
    volumes = [Volume(1, 38, 380, False), Volume(2, 19, 190, True)]
    series = {"Row": [(1, 38.0), (2, 19.0)]}
    chart = geo.compose_chart(
        volumes, series, "kg", layout, layout.frame_width, measure(fonts), 60 * MM
    )
    assert_texts_apart(chart, fonts)
    for panel in chart.panels:
        numbers = [s for s in panel.shapes if isinstance(s, geo.Text) and s.anchor == "end"]
        assert len(numbers) >= 3, panel.kind  # 0 and at least two steps: still an axis


def test_a_page_too_small_for_a_legible_chart_gets_one_at_its_smallest() -> None:
    layout = load_layout(A5_LANDSCAPE)
    fonts = fonts_of(layout)
    chart = geo.chart_of(
        schedule_of("whole-back"), layout, layout.frame_width, measure(fonts), 30 * MM
    )
    # The value axes (each panel's second line) of the shortest plot, the load lines'.
    axes = [[s for s in p.shapes if isinstance(s, geo.Line)][1] for p in chart.panels]
    assert min(axis.y2 - axis.y1 for axis in axes) == pytest.approx(geo.MIN_PLOT)
    assert chart.height > 30 * MM
