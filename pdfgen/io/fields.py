"""Field types shared by the plan and layout schemas, each with a message a trainer can act on.

pydantic's own messages speak of Python types ("Input should be a valid integer"); ours say what to
write instead. Every validator raises ValueError, whose text becomes the located message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import CoreSchema, core_schema

from pdfgen.errors import shown


def text(max_len: int, *, allow_empty: bool = False) -> BeforeValidator:
    """Validator for a string of at most `max_len` characters; a number written there is text."""

    def check(value: Any) -> str:
        if isinstance(value, bool) or value is None:
            raise ValueError("write text here.")
        if isinstance(value, int | float):
            value = str(value)  # `load: 40` means the text "40"
        if not isinstance(value, str):
            raise ValueError("write text here, not a list or mapping.")
        stripped: str = value.strip()
        if not stripped and not allow_empty:
            raise ValueError("must not be empty.")
        if len(stripped) > max_len:
            raise ValueError(f"is {len(stripped):,} characters long; the most is {max_len:,}.")
        return stripped

    return BeforeValidator(check)


@dataclass(frozen=True)
class Range:
    """A number within [low, high] (a whole one if `whole`), with a message that says so and
    the same limits in the JSON Schema. Use as `Annotated[int, Range(1, 20)]`."""

    low: float
    high: float
    whole: bool = True

    def check(self, value: Any) -> Any:
        """The value, or ValueError saying what to write."""
        if self.whole and isinstance(value, float) and value.is_integer():
            value = int(value)  # 3.0 counts as 3
        allowed = int if self.whole else int | float
        if (
            isinstance(value, bool)
            or not isinstance(value, allowed)
            or not self.low <= value <= self.high
        ):
            kind = "a whole number" if self.whole else "a number"
            raise ValueError(
                f"must be {kind} from {self.low:g} to {self.high:g}, not {shown(value)}."
            )
        return value if self.whole else float(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        return core_schema.no_info_before_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: Any) -> dict[str, Any]:
        kind = "integer" if self.whole else "number"
        return {"type": kind, "minimum": self.low, "maximum": self.high}


# Text fields by purpose; the JSON Schema shows the same limits the validators enforce.
Name = Annotated[str, text(80), Field(max_length=80)]
Label = Annotated[str, text(200, allow_empty=True), Field(max_length=200)]
Note = Annotated[str, text(300), Field(max_length=300)]
Paragraph = Annotated[str, text(1000), Field(max_length=1000)]


class Strict(BaseModel):
    """The base of every model of a file pdfgen reads: an unknown key is an error (a typo must
    not be silently ignored), and a value read stays as read."""

    model_config = ConfigDict(extra="forbid", frozen=True)
