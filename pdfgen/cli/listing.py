"""The commands that check and list: `validate`, `schema`, `exercises` and `layouts`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pdfgen.cli.shell import cli, say
from pdfgen.errors import PdfgenError
from pdfgen.plan.limits import KINDS

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
@click.option("--area", default="", help="Only exercises for this area (legs, core, ...).")
@click.option("--equipment", default="", help="Only exercises that use this equipment.")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Only this kind of work: weighted, bodyweight, band, timed, distance or carry.",
)
@click.option("--json", "as_json", is_flag=True, help="Every field of each exercise, as JSON.")
def exercises(query: str, area: str, equipment: str, kind: str | None, as_json: bool) -> None:
    """List the exercise library, or the exercises matching QUERY: names and aliases first,
    then areas, muscles and equipment.

    \b
    Examples:
      pdfgen exercises squat
      pdfgen exercises --area core --kind timed
      pdfgen exercises --json > library.json
    """
    from pdfgen.app.exercises import library_json, search_exercises

    found = search_exercises(query, area=area, equipment=equipment, kind=kind or "")
    if as_json:
        click.echo(library_json(found))
        return
    if not found:
        click.echo(f"no exercise matches '{query}'.", err=True)
        sys.exit(1)
    for ex_id, exercise in found:
        click.echo(f"{ex_id:<32} {exercise.name}  [{exercise.area or '-'}, {exercise.kind}]")
        if exercise.aliases:
            click.echo(f"{'':<32} also: {', '.join(exercise.aliases)}")


@cli.command()
@click.option(
    "--copy",
    nargs=2,
    metavar="PLAN FILE",
    help="Copy a plan (by id) to FILE, to start a plan of your own from.",
)
@click.option("--force", is_flag=True, help="With --copy: replace FILE if it exists.")
def plans(copy: tuple[str, str] | None, force: bool) -> None:
    """List the built-in plans and the examples, a line each; or copy one out (--copy) as the
    start of a plan of your own.

    \b
    Examples:
      pdfgen plans
      pdfgen plans --copy whole-back my-plan.yaml
    """
    from pdfgen.app.plans import copy_plan, list_plans

    if copy:
        plan, out = copy
        written = copy_plan(plan, out, force=force)
        say(f"wrote {written}; edit it, then: pdfgen build {written} --client NAME")
        return
    for info in list_plans():
        say(f"{info.id:<22} {info.kind:<8} {info.program}")
        if info.summary:
            say(f"{'':<31} {info.summary}")


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
