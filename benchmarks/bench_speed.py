"""Benchmark: where users wait, each figure beside the peer it is judged against, in one run.

    python benchmarks/bench_speed.py [--runs 15] [--merge 200 600] [--roster 40]
                                     [--source DIR] [--no-accel]

Rows (the 12-week, 3-day plan beside this file; times are medians):

1. `pdfgen build` as a whole process, against a process drawing the same booklet on a raw
   reportlab canvas (`peers.py raw`); under it, two floors against the same peer: a process
   that only imports the libraries a build stands on, and one that only imports pdfgen's
   booklet API (its models built);
2. rendering in-process, per page, against the raw canvas in-process; under it, the floor of
   the same booklet without its weeks (cover, overview, guide, notes), per page of the whole;
3. the same, against platypus Tables of Paragraphs (`peers.py platypus`);
4. an A5 booklet imposed `saddle`, against the plain A5 booklet;
5. `fillable`, against plain;
6. `read_log` of the filled fillable booklet, against rendering it;
7. merging N booklets (different clients) into one print file in a fresh process: time per
   booklet and peak memory, for each N of `--merge`, so that growth shows;
8. `pdfgen batch --jobs 2` against `--jobs 1`, on a roster of `--roster` clients.

`--source DIR` measures the pdfgen in DIR (a checkout of another commit) instead of this one,
so that before and after are measured by the same script; `--no-accel` hides reportlab's
rl_accel for that run, as a machine without it had. Figures, not assertions: nothing fails.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PLAN = HERE / "twelve-week-three-day.yaml"
CLIENT = "Zoë Ørsted"
# Row 1's floors: what a build must import before it reads a plan.
FLOORS = (
    (
        "pydantic, PyYAML, click, reportlab",
        "pydantic, yaml, click, reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts",
    ),
    ("pdfgen's booklet API", "pdfgen.app.booklet"),
)


def median(make: Callable[[], Any], runs: int) -> float:
    make()  # warm-up: fonts registered, caches filled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_median(command: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True, env=env)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Rows:
    """The printed table: what, pdfgen, its peer, the ratio and the goal."""

    def __init__(self) -> None:
        print(f"{'what':58} {'pdfgen':>10} {'peer':>10} {'ratio':>7}  goal")

    def add(self, what: str, ours: float, peer: float, goal: str, unit: str = "ms") -> None:
        scale = 1000 if unit == "ms" else 1
        print(
            f"{what:58} {ours * scale:>8.1f}{unit:>2} {peer * scale:>8.1f}{unit:>2} "
            f"{ours / peer:>6.2f}x  {goal}",
            flush=True,
        )

    def note(self, what: str, text: str) -> None:
        print(f"{what:58} {text}", flush=True)


def fill_weights(data: bytes) -> bytes:
    """Every weight and reps cell of a fillable booklet typed in, with pypdf."""
    import logging

    from pypdf import PdfReader, PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # "no fields on this page", for most
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    names = [n for n in reader.get_fields() or {} if n.endswith(("_weight", "_reps"))]
    values = {name: str(40 + index % 30) for index, name in enumerate(names)}
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def in_process_rows(rows: Rows, runs: int, folder: Path) -> int:
    import peers

    import pdfgen
    from pdfgen.app.booklet import pick_layout
    from pdfgen.plan.loading import load_plan

    plan = load_plan(PLAN)

    def render(**options: Any) -> Any:
        return pdfgen.render_booklet(plan, io.BytesIO(), client=CLIENT, **options)

    pages = render().pages
    ours = median(render, runs)
    raw = median(lambda: peers.raw_canvas(PLAN, io.BytesIO(), pages), runs)
    tables = median(lambda: peers.platypus_tables(PLAN, io.BytesIO(), pages), runs)
    per_page = ours / pages
    rows.add(f"2. render, per page ({pages} pages) / raw canvas", per_page, raw / pages, "≤ 1.5x")
    # The same booklet without its weeks: its text pages, laid out by platypus, and what every
    # booklet costs, counted per page of the whole booklet. No render is faster than this part.
    layout = pick_layout(None, None)
    others = layout.model_copy(update={"sections": [s for s in layout.sections if s != "weeks"]})
    rest = median(lambda: render(layout=others), runs)
    rows.add("   floor: all but the weeks, per page of the whole", rest / pages, raw / pages, "")
    rows.add("3. render, per page / platypus Tables", per_page, tables / pages, "≤ 0.5x")

    a5 = median(lambda: render(page_size="a5"), runs)
    saddle = median(lambda: render(page_size="a5", impose="saddle"), runs)
    rows.add("4. A5 booklet imposed saddle / plain A5", saddle, a5, "≤ 1.3x")

    fillable = median(lambda: render(fillable=True), runs)
    rows.add("5. fillable booklet / plain", fillable, ours, "≤ 1.6x")

    buffer = io.BytesIO()
    pdfgen.render_booklet(plan, buffer, client=CLIENT, fillable=True)
    filled = folder / "filled.pdf"
    filled.write_bytes(fill_weights(buffer.getvalue()))
    sets = len(pdfgen.read_log(filled).sets)
    reading = median(lambda: pdfgen.read_log(filled), runs)
    rows.add(f"6. read_log of the filled booklet ({sets} sets) / render", reading, ours, "≤ 0.5x")
    return pages


def build_row(rows: Rows, runs: int, env: dict[str, str], folder: Path, pages: int) -> None:
    out = folder / "booklet.pdf"
    build = [sys.executable, "-m", "pdfgen", "build", str(PLAN), "-o", str(out)]
    ours = process_median([*build, "--client", CLIENT, "--force"], env, runs)
    peer_command = [sys.executable, str(HERE / "peers.py"), "raw", str(PLAN), str(out), str(pages)]
    peer = process_median(peer_command, env, runs)
    rows.add("1. pdfgen build, whole process / raw canvas process", ours, peer, "≤ 1.6x")
    # What a build costs before it reads the plan: the libraries it stands on, then pdfgen's
    # own modules with its models built. No build is faster than what it must import.
    for what, modules in FLOORS:
        floor = process_median([sys.executable, "-c", f"import {modules}"], env, runs)
        rows.add(f"   floor: only importing {what}", floor, peer, "")


# Peak memory as the kernel's high-water mark of this process's own memory (VmHWM, in KiB):
# ru_maxrss would carry over the parent's peak across fork and exec.
MERGE_SCRIPT = """
import re, sys, time
from pathlib import Path
from pdfgen.pdf.merge import merge_booklets
files = sorted(Path(sys.argv[1]).glob('*.pdf'))[: int(sys.argv[2])]
start = time.perf_counter()
pages = merge_booklets([(f.stem, f) for f in files], Path(sys.argv[3]), title='m', force=True)
seconds = time.perf_counter() - start
status = Path('/proc/self/status').read_text()
print(seconds, pages, re.search(r'VmHWM:\\s+(\\d+)', status).group(1))
"""


def merge_rows(rows: Rows, counts: list[int], env: dict[str, str], folder: Path) -> None:
    """Booklets of different clients (so that their fonts differ as in a real batch), merged
    in a fresh process each time; its own peak RSS."""
    import pdfgen
    from pdfgen.plan.loading import load_plan

    plan = load_plan(PLAN)
    booklets = folder / "booklets"
    booklets.mkdir()
    for number in range(max(counts)):
        name = f"Client {number:04d} {'ÆØÅ'[number % 3]}{chr(0x430 + number % 32)}"
        pdfgen.render_booklet(plan, booklets / f"{number:04d}.pdf", client=name, weeks=8)
    for count in counts:
        command = [sys.executable, "-c", MERGE_SCRIPT, str(booklets), str(count)]
        command.append(str(folder / "merged.pdf"))
        run = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
        seconds, pages, peak = run.stdout.split()
        size = (folder / "merged.pdf").stat().st_size / 2**20
        rows.note(
            f"7. merge {count} booklets ({pages} pages, {size:.0f} MiB)",
            f"{float(seconds) / count * 1000:.1f} ms a booklet, peak {int(peak) / 1024:.0f} MiB"
            "   goal ≤ 15 ms, ≤ 100 MiB, flat",
        )


def batch_row(rows: Rows, clients: int, env: dict[str, str], folder: Path) -> None:
    roster = folder / "roster.csv"
    shutil.copy(PLAN, folder / "plan.yaml")
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["client", "plan"])
        writer.writerows([f"Client {n:03d}", "plan.yaml"] for n in range(clients))
    times = {}
    for jobs in (1, 2):
        out = folder / f"batch-{jobs}"
        command = [sys.executable, "-m", "pdfgen", "batch", str(roster), "-o", str(out)]
        start = time.perf_counter()
        subprocess.run([*command, "--jobs", str(jobs)], check=True, capture_output=True, env=env)
        times[jobs] = time.perf_counter() - start
    what = f"8. batch of {clients}: --jobs 1 / --jobs 2 (speed-up)"
    rows.add(what, times[1], times[2], "≥ 1.7x", "s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)  # this machine varies by 10-15 %
    parser.add_argument("--merge", type=int, nargs="*", default=[200, 600])
    parser.add_argument("--roster", type=int, default=40)
    parser.add_argument("--source", type=Path, default=HERE.parent)
    parser.add_argument("--no-accel", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        paths = [str(args.source.resolve()), str(HERE)]
        if args.no_accel:  # a module that refuses to load hides the installed accelerator
            (folder / "hide").mkdir()
            (folder / "hide" / "_rl_accel.py").write_text("raise ImportError\n")
            paths.insert(0, str(folder / "hide"))
        sys.path[:0] = paths
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, then cached
        import pdfgen

        print(f"pdfgen from {Path(pdfgen.__file__).parent}; python {sys.version.split()[0]}")
        rows = Rows()
        pages = in_process_rows(rows, args.runs, folder)
        build_row(rows, max(3, args.runs), env, folder, pages)
        if args.merge:
            merge_rows(rows, sorted(args.merge), env, folder)
        if args.roster:
            batch_row(rows, args.roster, env, folder)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"peak RSS of this process: {peak} MiB (Linux only: /proc for the merge's peak)")


if __name__ == "__main__":
    main()
