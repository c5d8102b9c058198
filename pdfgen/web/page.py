"""The page `pdfgen serve` shows, and the pieces of it the server sends again as they change.

Plain HTML forms that work without JavaScript (they post to the JSON API and get a PDF back);
with it, htmx (vendored in `static/`) checks the plan as it is typed, shows page previews and
reads a filled log back without leaving the page. Every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from pdfgen.app.plans import PlanInfo
from pdfgen.web.style import STYLE

CHECK = 'hx-post="/ui/check" hx-trigger="input changed delay:400ms, load" hx-target="#problems"'


def home_page(plans: Iterable[PlanInfo]) -> str:
    """The page: the plan (picked, or edited in place), the client, previews and downloads; and
    reading a filled log back."""
    plans = list(plans)
    options = "\n".join(
        f'<option value="{escape(p.id)}">{escape(p.program)} ({escape(p.id)})</option>'
        for p in plans
    )
    summaries = "\n".join(
        f"<li><b>{escape(p.program)}</b> <code>{escape(p.id)}</code>: "
        f'<span class="summary">{escape(p.summary)}</span></li>'
        for p in plans
    )
    return _shell(
        "pdfgen",
        f"""
<h1>Training booklets and log sheets</h1>
<form id="make" method="post" action="/api/booklet" enctype="multipart/form-data">
<input type="hidden" name="from" value="page">
<fieldset><legend>1. The plan</legend>
<label for="plan">A built-in plan or example</label>
<select id="plan" name="plan">{options}</select>
<button type="button" class="quiet" hx-get="/ui/plan" hx-include="#plan"
 hx-target="#own" hx-swap="outerHTML">Edit it here</button>
<details><summary>What each plan is</summary><ul>{summaries}</ul></details>
<label for="plan_file">…or open a plan file of your own</label>
<input id="plan_file" name="plan_file" type="file" accept=".yaml,.yml,text/yaml"
 hx-post="/ui/open" hx-encoding="multipart/form-data" hx-target="#own" hx-swap="outerHTML"
 hx-trigger="change">
<label for="own">Your own plan (YAML), checked as you type; when filled in, it is used</label>
{editor("")}
<div id="problems" aria-live="polite"></div>
<button type="submit" class="quiet" formaction="/ui/save">Save this plan as a file</button>
</fieldset>
<fieldset><legend>2. The client</legend>
<div class="row">
<div><label for="client">Client</label><input id="client" name="client" maxlength="200"></div>
<div><label for="trainer">Trainer</label><input id="trainer" name="trainer" maxlength="200"></div>
</div>
<div class="row">
<div><label for="start">Start date</label><input id="start" name="start" type="date"></div>
<div><label for="weeks">Weeks</label>
<input id="weeks" name="weeks" type="number" min="1" max="52"></div>
<div><label for="days">Training days</label>
<input id="days" name="days" placeholder="mon,wed,fri"></div>
</div>
<div class="row">
<div><label for="units">Units</label>
<select id="units" name="units"><option>kg</option><option>lb</option></select></div>
<div><label for="page_size">Paper</label><select id="page_size" name="page_size">
<option value="a4">A4</option><option value="letter">Letter</option>
<option value="a5">A5</option></select></div>
</div>
<div id="maxes" hx-post="/ui/maxes" hx-include="#plan,#own"
 hx-trigger="load, change from:#plan, input changed delay:800ms from:#own">
<label for="max">Maxes (one per line, like squat=140kg)</label>
<textarea id="max" name="max_lines" rows="2"></textarea></div>
<div class="row">
<div><label for="logo">Your logo (PNG or JPEG)</label>
<input id="logo" name="logo" type="file" accept="image/png,image/jpeg"></div>
<div><label for="brand_color">Your colour</label>
<input id="brand_color" name="brand_color" type="color" value="#1f4e79"></div>
<div><label><input type="checkbox" name="fillable" value="on"> Fillable on a tablet</label>
<label><input type="checkbox" name="impose" value="saddle"> Two pages to a sheet, to fold
 into a booklet</label></div>
</div>
</fieldset>
<fieldset><legend>3. Look, then download</legend>
<button type="button" hx-post="/ui/preview" hx-include="#make" hx-encoding="multipart/form-data"
 hx-target="#preview" hx-indicator="#busy">Preview</button>
<button type="submit">Download the booklet</button>
<label class="inline">Log sheets for weeks
<input name="sheets" value="all" size="6" aria-label="weeks of log sheets"></label>
<button type="submit" formaction="/api/log">Download the log sheets</button>
<span id="busy" class="htmx-indicator">Working…</span>
<div id="preview"></div>
</fieldset>
</form>
<form id="read" method="post" action="/api/read-log" enctype="multipart/form-data">
<fieldset><legend>4. Read back a filled log</legend>
<label for="filled">A booklet or log sheets the client filled in (PDF), or the CSV read
 from one</label>
<input id="filled" name="filled" type="file" accept="application/pdf,.csv,.json" required>
<button type="button" hx-post="/ui/read" hx-include="#read,#plan,#own"
 hx-encoding="multipart/form-data" hx-target="#logged">Read it</button>
<button type="submit" class="quiet">Download as CSV</button>
<div id="logged"></div>
</fieldset>
</form>
<form id="batch" method="post" action="/ui/batch/check" enctype="multipart/form-data">
<fieldset><legend>5. A whole client list</legend>
<label for="roster">A roster (CSV or YAML): a row per client, with a <code>client</code> and a
 <code>plan</code> column (a plan's id, or <code>editor</code> for the plan in the editor above),
 and any of start, weeks, days, units, page_size, max.EXERCISE</label>
<input id="roster" name="roster" type="file" accept=".csv,.yaml,.yml,text/csv">
<label><input type="checkbox" name="merge" value="on"> Also one print file of everyone</label>
<label><input type="checkbox" name="batch_fillable" value="on"> Fillable booklets</label>
<label><input type="checkbox" name="batch_impose" value="saddle"> Print file two pages to a sheet
 (with the print file)</label>
<button type="button" hx-post="/ui/batch/check" hx-include="#batch,#own"
 hx-encoding="multipart/form-data" hx-target="#batch-result">Check the rows</button>
<div id="batch-result"></div>
</fieldset>
</form>
""",
        script=True,
    )


def maxes_fragment(needed: Sequence[tuple[str, str]]) -> str:
    """A field for each exercise whose loads are a share of the client's max."""
    if not needed:
        return '<p class="summary">This plan needs no maxes.</p>'
    fields = "".join(
        f'<div><label for="max-{escape(key)}">{escape(name)}: max</label>'
        f'<input id="max-{escape(key)}" name="max.{escape(key)}" '
        f'placeholder="60kg, or 60kgx5 for 5 reps"></div>'
        for key, name in needed
    )
    return f'<p class="summary">The plan works from these maxes:</p><div class="row">{fields}</div>'


def editor(text: str) -> str:
    """The plan's editor, holding `text`; checked by the server as it changes."""
    return (
        f'<textarea id="own" name="own_plan" rows="14" spellcheck="false" {CHECK} '
        f'placeholder="program: My plan&#10;weeks: 6&#10;sessions: ...">{escape(text)}</textarea>'
    )


def problems_fragment(found: Sequence[dict[str, Any]]) -> str:
    """The plan's problems beside the editor, each at its line; or that there are none."""
    if not found:
        return '<p class="ok">No problems: this plan builds.</p>'
    return "\n".join(f'<div class="problem">{_where(p)}{escape(p["message"])}</div>' for p in found)


def preview_fragment(pages: Sequence[str], token: str, warnings: Sequence[str]) -> str:
    """Thumbnails of every page (PNG data), each opening a larger view, and the warnings."""
    said = "".join(f'<div class="warning">{escape(w)}</div>' for w in warnings)
    thumbs = "".join(
        f'<button type="button" class="thumb" hx-get="/ui/page/{escape(token)}/{n}" '
        f'hx-target="#large" aria-label="page {n + 1}"><img alt="page {n + 1}" '
        f'src="data:image/jpeg;base64,{png}"><span>{n + 1}</span></button>'
        for n, png in enumerate(pages)
    )
    return (
        f"{said}<p>{len(pages)} pages. Choose one to see it larger.</p>"
        f'<div class="thumbs">{thumbs}</div><div id="large"></div>'
    )


def large_page(png: str, number: int) -> str:
    return f'<img class="large" alt="page {number + 1}" src="data:image/png;base64,{png}">'


def read_fragment(rows: Sequence[dict[str, str]], problems: Sequence[str], next_form: str) -> str:
    """What was logged, set by set, the entries that are not numbers flagged; then the way to
    the next block."""
    flagged = "".join(f'<div class="problem">{escape(p)}</div>' for p in problems)
    columns = ["week", "day", "exercise", "set", "target_reps", "weight", "reps", "done", "rpe"]
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(row.get(c, ''))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return (
        f"{flagged}<p>{len(rows)} sets read.</p>"
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
        f"{next_form}"
    )


def next_fragment(plan_text: str, decisions: Sequence[str]) -> str:
    """The next block's plan, in the editor, with each decision and its reason."""
    said = "".join(f"<li>{escape(d)}</li>" for d in decisions)
    return (
        f"<h3>The next block</h3><ul>{said}</ul>"
        "<p>The plan is now in the editor above: check it, then preview and download.</p>"
        f'<div hx-swap-oob="outerHTML:#own">{editor(plan_text)}</div>'
    )


def error_page(found: Sequence[dict[str, Any]]) -> str:
    """What was wrong with the request, each problem where it is, and the way back."""
    items = "\n".join(
        f'<div class="problem">{_where(p)}{escape(p["message"])}</div>' for p in found
    )
    return _shell(
        "pdfgen: something to fix",
        f'<h1>Something to fix</h1>{items}<p><a href="/">Back to the form</a> '
        "(your browser's Back button keeps what you typed).</p>",
    )


def _where(problem: dict[str, Any]) -> str:
    parts = []
    if problem.get("line"):
        parts.append(f"line {problem['line']}")
    if problem.get("field"):
        parts.append(escape(str(problem["field"])))
    return f"<b>{', '.join(parts)}:</b> " if parts else ""


def _shell(title: str, body: str, script: bool = False) -> str:
    head = '<script src="/static/htmx.min.js"></script>' if script else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>{head}</head>"
        f"<body>{body}</body></html>"
    )
