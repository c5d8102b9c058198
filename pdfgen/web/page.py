"""The page `pdfgen serve` shows: pick a plan, say who it is for, get the booklet or the log
sheets. Plain HTML that works without JavaScript; every value is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from pdfgen.app.plans import PlanInfo

STYLE = """
body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 52rem; padding: 1rem;
       color: #1d232a; }
h1 { color: #1f4e79; font-size: 1.6rem; }
fieldset { border: 1px solid #c5ccd3; border-radius: 6px; margin: 0 0 1rem; padding: .8rem 1rem; }
legend { font-weight: 600; }
label { display: block; margin: .4rem 0 .15rem; font-weight: 500; }
input, select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #8a949e;
       border-radius: 4px; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: .9rem; }
.row { display: flex; gap: 1rem; flex-wrap: wrap; }
.row > div { flex: 1 1 12rem; }
.summary { color: #4d5661; font-size: .9rem; }
button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 4px; background: #1f4e79;
       color: white; margin-right: .5rem; cursor: pointer; }
.problem { background: #fdecea; border-left: 4px solid #b3261e; padding: .5rem .8rem;
       margin: .5rem 0; }
"""


def home_page(plans: Iterable[PlanInfo]) -> str:
    """The page: a plan (installed, or pasted), the client's details, and what to make."""
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
<form method="post" action="/api/booklet">
<input type="hidden" name="from" value="page">
<fieldset><legend>The plan</legend>
<label for="plan">A built-in plan or example</label>
<select id="plan" name="plan">{options}</select>
<details><summary>What each plan is</summary><ul>{summaries}</ul></details>
<label for="own">…or paste your own plan (YAML); it is used instead when filled in</label>
<textarea id="own" name="own_plan" rows="8"
 placeholder="program: My plan&#10;weeks: 6&#10;sessions: ..."></textarea>
</fieldset>
<fieldset><legend>The client</legend>
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
<div><label for="max">Maxes (one per line, like squat=140kg)</label>
<textarea id="max" name="max_lines" rows="2"></textarea></div>
</div>
<label><input type="checkbox" name="fillable" value="on"> Fillable on a tablet</label>
</fieldset>
<button type="submit">Download the booklet</button>
<button type="submit" formaction="/api/log">Download the log sheets</button>
</form>
""",
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


def _shell(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )
