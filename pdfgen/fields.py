"""Field types shared by the plan and layout schemas, each with a message a trainer can act on.

pydantic's own messages speak of Python types ("Input should be a valid integer"); ours say what to
write instead. Every validator raises ValueError, whose text becomes the located message.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field


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


def whole(low: int, high: int) -> BeforeValidator:
    """Validator for an integer within [low, high]; 3.0 counts as 3, true does not count."""

    def check(value: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}, not {value!r}.")
        return value

    return BeforeValidator(check)


def number(low: float, high: float) -> BeforeValidator:
    """Validator for a number within [low, high]."""

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number from {low:g} to {high:g}, not {value!r}.")
        if not low <= value <= high:
            raise ValueError(f"must be a number from {low:g} to {high:g}, not {value!r}.")
        return float(value)

    return BeforeValidator(check)


# Text fields by purpose; the JSON Schema shows the same limits the validators enforce.
Name = Annotated[str, text(80), Field(max_length=80)]
Label = Annotated[str, text(200, allow_empty=True), Field(max_length=200)]
Note = Annotated[str, text(300), Field(max_length=300)]
Paragraph = Annotated[str, text(1000), Field(max_length=1000)]
