"""Benchmark: `pdfgen batch` on rosters of 20 and 200 clients of a 12-week, 3-day plan, with
`--jobs 1` and `--jobs 2`, and the merge of the 200 booklets into one print file.

    python benchmarks/bench_batch.py [--sizes 20 200] [--jobs 1 2] [--repeat 1]

Each batch runs as `python -m pdfgen batch` in a fresh process (the plan copied beside a
generated roster, in a temporary folder) and prints booklets and pages per second, the speed-up
of 2 jobs over 1, and peak memory: of the batch's main process and of each worker process.
Goals from issue 4 (2-core machine, 200 booklets): at least 1.7x the single-process rate with
`--jobs 2`; each worker's peak flat from 20 to 200 clients and under 100 MiB; the merge under
20 ms per booklet. Figures, not assertions: nothing here fails.

How memory is measured: a small watcher process starts the batch and, every 50 ms, reads
VmHWM (the kernel's own high-water mark of resident memory) and Pss from /proc for the batch
process and each of its children, keeping the last reading of each. VmHWM counts pages shared
with the parent after fork (the interpreter and the imported modules), so it is what `top`
would show as the worker's RSS at its worst; Pss divides shared pages among the processes
sharing them, so the Pss figures add up to what the whole batch costs. The watcher's
getrusage(RUSAGE_CHILDREN).ru_maxrss, the largest peak of any process it and its children
waited for, is printed as a cross-check (it is a maximum, not a sum, and covers one run only
because each run has its own watcher). Linux only (/proc).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
PLAN = HERE / "twelve-week-three-day.yaml"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


# -- the watcher: runs in its own process, once per batch ----------------------------------------


def _status(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS (KiB) of a process, and its Pss (KiB), or {} once it has gone."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                found["Pss"] = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return {}
    return found


def _children(pid: int) -> list[int]:
    try:  # the kernel's own list, where it keeps one
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (in parentheses) may hold spaces; the parent pid follows it.
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def watch(roster: Path, out: Path, jobs: int) -> None:
    """Run one batch, sampling memory; print a JSON line of what was measured."""
    command = [
        sys.executable,
        "-m",
        "pdfgen",
        "batch",
        str(roster),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--force",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    peaks: dict[int, dict[str, int]] = {}
    workers: set[int] = set()
    while process.poll() is None:
        children = _children(process.pid)
        workers.update(children)
        for pid in (process.pid, *children):
            now = _status(pid)
            if now:
                seen = peaks.setdefault(pid, {})
                for key, value in now.items():
                    seen[key] = max(seen.get(key, 0), value)
        time.sleep(0.05)  # VmHWM is the kernel's high-water mark: no peak is missed
    stdout = process.stdout.read() if process.stdout else ""
    wall = time.perf_counter() - started
    process.wait()
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "returncode": process.returncode,
                "wall": wall,
                "stdout": stdout,
                "main": peaks.get(process.pid, {}),
                "workers": [peaks[pid] for pid in sorted(workers) if pid in peaks],
                "rusage_children_maxrss": children_peak,
            }
        )
    )


# -- the benchmark ---------------------------------------------------------------------------------


def make_roster(folder: Path, clients: int) -> Path:
    """A roster of `clients` rows of the 12-week plan, which is copied beside it."""
    shutil.copy(PLAN, folder / PLAN.name)
    roster = folder / f"clients-{clients}.csv"
    with roster.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["client", "plan", "start", "days", "trainer"])
        for n in range(clients):
            writer.writerow(
                [f"Client {n + 1:03d} Zoë", PLAN.name, "2027-01-04", "mon,wed,fri", "Sam Taylor"]
            )
    return roster


def run(roster: Path, out: Path, jobs: int) -> dict[str, object]:
    """One batch in a fresh watcher process; what it measured, with pages and times."""
    if out.exists():
        shutil.rmtree(out)
    watcher = [sys.executable, __file__, "--watch", str(roster), str(out), str(jobs)]
    line = subprocess.run(watcher, env=ENV, capture_output=True, text=True, check=True).stdout
    measured: dict[str, object] = json.loads(line)
    if measured["returncode"] != 0:
        raise SystemExit(f"pdfgen batch failed: {measured}")
    stdout = str(measured["stdout"])
    match = re.search(r"(\d+) written, .* in ([\d.]+) s", stdout)
    assert match, stdout
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    measured["booklets"] = sum(1 for row in rows if row["status"] == "written")
    measured["pages"] = sum(int(row["pages"]) for row in rows if row["pages"])
    measured["batch"] = float(match[2])  # the batch's own time, without interpreter start-up
    return measured


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def merge_timing(out: Path, repeat: int) -> tuple[float, int, int]:
    """Median seconds to merge every booklet in `out`, the merged pages and bytes."""
    from pdfgen.pdf.merge import merge_booklets

    rows = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8", newline="")))
    parts = [(f"{row['client']} — plan", out / row["file"]) for row in rows]
    target = out.parent / f"merged-{len(parts)}.pdf"
    times, pages = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        pages = merge_booklets(parts, target, title="Booklets: benchmark")
        times.append(time.perf_counter() - started)
    return statistics.median(times), pages, target.stat().st_size


def merge_memory(out: Path) -> int:
    """Peak RSS (KiB) of a fresh process that merges every booklet in `out`."""
    code = (
        "import csv, resource, sys\n"
        "from pathlib import Path\n"
        "from pdfgen.pdf.merge import merge_booklets\n"
        "out = Path(sys.argv[1])\n"
        "rows = list(csv.DictReader((out / 'manifest.csv').open(encoding='utf-8')))\n"
        "merge_booklets([(r['client'], out / r['file']) for r in rows],\n"
        "               out.parent / 'merged-memory.pdf', title='m')\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)], env=ENV, capture_output=True, text=True, check=True
    )
    return int(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the median is shown")
    parser.add_argument(
        "--watch", nargs=3, metavar=("ROSTER", "OUT", "JOBS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.watch:
        roster, out, jobs = args.watch
        watch(Path(roster), Path(out), int(jobs))
        return

    print(
        f"pdfgen batch: {PLAN.name}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, median of {args.repeat} run(s) each"
    )
    header = (
        f"{'clients':>7} {'jobs':>4} {'wall s':>7} {'batch s':>7} {'booklets/s':>10} "
        f"{'pages/s':>8} {'speed-up':>8} {'main MiB':>8} {'max MiB':>7}  "
        "each worker MiB (peak RSS/peak PSS)"
    )
    print(header)
    last_out: dict[int, Path] = {}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as temp:
        folder = Path(temp)
        for size in args.sizes:
            roster = make_roster(folder, size)
            single_rate = 0.0
            for jobs in args.jobs:
                out = folder / f"out-{size}-{jobs}"
                runs = [run(roster, out, jobs) for _ in range(args.repeat)]
                batch_s = statistics.median(float(str(r["batch"])) for r in runs)
                wall_s = statistics.median(float(str(r["wall"])) for r in runs)
                one = runs[len(runs) // 2]
                booklets, pages = int(str(one["booklets"])), int(str(one["pages"]))
                rate = booklets / batch_s
                if jobs == 1:
                    single_rate = rate
                speed_up = f"{rate / single_rate:.2f}x" if single_rate else "-"
                main_peak = one["main"]
                workers = one["workers"]
                assert isinstance(main_peak, dict) and isinstance(workers, list)
                if workers:
                    per_worker = ", ".join(
                        f"{mib(w.get('VmHWM', 0))}/{mib(w.get('Pss', 0))}" for w in workers
                    )
                else:
                    per_worker = "(renders in the main process)"
                print(
                    f"{size:>7} {jobs:>4} {wall_s:>7.2f} {batch_s:>7.2f} {rate:>10.1f} "
                    f"{pages / batch_s:>8.0f} {speed_up:>8} "
                    f"{mib(main_peak.get('VmHWM', 0)):>8} "
                    f"{mib(float(str(one['rusage_children_maxrss']))):>7}  {per_worker}"
                )
                last_out[size] = out

        print()
        notes = [
            "batch s: the time the batch reports (roster read to manifest written), to 0.1 s;",
            "wall s adds starting Python. Rates use batch s.",
            "main MiB: peak RSS (VmHWM) of the batch process; with --jobs 1 it renders every",
            "booklet itself, with --jobs 2 it only hands out rows.",
            "max MiB: RUSAGE_CHILDREN ru_maxrss of the run, the largest peak of any one process.",
            "each worker: a pool process's peak RSS (VmHWM, counting the pages it shares with the",
            "main process after fork) and peak PSS (shared pages divided among the sharers).",
        ]
        print("\n".join(notes))
        print()
        for size, out in sorted(last_out.items()):
            seconds, pages, size_bytes = merge_timing(out, max(3, args.repeat))
            peak = merge_memory(out)
            print(
                f"merge of {size} booklets: {seconds * 1000:.0f} ms median, "
                f"{seconds * 1000 / size:.1f} ms per booklet, {pages} pages, "
                f"{size_bytes / 1024 / 1024:.1f} MiB file; peak RSS of a process that "
                f"only merges: {mib(peak)} MiB"
            )


if __name__ == "__main__":
    main()
