"""The notes page: ruled lines to write on (a form field on them in a fillable document)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from pdfgen.compose.fieldnames import BOOKLET_NOTES
from pdfgen.compose.text import markup
from pdfgen.render.context import Context
from pdfgen.render.flowables import NotesLines, OutlineMark
from pdfgen.units import MM


def notes(ctx: Context) -> list[Flowable]:
    """A page of ruled lines."""
    labels = ctx.layout.labels
    return [
        OutlineMark(labels.notes_title, "notes"),
        Paragraph(markup(labels.notes_title), ctx.styles.heading),
        NotesLines(
            ctx.layout.grid.row_height * MM,
            ctx.layout.colors.rule,
            BOOKLET_NOTES,
            ctx.fields.blank if ctx.fields else None,
        ),
    ]
