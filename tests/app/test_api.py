"""The Python API the command line wraps: the package-level names, rendering to a path or a file
object, refusing to overwrite, and bad input raised as InputError.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support import TESTS

import pdfgen

FIXTURES = TESTS / "fixtures" / "render"
OLD = b"%PDF-1.4\n% an earlier good booklet\n%%EOF\n"


def test_package_level_api() -> None:
    assert callable(pdfgen.load_plan)
    assert callable(pdfgen.render_booklet)
    for name in pdfgen.__all__:
        assert getattr(pdfgen, name) is not None
    with pytest.raises(AttributeError):
        _ = pdfgen.no_such_name  # type: ignore[attr-defined]


def test_render_to_a_path_and_to_a_file_object_give_the_same_bytes(tmp_path: Path) -> None:
    plan = pdfgen.load_plan("upper-back")
    options: dict[str, Any] = {"client": "Zoë Ørsted", "weeks": 2, "start": "2027-01-04"}
    path = tmp_path / "api.pdf"
    to_path = pdfgen.render_booklet(plan, path, **options)
    buffer = io.BytesIO()
    to_buffer = pdfgen.render_booklet(plan, buffer, **options)
    assert path.read_bytes() == buffer.getvalue()
    assert to_path.path == path and to_buffer.path is None
    assert to_path.pages == to_buffer.pages == len(PdfReader(path).pages) == 8
    assert to_path.size == to_buffer.size == path.stat().st_size
    # A plan id and a loaded plan give the same booklet.
    by_id = io.BytesIO()
    pdfgen.render_booklet("upper-back", by_id, **options)
    assert by_id.getvalue() == buffer.getvalue()


@pytest.mark.damaged_pdf
def test_api_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "api.pdf"
    path.write_bytes(OLD)
    with pytest.raises(pdfgen.OutputError, match="already exists"):
        pdfgen.render_booklet("upper-back", path, weeks=1)
    assert path.read_bytes() == OLD
    pdfgen.render_booklet("upper-back", path, weeks=1, force=True)
    assert path.read_bytes().startswith(b"%PDF-")


def test_api_bad_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(pdfgen.InputError) as info:
        pdfgen.load_plan(FIXTURES / "bad-sets.yaml")
    (problem,) = info.value.problems
    assert problem.line == 6 and "sets" in problem.field
    with pytest.raises(pdfgen.InputError, match="units must be kg or lb, not 'stone'"):
        pdfgen.render_booklet("upper-back", tmp_path / "x.pdf", units="stone")
    assert list(tmp_path.iterdir()) == []
