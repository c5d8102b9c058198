"""The `pdfgen` command line's shell: the command group, and how every command's outcome reaches
the terminal. Errors the library raises become one clear message on stderr and an exit status:
1 bad input, 2 usage, 4 the output could not be written, 130 interrupted (Ctrl-C), 141 standard
output closed early, 143 stopped by SIGTERM.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import re
import signal
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from pdfgen.errors import InputError, OutputError, PdfgenError
from pdfgen.plan.options import cli_ask, cli_name
from pdfgen.version import __version__

if TYPE_CHECKING:
    pass


_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def say(text: str, err: bool = False) -> None:
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
            say(f"error: {exc.say(cli_name, cli_ask)}", err=True)
            ctx.exit(exc.exit_code)
        except PdfgenError as exc:
            say(f"error: {exc}", err=True)
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


class ProgressBar:
    """A progress bar on standard error, drawn once the library says how many steps there are."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def update(self, _: object, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __enter__(self) -> ProgressBar:
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


class _Process:
    """Whether this process is pdfgen's own (the console script), or pdfgen is a guest in it
    (a test's runner, a program calling `cli`)."""

    own = False


def imports_done() -> None:
    """Said by a command once it has imported what its work needs. In pdfgen's own process
    the objects those imports made (the models' validators, above all) live until it ends, so
    they are moved out of the cycle collector's way: every collection would otherwise walk them
    all again, a tenth of a `pdfgen build`. In a process pdfgen is a guest in, nothing is
    done: what lives there is not pdfgen's to keep."""
    if _Process.own:
        gc.freeze()


def main() -> None:
    """The console script: run the command line, turning Ctrl-C into exit status 130 and
    SIGTERM into 143 (128 + the signal's number, as shells report a process it ended)."""
    _Process.own = True
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
