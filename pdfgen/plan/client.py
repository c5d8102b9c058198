"""A client file: one client's details in YAML, so a trainer need not retype them.

    client: Zoë Ørsted
    trainer: Sam Taylor
    start: 2027-01-04
    days: [mon, thu]
    units: kg
    maxes:
      good-morning: 90 kg
      pull-up: 80 kg

Every key is optional; the command line's own options win over the file's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pdfgen.errors import input_error
from pdfgen.io.fields import Name, Range
from pdfgen.io.validation import validate
from pdfgen.io.yamldoc import read_yaml
from pdfgen.plan.model import MAX_WEEKS, Weekday
from pdfgen.schedule.expand import block_too_late
from pdfgen.style.layout import PaperSize


class ClientFile(BaseModel):
    """The keys of a client file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    client: Name | None = None
    trainer: Name | None = None
    start: date | None = Field(default=None, description="The first day, YYYY-MM-DD.")
    days: list[Weekday] | None = Field(default=None, min_length=1, max_length=7)
    weeks: Annotated[int, Range(1, MAX_WEEKS)] | None = None
    units: Literal["kg", "lb"] | None = None
    page_size: PaperSize | None = None
    maxes: dict[Name, Name] = Field(
        default={}, max_length=60, description="One-rep maxes by exercise: 'pull-up: 80 kg'."
    )

    def options(self) -> dict[str, Any]:
        """The file's values as keyword options of render_booklet / render_log."""
        given = {key: getattr(self, key) for key in self.model_fields_set}
        if "maxes" in given:
            given["maxes"] = dict(self.maxes)
        return given


def load_client(path: str | Path) -> ClientFile:
    """Read and validate a client file."""
    doc = read_yaml(path, what="client file")
    if not isinstance(doc.value, dict):
        raise input_error(
            doc.file, "a client file is a mapping of keys (client:, start:, ...).", 1, 1
        )
    client = validate(ClientFile, doc)
    late = block_too_late(client.start, client.weeks or 1) if client.start else ""
    if late:
        raise input_error(doc.file, late, *doc.locate(("start",))[1:], field="start")
    return client
