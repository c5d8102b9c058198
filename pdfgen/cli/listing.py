"""The commands that check and list: `validate`, `schema`, `exercises` and `layouts`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pdfgen.cli.shell import cli, say
from pdfgen.errors import PdfgenError

if TYPE_CHECKING:
    pass


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check plans, layouts and exercise libraries without rendering; report every problem.

    \b
    Example:
      pdfgen validate plans/*.yaml layouts/a5.yaml
    """
    from pdfgen.app.checks import check_file

    failed = 0
    for file in files:
        try:
            summary = check_file(file)
        except PdfgenError as exc:
            failed += 1
            say(f"error: {exc}", err=True)
        else:
            say(f"ok: {file}: {summary}")
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--layout", "what", flag_value="layout", help="The layout format instead.")
@click.option("--plan", "what", flag_value="plan", default=True, help="The plan format (default).")
def schema(what: str) -> None:
    """Print the JSON Schema of the plan format (or the layout format), for editors.

    \b
    Example:
      pdfgen schema > plan.schema.json
    """
    from pdfgen.app.checks import json_schema

    click.echo(json.dumps(json_schema(what), indent=2, ensure_ascii=False))


@cli.command()
@click.argument("query", required=False, default="")
def exercises(query: str) -> None:
    """List the exercise library, or the exercises matching QUERY (name, alias, area, muscle).

    \b
    Example:
      pdfgen exercises row
    """
    from pdfgen.app.checks import search_exercises

    found = search_exercises(query)
    if not found:
        click.echo(f"no exercise matches '{query}'.", err=True)
        sys.exit(1)
    for ex_id, exercise in found:
        click.echo(f"{ex_id:<26} {exercise.name}  [{exercise.area or '-'}]")
        if exercise.aliases:
            click.echo(f"{'':<26} also: {', '.join(exercise.aliases)}")


@cli.command()
def layouts() -> None:
    """List the built-in layouts.

    \b
    Example:
      pdfgen build upper-back --layout a5
    """
    from pdfgen.app.checks import describe_layouts

    for name, about in describe_layouts():
        click.echo(f"{name:<12} {about}")
