"""Booklets for a whole client list: one per roster row, in parallel, never losing work.

Rows are checked and named in the parent; each booklet is rendered and written (atomically) by
a worker process that loads each plan and layout once. A bad row is reported with its number
and reason and the others go on. A manifest lists every row; `merge` makes one print file.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import secrets
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pdfgen.app.roster import Row, load_roster, safe_file_name
from pdfgen.compose.text import spreadsheet_safe
from pdfgen.errors import InputError, OutputError, PdfgenError, Problem, UsageError
from pdfgen.io.reading import exists, read_input
from pdfgen.io.writing import check_destination, describe, write_atomic
from pdfgen.pdf.impose import Mode
from pdfgen.pdf.merge import MAX_BOOKLET_BYTES
from pdfgen.plan.options import OPTIONS, roster_ask, roster_name

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
    warnings: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class _Task:
    """A row ready to render, in a form that crosses to a worker process."""

    row: int
    client: str
    plan: str  # a path, or a built-in plan id
    target: str
    options: dict[str, Any]
    plan_name: str = ""  # as the roster wrote it
    force: bool = False
    temp_name: str = ""  # the exact temporary file its booklet is written through


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
    _forget_cached()
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
            result = _result(task, status) if not error else _result(task, "failed", error)
            if kept and not error:
                for_merge = merge is not None and not dry_run
                result = _with_file_facts(result, out, for_merge=for_merge, fillable=fillable)
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

        _render_all(to_render, jobs, finished)
    ordered = [results[row.number] for row in rows]
    batch = BatchResult(ordered, out)
    if not dry_run:
        if ordered and (out.is_dir() or any(r.status == "written" for r in ordered)):
            make_folder(out)
            batch.results = ordered = _as_on_disk(ordered, out)
            _write_manifest(out / MANIFEST, ordered)
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


def _result(task: _Task, status: Status, error: str = "") -> RowResult:
    return RowResult(
        task.row, task.client, task.plan_name, Path(task.target).name, status, error=error
    )


def _with_file_facts(
    result: RowResult, out: Path, for_merge: bool, fillable: bool = False
) -> RowResult:
    """A kept booklet's pages and checksum, for the manifest. One that is not a readable PDF
    is kept all the same, but cannot go into a merged print file."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        data = read_input(out / result.file, what="booklet", limit=MAX_BOOKLET_BYTES)
    except InputError as exc:
        why = f"the existing {result.file} cannot be read: {exc.problems[0].message}"
        return replace(result, status="failed" if for_merge else "skipped", error=why)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        has_fields = bool(reader.get_fields())
    except (PyPdfError, ValueError, KeyError, OSError, RecursionError):
        why = f"the existing {result.file} is not a readable PDF; --force replaces it."
        return replace(result, status="failed" if for_merge else "skipped", error=why)
    if fillable and not has_fields:
        # Kept from a run without --fillable: merged as it is, it would have nothing to fill.
        why = f"the existing {result.file} has no form fields; --force remakes it fillable."
        return replace(result, status="failed" if for_merge else "skipped", error=why)
    return replace(result, pages=pages, sha256=hashlib.sha256(data).hexdigest())


def _as_on_disk(results: list[RowResult], out: Path) -> list[RowResult]:
    """The results as the files on disk now are: another run writing into the same folder may
    have made a booklet this run found missing, so the manifest describes what is there."""
    checked = []
    for result in results:
        if result.status not in ("written", "skipped") or not result.file:
            checked.append(result)
            continue
        try:
            data = read_input(out / result.file, what="booklet", limit=MAX_BOOKLET_BYTES)
        except InputError as exc:
            why = f"{result.file} is not there any more: {exc.problems[0].message}"
            checked.append(replace(result, status="failed", pages=0, sha256="", error=why))
            continue
        if hashlib.sha256(data).hexdigest() != result.sha256:
            checked.append(_with_file_facts(replace(result, status="skipped"), out, False))
        else:
            checked.append(result)
    return checked


def _plan_rows(
    rows: list[Row], base: Path, out: Path, layout: str | None, fillable: bool = False
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
            _Task(
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


def _render_all(
    tasks: list[_Task], jobs: int | None, finished: Callable[[RowResult], None]
) -> None:
    """Render every task, in `jobs` worker processes, calling `finished` with each result in
    roster order.

    Ctrl-C (KeyboardInterrupt) stops the batch: no booklet is started after it, and the workers
    ignore it and finish the booklets they are writing (atomically). SIGTERM (a
    KeyboardInterrupt whose `signum` is SIGTERM: `pdfgen.cli.Terminated`) means stop now: the
    workers are ended at once and the temporary files of the booklets they were writing are
    removed. Either way the exception goes on to the caller."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    if workers == 1:
        for task in tasks:
            finished(make_booklet(task))
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),)
    )
    try:
        futures: list[Future[RowResult]] = [pool.submit(make_booklet, task) for task in tasks]
        for future in futures:
            finished(future.result())
    except BaseException as exc:
        terminated = getattr(exc, "signum", None) == signal.SIGTERM
        if terminated:
            _end_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
        if terminated:
            _remove_temporaries(tasks)
        raise
    pool.shutdown(wait=True)


def _worker_start(parent: int) -> None:
    """Set a worker up: its signals, and a watch on the batch that started it."""
    # Ctrl-C reaches the whole process group: a worker ignores it and the parent stops the
    # pool. SIGTERM ends a worker at once; a forked worker would otherwise inherit the parent's
    # handler and raise in the middle of the pool's own code.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int, every: float = 0.2) -> None:
    """End this worker when the batch that started it (`parent`) is gone, killed with SIGKILL,
    which no handler sees. Its direct parent (the batch, or the start method's server) then
    changes; checking that the batch still exists also covers its dying before this started."""
    started_by = os.getppid()
    while True:
        if os.getppid() != started_by or not _alive(parent):
            os._exit(1)  # nothing of this worker's is worth finishing: its batch is gone
        time.sleep(every)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _end_workers(pool: ProcessPoolExecutor) -> None:
    # concurrent.futures has no public way to end its workers before Python 3.14
    # (terminate_workers); ending them makes the pool broken, which shutdown() then cleans up.
    for process in list((pool._processes or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            process.terminate()


def _remove_temporaries(tasks: list[_Task]) -> None:
    """Remove the temporary files of ended workers: exactly the ones this run named."""
    for task in tasks:
        if task.temp_name:
            with contextlib.suppress(OSError):
                os.unlink(Path(task.target).parent / task.temp_name)


def make_booklet(task: _Task) -> RowResult:
    """Render and write one row's booklet; a worker's whole job. Never raises for bad input."""
    from pdfgen.app.booklet import render_booklet

    result = _result(task, "failed")
    options = dict(task.options)
    try:
        layout = _cached_layout(
            options.pop("layout", None),
            _page_size(options.get("page_size")),
            options.pop("logo", None),
            options.pop("brand_color", None),
        )
        buffer = io.BytesIO()
        made = render_booklet(_cached_plan(task.plan), buffer, layout=layout, **options)
        data = buffer.getvalue()
        write_atomic(task.target, data, force=task.force, temp_name=task.temp_name or None)
    except OutputError as exc:
        if not task.force and exists(task.target):
            # Another run wrote it since this one looked: theirs is kept, as an existing
            # booklet would be (the manifest reads its facts from the file).
            return replace(result, status="skipped", error="written meanwhile by another run")
        return replace(result, error=_one_line(exc))
    except PdfgenError as exc:
        return replace(result, error=_one_line(exc))
    except Exception as exc:  # one row's surprise must not stop the others
        return replace(result, error=f"unexpected {type(exc).__name__}: {exc}")
    digest = hashlib.sha256(data).hexdigest()
    return replace(
        result, status="written", pages=made.pages, sha256=digest, warnings=made.warnings
    )


@cache
def _cached_plan(reference: str) -> Any:
    # Each worker reads a plan once, however many clients use it.
    from pdfgen.plan.loading import load_plan

    return load_plan(reference)


@cache
def _cached_layout(
    name: str | None, page_size: str | None, logo: str | None, color: str | None
) -> Any:
    # Each worker reads a layout (and decodes a logo) once, however many clients use it.
    from pdfgen.app.booklet import branded, pick_layout

    return branded(pick_layout(name, page_size), logo, color)


def _page_size(text: str | None) -> str | None:
    """A row's paper, read now: the layout is chosen (and cached) by it before rendering."""
    if not text:
        return None
    try:
        paper: str = OPTIONS["page_size"].read(text)
    except ValueError as exc:
        raise InputError([Problem("", str(exc), option="page_size")]) from None
    return paper


def _one_line(error: PdfgenError) -> str:
    """An error as a roster row reports it: one line, naming columns rather than options."""
    text = error.say(roster_name, roster_ask) if isinstance(error, InputError) else str(error)
    return " ".join(text.split())


def row_error(task: _Task) -> str:
    """Why a row's booklet could not be made, found without rendering it ("" if none)."""
    from pdfgen.plan.client import check_options
    from pdfgen.plan.model import missing_maxes

    # What the client's row says; how the booklet is made (layout, form, brand) is checked apart.
    made_how = {"layout", "fillable", "field_prefix", "logo", "brand_color"}
    options = {k: v for k, v in task.options.items() if k not in made_how}
    try:
        plan = _cached_plan(task.plan)
        checked = check_options(plan, **options)
        problems = missing_maxes(plan, checked.maxes or {})
        if problems:
            raise InputError(problems)
        _cached_layout(
            task.options.get("layout"),
            checked.page_size,
            task.options.get("logo"),
            task.options.get("brand_color"),
        )
    except PdfgenError as exc:
        return _one_line(exc)
    return ""


def check_roster(roster: str | Path) -> str:
    """Check every row of a roster as a batch would, without rendering; a one-line summary,
    or an InputError naming each bad row."""
    _forget_cached()
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
    return f"roster, {len(rows)} clients"


def _forget_cached() -> None:
    # Plans and layouts are read once per batch, and afresh by the next one.
    _cached_plan.cache_clear()
    _cached_layout.cache_clear()


def _write_manifest(path: Path, results: list[RowResult]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["row", "client", "plan", "file", "pages", "sha256", "status", "error"])
    for r in results:
        row = (r.row, r.client, r.plan, r.file, r.pages or "", r.sha256, r.status, r.error)
        writer.writerow([spreadsheet_safe(str(value)) for value in row])
    write_atomic(path, buffer.getvalue().encode("utf-8"), force=True)
