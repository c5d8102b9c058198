"""Painting composed grids: their boxes and rules as forms written once per document, their
text as PDF text operators."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

from pdfgen.compose.boxes import DayGrid, Rect
from pdfgen.render.fonts import FontSet

RULE_ROOM = 3.0  # points round a grid's rules form: more than half the widest rule
_Painted = tuple[float, float, float, float, str | None, str | None, float]
_RulesKey = tuple[float, float, tuple[_Painted, ...]]


class GridPainter:
    """Paints composed grids with a layout's colours and fonts.

    A grid's text is written as PDF text operators directly, each text split into its font
    subsets once per document: every week's grid prints the same few strings ("1", "6–8",
    "42.5 kg"), and reportlab's text object would split and escape each of them every time.

    A grid's boxes and rules are the same every week a session's sets are: they are a form,
    written once in the file and placed wherever they recur, and only the week's text is
    written on each page.
    """

    def __init__(self, palette: dict[str, str], fonts: FontSet) -> None:
        self._palette = {role: colors.HexColor(value) for role, value in palette.items()}
        self._fill_ops = {
            role: f"{fp_str(c.red, c.green, c.blue)} rg" for role, c in self._palette.items()
        }
        self.fonts = fonts
        self._widths: dict[tuple[str, tuple[str, float]], float] = {}
        self._pieces: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self._rule_forms: dict[_RulesKey, str] = {}

    def _width(self, text: str, face: tuple[str, float]) -> float:
        key = (text, face)
        if key not in self._widths:
            self._widths[key] = stringWidth(text, *face)
        return self._widths[key]

    def _split(self, canv: Canvas, font_name: str, text: str) -> tuple[tuple[str, str], ...]:
        """`text` as (font subset's name, escaped string) pieces, as the document encodes it.

        The painter serves one document: the subsets a character is given are that
        document's."""
        key = (font_name, text)
        pieces = self._pieces.get(key)
        if pieces is None:
            font, doc = getFont(font_name), canv._doc
            pieces = self._pieces[key] = tuple(
                (font.getSubsetInternalName(subset, doc), canv._escape(part))
                for subset, part in font.splitString(text, doc)
            )
        return pieces

    def __call__(self, canv: Canvas, grid: DayGrid) -> None:
        self._rules(canv, grid)
        self._text(canv, grid)

    def _rules(self, canv: Canvas, grid: DayGrid) -> None:
        """The grid's boxes and rules, as a form written once for every grid that prints the
        same boxes."""
        # What the boxes print, not what they are for: a cell's field name changes every week.
        key = (grid.width, grid.height, tuple(_painted(rect) for rect in grid.rects))
        name = self._rule_forms.get(key)
        if name is None:
            name = self._rule_forms[key] = f"pdfgenRules{len(self._rule_forms)}"
            canv.beginForm(name, *_extent(grid))
            self._paint_rects(canv, grid)
            canv.endForm()
        canv.doForm(name)

    def _paint_rects(self, canv: Canvas, grid: DayGrid) -> None:
        # Colour and width are set only when they change: fewer operators, a smaller file.
        palette = self._palette
        fill: str | None = None
        pen: tuple[str, float] | None = None
        for rect in grid.rects:
            if rect.fill and rect.fill != fill:
                fill = rect.fill
                canv.setFillColor(palette[fill])
            if rect.stroke and (rect.stroke, rect.line_width) != pen:
                pen = (rect.stroke, rect.line_width)
                canv.setStrokeColor(palette[pen[0]])
                canv.setLineWidth(pen[1])
            canv.rect(
                rect.x,
                grid.height - rect.y - rect.h,
                rect.w,
                rect.h,
                fill=int(rect.fill is not None),
                stroke=int(rect.stroke is not None),
            )

    def _text(self, canv: Canvas, grid: DayGrid) -> None:
        # All of a grid's text in one text object: far fewer operators than a string each. The
        # fill colour is set before the first run: the rules may have left any colour, or none.
        ops = ["BT"]
        fill: str | None = None
        font: tuple[str, float] | None = None
        for run in grid.runs:
            if run.color != fill:
                fill = run.color
                ops.append(self._fill_ops[fill])
            name = self.fonts.bold if run.bold else self.fonts.regular
            x = run.x
            if run.align != "left":
                shift = self._width(run.text, (name, run.size))
                x -= shift / 2 if run.align == "center" else shift
            ops.append(f"1 0 0 1 {fp_str(x, grid.height - run.y)} Tm")
            for subset, text in self._split(canv, name, run.text):
                if (subset, run.size) != font:
                    font = (subset, run.size)
                    ops.append(f"{subset} {fp_str(run.size)} Tf")
                ops.append(f"({text}) Tj")
        ops.append("ET")
        canv.addLiteral("\n".join(ops))


def _painted(rect: Rect) -> _Painted:
    return (rect.x, rect.y, rect.w, rect.h, rect.fill, rect.stroke, rect.line_width)


def _extent(grid: DayGrid) -> tuple[float, float, float, float]:
    """Where a grid's boxes reach, as the box of a form (lower left, upper right), with room
    for the half of a rule that lies outside its box: a box may reach beyond the grid (a
    week's notes reach under the column beside them)."""
    lefts = [r.x for r in grid.rects]
    rights = [r.x + r.w for r in grid.rects]
    bottoms = [grid.height - r.y - r.h for r in grid.rects]
    tops = [grid.height - r.y for r in grid.rects]
    room = RULE_ROOM
    return min(lefts) - room, min(bottoms) - room, max(rights) + room, max(tops) + room
