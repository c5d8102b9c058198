"""Two peers for the speed benchmark: the same booklet made the way other tools make one.

* `raw_canvas`: reportlab's canvas, every line and string placed by hand, no text measured,
  wrapped or fitted; the least work a booklet can cost in reportlab, and so the floor pdfgen
  is measured against.
* `platypus_tables`: a platypus story of Paragraphs and Tables of Paragraphs, as most tools that
  print training plans do it.

Both read the plan's YAML with PyYAML alone (no checks, no progression), register the same
DejaVu fonts pdfgen embeds, and print what a booklet holds: a cover, a page per exercise of
its guide, and for every week its heading and one grid per training day (exercise, set,
target, load, weight, reps, a tick box; a row per set), a day's grids never split, running
header and page number on every page. `pages` makes them print as many pages as pdfgen's
booklet of the plan, so that time per page compares like with like.

    python benchmarks/peers.py raw|platypus PLAN OUT   # a whole process, for the build row
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parents[1] / "pdfgen" / "fonts"
MM = 72 / 25.4
COLUMNS = [("Exercise", 42), ("Set", 10), ("Target", 18), ("Load", 30), ("Weight", 22)]
COLUMNS += [("Reps", 20), ("✓", 10)]
ROW = 8.5 * MM


def _fonts() -> tuple[str, str]:
    for name, file in (("Peer", "DejaVuSans.ttf"), ("Peer-Bold", "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    return "Peer", "Peer-Bold"


def _plan(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _days(plan: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    sessions = plan["sessions"]
    per_week = int(plan.get("days_per_week", len(sessions)))
    return [
        (week, day, sessions[(day - 1) % len(sessions)])
        for week in range(1, int(plan["weeks"]) + 1)
        for day in range(1, per_week + 1)
    ]


def _rows(session: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    for exercise in session["exercises"]:
        for number in range(1, int(exercise.get("sets", 1)) + 1):
            name = str(exercise["exercise"]) if number == 1 else ""
            target, load = str(exercise.get("reps", "")), str(exercise.get("load", ""))
            rows.append((name, str(number), target, load))
    return rows


def raw_canvas(plan_path: Path, out: Any, pages: int = 0) -> int:
    """The booklet drawn on a bare canvas; returns its page count."""
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = _fonts()
    plan = _plan(plan_path)
    canvas = Canvas(out, pagesize=A4, invariant=1)
    height = A4[1]
    state = {"page": 0}

    def new_page() -> float:
        if state["page"]:
            canvas.showPage()
        state["page"] += 1
        canvas.setFont(bold, 9)
        canvas.drawString(18 * MM, height - 12 * MM, str(plan["program"]))
        canvas.setFont(regular, 8)
        canvas.drawString(18 * MM, 10 * MM, f"page {state['page']}")
        return height - 22 * MM

    y = new_page()
    canvas.setFont(bold, 22)
    canvas.drawString(18 * MM, y - 20 * MM, str(plan["program"]))
    for exercise in plan["sessions"][0]["exercises"]:
        y = new_page()
        canvas.setFont(bold, 14)
        canvas.drawString(18 * MM, y, str(exercise["exercise"]))
        text = canvas.beginText(18 * MM, y - 10 * MM)
        text.setFont(regular, 10)
        for line in str(exercise.get("notes", "")).split(". "):
            text.textLine(line)
        canvas.drawText(text)
    week_seen = 0
    for week, day, session in _days(plan):
        rows = _rows(session)
        needed = (len(rows) + 3) * ROW
        if week != week_seen or y - needed < 15 * MM:
            y = new_page()
            if week != week_seen:
                canvas.setFont(bold, 14)
                canvas.drawString(18 * MM, y, f"Week {week} of {plan['weeks']}")
                y -= 10 * MM
                week_seen = week
        y = _raw_grid(canvas, y, f"Week {week} · Day {day} · {session['name']}", rows)
    while pages and state["page"] < pages:  # the notes pages pdfgen adds at the end
        new_page()
    canvas.showPage()
    canvas.save()
    return state["page"]


def _raw_grid(canvas: Any, top: float, title: str, rows: list[tuple[str, ...]]) -> float:
    regular, bold = _fonts()
    left = 18 * MM
    total = sum(w for _, w in COLUMNS) * MM
    canvas.setFillColorRGB(0.12, 0.3, 0.5)
    canvas.rect(left, top - ROW, total, ROW, fill=1, stroke=0)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(bold, 10)
    canvas.drawString(left + 2 * MM, top - ROW + 2.5 * MM, title)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setLineWidth(0.7)
    y = top - 2 * ROW
    canvas.setFont(bold, 8)
    x = left
    for label, w in COLUMNS:
        canvas.rect(x, y, w * MM, ROW)
        canvas.drawCentredString(x + w * MM / 2, y + 3 * MM, label)
        x += w * MM
    canvas.setFont(regular, 9)
    for row in rows:
        y -= ROW
        x = left
        for (_, w), value in zip(COLUMNS, (*row, "", "", ""), strict=True):
            canvas.rect(x, y, w * MM, ROW)
            if value:
                canvas.drawCentredString(x + w * MM / 2, y + 3 * MM, value)
            x += w * MM
    y -= ROW
    canvas.rect(left, y, total, ROW)
    canvas.drawString(left + 2 * MM, y + 3 * MM, "Effort (RPE 1–10)")
    return y - 6 * MM


def platypus_tables(plan_path: Path, out: Any, pages: int = 0) -> int:
    """The booklet as a platypus story of Paragraphs and Tables; returns its page count."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Table

    regular, bold = _fonts()
    plan = _plan(plan_path)
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=14, leading=18, spaceAfter=6)
    title = ParagraphStyle("title", fontName=bold, fontSize=22, leading=26)
    story: list[Any] = [Paragraph(str(plan["program"]), title)]
    for exercise in plan["sessions"][0]["exercises"]:
        story += [PageBreak(), Paragraph(str(exercise["exercise"]), heading)]
        story.append(Paragraph(str(exercise.get("notes", "")), body))
    week_seen = 0
    for week, day, session in _days(plan):
        if week != week_seen:
            story += [PageBreak(), Paragraph(f"Week {week} of {plan['weeks']}", heading)]
            week_seen = week
        header = [Paragraph(f"<b>{label}</b>", body) for label, _ in COLUMNS]
        cells = [[Paragraph(value, body) for value in (*row, "", "", "")] for row in _rows(session)]
        effort = [Paragraph("Effort (RPE 1–10)", body)] + [""] * (len(COLUMNS) - 1)
        day_title = Paragraph(f"<b>Week {week} · Day {day} · {session['name']}</b>", body)
        table = Table(
            [[day_title] + [""] * (len(COLUMNS) - 1), header, *cells, effort],
            colWidths=[w * MM for _, w in COLUMNS],
            style=[("GRID", (0, 0), (-1, -1), 0.7, "#4d5661"), ("SPAN", (0, 0), (-1, 0))],
        )
        story.append(KeepTogether([table]))
    count = {"pages": 0}

    def on_page(canvas: Any, doc: Any) -> None:
        count["pages"] += 1
        canvas.setFont(bold, 9)
        canvas.drawString(18 * MM, A4[1] - 12 * MM, str(plan["program"]))
        canvas.setFont(regular, 8)
        canvas.drawString(18 * MM, 10 * MM, f"page {doc.page}")

    document = SimpleDocTemplate(out, pagesize=A4, invariant=1, topMargin=22 * MM)
    extra = max(0, pages - _platypus_pages(story, plan_path))
    story += [PageBreak(), Paragraph("Notes", heading)] * extra
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return count["pages"]


def _platypus_pages(story: list[Any], plan_path: Path) -> int:
    # The page count the story gives, so that notes pages can pad it to pdfgen's.
    cached = _PAGES.get(plan_path)
    if cached is None:
        import copy
        import io

        from reportlab.platypus import SimpleDocTemplate

        document = SimpleDocTemplate(io.BytesIO(), pagesize=A4, topMargin=22 * MM)
        document.build(copy.deepcopy(story))
        cached = _PAGES[plan_path] = document.page
    return cached


_PAGES: dict[Path, int] = {}


if __name__ == "__main__":
    kind, plan_file, out_file = sys.argv[1:4]
    target = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    make = raw_canvas if kind == "raw" else platypus_tables
    with open(out_file, "wb") as handle:
        make(Path(plan_file), handle, target)
