"""The one error hierarchy of pdfgen.

The library raises these; the command line turns them into messages and exit statuses in one place
(`pdfgen.cli`). Every message is a sentence a trainer can act on, naming the file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we know."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class PdfgenError(Exception):
    """Base of every error pdfgen raises on purpose."""

    exit_code = 1


class InputError(PdfgenError):
    """A plan, layout or other input file is wrong; nothing was written.

    Carries every problem found in the file, not only the first.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        first = self.problems[0]
        lines = [f"{first.file} has {len(self.problems)} problems:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class OutputError(PdfgenError):
    """The output could not be written (disk full, no permission, file exists); nothing was
    changed."""

    exit_code = 4


class UsageError(PdfgenError):
    """Options that contradict each other or the files they name; nothing was done."""

    exit_code = 2


def input_error(
    file: str, message: str, line: int | None = None, column: int | None = None, field: str = ""
) -> InputError:
    """Shorthand for an InputError with a single problem."""
    return InputError([Problem(file, message, line, column, field)])
