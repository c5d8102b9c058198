"""The commands for what was logged: `read-log` and `next`, each one call of the library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pdfgen.cli.params import Output
from pdfgen.cli.shell import cli, say

if TYPE_CHECKING:
    pass


@cli.command("read-log")
@click.argument("filled", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=Output(),
    help="A .csv or .json file to write (default: CSV on standard output).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def read_log(filled: Path, output: Path | None, force: bool) -> None:
    """Read what a client typed into a fillable booklet or log sheet (made with --fillable):
    one row per set with the targets, the weight, reps, done, effort and notes.

    Numbers are read as people type them (62,5 or 62.5 kg); an entry that is not a number is
    reported and kept as text.

    \b
    Example:
      pdfgen read-log julia-week3-filled.pdf -o julia-week3.csv
    """
    from pdfgen.logbook.readlog import read_log as read
    from pdfgen.logbook.readlog import to_csv

    reading = read(filled, output, force=force)
    for problem in reading.problems:
        say(f"warning: {problem}", err=True)
    if output is None:
        click.echo(to_csv(reading), nl=False)
        return
    say(f"wrote {output} ({len(reading.sets)} sets)")


@cli.command("next")
@click.argument("plan")
@click.option(
    "--log",
    "log_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The filled log: a PDF made with --fillable, or what read-log wrote (CSV or JSON).",
)
@click.option(
    "-o",
    "--output",
    type=Output(),
    help="The plan file to write (default: PLAN-next.yaml in the current folder).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def next_(plan: str, log_file: Path, output: Path | None, force: bool) -> None:
    """Write the plan for the next block of PLAN from what the client actually did (--log):
    a load goes up a step where every set reached the top of its range, down a step where sets
    fell below the bottom twice, and otherwise stays at what was lifted.

    The plan file is copied with only its loads changed, each with a comment saying why; the
    changes are also listed here.

    \b
    Example:
      pdfgen next upper-back --log zoe-filled.pdf -o zoe-block2.yaml
    """
    from pdfgen.logbook.nextblock import default_next_name, next_block

    made = next_block(plan, log_file, output or default_next_name(plan), force=force)
    for decision in made.decisions:
        say(str(decision))
    changed = sum(d.changes for d in made.decisions)
    say(f"wrote {made.path} ({changed} of {len(made.decisions)} loads changed)")
