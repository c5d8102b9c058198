"""Booklets for a whole client list: one per roster row, in parallel, never losing work.

Rows are checked and named in the parent; each booklet is rendered and written (atomically) by
a worker process that loads each plan and layout once. A bad row is reported with its number
and reason and the others go on. A manifest lists every row; `merge` makes one print file.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pdfgen.app.manifest import (
    MANIFEST,
    RowResult,
    Status,
    as_on_disk,
    with_file_facts,
    write_manifest,
)
from pdfgen.app.roster import Row, load_roster, safe_file_name
from pdfgen.app.workers import Task, forget_cached, render_all, result_of, row_error
from pdfgen.errors import InputError, OutputError, Problem, UsageError
from pdfgen.io.reading import exists
from pdfgen.io.writing import check_destination, describe
from pdfgen.pdf.impose import Mode
from pdfgen.plan.options import OPTIONS


@dataclass
class BatchResult:
    """What a batch made: a result per row, in roster order, and the merged file if any."""

    results: list[RowResult]
    folder: Path
    merged: Path | None = None
    merged_pages: int = 0
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        """How many rows ended with `status`."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def exit_code(self) -> int:
        """0 when no row failed; 3 when some failed and others were written (or, in a dry run,
        would be); 1 when nothing could be written."""
        if not self.count("failed"):
            return 0
        return 3 if self.count("written") or self.count("would write") else 1


def run_batch(
    roster: str | Path,
    folder: str | Path | None = None,
    *,
    jobs: int | None = None,
    merge: str | Path | None = None,
    force: bool = False,
    dry_run: bool = False,
    layout: str | None = None,
    fillable: bool = False,
    impose: Mode | None = None,
    logo: str | Path | None = None,
    brand_color: str | None = None,
    progress: Callable[[RowResult, int], None] | None = None,
) -> BatchResult:
    """Make a booklet for every row of `roster` in `folder` (default: a folder named after
    the roster, in the current folder).

    `jobs` worker processes render in parallel (default: one per core). An existing booklet is
    kept unless `force`; `dry_run` only checks every row and says what would be written.
    `fillable` booklets have form fields, named `r<row>_...` so that they stay apart in a
    merged file; `impose` ("saddle" or "2up") applies to the merged file, each booklet imposed
    on its own sheets. `logo` and `brand_color` brand every booklet.
    `progress` is called with each row's result as it finishes, and the number of rows.
    """
    started = time.perf_counter()
    forget_cached()
    roster = Path(roster)
    if impose and merge is None:
        raise UsageError("--impose applies to the print file: give --merge FILE too.")
    rows = load_roster(roster)
    out = Path(folder) if folder is not None else Path(roster.stem)
    check_folder(out)
    check_brand(layout, logo, brand_color)
    brand = {"logo": str(Path(logo).resolve()) if logo else None, "brand_color": brand_color}
    results, tasks = _plan_rows(rows, roster.parent, out, layout, fillable)
    if merge is not None:
        check_merge_target(Path(merge), roster, out, [Path(t.target) for t in tasks])
        if not dry_run:
            check_destination(merge, force=force)
    token = secrets.token_hex(8)
    tasks = [
        replace(
            task,
            options=task.options | brand,
            force=force,
            temp_name=f".pdfgen-{token}-{task.row}.tmp",
        )
        for task in tasks
    ]
    to_render = []
    for task in tasks:
        kept = exists(task.target) and not force
        if kept or dry_run:
            # Not rendered now, but checked as if it were: a bad row is never hidden.
            error = row_error(task)
            status: Status = "skipped" if kept else "would write"
            result = result_of(task, status) if not error else result_of(task, "failed", error)
            if kept and not error:
                for_merge = merge is not None and not dry_run
                result = with_file_facts(result, out, for_merge=for_merge, fillable=fillable)
            results[task.row] = result
        else:
            to_render.append(task)
    for result in results.values():
        if progress:
            progress(result, len(rows))
    if to_render:
        make_folder(out)

        def finished(result: RowResult) -> None:
            results[result.row] = result
            if progress:
                progress(result, len(rows))

        render_all(to_render, jobs, finished)
    ordered = [results[row.number] for row in rows]
    batch = BatchResult(ordered, out)
    if not dry_run:
        if ordered and (out.is_dir() or any(r.status == "written" for r in ordered)):
            make_folder(out)
            batch.results = ordered = as_on_disk(ordered, out)
            write_manifest(out / MANIFEST, ordered)
        if merge is not None:
            _merge(batch, roster, Path(merge), impose, force)
    batch.seconds = time.perf_counter() - started
    return batch


def check_brand(layout: str | None, logo: str | Path | None, color: str | None) -> None:
    """Refuse a bad logo or colour once, before any work: it would be the same for every row."""
    if logo is not None or color:
        from pdfgen.app.booklet import branded, pick_layout

        branded(pick_layout(layout, None), logo, color)


def check_folder(out: Path) -> None:
    """Refuse an output folder that cannot be one, before any work: a file, a link to nowhere,
    or a path through a file."""
    try:
        if out.is_symlink() and not out.exists():
            raise OutputError(f"cannot use {out} as the folder: it is a link to nothing.")
        if out.exists() and not out.is_dir():
            raise OutputError(f"cannot use {out} as the folder: it is a file.")
        for ancestor in out.parents:
            if ancestor.exists():
                if not ancestor.is_dir():
                    raise OutputError(f"cannot make the folder {out}: {ancestor} is a file.")
                break
    except OSError as exc:
        raise OutputError(describe(out, exc)) from None


def make_folder(out: Path) -> None:
    """Make the output folder (and its parents); an OutputError saying why it cannot be."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(describe(out, exc, "make the folder")) from None


def check_merge_target(merge: Path, roster: Path, out: Path, booklets: list[Path]) -> None:
    """The merged file must not be a file this run writes or reads, nor the folder: it would
    replace one client's booklet with everyone's (or the manifest, or the roster)."""
    taken = {
        _same_file_key(path): what
        for path, what in [
            *((booklet, f"the booklet {booklet.name}") for booklet in booklets),
            (out / MANIFEST, "the manifest"),
            (roster, "the roster"),
            (out, "the output folder"),
        ]
    }
    clash = taken.get(_same_file_key(merge))
    if clash:
        raise UsageError(f"--merge {merge} names {clash} of this batch; give another file.")


def _same_file_key(path: Path) -> str:
    # Compared as the file system will see them: resolved, and without regard to case, which
    # some file systems ignore.
    return os.path.realpath(path).casefold()


def _merge(batch: BatchResult, roster: Path, merge: Path, impose: Mode | None, force: bool) -> None:
    from pdfgen.pdf.merge import merge_booklets

    parts = [
        (f"{r.client} — {Path(r.plan).stem}", batch.folder / r.file)
        for r in batch.results
        if r.status in ("written", "skipped")
    ]
    if parts:
        batch.merged = merge
        batch.merged_pages = merge_booklets(
            parts, merge, title=f"Booklets: {roster.stem}", impose=impose, force=force
        )


def _plan_rows(
    rows: list[Row], base: Path, out: Path, layout: str | None, fillable: bool = False
) -> tuple[dict[int, RowResult], list[Task]]:
    """Each row's file name and options, or the reason it cannot be made."""
    results: dict[int, RowResult] = {}
    tasks: list[Task] = []
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
        tasks.append(
            Task(
                row.number,
                row.client,
                _plan_reference(plan, base),
                str(out / file),
                _options(row, layout, base) | _fillable(file, fillable),
                plan,
            )
        )
    return results, tasks


def _plan_reference(plan: str, base: Path) -> str:
    """A plan as a roster names it: a path relative to the roster, or a built-in id."""
    from pdfgen.io.resources import builtin_plans

    beside = base / plan
    if exists(beside):
        return str(beside)
    return plan if plan in builtin_plans() else str(beside)


def _options(row: Row, layout: str | None, base: Path) -> dict[str, Any]:
    """The row's options as the roster writes them (text): `render_booklet` reads them as the
    command line's are read."""
    values = row.values
    options: dict[str, Any] = {
        option.name: values[option.column]
        for option in OPTIONS.values()
        if values.get(option.column)
    }
    chosen = values.get("layout") or layout
    if chosen:
        options["layout"] = str(base / chosen) if exists(base / chosen) else chosen
    if row.maxes:
        options["maxes"] = dict(row.maxes)
    return options


def _fillable(file: str, fillable: bool) -> dict[str, Any]:
    """Form options for a booklet: its fields named apart from every other booklet's, by its
    file name (unique in the folder, and the same when the roster is reordered and a kept
    booklet is merged again)."""
    if not fillable:
        return {}
    digest = hashlib.sha256(file.casefold().encode("utf-8")).hexdigest()[:8]
    return {"fillable": True, "field_prefix": f"b{digest}"}


def check_roster(roster: str | Path) -> str:
    """Check every row of a roster as a batch would, without rendering; a one-line summary,
    or an InputError naming each bad row."""
    forget_cached()
    path = Path(roster)
    rows = load_roster(path)
    results, tasks = _plan_rows(rows, path.parent, Path(path.stem), None)
    errors = {r.row: (r.client, r.error) for r in results.values()}
    for task in tasks:
        error = row_error(task)
        if error:
            errors[task.row] = (task.client, error)
    if errors:
        raise InputError(
            [
                Problem(str(path), f"row {row} ({client or 'no name'}): {error}")
                for row, (client, error) in sorted(errors.items())
            ]
        )
    return f"roster, {len(rows)} client{'' if len(rows) == 1 else 's'}"
