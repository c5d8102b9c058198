"""`pdfgen serve`: a page in the trainer's own browser, and the JSON API it and scripts use.

Everything runs on the trainer's machine: plans come as text or a built-in id, PDFs go back in
the response, and a request from any other site (its `Origin` or `Host` not this server's) is
refused, so that a web page the trainer visits cannot drive the server. Every check and every
PDF is the library's: the same calls the command line makes.

    GET  /                 the page (its pieces under /ui/, see `pdfgen.web.ui`)
    GET  /api/plans        the built-in plans and examples: id, kind, program, summary
    POST /api/validate     a plan (the body, or a form field `plan`) -> its problems, [] if none
    POST /api/booklet      form fields `plan` and the client's options -> application/pdf
    POST /api/log          the same, log sheets (`weeks` says which, as on the command line)
    POST /api/read-log     a filled PDF (file field `filled`) -> its sets as CSV
"""

from __future__ import annotations

import io
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdfgen.errors import InputError
from pdfgen.web.page import error_page, home_page
from pdfgen.web.requests import (
    MAX_REQUEST,
    PLAN_NAME,
    PlanSource,
    Refused,
    document_options,
    plan_source,
    problems,
)

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

# reportlab keeps fonts and their subsets in process-wide state: one document at a time. Pages
# and the API's other answers are not held up by it.
_RENDERING = threading.Lock()
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
STATIC = Path(__file__).with_name("static")


def make_app(hosts: Iterable[str]) -> Starlette:
    """The server's application, answering only requests addressed to one of `hosts`
    (`127.0.0.1:8765`, `localhost:8765`, ...), and from pages of those hosts only."""
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from pdfgen.web import batch_pages, ui

    allowed = frozenset(h.lower() for h in hosts)
    routes = [
        Route("/", _home, methods=["GET"]),
        Route("/api/plans", _plans, methods=["GET"]),
        Route("/api/validate", _validate, methods=["POST"]),
        Route("/api/booklet", _document("booklet"), methods=["POST"]),
        Route("/api/log", _document("log"), methods=["POST"]),
        Route("/api/read-log", ui.read_log_csv, methods=["POST"]),
        *ui.routes(),
        *batch_pages.routes(),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(_OwnSiteOnly, hosts=allowed)
    return app


class _OwnSiteOnly:
    """Refuses (403) a request addressed to another host (DNS rebinding) or sent by a page of
    another site (cross-site request forgery), before anything reads it."""

    def __init__(self, app: Any, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not self._own(dict(scope["headers"])):
            from starlette.responses import PlainTextResponse

            refusal = PlainTextResponse("refused: this server answers its own page only.", 403)
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _own(self, headers: dict[bytes, bytes]) -> bool:
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if host not in self.hosts:
            return False
        origin = headers.get(b"origin")
        if origin is not None:
            text = origin.decode("latin-1").lower()
            if text == "null" or text.removeprefix("http://") not in self.hosts:
                return False
        return headers.get(b"sec-fetch-site", b"same-origin") in (b"same-origin", b"none")


async def _home(request: Request) -> Response:
    from starlette.responses import HTMLResponse

    from pdfgen.app.plans import list_plans

    return HTMLResponse(home_page(list_plans()))


async def _plans(request: Request) -> Response:
    from starlette.responses import JSONResponse

    from pdfgen.app.plans import list_plans

    found = list_plans()
    return JSONResponse(
        [{"id": p.id, "kind": p.kind, "program": p.program, "summary": p.summary} for p in found]
    )


async def _validate(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse

    try:
        form, _, _ = await read_request(request, body_is_plan=True)
        source = plan_source(form.get("plan"))
        found = await run_in_threadpool(problems_of, source)
    except Refused as refused:
        return JSONResponse({"error": refused.message}, status_code=refused.status)
    return JSONResponse(found)


def problems_of(source: PlanSource) -> list[dict[str, Any]]:
    """A plan's problems as the API gives them; [] when it builds."""
    try:
        load(source)
    except InputError as error:
        return problems(error)
    return []


def _document(kind: str) -> Callable[[Request], Any]:
    async def serve(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse, Response

        from_page = False
        try:
            form, getlist, files = await read_request(request)
            from_page = form.get("from") == "page"
            source = page_plan(form)
            options = document_options(form, getlist, kind)
            data, name, _ = await run_in_threadpool(render, source, options, kind, files)
        except Refused as refused:
            if from_page:
                return _error_html(refused.status, [{"message": refused.message}])
            return JSONResponse({"error": refused.message}, status_code=refused.status)
        except InputError as error:
            if from_page:
                return _error_html(422, problems(error))
            return JSONResponse(problems(error), status_code=422)
        disposition = f'attachment; filename="{name}"'
        return Response(
            data, media_type="application/pdf", headers={"Content-Disposition": disposition}
        )

    return serve


def page_plan(form: dict[str, Any]) -> PlanSource:
    """The plan a form asks for: the page's own plan, pasted or edited, wins over the one picked
    from its list."""
    own = form.get("own_plan", "")
    return plan_source(own if own.strip() else form.get("plan"))


def _error_html(status: int, found: list[dict[str, Any]]) -> Response:
    from starlette.responses import HTMLResponse

    return HTMLResponse(error_page(found), status_code=status)


def load(source: PlanSource) -> Any:
    """The plan a request gave, read and checked as the command line reads a plan file."""
    from pdfgen.plan.loading import load_plan, load_plan_text

    # An id was checked against the installed plans: it never reaches the file system as a path.
    if source.plan_id:
        return load_plan(source.plan_id)
    return load_plan_text(source.text, PLAN_NAME)


def render(
    source: PlanSource, options: dict[str, Any], kind: str, files: dict[str, bytes]
) -> tuple[bytes, str, tuple[str, ...]]:
    """The booklet or log sheets, their file name, and the warnings; an uploaded logo is
    checked as the command line checks a logo file, in a folder removed afterwards."""
    from pdfgen.app.booklet import default_output_name, render_booklet, render_log

    plan = load(source)
    buffer = io.BytesIO()
    make = render_booklet if kind == "booklet" else render_log
    with tempfile.TemporaryDirectory(prefix="pdfgen-serve-") as folder:
        if files.get("logo"):
            logo = Path(folder) / "logo"
            logo.write_bytes(files["logo"])
            options = {**options, "logo": str(logo)}
        try:
            with _RENDERING:
                result = make(plan, buffer, **options)
        except InputError as error:
            raise _about_the_upload(error, folder) from None
    client = options.get("client") or ""
    label = source.plan_id or "plan"
    name = default_output_name(label, client, kind="" if kind == "booklet" else kind)
    safe = name.encode("ascii", "replace").decode().replace('"', "'").replace("?", "-")
    return buffer.getvalue(), safe, tuple(result.warnings)


def _about_the_upload(error: InputError, folder: str) -> InputError:
    """The error as the trainer knows the file: "the uploaded logo", not the temporary path
    it was checked at, which is gone."""
    problems = []
    for problem in error.problems:
        message = problem.message.replace(f"'{folder}/logo'", "you uploaded")
        message = message.replace(f"{folder}/logo", "the uploaded logo")
        file = "logo" if folder in problem.file or problem.file == "--logo" else problem.file
        field = "logo" if problem.field == "--logo" else problem.field
        problems.append(replace(problem, file=file, message=message, field=field))
    return InputError(problems)


async def read_request(
    request: Request, *, body_is_plan: bool = False, limit: int = MAX_REQUEST
) -> tuple[dict[str, Any], Any, dict[str, bytes]]:
    """The request's form fields (or, where the body is a plan, the plan as `plan`), within the
    command line's size limits (an uploaded file's name as the field `NAME.filename`); a function
    giving every value of a repeated field; and the uploaded files' contents by field."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise Refused(413, f"the request is larger than {limit // 1_000_000 or 1} MB.")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in FORM_TYPES:
        form = await request.form(max_files=4, max_fields=200, max_part_size=limit)
        try:
            fields = {key: value for key, value in form.items() if isinstance(value, str)}
            files = {}
            for key, value in form.multi_items():
                if not isinstance(value, str) and value.filename:
                    data = await value.read(limit + 1)
                    if len(data) > limit:
                        raise Refused(413, f"{key} is larger than {limit // 1_000_000 or 1} MB.")
                    files[key] = data
                    fields[f"{key}.filename"] = str(value.filename)
            values = {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}
        finally:
            await form.close()  # the uploads' temporary files, removed now
        return fields, lambda name: values.get(name, []), files
    if not body_is_plan:
        raise Refused(415, "send the fields as a form (application/x-www-form-urlencoded).")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"the request is larger than {limit // 1_000_000 or 1} MB.")
    try:
        text = bytes(body).decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the plan is not UTF-8 text.") from None
    return {"plan": text}, lambda name: [], {}
