"""Properties over many generated inputs (hypothesis): any bytes, and any YAML-looking text, are a
plan or an InputError that says where. Modest example counts by default; run
`python -m pytest tests/plan/test_plan_properties.py --hypothesis-profile=long` for a deep run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pdfgen.errors import InputError
from pdfgen.io.yamldoc import decode
from pdfgen.plan.loading import load_plan_text

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
