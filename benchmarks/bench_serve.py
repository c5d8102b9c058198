"""Benchmark: `pdfgen serve`, from a click on Preview to every thumbnail on the page, for the
12-week, 3-day plan beside this file (pasted into the page's editor).

    python benchmarks/bench_serve.py [--runs 5]

Starts `pdfgen serve` on a free port, drives the page with Playwright on the system's Chromium
where both are installed (else times the preview request alone), and prints the median of the
runs after the first (the first includes loading fonts and modules). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAN = HERE / "twelve-week-three-day.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def in_browser(url: str, runs: int, chromium: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        page.fill("#own", PLAN.read_text(encoding="utf-8"))
        page.fill("#client", "Zoë Ørsted")
        for _ in range(runs + 1):
            page.evaluate("document.querySelector('#preview').innerHTML = ''")
            start = time.perf_counter()
            page.click("text=Preview")
            page.wait_for_selector(".thumb img")
            times.append(time.perf_counter() - start)
        print(f"{page.locator('.thumb').count()} pages previewed")
        browser.close()
    return times


def by_request(url: str, runs: int) -> list[float]:
    from urllib.parse import urlencode

    body = urlencode({"own_plan": PLAN.read_text(encoding="utf-8"), "client": "Zoë"}).encode()
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        urllib.request.urlopen(url + "ui/preview", data=body, timeout=60).read()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    command = [sys.executable, "-m", "pdfgen", "serve", "--no-browser", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "api/plans")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        try:
            import playwright  # noqa: F401
        except ImportError:
            chromium = None
        if chromium:
            times, what = in_browser(url, args.runs, chromium), "click to previews"
        else:
            times, what = by_request(url, args.runs), "preview request (no browser here)"
        rest = times[1:]
        print(
            f"{what}: {statistics.median(rest) * 1000:.0f} ms median of {len(rest)} "
            f"(the first: {times[0] * 1000:.0f} ms)"
        )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
