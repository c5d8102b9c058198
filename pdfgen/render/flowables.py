"""The reportlab pieces every document is built from: grids that paint composed geometry, outline
marks, ruled lines, and a canvas that knows the total page count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from pdfgen.compose.boxes import DayGrid, Rect, Run
from pdfgen.compose.text import clean
from pdfgen.render.painter import GridPainter
from pdfgen.schedule.model import Day, Entry
from pdfgen.units import MM

TOTAL_PAGES_FORM = "pdfgenTotalPages"
# Form fields for a fillable document: on a day's grid (with the day, and whether this part
# continues it), or on one blank box (with the height of the drawing it is in).
DayFields = Callable[[Canvas, DayGrid, Day, bool], None]
BlankFields = Callable[[Canvas, Rect, float], None]


class OutlineMark(Flowable):  # type: ignore[misc]
    """An invisible mark that adds a bookmark (outline entry) at its place."""

    _ZEROSIZE = 1

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.key, self.level = clean(title), key, level
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level > 0)


class ColumnBottoms:
    """Where the days drawn on each page end, column by column (by the column's left edge), so
    that a week's notes box can reach across the columns under them."""

    def __init__(self) -> None:
        self._pages: dict[int, dict[float, float]] = {}

    def record(self, page: int, x: float, bottom: float) -> None:
        columns = self._pages.setdefault(page, {})
        columns[x] = min(bottom, columns.get(x, bottom))

    def before(self, page: int, x: float) -> dict[float, float]:
        """The bottoms of the columns left of `x` on a page."""
        return {left: y for left, y in self._pages.get(page, {}).items() if left < x - 1}


class DayFlowable(Flowable):  # type: ignore[misc]
    """A training day's grid, drawn from its composed geometry; never split across pages
    unless the day alone is taller than a page, and then only between exercises. A day that
    must not `move` (the first under its week's heading, which would be left alone on its
    page) is split where it stands instead of moving whole to the next page."""

    def __init__(
        self,
        day: Day,
        compose: Callable[..., DayGrid],
        page_height: float,
        painter: Callable[[Canvas, DayGrid], None],
        continued: bool = False,
        entries: tuple[Entry, ...] | None = None,
        fields: DayFields | None = None,
        *,
        move: bool = True,
        bottoms: ColumnBottoms | None = None,
    ) -> None:
        super().__init__()
        self.day, self.compose, self.page_height, self.move = day, compose, page_height, move
        self.bottoms = bottoms
        self.painter, self.continued, self.fields = painter, continued, fields
        self.entries = day.entries if entries is None else entries
        self.grid: DayGrid | None = None

    def _grid(self, avail_width: float) -> DayGrid:
        # platypus asks for the size on every frame it tries; the geometry depends on the width.
        if self.grid is None or self.grid.width != avail_width:
            whole = self.entries is self.day.entries  # the whole day: laid out once, shared
            self.grid = self.compose(
                self.day,
                avail_width,
                entries=None if whole else self.entries,
                continued=self.continued,
            )
        return self.grid

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        grid = self._grid(avail_width)
        self.width, self.height = grid.width, grid.height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.move and self._grid(avail_width).height <= self.page_height:
            return []  # fits on a fresh page: move it there whole
        # Only an exercise that alone is taller than a page is split between its sets.
        first = self.compose(self.day, avail_width, entries=self.entries[:1], continued=True)
        by_sets = first.height > self.page_height
        for head, tail in _split_points(self.entries, by_sets=by_sets):
            grid = self.compose(self.day, avail_width, entries=head, continued=self.continued)
            if grid.height <= avail_height:
                return [self._part(head, self.continued), self._part(tail, True)]
        return []

    def _part(self, entries: tuple[Entry, ...], continued: bool) -> DayFlowable:
        return DayFlowable(
            self.day,
            self.compose,
            self.page_height,
            self.painter,
            continued,
            entries,
            self.fields,
            bottoms=self.bottoms,
        )

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self.bottoms is not None:
            self.bottoms.record(canvas.getPageNumber(), x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        assert self.grid is not None
        self.painter(self.canv, self.grid)
        if self.fields:
            self.fields(self.canv, self.grid, self.day, self.continued)


def _split_points(
    entries: tuple[Entry, ...], *, by_sets: bool
) -> Iterator[tuple[tuple[Entry, ...], tuple[Entry, ...]]]:
    """Ways to split a day too tall for a page, best first: between exercises, latest first;
    then, if `by_sets`, between the sets of the first exercise."""
    for count in range(len(entries) - 1, 0, -1):
        yield entries[:count], entries[count:]
    if not by_sets:
        return
    first = entries[0]
    for count in range(len(first.sets) - 1, 0, -1):
        head = replace(first, sets=first.sets[:count])
        tail = replace(first, sets=first.sets[count:])
        yield (head,), (tail, *entries[1:])


class DayGap(Flowable):  # type: ignore[misc]
    """The space before a week's next training day; where that day starts a page, the week's
    heading said again instead ("Week 3 of 8 (continued)"), so that the page says its week."""

    def __init__(self, gap: float, heading: Flowable, top: float) -> None:
        super().__init__()
        self.gap, self.heading, self.top = gap, heading, top
        self.keepWithNext = True  # it goes where its day goes
        self.at_top = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # A frame offers its whole height only at its top: the day after this starts a page.
        # (platypus measures a group kept together with a huge height: that is not a top.)
        self.at_top = abs(avail_height - self.top) <= 1
        if self.at_top:
            _, height = self.heading.wrap(avail_width, avail_height)
            self.width, self.height = avail_width, height + self.gap
        else:
            self.width, self.height = avail_width, self.gap
        return self.width, self.height

    def draw(self) -> None:
        if self.at_top:
            self.heading.drawOn(self.canv, 0, self.gap)


class NotesLines(Flowable):  # type: ignore[misc]
    """Ruled lines for writing, filling the rest of the frame."""

    def __init__(
        self, spacing: float, color: str, name: str = "", fields: BlankFields | None = None
    ) -> None:
        super().__init__()
        self.spacing, self.color, self.name, self.fields = spacing, color, name, fields

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor(self.color))
        self.canv.setLineWidth(0.4)
        y = self.height - self.spacing
        while y >= 0:
            self.canv.line(0, y, self.width, y)
            y -= self.spacing
        if self.fields:
            area = Rect(
                0, 0, self.width, self.height, write=True, role="notes_page", name=self.name
            )
            self.fields(self.canv, area, self.height)


class NotesBox(Flowable):  # type: ignore[misc]
    """A labelled box to write in, as wide as the column: `height` tall, or, to `fill`, all
    that is left of the frame and at least `height`. An `optional` box that finds less room
    than `height` is left out rather than carried to a page of its own. Given the `bottoms` of
    the page's columns, a filling box reaches left under the columns before it, from below the
    lowest of them, where that leaves it `height` tall."""

    def __init__(
        self,
        height: float,
        label: str,
        painter: GridPainter,
        name: str = "",
        fields: BlankFields | None = None,
        size: float = 8.0,
        *,
        fill: bool = False,
        optional: bool = False,
        gap: float = 0.0,
        bottoms: ColumnBottoms | None = None,
    ) -> None:
        super().__init__()
        self.box_height, self.label, self.painter = height, label, painter
        self.name, self.fields, self.size = name, fields, size
        self.fill, self.optional, self.gap = fill, optional, gap
        self.bottoms = bottoms
        self.reach = (0.0, 0.0)  # how far the box reaches left, and how much lower its top is

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # The box stands `gap` below what comes before it.
        height = self.box_height + self.gap
        if self.fill and avail_height >= height:
            height = avail_height - 1  # a point spare: a frame refuses an exact fit's rounding
        elif self.fill and self.optional:
            height = 0.0
        self.width, self.height = avail_width, height
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.reach = (0.0, 0.0)
        if self.bottoms is not None and self.fill and self.height > 0:
            others = self.bottoms.before(canvas.getPageNumber(), x)
            if others:
                own = self.height - self.gap  # the box's top in its own column, above y
                top = min(own, min(others.values()) - self.gap - y)
                if top >= self.box_height:
                    self.reach = (x - min(others), own - top)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        if self.height <= 0:
            return
        size = self.size
        left, lower = self.reach
        rect = Rect(
            -left,
            self.gap + lower,
            self.width + left,
            self.height - self.gap - lower,
            fill="white",
            write=True,
            role="week_notes",
            name=self.name,
        )
        label = Run(
            rect.x + 1.6 * MM, rect.y + 2 * MM + size * 0.7, self.label, size, color="muted"
        )
        self.painter(self.canv, DayGrid(self.width, self.height, (rect,), (label,)))
        if self.fields:
            # Below the label, so that typing does not run over it.
            room = rect._replace(y=rect.y + 4.5 * MM, h=rect.h - 4.5 * MM)
            self.fields(self.canv, room, self.height)


class TotalPagesCanvas(Canvas):  # type: ignore[misc]
    """A canvas that fills in the total page count, referenced on every page, when saved."""

    total_font: tuple[str, float] = ("Helvetica", 8)
    total_color: str = "#000000"
    total_suffix: str = ""  # what the page label prints after the total

    def showPage(self) -> None:
        # The file's ID is a digest of what its pages draw: reportlab's invariant mode gives
        # every booklet of a plan one ID, whatever its paper, layout or client.
        self._doc.updateSignature(f"{self._pagesize}" + "\n".join(self._code))
        super().showPage()

    def save(self) -> None:
        self.beginForm(TOTAL_PAGES_FORM)
        self.setFont(*self.total_font)
        self.setFillColor(colors.HexColor(self.total_color))
        self.drawString(0, 0, f"{self.getPageNumber() - 1}{self.total_suffix}")
        self.endForm()
        super().save()
