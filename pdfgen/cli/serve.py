"""`pdfgen serve`: the page in the trainer's browser, served from their own machine."""

from __future__ import annotations

import ipaddress
import sys

import click

from pdfgen.cli.shell import cli, say

LOOPBACK = ("127.0.0.1", "localhost", "::1")


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
    hosts = {f"{shown}:{port}", f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    say(f"pdfgen is serving {address} (Ctrl-C stops it)")
    if not no_browser and sys.stdout.isatty():
        import webbrowser

        webbrowser.open(address)
    uvicorn.run(make_app(hosts), host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
