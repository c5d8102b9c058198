"""The commands that make booklets: `build`, `log` and `batch`, each one call of the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pdfgen.cli.params import Output, client_options, valid, with_client_file
from pdfgen.cli.shell import ProgressBar, cli, imports_done, say
from pdfgen.plan.options import LOG_WEEKS

if TYPE_CHECKING:
    from pdfgen.app.booklet import BookletResult
    from pdfgen.pdf.impose import Mode as Impose


def _report(result: BookletResult) -> None:
    for warning in result.warnings:
        say(f"warning: {warning}", err=True)
    say(f"wrote {result.path} ({result.pages} pages, {result.size / 1024:.0f} KiB)")


@cli.command()
@click.argument("plan")
@client_options()
@click.pass_context
def build(ctx: click.Context, /, plan: str, output: Path | None, **options: Any) -> None:
    """Render a client's booklet for PLAN (a plan file, or a built-in plan id).

    \b
    Example:
      pdfgen build plans/upper-back.yaml --client "Julia" --weeks 8 -o julia.pdf
    """
    from pdfgen.app.booklet import default_output_name, render_booklet

    imports_done()
    options = with_client_file(ctx, options)
    out = output or Path(default_output_name(plan, options.get("client") or ""))
    _report(render_booklet(plan, out, **options))


@cli.command()
@click.argument("plan")
@click.option(
    LOG_WEEKS.cli_flag,
    "weeks",
    default="all",
    show_default=True,
    metavar=LOG_WEEKS.metavar,
    help=LOG_WEEKS.help,
    callback=lambda ctx, param, value: valid(LOG_WEEKS, ctx, param, value),
)
@client_options("weeks", "notes")
@click.pass_context
def log(ctx: click.Context, /, plan: str, output: Path | None, **options: Any) -> None:
    """Print weekly log sheets for PLAN: one landscape sheet per week, with that week's
    targets and blank cells to write in, to clip to a board.

    \b
    Example:
      pdfgen log upper-back --weeks 1-5 --start 2027-01-04 --days mon,thu
    """
    from pdfgen.app.booklet import default_output_name, render_log

    imports_done()
    options = with_client_file(ctx, options, rename={"weeks": "block_weeks", "notes": ""})
    options.pop("", None)  # a client file's notes print on a booklet's cover, not on log sheets
    out = output or Path(default_output_name(plan, options.get("client") or "", kind="log"))
    _report(render_log(plan, out, **options))


@cli.command()
@click.argument("roster", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=Output(folder=True),
    help="The folder for the booklets (default: named after the roster).",
)
@click.option(
    "--jobs", type=click.IntRange(1, 64), help="Booklets made at once (default: one per core)."
)
@click.option(
    "--merge",
    type=Output(),
    help="Also one PDF of all the booklets, each from a right-hand page.",
)
@click.option("--force", is_flag=True, help="Replace booklets that exist.")
@click.option("--dry-run", is_flag=True, help="Only list what would be written.")
@click.option("--layout", help="A layout for rows that name none.")
@click.option("--fillable", is_flag=True, help="Form fields on every blank cell.")
@click.option(
    "--logo",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The trainer's logo (PNG or JPEG) on every booklet.",
)
@click.option("--brand-color", metavar="#RRGGBB", help="The trainer's colour for every booklet.")
@click.option(
    "--impose",
    type=click.Choice(["saddle", "2up"]),
    help="With --merge: each booklet two pages to a sheet (saddle: folded A5 on A4; 2up).",
)
def batch(
    roster: Path,
    folder: Path | None,
    jobs: int | None,
    merge: Path | None,
    force: bool,
    dry_run: bool,
    layout: str | None,
    fillable: bool,
    impose: Impose | None,
    logo: Path | None,
    brand_color: str | None,
) -> None:
    """Make a booklet for every client of ROSTER (a CSV from a spreadsheet, or YAML).

    Columns: client, plan (a built-in id or a file beside the roster), and optionally weeks,
    start, days, units, page_size, layout, trainer, notes and max.<exercise>. A bad row is
    reported and the others still get their booklets; manifest.csv lists them all.

    \b
    Example:
      pdfgen batch clients.csv --merge print-shop.pdf
    """
    from pdfgen.app.batch import run_batch

    with ProgressBar("booklets") as bar:
        result = run_batch(
            roster,
            folder,
            jobs=jobs,
            merge=merge,
            force=force,
            dry_run=dry_run,
            layout=layout,
            fillable=fillable,
            impose=impose,
            logo=logo,
            brand_color=brand_color,
            progress=bar.update,
        )
    for row in result.results:
        if row.status == "failed":
            say(f"row {row.row} ({row.client or 'no name'}): {row.error}", err=True)
        elif dry_run:
            say(f"{row.status}: {result.folder / row.file}")
        for warning in row.warnings:
            say(f"row {row.row} ({row.client}): warning: {warning}", err=True)
    summary = (
        f"{result.count('written')} written, {result.count('skipped')} skipped, "
        f"{result.count('failed')} failed in {result.seconds:.1f} s; "
        f"{result.folder / 'manifest.csv'}"
    )
    if result.merged:
        summary += f"; merged {result.merged} ({result.merged_pages} pages)"
    click.echo(summary if not dry_run else f"dry run: {len(result.results)} rows checked")
    sys.exit(result.exit_code)
