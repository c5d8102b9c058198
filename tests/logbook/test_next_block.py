"""`pdfgen next`: the next block's loads from a filled log (pdfgen.logbook.nextblock).

The decision rule (double progression), the plan text it writes (only `load:` values change,
the trainer's file is otherwise kept byte for byte), the command line, hostile logs, and the
whole loop: a fillable log sheet, filled in with pypdf, read back into the next block.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from support import ROOT
from support.pdfs import fill_form

import pdfgen
from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.logbook.nextblock import NextBlock, decide, next_block
from pdfgen.logbook.readlog import LoggedSet, load_logged, read_log
from pdfgen.plan.loading import load_plan_text
from pdfgen.plan.model import Plan

FILLED_SAMPLE = ROOT / "samples" / "upper-back-log-filled.pdf"

# The columns `pdfgen read-log` writes, in its order (README: "Fill it in on a tablet"); it now
# adds `booklet_notes` last, which `pdfgen next` does not need: a log without it must do.
LOG_COLUMNS = (
    "client",
    "week",
    "day",
    "date",
    "session",
    "exercise",
    "exercise_id",
    "set",
    "warmup",
    "target_reps",
    "target_load",
    "weight",
    "units",
    "reps",
    "done",
    "rpe",
    "notes",
    "week_notes",
    "deload",
)

SESSION = "Pull day"
EXERCISE = "incline-barbell-row"


def rule_plan(exercise: str = "", plan: str = "progression: {load: 2.5 kg}\n") -> str:
    """A one-exercise plan, `reps: 8-12` at `load: 40 kg`; `exercise` adds keys to the entry,
    `plan` replaces the plan-level progression lines."""
    entry = "        sets: 3\n        reps: 8-12\n        load: 40 kg\n"
    if exercise.startswith("        reps:"):
        entry = entry.replace("        reps: 8-12\n", "")
    return (
        "program: Rule test\n"
        "weeks: 4\n"
        f"{plan}"
        "sessions:\n"
        f"  - name: {SESSION}\n"
        "    exercises:\n"
        f"      - exercise: {EXERCISE}\n"
        f"{entry}{exercise}"
    )


def row(
    week: int,
    day: int,
    weight: Any,
    reps: Any,
    *,
    set_: int = 1,
    warmup: bool = False,
    units: str = "kg",
    exercise: str = EXERCISE,
    session: str = SESSION,
    client: str = "Zoë Ørsted",
    deload: bool = False,
) -> dict[str, Any]:
    """One logged set as a row of `read-log`'s CSV."""
    return {
        "client": client,
        "week": week,
        "day": day,
        "date": f"2027-01-{week * 7 + day - 7:02d}",
        "session": session,
        "exercise": exercise.replace("-", " ").capitalize(),
        "exercise_id": exercise,
        "set": f"W{set_}" if warmup else set_,
        "warmup": "yes" if warmup else "no",
        "target_reps": "8",
        "target_load": "40 kg",
        "weight": "" if weight is None else weight,
        "units": units,
        "reps": "" if reps is None else reps,
        "done": "yes",
        "rpe": "8",
        "notes": "",
        "week_notes": "",
        "deload": "yes" if deload else "no",
    }


def session_rows(
    week: int, day: int, sets: list[tuple[Any, Any]], **options: Any
) -> list[dict[str, Any]]:
    """The work sets of one logged session: [(weight, reps), ...]."""
    return [row(week, day, w, r, set_=n, **options) for n, (w, r) in enumerate(sets, 1)]


def write_csv(path: Path, rows: list[dict[str, Any]], terminator: str = "\n") -> Path:
    """A CSV log as `read-log` writes it (its line ends are LF; with CRLF, Python's csv module
    also quotes a field holding a bare CR)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, LOG_COLUMNS, lineterminator=terminator)
        writer.writeheader()
        writer.writerows(rows)
    return path


def as_logged(folder: Path, rows: list[dict[str, Any]]) -> list[LoggedSet]:
    """Rows as `decide` takes them: read back the way `pdfgen next` reads a CSV."""
    return list(load_logged(write_csv(folder / "decide.csv", rows)).sets)


def make(tmp_path: Path, plan_text: str | bytes, rows: list[dict[str, Any]]) -> NextBlock:
    plan = tmp_path / "plan.yaml"
    if isinstance(plan_text, str):
        plan_text = plan_text.encode("utf-8")
    plan.write_bytes(plan_text)
    return next_block(plan, write_csv(tmp_path / "log.csv", rows))


def body(text: str) -> str:
    """The plan text without the header comment block `pdfgen next` puts on top."""
    lines = text.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    assert n >= 2, "no header comment block"
    assert lines[n] == "\n", "the header is not followed by a blank line"
    return "".join(lines[n + 1 :])


def the_load(text: str, session: int = 0, exercise: int = 0) -> str | None:
    return load_plan_text(text).sessions[session].exercises[exercise].load


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# -- 1. The decision rule ----------------------------------------------------------------------

TOP = [(40, 12)] * 3
W45 = 45  # what was lifted, heavier than the plan's 40 kg: "stays" means at 45, not at 40

RULES: dict[str, tuple[str, str, list[dict[str, Any]], str | None]] = {
    # name: (extra exercise keys, plan-level lines, log rows, the next block's load or None)
    "every set at the top: up a step": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, TOP),
        "42.5 kg",
    ),
    "only the last session counts for going up": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, TOP) + session_rows(1, 2, [(40, 12), (40, 11), (40, 10)]),
        "40 kg",
    ),
    "the last session is the latest week, whatever the row order": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(2, 1, TOP) + session_rows(1, 2, [(40, 9)] * 3),
        "42.5 kg",
    ),
    "some sets short, none below 8: stays at the weight lifted": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(W45, 12), (W45, 10), (W45, 8)]),
        "45 kg",
    ),
    "stays at the heaviest weight lifted": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 12), (W45, 10), (42.5, 9)]),
        "45 kg",
    ),
    "the weight of the last session, not a heavier one before it": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(50, 9)] * 3) + session_rows(2, 1, [(40, 10)] * 3),
        "40 kg",
    ),
    "lb typed on a kg sheet: converted, and the load rounded to the plates": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [("140 lb", 10)] * 3),
        "62.5 kg",  # 63.5 kg
    ),
    "lb typed on a kg sheet, at the top: up a step from the converted weight": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [("140 lb", 12)] * 3),
        "65 kg",  # 63.5 + 2.5 = 66 -> 65
    ),
    "below 8 in each of the last two sessions: down a step": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 9), (40, 7), (40, 6)]) + session_rows(2, 1, [(40, 8), (40, 7)]),
        "37.5 kg",
    ),
    "below 8 only in the last session: stays": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 10)] * 3) + session_rows(2, 1, [(40, 8), (40, 7), (40, 6)]),
        "40 kg",
    ),
    "below 8 only in the session before: stays": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 7)] * 3) + session_rows(2, 1, [(40, 10), (40, 9), (40, 9)]),
        "40 kg",
    ),
    "below 8 twice, but not in the last two sessions: stays": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 7)] * 3)
        + session_rows(1, 2, [(40, 9)] * 3)
        + session_rows(2, 1, [(40, 7)] * 3),
        "40 kg",
    ),
    "warm-up sets are ignored (short and light)": (
        "",
        "progression: {load: 2.5 kg}\n",
        [
            row(1, 1, 20, 5, set_=1, warmup=True),
            row(1, 1, 30, 4, set_=2, warmup=True),
            *session_rows(1, 1, TOP),
        ],
        "42.5 kg",
    ),
    "warm-up sets are ignored (heavier than the work sets)": (
        "",
        "progression: {load: 2.5 kg}\n",
        [row(1, 1, 60, 12, set_=1, warmup=True), *session_rows(1, 1, [(40, 10)] * 3)],
        "40 kg",
    ),
    "a warm-up-only last day is not a session": (
        "",
        "progression: {load: 2.5 kg}\n",
        [*session_rows(1, 1, TOP), row(1, 2, 20, 3, warmup=True)],
        "42.5 kg",
    ),
    "percentage step: 5 % of the weight lifted, rounded": (
        "",
        "progression: {load: 5%}\n",
        session_rows(1, 1, [(110, 12)] * 3),
        "115 kg",  # 110 + 5.5 = 115.5, to 2.5 kg: 115 (a fixed 2.5 kg would give 112.5)
    ),
    "percentage step down": (
        "",
        "progression: {load: 5%}\n",
        session_rows(1, 1, [(110, 7)] * 3) + session_rows(2, 1, [(110, 6)] * 3),
        "105 kg",  # 110 - 5.5 = 104.5 -> 105
    ),
    "percentage step rounds to the plan's round_loads_to": (
        "",
        "progression: {load: 5%}\nround_loads_to: {kg: 2, lb: 5}\n",
        session_rows(1, 1, [(110, 12)] * 3),
        "116 kg",  # 115.5 to 2 kg
    ),
    "no step: the rounding increment": (
        "",
        "round_loads_to: {kg: 2, lb: 5}\n",
        session_rows(1, 1, TOP),
        "42 kg",
    ),
    "no step, default rounding: 2.5 kg": (
        "",
        "progression: {reps: 1}\n",
        session_rows(1, 1, TOP),
        "42.5 kg",
    ),
    "lb log stays in lb (step in lb)": (
        "",
        "progression: {load: 5 lb}\n",
        session_rows(1, 1, [(100, 12)] * 3, units="lb"),
        "105 lb",
    ),
    "lb log stays in lb (a kg step converted, then rounded to 5 lb)": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(95, 12)] * 3, units="lb"),
        "100 lb",  # 95 + 5.51 = 100.51 -> 100
    ),
    "lb log, sets short: stays at the lb weight": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(95, 10)] * 3, units="lb"),
        "95 lb",
    ),
    "exercise progression and rounding override the plan's": (
        "        progression: {load: 1 kg}\n        round_loads_to: {kg: 1, lb: 2}\n",
        "progression: {load: 5 kg}\n",
        session_rows(1, 1, TOP),
        "41 kg",
    ),
    "exercise progression without a load step keeps the plan's step": (
        "        progression: {reps: 1}\n",
        "progression: {load: 5 kg}\n",
        session_rows(1, 1, TOP),
        "45 kg",
    ),
    "exercise round_loads_to overrides the plan's": (
        "        round_loads_to: {kg: 2, lb: 5}\n",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, TOP),
        "42 kg",  # 42.5 to 2 kg (the plan's 2.5 kg would keep 42.5)
    ),
    "exercise percentage step over a plan kg step": (
        "        progression: {load: 10%}\n",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(50, 12)] * 3),
        "55 kg",
    ),
    "no weight written: unchanged": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(None, 12)] * 3),
        None,
    ),
    "a weight that is not a number: unchanged": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [("bodyweight", 12)] * 3),
        None,
    ),
    "no reps logged: unchanged": (
        "",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, None)] * 3),
        None,
    ),
    "AMRAP: unchanged": (
        "        reps: AMRAP\n",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 30)] * 3),
        None,
    ),
    "timed 30-45 s, every set held 45 s: up": (
        "        reps: 30-45 s\n",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 45)] * 3),
        "42.5 kg",
    ),
    "timed 30-45 s, some sets short of 45 s: stays": (
        "        reps: 30-45 s\n",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 45), (40, 40), (40, 35)]),
        "40 kg",
    ),
    "timed 30-45 s, under 30 s twice: down": (
        "        reps: 30-45 s\n",
        "progression: {load: 2.5 kg}\n",
        session_rows(1, 1, [(40, 25)] * 3) + session_rows(2, 1, [(40, 31), (40, 29)]),
        "37.5 kg",
    ),
}


@pytest.mark.parametrize("name", list(RULES))
def test_decide(tmp_path: Path, name: str) -> None:
    """`decide` on its own, with the rows read as `pdfgen next` reads them."""
    extra, plan_lines, rows, expected = RULES[name]
    plan = load_plan_text(rule_plan(extra, plan_lines))
    item = plan.sessions[0].exercises[0]
    # As next_block gives them: work sets only, in training order.
    work = [r for r in as_logged(tmp_path, rows) if not r.warmup]
    work.sort(key=lambda r: (r.week, r.day))
    decision = decide(plan, SESSION, item, work)
    assert decision.new == expected, decision
    assert decision.exercise == "Incline bench barbell row"
    assert decision.session == SESSION
    assert decision.old == str(item.load or "")


@pytest.mark.parametrize("name", list(RULES))
def test_next_block_rule(tmp_path: Path, name: str) -> None:
    """The same cases through next_block and a CSV log: the new plan's load."""
    extra, plan_lines, rows, expected = RULES[name]
    original = rule_plan(extra, plan_lines)
    made = make(tmp_path, original, rows)
    (decision,) = made.decisions
    assert decision.new == expected, decision
    plan_load = load_plan_text(original).sessions[0].exercises[0].load
    assert the_load(made.text) == (expected or plan_load)
    if expected is None or expected == plan_load:
        assert body(made.text) == original  # nothing to change: the file is kept as it was
    else:
        assert body(made.text) != original


def test_decide_ignores_warmups_given_to_it_through_next_block(tmp_path: Path) -> None:
    """Warm-ups below the range in the last two sessions must not take the load down."""
    rows = [row(w, 1, 20, 3, warmup=True) for w in (1, 2)]
    rows += session_rows(1, 1, [(40, 10)] * 3) + session_rows(2, 1, [(40, 10)] * 3)
    made = make(tmp_path, rule_plan(), rows)
    assert made.decisions[0].new == "40 kg"


def test_decision_reason_names_the_session_and_the_rule(tmp_path: Path) -> None:
    made = make(tmp_path, rule_plan(), session_rows(3, 2, TOP))
    text = str(made.decisions[0])
    assert text.startswith(f"{SESSION} · Incline bench barbell row: 40 kg → 42.5 kg")
    assert "12 reps" in text and "week 3, day 2" in text
    timed = make(tmp_path, rule_plan("        reps: 30-45 s\n"), session_rows(1, 1, [(40, 45)] * 3))
    assert "45 s" in str(timed.decisions[0])


def test_only_rows_of_the_same_session_and_exercise_count(tmp_path: Path) -> None:
    """A set of another exercise, or of a session of that name not in the plan, is not this
    exercise's."""
    rows = session_rows(1, 1, [(40, 10)] * 3)
    rows += session_rows(2, 1, TOP, exercise="pull-up")
    rows += session_rows(2, 1, TOP, session="Another day")
    made = make(tmp_path, rule_plan(), rows)
    assert made.decisions[0].new == "40 kg"


def test_exercise_named_by_an_alias_matches_the_log(tmp_path: Path) -> None:
    plan = rule_plan().replace(f"exercise: {EXERCISE}", "exercise: Chest-supported barbell row")
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert made.decisions[0].new == "42.5 kg"
    assert the_load(made.text) == "42.5 kg"


def test_a_deload_week_does_not_take_the_load_down(tmp_path: Path) -> None:
    plan = rule_plan(plan="progression: {load: 2.5 kg, deload: {every: 4, sets: 0.5, load: 0.9}}\n")
    rows = [r for week in (1, 2, 3) for r in session_rows(week, 1, TOP)]
    # The deload week as printed (90 %, half the sets), marked so by read-log.
    rows += session_rows(4, 1, [(36, 12)] * 2, deload=True)
    made = make(tmp_path, plan, rows)
    assert made.decisions[0].new is not None
    assert float(made.decisions[0].new.split()[0]) >= 40


def test_same_exercise_twice_in_a_session(tmp_path: Path) -> None:
    plan = tmp_path / "twice.yaml"
    plan.write_text(
        "program: Twice\n"
        "progression: {load: 2.5 kg}\n"
        "sessions:\n"
        "  - name: Day A\n"
        "    exercises:\n"
        "      - {exercise: pull-up, sets: 2, reps: 6-8, load: 10 kg}\n"
        "      - {exercise: pull-up, sets: 2, reps: 12-15, load: 5 kg}\n",
        encoding="utf-8",
    )
    blank = io.BytesIO()
    pdfgen.render_log(plan, blank, weeks="1", fillable=True)
    names = set(PdfReader(blank).get_fields() or {})
    typed = {}
    for key, weight, reps in (("pull-up", "10", "7"), ("pull-up-2", "5", "13")):
        for n in (1, 2):
            typed[f"w01_d1_{key}_s{n}_weight"] = weight
            typed[f"w01_d1_{key}_s{n}_reps"] = reps
    assert set(typed) <= names
    filled = tmp_path / "twice-filled.pdf"
    filled.write_bytes(fill_form(blank.getvalue(), typed))
    made = next_block(plan, filled)
    assert [d.new for d in made.decisions] == ["10 kg", "5 kg"]


# -- 2. The plan text it writes ----------------------------------------------------------------

RICH_PLAN = """\
# Zoë's upper back, block 1 — written by Sam.
# Keep this comment: it explains the plan.
program: Upper back for Zoë
weeks: 4   # a short block
progression: {load: 2.5 kg}   # small steps
sessions:
  - name: Pull day   # Mondays
    exercises:
      # The main lift.
      - exercise: incline-barbell-row
        sets: 3
        reps: 8-12
        load: 40 kg
        notes: Chest on the pad.   # cue
      - exercise: pull-up    # bodyweight, then weighted
        sets: 3
        reps: 6-8
        rest: 2 min
      - {exercise: dumbbell-shrug, sets: 3, reps: 12-15, round_loads_to: {kg: 2, lb: 5}}
      - {exercise: lat-pulldown, load: 50 kg, sets: 3, reps: 10-12}   # machine
      - exercise: low-row
        load: "30 kg"
        sets: 3
        reps: 10-12
      - exercise: reverse-cable-crossover
        sets: 2
        reps: 15-20
        load: light
"""

RICH_LOG = (
    session_rows(1, 1, [(40, 12)] * 3, session="Pull day")
    + session_rows(1, 1, [(10, 8)] * 3, session="Pull day", exercise="pull-up")
    + session_rows(1, 1, [(16, 15)] * 3, session="Pull day", exercise="dumbbell-shrug")
    + session_rows(1, 1, [(50, 12)] * 3, session="Pull day", exercise="lat-pulldown")
    + session_rows(1, 1, [(30, 12)] * 3, session="Pull day", exercise="low-row")
    + session_rows(1, 1, [(None, 20)] * 2, session="Pull day", exercise="reverse-cable-crossover")
)

# What the rich plan's loads become ("light": no weight written, the line is kept as it was).
RICH_LOADS = ["42.5 kg", "12.5 kg", "18 kg", "52.5 kg", "32.5 kg", "light"]


@pytest.fixture
def rich(tmp_path: Path) -> NextBlock:
    return make(tmp_path, RICH_PLAN, RICH_LOG)


def test_output_loads_with_the_new_loads_and_nothing_else_changed(rich: NextBlock) -> None:
    old = load_plan_text(RICH_PLAN)
    new = load_plan_text(rich.text)
    assert [p.load for p in new.sessions[0].exercises] == RICH_LOADS
    # Everything but the loads is the same plan.
    assert _without_loads(new) == _without_loads(old)


def _without_loads(plan: Plan) -> dict[str, Any]:
    data = plan.model_dump()
    for session in data["sessions"]:
        for item in session["exercises"]:
            item.pop("load")
    return data


def test_output_builds_with_pdfgen_build(rich: NextBlock, tmp_path: Path) -> None:
    plan = tmp_path / "block2.yaml"
    plan.write_text(rich.text, encoding="utf-8")
    out = tmp_path / "block2.pdf"
    result = invoke("build", str(plan), "--client", "Zoë", "-o", str(out))
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert len(reader.pages) > 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert "42.5 kg" in text and "52.5 kg" in text


def test_header_is_comments_then_the_original_file(rich: NextBlock) -> None:
    header, _, rest = rich.text.partition("\n\n")
    assert all(line.startswith("# ") for line in header.splitlines())
    assert "log.csv" in header.splitlines()[0] and "Zoë Ørsted" in header.splitlines()[0]
    for decision in rich.decisions:  # every decision is listed
        assert str(decision) in header
    assert rest.startswith("# Zoë's upper back, block 1 — written by Sam.\n")


def test_only_load_lines_change_block_style(rich: NextBlock) -> None:
    """Every line of the original is in the output byte for byte, except the changed `load:`
    lines (new value, `# was ...`) and the added `load:` lines (`# added ...`)."""
    original = RICH_PLAN.splitlines(keepends=True)
    new = body(rich.text).splitlines(keepends=True)
    added = [line for line in new if re.match(r"\s*load: .*  # added: ", line)]
    assert added == ["        load: 12.5 kg  # added: every set reached 8 reps in week 1, day 1\n"]
    # A flow entry's reason goes on a comment line of its own above it.
    notes = [line for line in new if re.match(r"\s*# (was |added:)", line)]
    assert len(notes) == len([line for line in new if "- {" in line and "load:" in line])
    kept = [line for line in new if line not in added and line not in notes]
    assert len(kept) == len(original)
    changed = [(o, n) for o, n in zip(original, kept, strict=True) if o != n]
    # Block-style loads changed: each carries `# was <old>`.
    assert (
        "        load: 40 kg\n",
        "        load: 42.5 kg  # was 40 kg: every set reached 12 reps in week 1, day 1\n",
    ) in changed
    assert (
        '        load: "30 kg"\n',
        "        load: 32.5 kg  # was 30 kg: every set reached 12 reps in week 1, day 1\n",
    ) in changed
    # And the flow-style entries: only their load changed (comment or not, see below).
    flows = [(o, n) for o, n in changed if o.lstrip().startswith("- {")]
    assert len(flows) == 2 and len(changed) == 4
    for o, n in flows:
        assert re.sub(r",? load: [^,}]*", "", n) == re.sub(r",? load: [^,}]*", "", o)
        assert o != n


def test_added_load_in_block_entry_is_placed_under_exercise(rich: NextBlock) -> None:
    lines = body(rich.text).splitlines()
    at = lines.index("      - exercise: pull-up    # bodyweight, then weighted")
    assert lines[at + 1].startswith("        load: 12.5 kg  # added")


def test_added_load_in_flow_entry(tmp_path: Path) -> None:
    plan = rule_plan().replace(
        f"      - exercise: {EXERCISE}\n        sets: 3\n        reps: 8-12\n        load: 40 kg\n",
        "      - {exercise: pull-up, sets: 3, reps: 6-8}\n",
    )
    made = make(tmp_path, plan, session_rows(1, 1, [(10, 8)] * 3, exercise="pull-up"))
    assert the_load(made.text) == "12.5 kg"
    assert (
        "      # added: every set reached 8 reps in week 1, day 1\n"
        "      - {exercise: pull-up, sets: 3, reps: 6-8, load: 12.5 kg}\n"
    ) in made.text
    without = body(made.text).replace(", load: 12.5 kg", "")
    assert without.replace("      # added: every set reached 8 reps in week 1, day 1\n", "") == plan


def test_added_load_in_multiline_flow_entry(tmp_path: Path) -> None:
    plan = rule_plan().replace(
        f"      - exercise: {EXERCISE}\n        sets: 3\n        reps: 8-12\n        load: 40 kg\n",
        "      - {exercise: pull-up,\n         sets: 3,\n         reps: 6-8\n        }\n",
    )
    made = make(tmp_path, plan, session_rows(1, 1, [(10, 8)] * 3, exercise="pull-up"))
    assert the_load(made.text) == "12.5 kg"


def test_changed_load_in_the_middle_of_a_flow_entry(rich: NextBlock) -> None:
    assert (
        "      - {exercise: lat-pulldown, load: 52.5 kg, sets: 3, reps: 10-12}   # machine\n"
        in rich.text
    )


def test_flow_entry_changes_carry_a_comment(rich: NextBlock) -> None:
    """Inside braces a comment would swallow the rest: the reason goes on the line above."""
    lines = body(rich.text).splitlines()
    flows = [n for n, line in enumerate(lines) if "load:" in line and "- {" in line]
    assert flows
    for n in flows:
        if "light" not in lines[n]:
            assert re.match(r"\s*# (was|added)", lines[n - 1]), lines[n - 1 : n + 1]


def test_changed_load_at_the_end_of_a_flow_entry(tmp_path: Path) -> None:
    plan = rule_plan().replace(
        f"      - exercise: {EXERCISE}\n        sets: 3\n        reps: 8-12\n        load: 40 kg\n",
        "      - {exercise: pull-up, sets: 3, reps: 6-8, load: 5 kg}\n",
    )
    made = make(tmp_path, plan, session_rows(1, 1, [(10, 8)] * 3, exercise="pull-up"))
    assert the_load(made.text) == "12.5 kg"


def test_added_load_in_flow_entry_with_trailing_comma(tmp_path: Path) -> None:
    plan = rule_plan().replace(
        f"      - exercise: {EXERCISE}\n        sets: 3\n        reps: 8-12\n        load: 40 kg\n",
        "      - {exercise: pull-up, sets: 3, reps: 6-8, }\n",
    )
    made = make(tmp_path, plan, session_rows(1, 1, [(10, 8)] * 3, exercise="pull-up"))
    assert the_load(made.text) == "12.5 kg"


def test_quoted_load_is_replaced_whole(tmp_path: Path) -> None:
    for quoted in ('"40 kg"', "'40 kg'"):
        plan = rule_plan().replace("load: 40 kg", f"load: {quoted}")
        made = make(tmp_path, plan, session_rows(1, 1, TOP))
        assert the_load(made.text) == "42.5 kg"
        assert "        load: 42.5 kg  # was 40 kg: every set reached 12" in made.text
        assert quoted not in body(made.text)


def test_null_load_written_as_tilde_gets_a_value(tmp_path: Path) -> None:
    plan = rule_plan().replace("load: 40 kg", "load: ~")
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"


def test_empty_load_key_gets_a_value(tmp_path: Path) -> None:
    plan = rule_plan().replace("        load: 40 kg\n", "        load:\n")
    assert load_plan_text(plan).sessions[0].exercises[0].load is None  # a valid plan
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"


def test_block_scalar_load(tmp_path: Path) -> None:
    plan = rule_plan().replace("        load: 40 kg\n", "        load: >\n          40 kg\n")
    plan = plan.replace("        sets: 3\n        reps: 8-12\n", "") + "        sets: 3\n"
    plan += "        reps: 8-12\n"
    assert "40 kg" in str(load_plan_text(plan).sessions[0].exercises[0].load)  # valid
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"


def test_changed_load_with_a_trainer_comment_says_why(tmp_path: Path) -> None:
    plan = rule_plan().replace("load: 40 kg", "load: 40 kg   # start light")
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"
    lines = body(made.text).splitlines()
    at = next(n for n, x in enumerate(lines) if x.lstrip().startswith("load:"))
    # The trainer's comment stays on the line; the reason goes on the line above.
    assert lines[at] == "        load: 42.5 kg   # start light"
    assert lines[at - 1].startswith("        # was 40 kg: every set reached 12")


def test_changed_load_with_a_trainer_comment_keeps_it(tmp_path: Path) -> None:
    plan = rule_plan().replace("load: 40 kg", "load: 40 kg   # start light")
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"
    assert "# start light" in body(made.text)


def test_same_load_written_differently_is_not_a_change(tmp_path: Path) -> None:
    plan = rule_plan().replace("load: 40 kg", "load: 40kg")
    made = make(tmp_path, plan, session_rows(1, 1, [(40, 10)] * 3))
    assert "→" not in str(made.decisions[0])
    assert body(made.text) == plan


def test_non_ascii_before_the_load_keeps_the_edit_in_place(tmp_path: Path) -> None:
    """Span positions are character offsets: text with accents, CJK and emoji before the load
    must not shift the edit."""
    plan = rule_plan().replace("program: Rule test", "program: Zoë’s 💪 plan 東京")
    plan = plan.replace(f"exercise: {EXERCISE}", f"exercise: {EXERCISE}   # ✓ 💪 Łódź")
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"
    assert body(made.text) == plan.replace(
        "        load: 40 kg\n",
        "        load: 42.5 kg  # was 40 kg: every set reached 12 reps in week 1, day 1\n",
    )


@pytest.mark.parametrize("case", ["flow entry ending in its load", "over 1000 kg"])
def test_cli_never_writes_a_plan_that_does_not_load(tmp_path: Path, case: str) -> None:
    """Checked to build before it is written: either a plan that loads, or exit 1 and no
    file (the first case is the flow-entry bug above; the second goes past what read-log
    accepts as a weight, 1000 kg, by one step)."""
    if case == "over 1000 kg":
        plan_text, rows = rule_plan(), session_rows(1, 1, [(1000, 12)] * 3)
    else:
        plan_text = rule_plan().replace("load: 40 kg", "progression: {reps: 1}")
        plan_text = plan_text.replace(
            f"      - exercise: {EXERCISE}\n",
            f"      - {{exercise: pull-up, sets: 3, reps: 6-8, load: 5 kg}}\n"
            f"      - exercise: {EXERCISE}\n",
        )
        rows = session_rows(1, 1, [(10, 8)] * 3, exercise="pull-up")
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text, encoding="utf-8")
    load_plan_text(plan_text)  # a valid plan
    log = write_csv(tmp_path / "log.csv", rows)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["next", str(plan), "--log", str(log), "-o", str(out)])
    assert result.exit_code in (0, 1), repr(result.exception)
    if result.exit_code == 0:
        load_plan_text(out.read_text("utf-8"))
    else:
        assert not out.exists()
        assert result.stderr.startswith("error: ")


def test_file_without_final_newline(tmp_path: Path) -> None:
    plan = rule_plan().rstrip("\n")
    made = make(tmp_path, plan, session_rows(1, 1, TOP))
    assert the_load(made.text) == "42.5 kg"
    assert made.text.endswith("\n")


CRLF_PLAN = (
    "\ufeffprogram: Windows plan\r\n"
    "progression: {load: 2.5 kg}   # from Notepad\r\n"
    "sessions:\r\n"
    f"  - name: {SESSION}\r\n"
    "    exercises:\r\n"
    f"      - exercise: {EXERCISE}\r\n"
    "        sets: 3\r\n"
    "        reps: 8-12\r\n"
    "        load: 40 kg\r\n"
    "      - exercise: pull-up\r\n"
    "        sets: 3\r\n"
    "        reps: 6-8\r\n"
    "      - {exercise: dumbbell-shrug, sets: 3, reps: 12-15}\r\n"
)
CRLF_LOG = (
    session_rows(1, 1, TOP)
    + session_rows(1, 1, [(10, 8)] * 3, exercise="pull-up")
    + session_rows(1, 1, [(16, 15)] * 3, exercise="dumbbell-shrug")
)


def test_crlf_and_bom_plan_still_loads_with_the_new_loads(tmp_path: Path) -> None:
    made = make(tmp_path, CRLF_PLAN.encode("utf-8"), CRLF_LOG)
    plan = load_plan_text(made.text)
    assert [p.load for p in plan.sessions[0].exercises] == ["42.5 kg", "12.5 kg", "17.5 kg"]
    assert plan.program == "Windows plan"
    # The trainer's lines are still there, CRLF and all.
    for line in ("progression: {load: 2.5 kg}   # from Notepad\r\n", "        reps: 6-8\r\n"):
        assert line in made.text
    # And it builds.
    out = io.BytesIO()
    pdfgen.render_booklet(_saved(tmp_path, made.text), out)
    assert out.getvalue().startswith(b"%PDF")


def _saved(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "saved-next.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_crlf_changed_load_carries_a_comment(tmp_path: Path) -> None:
    made = make(tmp_path, CRLF_PLAN.encode("utf-8"), CRLF_LOG)
    assert "        load: 42.5 kg  # was 40 kg" in made.text


def test_crlf_output_keeps_crlf_line_endings(tmp_path: Path) -> None:
    made = make(tmp_path, CRLF_PLAN.encode("utf-8"), CRLF_LOG)
    assert "\n" not in made.text.replace("\r\n", "")


# -- 3. The command line -----------------------------------------------------------------------


@pytest.fixture
def plan_and_log(tmp_path: Path) -> tuple[Path, Path]:
    plan = tmp_path / "zoe.yaml"
    plan.write_text(RICH_PLAN, encoding="utf-8")
    return plan, write_csv(tmp_path / "zoe-week1.csv", RICH_LOG)


def test_cli_writes_the_plan_and_prints_each_decision(
    plan_and_log: tuple[Path, Path], tmp_path: Path
) -> None:
    plan, log = plan_and_log
    out = tmp_path / "block2.yaml"
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(RICH_LOADS) + 1
    names = [
        "Incline bench barbell row",
        "Pull-up",
        "Dumbbell shrug",
        "Lat pulldown",
        "Seated low row (elbows wide)",
        "Reverse cable crossover",
    ]
    for line, name in zip(lines, names, strict=False):
        assert line.startswith(f"Pull day · {name}: ")
    assert "40 kg → 42.5 kg" in lines[0]
    assert "no load → 12.5 kg" in lines[1]
    assert "unchanged" in lines[5]
    assert lines[-1] == f"wrote {out} (5 of 6 loads changed)"
    assert [p.load for p in load_plan_text(out.read_text("utf-8")).sessions[0].exercises] == (
        RICH_LOADS
    )
    assert out.read_text("utf-8") == next_block(plan, log).text


def test_cli_refuses_to_overwrite_without_force(
    plan_and_log: tuple[Path, Path], tmp_path: Path
) -> None:
    plan, log = plan_and_log
    out = tmp_path / "block2.yaml"
    out.write_bytes(b"# the trainer's own block 2\n")
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 4
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"# the trainer's own block 2\n"
    forced = invoke("next", str(plan), "--log", str(log), "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert the_load(out.read_text("utf-8")) == "42.5 kg"


def test_cli_default_output_name_is_in_the_current_folder(
    plan_and_log: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, log = plan_and_log
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = invoke("next", str(plan), "--log", str(log))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in work.iterdir()) == ["zoe-next.yaml"]
    assert not (tmp_path / "zoe-next.yaml").exists()  # not beside the plan
    assert "wrote zoe-next.yaml" in result.stdout
    assert the_load((work / "zoe-next.yaml").read_text("utf-8")) == "42.5 kg"
    # Run again: the default name exists now, and is not replaced.
    before = (work / "zoe-next.yaml").read_bytes()
    again = invoke("next", str(plan), "--log", str(log))
    assert again.exit_code == 4
    assert (work / "zoe-next.yaml").read_bytes() == before


def test_cli_default_output_name_of_a_builtin_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = write_csv(
        tmp_path / "log.csv",
        session_rows(1, 1, [(40, 12)] * 3, session="Upper back"),
    )
    result = CliRunner().invoke(cli, ["next", "upper-back", "--log", str(log)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "upper-back-next.yaml"
    assert written.is_file()
    plan = load_plan_text(written.read_text("utf-8"))
    assert plan.sessions[0].exercises[1].load == "42.5 kg"  # incline-barbell-row, 40 at 12


def test_cli_log_of_another_plan(plan_and_log: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = plan_and_log
    other = write_csv(
        tmp_path / "lower-back-log.csv",
        session_rows(1, 1, [(60, 10)] * 3, session="Lower back", exercise="good-morning"),
    )
    out = tmp_path / "out.yaml"
    result = invoke("next", str(plan), "--log", str(other), "-o", str(out))
    assert result.exit_code == 1
    assert "lower-back-log.csv" in result.stderr
    assert "is it the log of this plan?" in result.stderr
    assert not out.exists()
    # The same exercise in a session of another name is another plan's too.
    renamed = write_csv(tmp_path / "renamed.csv", session_rows(1, 1, TOP, session="Upper back"))
    result = invoke("next", str(plan), "--log", str(renamed), "-o", str(out))
    assert result.exit_code == 1 and "renamed.csv" in result.stderr


def test_cli_empty_log(plan_and_log: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = plan_and_log
    empty = write_csv(tmp_path / "empty.csv", [])
    result = invoke("next", str(plan), "--log", str(empty), "-o", str(tmp_path / "o.yaml"))
    assert result.exit_code == 1
    assert "empty.csv" in result.stderr


def _damage(rows: list[dict[str, Any]], n: int, **changes: Any) -> list[dict[str, Any]]:
    rows = [dict(r) for r in rows]
    rows[n].update(changes)
    return rows


def test_cli_csv_without_columns(plan_and_log: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = plan_and_log
    log = tmp_path / "cut.csv"
    columns = [c for c in LOG_COLUMNS if c not in ("week", "session")]
    with log.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(RICH_LOG)
    out = tmp_path / "out.yaml"
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 1
    assert "cut.csv" in result.stderr
    assert "row 2" in result.stderr
    assert "week" in result.stderr and "session" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("week", "one"), ("week", ""), ("day", "1.5"), ("week", "-1"), ("week", "0")],
)
def test_cli_csv_week_not_a_number(
    plan_and_log: tuple[Path, Path], tmp_path: Path, field: str, value: str
) -> None:
    plan, _ = plan_and_log
    log = write_csv(tmp_path / "typo.csv", _damage(RICH_LOG, 4, **{field: value}))
    out = tmp_path / "out.yaml"
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 1
    assert "typo.csv" in result.stderr
    assert "row 6" in result.stderr  # the 5th set, under the header row
    assert "whole number" in result.stderr
    assert not out.exists()


def test_cli_csv_short_row(plan_and_log: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = plan_and_log
    log = write_csv(tmp_path / "short.csv", RICH_LOG)
    lines = log.read_text("utf-8").splitlines(keepends=True)
    lines[3] = "Zoë Ørsted\n"  # a row cut short: no week, no day
    log.write_text("".join(lines), encoding="utf-8")
    result = invoke("next", str(plan), "--log", str(log), "-o", str(tmp_path / "o.yaml"))
    assert result.exit_code == 1
    assert "short.csv" in result.stderr and "row 4" in result.stderr


def test_cli_csv_not_utf8(plan_and_log: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = plan_and_log
    good = write_csv(tmp_path / "good.csv", RICH_LOG).read_text("utf-8")
    log = tmp_path / "latin1.csv"
    log.write_bytes(good.encode("latin-1"))  # Zoë Ørsted in Latin-1
    out = tmp_path / "out.yaml"
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 1
    assert "latin1.csv" in result.stderr and "UTF-8" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("damage", ["bare CR", "huge field"])
def test_cli_csv_the_csv_module_refuses(
    plan_and_log: tuple[Path, Path], tmp_path: Path, damage: str
) -> None:
    plan, _ = plan_and_log
    rows = _damage(RICH_LOG, 2, notes="x" * 200_000 if damage == "huge field" else "one\rtwo")
    log = write_csv(tmp_path / "odd.csv", rows)  # LF line ends: the CR is left unquoted
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["next", str(plan), "--log", str(log), "-o", str(out)])
    assert not isinstance(result.exception, csv.Error), repr(result.exception)
    assert result.exit_code == 1
    assert "odd.csv" in result.stderr
    assert not out.exists()


def test_cli_csv_from_read_log_with_a_two_line_note(tmp_path: Path) -> None:
    filled = tmp_path / "two-lines.pdf"
    filled.write_bytes(fill_form(FILLED_SAMPLE.read_bytes(), {"w01_d1_notes": "Left shoulder\rok"}))
    # A form field's line break (CR) is read as a newline, as every other file has it.
    assert any("Left shoulder\nok" in s.notes for s in read_log(filled).sets)
    as_csv = tmp_path / "two-lines.csv"
    assert invoke("read-log", str(filled), "-o", str(as_csv)).exit_code == 0
    from_pdf = next_block("upper-back", filled)
    result = CliRunner().invoke(
        cli, ["next", "upper-back", "--log", str(as_csv), "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 0, repr(result.exception)
    assert (tmp_path / "o.yaml").read_text("utf-8").split("\n", 1)[1] == (
        from_pdf.text.split("\n", 1)[1]
    )


def test_cli_csv_with_bom_works(plan_and_log: tuple[Path, Path], tmp_path: Path) -> None:
    """A CSV saved by a spreadsheet app (UTF-8 with a BOM) is read as it is."""
    plan, _ = plan_and_log
    log = tmp_path / "excel.csv"
    log.write_bytes(b"\xef\xbb\xbf" + write_csv(tmp_path / "plain.csv", RICH_LOG).read_bytes())
    out = tmp_path / "out.yaml"
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert the_load(out.read_text("utf-8")) == "42.5 kg"


def test_cli_json_log_from_read_log_works_like_the_csv(tmp_path: Path) -> None:
    as_csv, as_json = tmp_path / "zoe.csv", tmp_path / "zoe.json"
    for out in (as_csv, as_json):
        result = invoke("read-log", str(FILLED_SAMPLE), "-o", str(out))
        assert result.exit_code == 0, result.output
    assert isinstance(json.loads(as_json.read_text("utf-8")), list)
    made = {}
    for log in (as_csv, as_json, FILLED_SAMPLE):
        out = tmp_path / f"next-from-{log.suffix[1:]}.yaml"
        result = invoke("next", "upper-back", "--log", str(log), "-o", str(out))
        assert result.exit_code == 0, result.output
        text = out.read_text("utf-8")
        first, rest = text.split("\n", 1)
        assert log.name in first
        said = result.stdout.splitlines()
        assert said[-1].startswith(f"wrote {out} (")
        made[log.suffix] = (first.replace(log.name, "LOG"), rest, said[:-1])
    assert made[".csv"] == made[".json"] == made[".pdf"]


def test_cli_filled_pdf_as_log(tmp_path: Path) -> None:
    """samples/upper-back-log-filled.pdf: pull-ups have no weight written (unchanged); the
    row's last day has 42.5 kg for 12 in set 1 only (stays at 42.5 kg); shrugs 16 kg for
    12 of 12-15 (stays at 16 kg)."""
    out = tmp_path / "zoe-block2.yaml"
    result = invoke("next", "upper-back", "--log", str(FILLED_SAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    plan = load_plan_text(out.read_text("utf-8"))
    loads = [p.load for p in plan.sessions[0].exercises]
    assert loads == ["bodyweight (band or machine assistance if needed)", "42.5 kg", "16 kg"]
    lines = result.stdout.splitlines()
    assert lines[0] == "Upper back · Pull-up: unchanged (no weight written in week 1, day 2)"
    assert lines[1].startswith("Upper back · Incline bench barbell row: moderate")
    assert "→ 42.5 kg (1 of 3 sets reached 12 reps in week 1, day 2)" in lines[1]
    assert "→ 16 kg (0 of 3 sets reached 15 reps in week 1, day 1)" in lines[2]
    assert lines[-1].endswith("(2 of 3 loads changed)")
    header = out.read_text("utf-8").split("\n\n", 1)[0]
    assert "Zoë Ørsted" in header and "upper-back-log-filled.pdf" in header


def test_cli_log_that_is_not_a_filled_pdf(tmp_path: Path) -> None:
    plain = ROOT / "samples" / "upper-back.pdf"  # a booklet with no form fields
    result = invoke("next", "upper-back", "--log", str(plain), "-o", str(tmp_path / "o.yaml"))
    assert result.exit_code == 1
    assert "upper-back.pdf" in result.stderr
    assert not (tmp_path / "o.yaml").exists()


# -- 4. Hostile logs ---------------------------------------------------------------------------

HOSTILE_NAMES = [
    "Zoë\nprogram: hacked",
    "Zoë\u2028program: hacked",
    "Zoë\u2029program: hacked",
    "Zoë\x85program: hacked",
    "Zoë\rprogram: hacked",
    "Zoë\r\nprogram: hacked\nweeks: 99",
    "Zoë # not a comment\nsessions: []",
    "#",
    "\nprogram: hacked",
    "Zoë\x1b]0;pwned\x07\x1b[2J",
    "Zoë\u202eevil",
    "Zoë\x00\x0bprogram: hacked",
    "Zoë\ud800",  # a lone surrogate, as a JSON escape can carry it
    "Zoë\ufeff💪",
    "Zoë\ufffe",
]


def _hostile_log(tmp_path: Path, client: str, kind: str) -> Path:
    rows = [dict(r, client=client) for r in RICH_LOG]
    if kind == "json":
        path = tmp_path / "hostile.json"
        path.write_text(json.dumps(rows), encoding="utf-8")  # \ud800 as an escape
        return path
    return write_csv(tmp_path / "hostile.csv", rows, terminator="\r\n")


@pytest.mark.parametrize("kind", ["json", "csv"])
@pytest.mark.parametrize("client", HOSTILE_NAMES)
def test_hostile_client_name_does_not_change_the_plan(
    tmp_path: Path, client: str, kind: str
) -> None:
    if kind == "csv" and "\ud800" in client:
        pytest.skip("a lone surrogate cannot be written as UTF-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(RICH_PLAN, encoding="utf-8")
    made = next_block(plan, _hostile_log(tmp_path, client, kind))
    benign = next_block(plan, write_csv(tmp_path / "benign.csv", RICH_LOG))
    new = load_plan_text(made.text)
    assert new.program == "Upper back for Zoë"
    assert new.model_dump() == load_plan_text(benign.text).model_dump()
    # The header is comment lines only, then the file as `pdfgen next` makes it anyway.
    header, _, rest = made.text.partition("\n\n")
    assert rest == benign.text.partition("\n\n")[2]
    assert all(line.startswith("# ") for line in header.split("\n"))
    for breaker in ("\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1b", "\x00"):
        assert breaker not in header


def test_hostile_client_name_through_the_cli(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(RICH_PLAN, encoding="utf-8")
    log = _hostile_log(tmp_path, "Zoë\nprogram: hacked\x1b[2J", "csv")
    out = tmp_path / "out.yaml"
    result = invoke("next", str(plan), "--log", str(log), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert load_plan_text(out.read_text("utf-8")).program == "Upper back for Zoë"


def test_hostile_log_file_name(tmp_path: Path) -> None:
    """The log's file name goes into the header too."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(RICH_PLAN, encoding="utf-8")
    log = write_csv(tmp_path / "log\nprogram: hacked\u2028.csv", RICH_LOG)
    made = next_block(plan, log)
    assert load_plan_text(made.text).program == "Upper back for Zoë"
    assert made.text.split("\n\n", 1)[1] == body(made.text)


# -- 5. End to end: fillable log -> filled with pypdf -> pdfgen next -> pdfgen build ----------


def test_end_to_end(tmp_path: Path) -> None:
    blank = tmp_path / "zoe-log.pdf"
    result = invoke(
        "log", "upper-back", "--weeks", "1-2", "--fillable", "--client", "Zoë", "-o", str(blank)
    )
    assert result.exit_code == 0, result.output
    fields = sorted(PdfReader(blank).get_fields() or {})
    typed: dict[str, str] = {}
    for name in fields:
        found = re.fullmatch(r"w(\d\d)_d(\d)_([a-z-]+)_s(\d)_(weight|reps|done)", name)
        if not found:
            continue
        exercise, what = found[3], found[5]
        value = {
            # Rows: 50 kg for the top of the fixed 12, every set: up 2.5 kg.
            ("incline-barbell-row", "weight"): "50 kg",
            ("incline-barbell-row", "reps"): "12",
            # Pull-ups (6-8): 10 kg for only 5, every session: down 2.5 kg.
            ("pull-up", "weight"): "10",
            ("pull-up", "reps"): "5",
            # Shrugs (12-15): 2 × 20 kg dumbbells, 13 reps: stays at 20 kg.
            ("dumbbell-shrug", "weight"): "20,0",
            ("dumbbell-shrug", "reps"): "13",
        }.get((exercise, what), "/Yes")
        typed[name] = value
    exercises = {name.split("_")[2] for name in typed}
    assert exercises == {"pull-up", "incline-barbell-row", "dumbbell-shrug"}
    assert {name[:6] for name in typed} == {"w01_d1", "w01_d2", "w02_d1", "w02_d2"}
    filled = tmp_path / "zoe-log-filled.pdf"
    filled.write_bytes(fill_form(blank.read_bytes(), typed))

    plan = tmp_path / "zoe-block2.yaml"
    result = invoke("next", "upper-back", "--log", str(filled), "-o", str(plan))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"wrote {plan} (3 of 3 loads changed)"
    text = plan.read_text("utf-8")
    new = load_plan_text(text)
    loads = [p.load for p in new.sessions[0].exercises]
    assert loads == ["7.5 kg", "52.5 kg", "20 kg"]
    assert "week 2, day 2" in text
    assert "load: 7.5 kg  # was bodyweight (band or machine assistance if needed): sets fell" in (
        text
    )
    # Everything else in the built-in plan is kept, its comments too.
    original = (ROOT / "plans" / "upper-back.yaml").read_text("utf-8")
    for line in original.splitlines():
        if "load:" not in line or "progression" in line or "deload" in line:
            assert line in text.splitlines(), line

    booklet = tmp_path / "zoe-block2.pdf"
    result = invoke("build", str(plan), "--client", "Zoë", "-o", str(booklet))
    assert result.exit_code == 0, result.output
    pages = "".join(page.extract_text() for page in PdfReader(booklet).pages)
    assert "52.5 kg" in pages and "7.5 kg" in pages


def test_read_back_log_agrees_with_what_next_decides(tmp_path: Path) -> None:
    """`decide` on the sets read_log finds in the sample equals what next_block decided."""
    plan = load_plan_text((ROOT / "plans" / "upper-back.yaml").read_text("utf-8"))
    sets = read_log(FILLED_SAMPLE).sets
    made = next_block("upper-back", FILLED_SAMPLE)
    for item, decision in zip(plan.sessions[0].exercises, made.decisions, strict=True):
        rows = sorted(
            (s for s in sets if s.exercise_id == item.exercise and not s.warmup),
            key=lambda s: (s.week, s.day),
        )
        assert decide(plan, "Upper back", item, rows) == decision


def test_next_block_raises_input_error_for_a_log_of_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is it the log of this plan"):
        make(tmp_path, rule_plan(), session_rows(1, 1, TOP, session="Elsewhere"))
