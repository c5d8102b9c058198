"""The `pdfgen` command line: a thin shell over the library. Each command parses its options,
calls the library and reports; its modules are the shell (the group, exit statuses, signals),
the options, and the commands by what they do."""

from pdfgen.cli import booklets, listing, logs, serve  # noqa: F401  (each registers commands)
from pdfgen.cli.shell import Terminated, cli, main

__all__ = ["Terminated", "cli", "main"]
