"""Booklets for a whole client list: one per roster row, in parallel, never losing work.

Rows are checked and named in the parent; each booklet is rendered and written (atomically) by
a worker process that loads each plan and layout once. A bad row is reported with its number
and reason and the others go on. A manifest lists every row; `merge` makes one print file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pdfgen.errors import PdfgenError
from pdfgen.output import write_atomic
from pdfgen.roster import Row, load_roster, safe_file_name

Status = Literal["written", "skipped", "failed", "would write"]
MANIFEST = "manifest.csv"


@dataclass(frozen=True)
class RowResult:
    """What became of one roster row."""

    row: int
    client: str
    plan: str
    file: str = ""
    status: Status = "failed"
    pages: int = 0
    sha256: str = ""
    error: str = ""


@dataclass
class BatchResult:
    """What a batch made: a result per row, in roster order, and the merged file if any."""

    results: list[RowResult]
    folder: Path
    merged: Path | None = None
    merged_pages: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, status: Status) -> int:
        """How many rows ended with `status`."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def exit_code(self) -> int:
        """0 when no row failed; 3 when some failed and others were written; 1 when nothing
        could be written."""
        if not self.count("failed"):
            return 0
        return 3 if self.count("written") else 1


@dataclass(frozen=True)
class _Task:
    """A row ready to render, in a form that crosses to a worker process."""

    row: int
    client: str
    plan: str  # a path, or a built-in plan id
    target: str
    options: dict[str, Any]


def run_batch(
    roster: str | Path,
    folder: str | Path | None = None,
    *,
    jobs: int | None = None,
    merge: str | Path | None = None,
    force: bool = False,
    dry_run: bool = False,
    layout: str | None = None,
    progress: Callable[[RowResult], None] | None = None,
) -> BatchResult:
    """Make a booklet for every row of `roster` in `folder` (default: a folder named after
    the roster, in the current folder).

    `jobs` worker processes render in parallel (default: one per core). An existing booklet is
    kept unless `force`; `dry_run` only says what would be written. `progress` is called with
    each row's result as it finishes.
    """
    started = time.perf_counter()
    roster = Path(roster)
    rows = load_roster(roster)
    out = Path(folder) if folder is not None else Path(roster.stem)
    results, tasks = _plan_rows(rows, roster.parent, out, force, dry_run, layout)
    for result in results.values():
        if progress:
            progress(result)
    if tasks and not dry_run:
        out.mkdir(parents=True, exist_ok=True)
        for result in _render_all(tasks, jobs):
            results[result.row] = result
            if progress:
                progress(result)
    ordered = [results[row.number] for row in rows]
    batch = BatchResult(ordered, out)
    if not dry_run:
        _write_manifest(out / MANIFEST, ordered)
        if merge is not None:
            parts = [
                (f"{r.client} — {Path(r.plan).stem}", out / r.file)
                for r in ordered
                if r.status in ("written", "skipped")
            ]
            if parts:
                from pdfgen.merge import merge_booklets

                batch.merged = Path(merge)
                batch.merged_pages = merge_booklets(
                    parts, Path(merge), title=f"Booklets: {roster.stem}"
                )
    batch.seconds = time.perf_counter() - started
    return batch


def _plan_rows(
    rows: list[Row], base: Path, out: Path, force: bool, dry_run: bool, layout: str | None
) -> tuple[dict[int, RowResult], list[_Task]]:
    """Each row's file name and options, or the reason it cannot be made."""
    results: dict[int, RowResult] = {}
    tasks: list[_Task] = []
    names: dict[str, int] = {}
    for row in rows:
        values = row.values
        plan = values.get("plan", "").strip()
        result = RowResult(row.number, row.client, plan)
        if not row.client:
            results[row.number] = replace(result, error="the row has no client name.")
            continue
        if not plan:
            results[row.number] = replace(result, error="the row names no plan.")
            continue
        plan_ref = _plan_reference(plan, base)
        file = safe_file_name(row.client, plan)
        key = file.casefold()
        if key in names:
            results[row.number] = replace(
                result,
                file=file,
                error=f"it would write the same file as row {names[key]} ({file}).",
            )
            continue
        names[key] = row.number
        target = out / file
        if target.exists() and not force:
            results[row.number] = replace(
                result, file=file, status="skipped", error="the file exists; --force replaces it."
            )
            continue
        if dry_run:
            results[row.number] = replace(result, file=file, status="would write")
            continue
        options = _options(row, layout, base)
        tasks.append(_Task(row.number, row.client, plan_ref, str(target), options))
    return results, tasks


def _plan_reference(plan: str, base: Path) -> str:
    """A plan as a roster names it: a path relative to the roster, or a built-in id."""
    from pdfgen.resources import builtin_plans

    beside = base / plan
    if beside.is_file():
        return str(beside)
    return plan if plan in builtin_plans() else str(beside)


def _options(row: Row, layout: str | None, base: Path) -> dict[str, Any]:
    values = row.values
    options: dict[str, Any] = {
        name: values[name]
        for name in ("client", "trainer", "start", "days", "units", "page_size", "notes")
        if values.get(name)
    }
    if values.get("weeks"):
        options["weeks"] = values["weeks"]
    chosen = values.get("layout") or layout
    if chosen:
        options["layout"] = str(base / chosen) if (base / chosen).is_file() else chosen
    if row.maxes:
        options["maxes"] = dict(row.maxes)
    return options


def _render_all(tasks: list[_Task], jobs: int | None) -> Iterator[RowResult]:
    workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    if workers == 1:
        for task in tasks:
            yield make_booklet(task)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[RowResult]] = [pool.submit(make_booklet, task) for task in tasks]
        try:
            for future in futures:
                yield future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def make_booklet(task: _Task) -> RowResult:
    """Render and write one row's booklet; a worker's whole job. Never raises for bad input."""
    from pdfgen.booklet import render_booklet

    result = RowResult(task.row, task.client, task.plan, Path(task.target).name)
    options = dict(task.options)
    try:
        if "weeks" in options:
            options["weeks"] = _whole_number(options["weeks"])
        layout = _cached_layout(options.pop("layout", None), options.get("page_size"))
        buffer = io.BytesIO()
        made = render_booklet(_cached_plan(task.plan), buffer, layout=layout, **options)
        data = buffer.getvalue()
        write_atomic(task.target, data, force=True)
    except PdfgenError as exc:
        return replace(result, error=_one_line(str(exc)))
    except Exception as exc:  # one row's surprise must not stop the others
        return replace(result, error=f"unexpected {type(exc).__name__}: {exc}")
    digest = hashlib.sha256(data).hexdigest()
    return replace(result, status="written", pages=made.pages, sha256=digest)


@cache
def _cached_plan(reference: str) -> Any:
    # Each worker reads a plan once, however many clients use it.
    from pdfgen.loader import load_plan

    return load_plan(reference)


@cache
def _cached_layout(name: str | None, page_size: str | None) -> Any:
    from pdfgen.booklet import pick_layout

    return pick_layout(name, page_size)


def _whole_number(text: str) -> int:
    from pdfgen.errors import input_error

    try:
        return int(text)
    except ValueError:
        raise input_error("roster", f"weeks must be a whole number, not '{text}'.") from None


def _one_line(text: str) -> str:
    """An error as a roster row reports it: one line, naming columns rather than options."""
    text = re.sub(r"\boptions: ", "", " ".join(text.split()))
    return re.sub(
        r"--(max|start|days|units|page-size|weeks|client|trainer)\b",
        lambda m: f"the {m[1].replace('-', '_')} column",
        text,
    )


def check_roster(roster: str | Path) -> str:
    """Check every row of a roster as a batch would, without rendering; a one-line summary,
    or an InputError naming each bad row."""
    from pdfgen.errors import InputError, Problem
    from pdfgen.options import check_options

    path = Path(roster)
    rows = load_roster(path)
    results, tasks = _plan_rows(rows, path.parent, Path(path.stem), True, False, None)
    problems = [
        Problem(str(path), f"row {r.row} ({r.client or 'no name'}): {r.error}")
        for r in results.values()
        if r.status == "failed"
    ]
    for task in tasks:
        options = {k: v for k, v in task.options.items() if k != "layout"}
        try:
            if "weeks" in options:
                options["weeks"] = _whole_number(options["weeks"])
            check_options(_cached_plan(task.plan), **options)
            _cached_layout(task.options.get("layout"), options.get("page_size"))
        except PdfgenError as exc:
            problems.append(
                Problem(str(path), f"row {task.row} ({task.client}): {_one_line(str(exc))}")
            )
    if problems:
        raise InputError(sorted(problems, key=lambda p: int(p.message.split()[1])))
    return f"roster, {len(rows)} clients"


def _write_manifest(path: Path, results: list[RowResult]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["row", "client", "plan", "file", "pages", "sha256", "status", "error"])
    for r in results:
        writer.writerow(
            [r.row, r.client, r.plan, r.file, r.pages or "", r.sha256, r.status, r.error]
        )
    write_atomic(path, buffer.getvalue().encode("utf-8"), force=True)
