"""The one error hierarchy of pdfgen.

The library raises these; the command line turns them into messages and exit statuses in one place
(`pdfgen.cli`). Every message is a sentence a trainer can act on, naming the file, line and field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ask:
    """A value to give, by the option that takes it. The command line, a roster and the Python
    API each say how in their own words: `--max good-morning=60kg`, a `max.good-morning`
    column, `maxes={'good-morning': '60kg'}`."""

    option: str  # the option's name, e.g. "maxes"
    key: str = ""  # for options that take a value per exercise: the exercise
    example: str = ""  # a value to show, e.g. "60kg"

    def __str__(self) -> str:
        if self.key:
            return f"{self.option}={{{self.key!r}: {self.example!r}}}"
        return f"{self.option}={self.example!r}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, or with an option, located as precisely as we know.

    A problem with an option has `option` set (and `key`, for a value per exercise) and no
    file; its message reads after the option's name ("weeks" + "must be from 1 to 52, not 99."),
    so that each front end can name the option its own way. `ask` says what to give instead.
    """

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    option: str = ""
    key: str = ""
    ask: Ask | None = None

    def __str__(self) -> str:
        return self.say()

    def say(
        self,
        option_name: Callable[[str, str], str] | None = None,
        ask: Callable[[Ask], str] | None = None,
    ) -> str:
        """The problem as a sentence; `option_name(option, key)` names an option and `ask(ask)`
        says how to give a value, as the front end speaking says them (by default, as the
        Python API's keywords)."""
        wanted = ""
        if self.ask is not None:
            wanted = f" Give {ask(self.ask) if ask else self.ask}."
        if self.option:
            name = option_name(self.option, self.key) if option_name else _keyword(self)
            return f"{name} {self.message}{wanted}"
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}{wanted}"


def _keyword(problem: Problem) -> str:
    return f"{problem.option}[{problem.key!r}]" if problem.key else problem.option


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
        return self.say()

    def say(
        self,
        option_name: Callable[[str, str], str] | None = None,
        ask: Callable[[Ask], str] | None = None,
    ) -> str:
        """Every problem, as `Problem.say` words them."""
        if len(self.problems) == 1:
            return self.problems[0].say(option_name, ask)
        first = self.problems[0]
        head = first.file or "the options"
        lines = [f"{head} has {len(self.problems)} problems:"]
        lines += [f"  {p.say(option_name, ask)}" for p in self.problems]
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


def shown(value: Any) -> str:
    """A value as a message quotes it: YAML's spelling, and never more than a few dozen
    characters.

    >>> shown(True), shown("three"), shown(10**50)
    ('true', "'three'", '100000000000000000000000000000000000000…')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
