"""Properties over many generated inputs (hypothesis). Modest example counts by default; run
`python -m pytest tests/test_properties.py --hypothesis-profile=long` for a deep run."""

from __future__ import annotations

import io

import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import pdfgen
from pdfgen.errors import InputError
from pdfgen.loader import load_plan_text
from pdfgen.schedule import expand
from pdfgen.yamlio import decode

QUICK = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_plan_or_a_located_input_error(data: bytes) -> None:
    try:
        load_plan_text(decode(data, "plan.yaml"), "plan.yaml")
    except InputError as exc:
        assert all(p.file == "plan.yaml" for p in exc.problems)
        assert str(exc).startswith("plan.yaml")


YAML_ISH = st.text(
    alphabet=st.sampled_from(list("abc:- []{}\n\t'\"#&*!|>%@0123456789.,")), max_size=300
)


@QUICK
@given(YAML_ISH)
def test_any_yaml_looking_text_is_a_plan_or_a_located_input_error(text: str) -> None:
    try:
        load_plan_text(text, "plan.yaml")
    except InputError as exc:
        assert str(exc).startswith("plan.yaml")


REPS = st.one_of(
    st.integers(1, 30).map(str),
    st.tuples(st.integers(1, 15), st.integers(0, 10)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
    st.sampled_from(["AMRAP", "30s", "10/side", "20-40s"]),
)
PRESCRIPTION = st.fixed_dictionaries(
    {
        "exercise": st.sampled_from(["pull-up", "Shrugs", "Low Row / Pulldown", "good-morning"]),
        "sets": st.integers(1, 6),
        "reps": REPS,
        "load": st.one_of(st.none(), st.sampled_from(["40 kg", "bodyweight", "95 lb", "light"])),
    }
)


def plan_text(sessions: list[list[dict[str, object]]], weeks: int, steps: bool) -> str:
    lines = ["program: Generated", f"weeks: {weeks}"]
    if steps:
        lines += ["progression:", "  reps: 1", "  load: 2.5 kg", "  deload: {every: 3}"]
    lines.append("sessions:")
    for index, session in enumerate(sessions):
        lines += [f"  - name: Session {index + 1}", "    exercises:"]
        for item in session:
            load = f", load: {item['load']}" if item["load"] else ""
            lines.append(
                f"      - {{exercise: {item['exercise']}, sets: {item['sets']}, "
                f'reps: "{item["reps"]}"{load}}}'
            )
    return "\n".join(lines) + "\n"


@QUICK
@given(
    st.lists(st.lists(PRESCRIPTION, min_size=1, max_size=4), min_size=1, max_size=3),
    st.integers(1, 4),
    st.booleans(),
)
def test_any_valid_plan_renders_a_checked_pdf_with_every_week(
    sessions: list[list[dict[str, object]]], weeks: int, steps: bool
) -> None:
    plan = load_plan_text(plan_text(sessions, weeks, steps))
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer)
    data = buffer.getvalue()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert check() == []
        assert len(pdf.pages) == result.pages
    titles = [
        item.title for item in PdfReader(io.BytesIO(data)).outline if not isinstance(item, list)
    ]
    schedule = expand(plan)
    assert [t for t in titles if t.startswith("Week ")] == [
        f"Week {w.number} of {schedule.total_weeks}" for w in schedule.weeks
    ]
    # Cover, overview, a page per exercise, at least a page per week, notes.
    assert result.pages >= 3 + len(plan.used_exercises) + weeks


NAME = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll"),
        max_codepoint=0x04FF,  # Latin, Greek and Cyrillic: what the bundled font covers
    ),
    min_size=1,
    max_size=30,
)


@QUICK
@given(NAME)
def test_any_name_in_the_fonts_scripts_prints_as_written(name: str) -> None:
    plan = load_plan_text(
        plan_text([[{"exercise": "pull-up", "sets": 2, "reps": "8", "load": None}]], 1, False)
    )
    buffer = io.BytesIO()
    result = pdfgen.render_booklet(plan, buffer, client=name, layout="base")
    if result.warnings:  # a letter the font lacks: warned about, and not this property's case
        return
    cover = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert name in cover
