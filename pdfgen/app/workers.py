"""A batch's booklets rendered in worker processes: each worker loads a plan and a layout once,
writes each booklet atomically through a temporary file the batch named, and ends by itself if
the batch that started it is killed. One row's failure is that row's result, never the batch's.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pdfgen.app.manifest import RowResult, Status
from pdfgen.errors import InputError, OutputError, PdfgenError, Problem
from pdfgen.io.reading import exists
from pdfgen.io.writing import write_atomic
from pdfgen.plan.options import OPTIONS, roster_ask, roster_name


@dataclass(frozen=True)
class Task:
    """A row ready to render, in a form that crosses to a worker process."""

    row: int
    client: str
    plan: str  # a path, or a built-in plan id
    target: str
    options: dict[str, Any]
    plan_name: str = ""  # as the roster wrote it
    force: bool = False
    temp_name: str = ""  # the exact temporary file its booklet is written through


def result_of(task: Task, status: Status, error: str = "") -> RowResult:
    return RowResult(
        task.row, task.client, task.plan_name, Path(task.target).name, status, error=error
    )


def render_all(tasks: list[Task], jobs: int | None, finished: Callable[[RowResult], None]) -> None:
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


def _remove_temporaries(tasks: list[Task]) -> None:
    """Remove the temporary files of ended workers: exactly the ones this run named."""
    for task in tasks:
        if task.temp_name:
            with contextlib.suppress(OSError):
                os.unlink(Path(task.target).parent / task.temp_name)


def make_booklet(task: Task) -> RowResult:
    """Render and write one row's booklet; a worker's whole job. Never raises for bad input."""
    from pdfgen.app.booklet import render_booklet

    result = result_of(task, "failed")
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


def row_error(task: Task) -> str:
    """Why a row's booklet could not be made, found without rendering it ("" if none)."""
    from pdfgen.plan.client import check_options
    from pdfgen.plan.needs import missing_maxes

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


def forget_cached() -> None:
    # Plans and layouts are read once per batch, and afresh by the next one.
    _cached_plan.cache_clear()
    _cached_layout.cache_clear()
