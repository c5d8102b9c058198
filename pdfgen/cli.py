"""The `pdfgen` command line: a thin shell over the library.

Each command parses its options, calls one library function and reports. Errors the library
raises become one clear message on stderr and an exit status: 1 bad input, 2 usage,
4 the output could not be written, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click.core import ParameterSource

from pdfgen.errors import InputError, OutputError, PdfgenError
from pdfgen.plan.options import LOG_WEEKS, OPTIONS, Option, cli_ask, cli_name
from pdfgen.version import __version__

if TYPE_CHECKING:
    from pdfgen.app.booklet import BookletResult
    from pdfgen.pdf.impose import Mode as Impose


_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _say(text: str, err: bool = False) -> None:
    """Print a line that may quote user text, with terminal control characters made visible:
    a plan must not be able to retitle or rewrite the trainer's terminal."""
    click.echo(_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text), err=err)


class _Group(click.Group):
    """Turns pdfgen's errors into messages and exit statuses, once, for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        # pypdf logs what it makes of a damaged PDF; pdfgen says it once, as an error line.
        logging.getLogger("pypdf").addHandler(logging.NullHandler())
        try:
            return super().invoke(ctx)
        except InputError as exc:
            # Options are named as this command line names them: `--start`, `--max pull-up`.
            _say(f"error: {exc.say(cli_name, cli_ask)}", err=True)
            ctx.exit(exc.exit_code)
        except PdfgenError as exc:
            _say(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            # Before click's own handling, which ends a closed pipe with status 1.
            _stdout_failed(exc)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pdfgen")
def cli() -> None:
    """Turn training plans written in YAML into printable PDF booklets.

    \b
    Example:
      pdfgen build upper-back --client "Zoë Ørsted" --start 2027-01-04
    """


class _Output(click.Path):
    """A file or folder to write: never an empty name (which pathlib would read as '.')."""

    def __init__(self, *, folder: bool = False) -> None:
        super().__init__(file_okay=not folder, dir_okay=folder, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("the name is empty; give a file name.", param, ctx)
        return super().convert(value, param, ctx)


Command = Callable[..., Any]


def _valid(option: Option, ctx: click.Context, param: click.Parameter, value: str) -> str:
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


def _client_options(*skip: str) -> Callable[[Command], Command]:
    """The options `build` and `log` share: who it is for, when, on what paper, and how it is
    made (all but those in `skip`)."""
    options: list[Callable[[Command], Command]] = [
        click.option(
            "-o",
            "--output",
            type=_Output(),
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


def _with_client_file(
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


def _report(result: BookletResult) -> None:
    for warning in result.warnings:
        _say(f"warning: {warning}", err=True)
    _say(f"wrote {result.path} ({result.pages} pages, {result.size / 1024:.0f} KiB)")


@cli.command()
@click.argument("plan")
@_client_options()
@click.pass_context
def build(ctx: click.Context, /, plan: str, output: Path | None, **options: Any) -> None:
    """Render a client's booklet for PLAN (a plan file, or a built-in plan id).

    \b
    Example:
      pdfgen build plans/upper-back.yaml --client "Julia" --weeks 8 -o julia.pdf
    """
    from pdfgen.app.booklet import default_output_name, render_booklet

    options = _with_client_file(ctx, options)
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
    callback=lambda ctx, param, value: _valid(LOG_WEEKS, ctx, param, value),
)
@_client_options("weeks", "notes")
@click.pass_context
def log(ctx: click.Context, /, plan: str, output: Path | None, **options: Any) -> None:
    """Print weekly log sheets for PLAN: one landscape sheet per week, with that week's
    targets and blank cells to write in, to clip to a board.

    \b
    Example:
      pdfgen log upper-back --weeks 1-5 --start 2027-01-04 --days mon,thu
    """
    from pdfgen.app.booklet import default_output_name, render_log

    options = _with_client_file(ctx, options, rename={"weeks": "block_weeks", "notes": ""})
    options.pop("", None)  # a client file's notes print on a booklet's cover, not on log sheets
    out = output or Path(default_output_name(plan, options.get("client") or "", kind="log"))
    _report(render_log(plan, out, **options))


@cli.command()
@click.argument("roster", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "folder",
    type=_Output(folder=True),
    help="The folder for the booklets (default: named after the roster).",
)
@click.option(
    "--jobs", type=click.IntRange(1, 64), help="Booklets made at once (default: one per core)."
)
@click.option(
    "--merge",
    type=_Output(),
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

    with _ProgressBar("booklets") as bar:
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
            _say(f"row {row.row} ({row.client or 'no name'}): {row.error}", err=True)
        elif dry_run:
            _say(f"{row.status}: {result.folder / row.file}")
        for warning in row.warnings:
            _say(f"row {row.row} ({row.client}): warning: {warning}", err=True)
    summary = (
        f"{result.count('written')} written, {result.count('skipped')} skipped, "
        f"{result.count('failed')} failed in {result.seconds:.1f} s; "
        f"{result.folder / 'manifest.csv'}"
    )
    if result.merged:
        summary += f"; merged {result.merged} ({result.merged_pages} pages)"
    click.echo(summary if not dry_run else f"dry run: {len(result.results)} rows checked")
    sys.exit(result.exit_code)


@cli.command("read-log")
@click.argument("filled", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=_Output(),
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
        _say(f"warning: {problem}", err=True)
    if output is None:
        click.echo(to_csv(reading), nl=False)
        return
    _say(f"wrote {output} ({len(reading.sets)} sets)")


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
    type=_Output(),
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
        _say(str(decision))
    changed = sum(d.changes for d in made.decisions)
    _say(f"wrote {made.path} ({changed} of {len(made.decisions)} loads changed)")


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
            _say(f"error: {exc}", err=True)
        else:
            _say(f"ok: {file}: {summary}")
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


class _ProgressBar:
    """A progress bar on standard error, drawn once the library says how many steps there are."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def update(self, _: object, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a service manager or `kill` stopping pdfgen), raised wherever the program is so
    that Ctrl-C's clean-up runs: no PDF and no temporary file is left half-written. `signum`
    lets the library tell it from Ctrl-C without importing the command line: `pdfgen.app.batch`
    stops its workers at once instead of letting them finish their booklets."""

    signum = signal.SIGTERM


def _terminate(signum: int, frame: object) -> None:
    # Once is enough: a second SIGTERM must not cut the clean-up of the first one short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


def _on_sigterm(handler: Any) -> Any:
    """Install a SIGTERM handler and return the one it replaces (None where signals cannot be
    handled: outside the main thread)."""
    if handler is None:
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        return None


def main() -> None:
    """The console script: run the command line, turning Ctrl-C into exit status 130 and
    SIGTERM into 143 (128 + the signal's number, as shells report a process it ended)."""
    previous = None
    try:  # the handler is installed inside: its exception never escapes as a traceback
        previous = _on_sigterm(_terminate)
        try:
            status = cli.main(prog_name="pdfgen", standalone_mode=False)
        finally:
            sys.stdout.flush()  # now, while a failure to write can still be reported
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:  # click's form of Ctrl-C
        stop = exc if isinstance(exc, KeyboardInterrupt) else exc.__cause__
        if isinstance(stop, Terminated):
            click.echo("terminated; every file written is complete, none half-written.", err=True)
            sys.exit(128 + signal.SIGTERM)
        click.echo("interrupted; every file written is complete, none half-written.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:
        # The library turns its own file errors into PdfgenErrors: what reaches here is the
        # terminal or pipe that standard output goes to.
        _stdout_failed(exc)
    finally:
        _on_sigterm(previous)
    sys.exit(status if isinstance(status, int) else 0)


def _stdout_failed(exc: OSError) -> NoReturn:
    """Standard output could not take what was printed: a closed pipe (`| head`) ends pdfgen
    quietly, as it ends other tools (141); anything else (a full disk) is an output error."""
    with contextlib.suppress(OSError):
        # Point standard output at nothing, so that Python's own flush at exit fails no more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if isinstance(exc, BrokenPipeError):
        sys.exit(128 + signal.SIGPIPE)
    with contextlib.suppress(OSError):
        click.echo(f"error: cannot write to standard output: {exc.strerror or exc}.", err=True)
    sys.exit(OutputError.exit_code)
