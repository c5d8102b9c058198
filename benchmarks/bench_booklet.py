"""Benchmark: one 12-week, 3-day booklet in-process (plain, fillable and imposed), its log
sheets (`--weeks all`), reading a filled log back, and `pdfgen build` as a whole process.

    python benchmarks/bench_booklet.py [--runs 20]

Prints the median time, pages per second and peak RSS. Goals (2-core machine): under 50 ms
in-process and under 0.4 s for the whole command. Figures, not assertions: nothing here fails.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pdfgen
from pdfgen.plan.loading import load_plan

PLAN = Path(__file__).with_name("twelve-week-three-day.yaml")


def in_process(runs: int, **options: Any) -> tuple[float, int, int]:
    """Median seconds to render the booklet from a loaded plan, its page count and size."""
    plan = load_plan(PLAN)
    made = pdfgen.render_booklet(plan, io.BytesIO(), client="Zoë Ørsted", **options)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdfgen.render_booklet(plan, io.BytesIO(), client="Zoë Ørsted", **options)
        times.append(time.perf_counter() - start)
    return statistics.median(times), made.pages, made.size


def read_back(runs: int) -> tuple[float, int]:
    """Median seconds for `read_log` of a fillable booklet, and the number of sets read."""
    plan = load_plan(PLAN)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fillable.pdf"
        pdfgen.render_booklet(plan, path, client="Zoë Ørsted", fillable=True)
        sets = len(pdfgen.read_log(path).sets)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            pdfgen.read_log(path)
            times.append(time.perf_counter() - start)
    return statistics.median(times), sets


def log_sheets(runs: int) -> tuple[float, int]:
    """Median seconds to render every week's log sheet, and the page count."""
    plan = load_plan(PLAN)
    options = {"weeks": "all", "start": "2027-01-04", "days": "mon,wed,fri"}
    pages = pdfgen.render_log(plan, io.BytesIO(), **options).pages
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdfgen.render_log(plan, io.BytesIO(), **options)
        times.append(time.perf_counter() - start)
    return statistics.median(times), pages


def whole_command(runs: int) -> tuple[float, int]:
    """Median seconds for `pdfgen build` in a fresh process, and the largest child RSS (KiB)."""
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "booklet.pdf"
        command = [
            sys.executable,
            "-m",
            "pdfgen",
            "build",
            str(PLAN),
            "-o",
            str(out),
            "--client",
            "Zoë Ørsted",
            "--force",
        ]
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    seconds, pages, size = in_process(args.runs)
    print(
        f"in-process: {seconds * 1000:.1f} ms median for {pages} pages "
        f"({pages / seconds:.0f} pages/s, {size / 1024:.0f} KiB), peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    seconds, pages, size = in_process(args.runs, fillable=True)
    print(f"fillable: {seconds * 1000:.1f} ms median, {pages} pages, {size / 1024:.0f} KiB")
    seconds, pages, size = in_process(max(3, args.runs // 4), page_size="a5", impose="saddle")
    print(f"A5 imposed saddle: {seconds * 1000:.0f} ms median, {pages} sheet sides")
    seconds, sets = read_back(max(3, args.runs // 4))
    print(f"read-log of the fillable booklet: {seconds * 1000:.0f} ms median for {sets} sets")
    seconds, pages = log_sheets(args.runs)
    print(f"log sheets, all weeks: {seconds * 1000:.1f} ms median for {pages} pages")
    seconds, peak = whole_command(max(5, args.runs // 4))
    print(
        f"pdfgen build: {seconds * 1000:.0f} ms median per command, peak RSS {peak / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
