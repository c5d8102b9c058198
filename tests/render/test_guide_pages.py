"""The exercise guide: a page for each described exercise; the ones a plan gives only a name share
a page with the plan's notes for them; a trainer's own picture prints with its credit, and the
credits are gathered at the end."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import logo_png

import pdfgen
from pdfgen.errors import InputError
from pdfgen.plan.loading import load_plan


def outline_titles(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    found: list[str] = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack = item + stack
        else:
            found.append(str(item.title))
    return found


PLAN = """\
program: Own exercises
weeks: 1
sessions:
  - name: A
    exercises:
      - {exercise: Back squat, sets: 3, reps: 5, load: 60 kg}
      - {exercise: sled-push, sets: 4, reps: 20s, notes: Low hips; drive with the legs.}
      - {exercise: box-jump, sets: 3, reps: 5, notes: Step down every rep.}
exercises:
  sled-push:
    name: Sled push
    kind: timed
  box-jump:
    name: Box jump
    kind: bodyweight
    image: box.png
    image_credit: Photo by Sam Taylor
"""


@pytest.fixture
def booklet(tmp_path: Path) -> tuple[bytes, list[str]]:
    logo_png(tmp_path / "box.png", (300, 200), mode="RGB")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    buffer = io.BytesIO()
    pdfgen.render_booklet(load_plan(tmp_path / "plan.yaml"), buffer)
    data = buffer.getvalue()
    return data, [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_name_only_exercises_share_a_page_with_their_notes(
    booklet: tuple[bytes, list[str]],
) -> None:
    data, texts = booklet
    titles = outline_titles(data)
    assert "Back squat" in titles  # a page of its own
    assert "Sled push" not in titles and "Box jump" not in titles
    assert "More exercises in your plan" in titles
    [page] = [t for t in texts if "More exercises in your plan" in t]
    assert "Sled push" in page and "Low hips; drive with the legs." in page
    assert "Box jump" in page and "Step down every rep." in page


def test_a_picture_prints_with_its_credit_and_on_a_credits_page(
    booklet: tuple[bytes, list[str]],
) -> None:
    data, texts = booklet
    reader = PdfReader(io.BytesIO(data))
    [index] = [i for i, t in enumerate(texts) if "More exercises in your plan" in t]
    images = list(reader.pages[index].images)
    assert len(images) == 1 and images[0].image.size == (300, 200)
    assert "Picture: Photo by Sam Taylor" in texts[index]
    assert "Picture credits" in texts[-1]
    assert "Box jump: Photo by Sam Taylor" in texts[-1]
    assert outline_titles(data)[-1] == "Picture credits"


def test_without_credits_there_is_no_credits_page() -> None:
    buffer = io.BytesIO()
    pdfgen.render_booklet("upper-back", buffer, weeks=1)
    assert "Picture credits" not in outline_titles(buffer.getvalue())


def test_a_picture_that_is_not_one_is_refused_where_it_is_named(tmp_path: Path) -> None:
    (tmp_path / "box.png").write_bytes(b"not a picture")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / "plan.yaml")
    [problem] = caught.value.problems
    assert problem.field == "exercises.box-jump.image"
    assert problem.line == PLAN.splitlines().index("    image: box.png") + 1
    assert "is not a PNG or JPEG image" in problem.message
