"""The command line's options: the per-client ones made from their declarations
(`pdfgen.plan.options`), so that the flags read exactly what a client file, a roster and the
Python API read, and the options every booklet command shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from pdfgen.plan.options import OPTIONS, Option

if TYPE_CHECKING:
    pass


class Output(click.Path):
    """A file or folder to write: never an empty name (which pathlib would read as '.')."""

    def __init__(self, *, folder: bool = False) -> None:
        super().__init__(file_okay=not folder, dir_okay=folder, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("the name is empty; give a file name.", param, ctx)
        return super().convert(value, param, ctx)


Command = Callable[..., Any]


def valid(option: Option, ctx: click.Context, param: click.Parameter, value: str) -> str:
    """`value`, once the option's declaration has read it without fault (a usage error if not);
    the library reads it again where it needs more than the text (log weeks need the block)."""
    try:
        option.read(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None
    return value


def _declared(option: Option) -> Callable[[Command], Command]:
    """The click option of a declared one: its value read by the declaration's own reader
    (`pdfgen.plan.options`), so the command line takes exactly the forms a client file, a roster
    and the Python API take. --max is repeatable: its values are read together."""

    def read(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or value == ():
            return None
        try:
            return option.read(list(value) if isinstance(value, tuple) else value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx, param) from None

    return click.option(
        option.cli_flag,
        option.name,
        multiple=option.name == "maxes",
        metavar=option.metavar,
        help=option.help,
        callback=read,
    )


def client_options(*skip: str) -> Callable[[Command], Command]:
    """The options `build` and `log` share: who it is for, when, on what paper, and how it is
    made (all but those in `skip`)."""
    options: list[Callable[[Command], Command]] = [
        click.option(
            "-o",
            "--output",
            type=Output(),
            help="The PDF to write (default: made from the plan and client names).",
        ),
        *(_declared(option) for name, option in OPTIONS.items() if name not in skip),
        click.option("--layout", help="A built-in layout (see `pdfgen layouts`) or a file."),
        click.option("--force", is_flag=True, help="Replace the output file if it exists."),
        click.option(
            "--fillable",
            is_flag=True,
            help="Form fields on every blank cell, to fill in on a tablet; "
            "read them back with `pdfgen read-log`.",
        ),
        click.option(
            "--impose",
            # impose.MODES, written out so that --help needs no imports
            type=click.Choice(["saddle", "2up"]),
            help="Two pages to a sheet for the print shop: saddle (an A5 booklet on A4, "
            "folded) or 2up (in reading order).",
        ),
        click.option(
            "--logo",
            type=click.Path(dir_okay=False, path_type=Path),
            help="The trainer's logo (PNG or JPEG), on the cover and every page.",
        ),
        click.option(
            "--brand-color",
            metavar="#RRGGBB",
            help="The trainer's colour for headings and title bars.",
        ),
        click.option(
            "--client-file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="A YAML file of the client's details (its keys are these options' names: "
            "client, trainer, start, days, units, maxes, ...); options given here win over it.",
        ),
    ]

    def decorate(command: Command) -> Command:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def with_client_file(
    ctx: click.Context, options: dict[str, Any], *, rename: dict[str, str] | None = None
) -> dict[str, Any]:
    """The options given, over the client file's values where the command line did not give
    them. `rename` maps a client file key to this command's keyword (for `log`, the file's
    `weeks` is the block's length, not the weeks to print)."""
    path = options.pop("client_file")
    given = {
        name: value
        for name, value in options.items()
        if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT
    }
    defaults = {name: value for name, value in options.items() if name not in given}
    if path is None:
        return options
    from pdfgen.plan.client import load_client

    from_file = load_client(path).options()
    for key, keyword in (rename or {}).items():
        if key in from_file:
            from_file[keyword] = from_file.pop(key)
    return defaults | from_file | given
