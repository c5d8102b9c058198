"""The settings of the booklet's paragraph and table styles, a layout's `paragraphs` and `tables`:
how paragraphs are spaced, and how wide the columns of the cover's and overview's tables are.
Which font, size and colour each style takes is said with the styles (`pdfgen.render.styles`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from pdfgen.io.fields import Range, Strict

Leading = Annotated[float, Range(1, 3, whole=False)]
Space = Annotated[float, Range(0, 72, whole=False)]  # points above or below a paragraph
Share = Annotated[float, Range(0.05, 1, whole=False)]  # of the width between the margins


class Spacing(Strict):
    """How a paragraph style spaces its lines, and itself from its neighbours."""

    leading: Leading = Field(description="Line height, as a multiple of the type size.")
    space_before: Space = Field(description="Space above the paragraph, points.")
    space_after: Space = Field(description="Space below the paragraph, points.")


class Paragraphs(Strict):
    """The spacing of the booklet's paragraph styles (reportlab's leading, spaceBefore and
    spaceAfter); their type sizes are in `sizes`, their colours in `colors`."""

    kicker: Spacing = Field(description="The line above the title on the cover.")
    title: Spacing = Field(description="The program's name on the cover.")
    focus: Spacing = Field(description="The plan's focus, under the title.")
    heading: Spacing = Field(description="A section's or a week's heading.")
    subheading: Spacing = Field(
        description="A heading in a section: a session, an exercise, the chart."
    )
    body: Spacing = Field(description="Running text.")
    label: Spacing = Field(description="A label of the cover's facts table.")
    value: Spacing = Field(description="A value of the cover's facts table.")
    cell: Spacing = Field(description="A cell of the overview's session tables.")
    cell_head: Spacing = Field(description="A column heading of those tables.")
    small: Spacing = Field(description="A week's start date and deload note.")


class OverviewWidths(Strict):
    """The columns of the overview's session tables, as shares of the width between the
    margins; together at most 1."""

    exercise: Share
    sets_reps: Share
    rest: Share
    load: Share
    notes: Share

    @model_validator(mode="after")
    def _fit(self) -> OverviewWidths:
        total = sum(self.model_dump().values())
        # Decimal shares add up in binary with a rounding error (0.1 + 0.2 > 0.3).
        if total > 1 + 1e-9:
            raise ValueError(f"the columns' shares add up to {total:g}; at most 1 fits the page.")
        return self


class Tables(Strict):
    """The booklet's tables."""

    facts_label_width: Annotated[float, Range(10, 80, whole=False)] = Field(
        description="The labels' column of the cover's facts table (client, trainer, start "
        "date, ...), millimetres."
    )
    overview_widths: OverviewWidths = Field(
        description="The overview's session tables: each column's share of the width between "
        "the margins."
    )
