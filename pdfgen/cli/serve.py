"""`pdfgen serve`: the page in the trainer's browser, served from their own machine."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys

import click

from pdfgen.cli.shell import cli, say

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WIDE = ("0.0.0.0", "::")  # every address of the machine


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; anything but this machine's own lets others on the "
    "network use the page.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
def serve(port: int, host: str, no_browser: bool) -> None:
    """Serve pdfgen's page on this machine: pick a plan, fill in the client, download the
    booklet or the log sheets. Nothing leaves the machine. Stop it with Ctrl-C.

    \b
    Needs the `serve` extra: pip install "pdfgen[serve]"
    """
    try:
        import uvicorn
    except ImportError:
        raise click.UsageError(
            'pdfgen serve needs its extra: pip install "pdfgen[serve]"'
        ) from None
    from pdfgen.web.server import make_app

    if not _loopback(host):
        say(
            f"warning: listening on {host}: anyone who can reach this machine on port {port} "
            "can use the page.",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in WIDE else shown}:{port}/"
    say(f"pdfgen is serving {address} (Ctrl-C stops it)")
    if not no_browser and sys.stdout.isatty():
        import webbrowser

        webbrowser.open(address)
    uvicorn.run(make_app(allowed_hosts(host, port)), host=host, port=port, log_level="warning")


def allowed_hosts(host: str, port: int) -> set[str]:
    """The `Host` a request to this server may name: this machine by its loopback names, the
    address it listens on, and, listening on every address, this machine's own names and
    addresses (so that a tablet on the network can use the page, but a rebound name cannot).

    >>> sorted(allowed_hosts("127.0.0.1", 8765))
    ['127.0.0.1:8765', '[::1]:8765', 'localhost:8765']
    """
    names = {host, "localhost", "127.0.0.1", "::1"}
    if host in WIDE:
        names.discard(host)
        machine = socket.gethostname()
        names.add(machine)
        with contextlib.suppress(OSError):  # a machine whose name does not resolve
            names.update(socket.gethostbyname_ex(machine)[2])
    return {f"[{name}]:{port}" if ":" in name else f"{name}:{port}" for name in names}


def _loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
