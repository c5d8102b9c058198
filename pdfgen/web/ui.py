"""The page's pieces the server sends as the trainer works (htmx swaps them in): a plan opened in
the editor, its problems as it is typed, previews of the pages, what a filled log holds and the
next block made from it. Each is the library's own work; nothing here checks anything itself.
"""

from __future__ import annotations

import base64
import secrets
import tempfile
import threading
from collections import OrderedDict
from dataclasses import asdict
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdfgen.errors import InputError
from pdfgen.io import resources
from pdfgen.web.page import (
    editor,
    large_page,
    maxes_fragment,
    next_fragment,
    preview_fragment,
    problems_fragment,
    read_fragment,
)
from pdfgen.web.requests import (
    PLAN_NAME,
    PlanSource,
    Refused,
    document_options,
    installed_plans,
    problems,
)
from pdfgen.web.server import load, page_plan, problems_of, read_request, render

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

# Thumbnails twice the size they show at (sharp on a high-density screen), as JPEG: a 30-page
# booklet's come to about 350 kB; the larger view is PNG, for sharp type.
THUMB_DPI, LARGE_DPI = 26, 110
KEPT_PREVIEWS = 8  # the last previews, for their larger views; older ones are forgotten
MAX_LOG_BYTES = 50 * 1024 * 1024  # as `pdfgen read-log` reads
_PREVIEWS: OrderedDict[str, bytes] = OrderedDict()
_PDFIUM = threading.Lock()  # PDFium draws one page at a time in a process


def routes() -> list[Route]:
    from starlette.routing import Route

    return [
        Route("/ui/plan", plan_text, methods=["GET"]),
        Route("/ui/open", open_file, methods=["POST"]),
        Route("/ui/check", check, methods=["POST"]),
        Route("/ui/maxes", maxes, methods=["POST"]),
        Route("/ui/save", save, methods=["POST"]),
        Route("/ui/preview", preview, methods=["POST"]),
        Route("/ui/page/{token}/{number:int}", page, methods=["GET"]),
        Route("/ui/read", read, methods=["POST"]),
        Route("/ui/next", next_block, methods=["POST"]),
    ]


def fragment(text: str, status: int = 200) -> Response:
    """A piece of the page, for htmx to swap in."""
    from starlette.responses import HTMLResponse

    return HTMLResponse(text, status_code=status)


def refused_fragment(refused: Refused) -> Response:
    return fragment(f'<div class="problem">{escape(refused.message)}</div>', refused.status)


async def plan_text(request: Request) -> Response:
    """A built-in plan's YAML, in the editor, to start from."""
    plan_id = request.query_params.get("plan", "")
    if plan_id not in installed_plans():
        return fragment('<div class="problem">Pick a plan from the list first.</div>', 400)
    path = {**resources.builtin_plans(), **resources.example_plans()}[plan_id]
    return fragment(editor(path.read_text(encoding="utf-8")))


async def open_file(request: Request) -> Response:
    """An uploaded plan file, in the editor (checked there as any edit is)."""
    from pdfgen.io.yamldoc import MAX_BYTES

    try:
        _, _, files = await read_request(request, limit=MAX_BYTES)
        data = files.get("plan_file")
        if not data:
            raise Refused(400, "choose a plan file first.")
        text = data.decode("utf-8-sig")
    except Refused as refused:
        return refused_fragment(refused)
    except UnicodeDecodeError:
        return fragment('<div class="problem">That file is not UTF-8 text.</div>', 400)
    return fragment(editor(text))


async def check(request: Request) -> Response:
    """The edited plan's problems, each at its line; or that it builds."""
    from starlette.concurrency import run_in_threadpool

    try:
        form, _, _ = await read_request(request)
        text = form.get("own_plan", "")
        if not text.strip():
            return fragment("")
        found = await run_in_threadpool(problems_of, PlanSource(text=text))
    except Refused as refused:
        return refused_fragment(refused)
    return fragment(problems_fragment(found))


async def maxes(request: Request) -> Response:
    """A field for each max the plan (picked or edited) needs; nothing while it does not build."""
    from starlette.concurrency import run_in_threadpool

    try:
        form, _, _ = await read_request(request)
        needed = await run_in_threadpool(_needed_maxes, page_plan(form))
    except (Refused, InputError):
        return fragment('<p class="summary">Maxes: once the plan builds.</p>')
    return fragment(maxes_fragment(needed))


def _needed_maxes(source: PlanSource) -> list[tuple[str, str]]:
    from pdfgen.plan.needs import missing_maxes

    plan = load(source)
    return [
        (p.ask.key, plan.used_exercises[p.ask.key].name)
        for p in missing_maxes(plan, {})
        if p.ask is not None
    ]


async def save(request: Request) -> Response:
    """The edited plan as a file to keep."""
    from starlette.responses import Response

    try:
        form, _, _ = await read_request(request)
    except Refused as refused:
        return refused_fragment(refused)
    text = form.get("own_plan", "")
    if not text.strip():
        return fragment('<div class="problem">The editor is empty: nothing to save.</div>', 400)
    headers = {"Content-Disposition": f'attachment; filename="{PLAN_NAME}"'}
    return Response(text.encode("utf-8"), media_type="application/yaml", headers=headers)


async def preview(request: Request) -> Response:
    """Every page of the booklet as a thumbnail, with the warnings the build gave."""
    from starlette.concurrency import run_in_threadpool

    try:
        form, getlist, files = await read_request(request)
        options = document_options(form, getlist, "booklet")
        data, _, warnings = await run_in_threadpool(
            render, page_plan(form), options, "booklet", files
        )
        thumbs = await run_in_threadpool(_pictures, data, THUMB_DPI, None)
    except Refused as refused:
        return refused_fragment(refused)
    except InputError as error:
        return fragment(problems_fragment(problems(error)), 422)
    token = secrets.token_hex(8)
    with _PDFIUM:
        _PREVIEWS[token] = data
        while len(_PREVIEWS) > KEPT_PREVIEWS:
            _PREVIEWS.popitem(last=False)
    return fragment(preview_fragment(thumbs, token, warnings))


async def page(request: Request) -> Response:
    """One page of a recent preview, larger."""
    from starlette.concurrency import run_in_threadpool

    token, number = request.path_params["token"], request.path_params["number"]
    data = _PREVIEWS.get(token)
    if data is None:
        return fragment('<div class="problem">This preview is gone: preview again.</div>', 404)
    pictures = await run_in_threadpool(_pictures, data, LARGE_DPI, number)
    if not pictures:
        return fragment('<div class="problem">There is no such page.</div>', 404)
    return fragment(large_page(pictures[0], number))


def _pictures(pdf: bytes, dpi: int, only: int | None) -> list[str]:
    """Pages of `pdf` as base64 PNG, drawn by PDFium (Chrome's PDF engine) in this process."""
    import io

    import pypdfium2

    pictures = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            numbers = range(len(document)) if only is None else [only]
            for number in numbers:
                if not 0 <= number < len(document):
                    continue
                image = document[number].render(scale=dpi / 72).to_pil()
                buffer = io.BytesIO()
                if dpi == THUMB_DPI:
                    image.convert("RGB").save(buffer, format="JPEG", quality=75)
                else:
                    image.save(buffer, format="PNG")
                pictures.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
        finally:
            document.close()
    return pictures


async def read(request: Request) -> Response:
    """What a filled log holds, set by set, and the way to the next block."""
    from starlette.concurrency import run_in_threadpool

    try:
        form, _, files = await read_request(request, limit=MAX_LOG_BYTES)
        if not files.get("filled"):
            raise Refused(400, "choose the filled PDF (or its CSV) first.")
        name = _log_name(form)
        reading = await run_in_threadpool(_read_log, files["filled"], name)
    except Refused as refused:
        return refused_fragment(refused)
    except InputError as error:
        return fragment(problems_fragment(problems(error)), 422)
    rows = [{k: _cell(v) for k, v in asdict(s).items()} for s in reading.sets]
    next_button = (
        '<button type="button" hx-post="/ui/next" hx-include="#read,#plan,#own" '
        'hx-encoding="multipart/form-data" hx-target="#logged">'
        "Make the next block from it</button>"
    )
    return fragment(read_fragment(rows, reading.problems, next_button))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def _log_name(form: dict[str, Any]) -> str:
    """The uploaded log's file name as pdfgen reads it: a filled PDF, or the CSV or JSON that
    `read-log` wrote of one (by its suffix; anything else is read as a PDF)."""
    suffix = Path(str(form.get("filled.filename", ""))).suffix.lower()
    return f"log{suffix}" if suffix in (".csv", ".json") else "log.pdf"


def _read_log(data: bytes, name: str = "log.pdf") -> Any:
    from pdfgen.logbook.readlog import load_logged

    with tempfile.TemporaryDirectory(prefix="pdfgen-serve-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return load_logged(path)


async def read_log_csv(request: Request) -> Response:
    """`POST /api/read-log`: a filled PDF's sets as CSV, as `pdfgen read-log` writes them."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse, Response

    from pdfgen.logbook.readlog import to_csv

    try:
        _, _, files = await read_request(request, limit=MAX_LOG_BYTES)
        if not files.get("filled"):
            raise Refused(400, "send the filled PDF as the file field `filled`.")
        reading = await run_in_threadpool(_read_log, files["filled"])
    except Refused as refused:
        return JSONResponse({"error": refused.message}, status_code=refused.status)
    except InputError as error:
        return JSONResponse(problems(error), status_code=422)
    headers = {"Content-Disposition": 'attachment; filename="log.csv"'}
    return Response(to_csv(reading), media_type="text/csv; charset=utf-8", headers=headers)


async def next_block(request: Request) -> Response:
    """The next block's plan from the plan and the filled log, with each decision's reason."""
    from starlette.concurrency import run_in_threadpool

    try:
        form, _, files = await read_request(request, limit=MAX_LOG_BYTES)
        if not files.get("filled"):
            raise Refused(400, "choose the filled PDF first.")
        made = await run_in_threadpool(_next, page_plan(form), files["filled"], _log_name(form))
    except Refused as refused:
        return refused_fragment(refused)
    except InputError as error:
        return fragment(problems_fragment(problems(error)), 422)
    decisions = [
        f"{d.session} · {d.exercise}: {d.old or '—'} → {d.new or d.old or '—'}. {d.reason}"
        for d in made.decisions
    ]
    return fragment(next_fragment(made.text, decisions))


def _next(source: PlanSource, log: bytes, name: str) -> Any:
    import pdfgen

    with tempfile.TemporaryDirectory(prefix="pdfgen-serve-") as folder:
        plan: str | Path = source.plan_id
        if not source.plan_id:
            plan = Path(folder) / PLAN_NAME
            plan.write_text(source.text, encoding="utf-8")
        filled = Path(folder) / name
        filled.write_bytes(log)
        return pdfgen.next_block(plan, filled)
