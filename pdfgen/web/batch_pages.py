"""The page's batch: check an uploaded roster row by row, make the booklets, watch them come, and
download them (a zip with the manifest, or the merged print file)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from pdfgen.errors import InputError
from pdfgen.web import batch
from pdfgen.web.page import problems_fragment
from pdfgen.web.requests import Refused, problems
from pdfgen.web.server import read_request
from pdfgen.web.ui import fragment, refused_fragment

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route


def routes() -> list[Route]:
    from starlette.routing import Route

    return [
        Route("/ui/batch/check", check, methods=["POST"]),
        Route("/ui/batch/{job}/start", start, methods=["POST"]),
        Route("/ui/batch/{job}", progress, methods=["GET"]),
        Route("/ui/batch/{job}/zip", download_zip, methods=["GET"]),
        Route("/ui/batch/{job}/merged", download_merged, methods=["GET"]),
    ]


async def check(request: Request) -> Response:
    """Each row of the uploaded roster checked as `pdfgen batch --dry-run` checks it."""
    from starlette.concurrency import run_in_threadpool

    try:
        form, _, files = await read_request(request, limit=batch.MAX_ROSTER_BYTES)
        roster = files.get("roster")
        if not roster:
            raise Refused(400, "choose the roster (CSV or YAML) first.")
        name = str(form.get("roster.filename") or "roster.csv")
        job, rows = await run_in_threadpool(_check, roster, name, form.get("own_plan", ""))
    except Refused as refused:
        return refused_fragment(refused)
    except InputError as error:
        return fragment(problems_fragment(problems(error)), 422)
    return fragment(_checked(job, rows))


Checked = list[tuple[int, str, str, str, str]]  # row, client, plan, status, why


def _check(roster: bytes, name: str, editor: str) -> tuple[batch.Job, Checked]:
    from pdfgen.app.batch import run_batch

    job = batch.prepare(roster, name, editor)
    rows = [(r.row, r.client, r.plan, "refused", r.reason) for r in job.refused]
    if job.rows:
        dry = run_batch(job.folder / "roster.csv", job.out, dry_run=True, jobs=1)
        for number, r in zip(job.numbers, dry.results, strict=True):
            ok = r.status != "failed"
            rows.append((number, r.client, Path(r.plan).name, "ready" if ok else "failed", r.error))
    return job, sorted(rows)


def _checked(job: batch.Job, rows: Checked) -> str:
    body = "".join(
        f'<tr class="{escape(status)}"><td>{escape(client)}</td><td>{escape(plan)}</td>'
        f"<td>{escape(status)}</td><td>{escape(reason)}</td></tr>"
        for _, client, plan, status, reason in rows
    )
    ready = sum(1 for row in rows if row[3] == "ready")
    go = (
        f'<button type="button" hx-post="/ui/batch/{job.id}/start" hx-include="#batch" '
        f'hx-target="#batch-result">Make the {ready} booklets</button>'
        if ready
        else "<p>No row can be made.</p>"
    )
    return (
        f"<table><thead><tr><th>client</th><th>plan</th><th>status</th><th>why</th></tr>"
        f"</thead><tbody>{body}</tbody></table>{go}"
    )


async def start(request: Request) -> Response:
    job = batch.find(request.path_params["job"])
    if job is None:
        return fragment(
            '<div class="problem">This batch is gone: check the roster again.</div>', 404
        )
    try:
        form, _, _ = await read_request(request, limit=batch.MAX_ROSTER_BYTES)
    except Refused as refused:
        return refused_fragment(refused)
    if job.process is None:
        impose = "saddle" if form.get("batch_impose") == "saddle" else None
        merge = form.get("merge") == "on"
        batch.start(job, merge=merge, fillable=form.get("batch_fillable") == "on", impose=impose)
    return fragment(_progress(job))


async def progress(request: Request) -> Response:
    job = batch.find(request.path_params["job"])
    if job is None:
        return fragment('<div class="problem">This batch is gone.</div>', 404)
    return fragment(_progress(job))


def _progress(job: batch.Job) -> str:
    if not job.finished():
        return (
            f'<div hx-get="/ui/batch/{job.id}" hx-trigger="load delay:700ms" hx-swap="outerHTML">'
            f'<progress max="{job.rows}" value="{job.made()}"></progress> '
            f"{job.made()} of {job.rows} booklets made…</div>"
        )
    manifest = job.manifest()
    rows = "".join(
        f"<tr><td>{escape(m.get('client', ''))}</td><td>{escape(m.get('status', ''))}</td>"
        f"<td>{escape(m.get('pages', ''))}</td><td>{escape(m.get('error', ''))}</td></tr>"
        for m in manifest
    )
    rows += "".join(
        f"<tr><td>{escape(r.client)}</td><td>refused</td><td></td><td>{escape(r.reason)}</td></tr>"
        for r in job.refused
    )
    written = sum(1 for m in manifest if m.get("status") == "written")
    links = f'<a class="button" href="/ui/batch/{job.id}/zip">Download the booklets (zip)</a>'
    if job.merge and job.merged.exists():
        links += f' <a class="button" href="/ui/batch/{job.id}/merged">Download the print file</a>'
    return (
        f'<p class="ok">Done: {written} booklets made.</p>'
        f"<table><thead><tr><th>client</th><th>status</th><th>pages</th><th>why</th></tr>"
        f"</thead><tbody>{rows}</tbody></table><p>{links}</p>"
    )


async def download_zip(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    job = batch.find(request.path_params["job"])
    if job is None or not job.finished():
        return fragment('<div class="problem">This batch is gone or not finished.</div>', 404)
    data = await run_in_threadpool(batch.zipped, job)
    headers = {"Content-Disposition": 'attachment; filename="booklets.zip"'}
    return Response(data, media_type="application/zip", headers=headers)


async def download_merged(request: Request) -> Response:
    from starlette.responses import Response

    job = batch.find(request.path_params["job"])
    if job is None or not job.finished() or not job.merged.exists():
        return fragment('<div class="problem">There is no print file for this batch.</div>', 404)
    headers = {"Content-Disposition": 'attachment; filename="all-clients.pdf"'}
    return Response(job.merged.read_bytes(), media_type="application/pdf", headers=headers)
