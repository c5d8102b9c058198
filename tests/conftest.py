"""Shared fixtures: rendered booklets (made once per session); the `--make-samples` option;
and, after every test, a check of each PDF it wrote by independent readers (see the end of this
file)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import settings
from support.pdfs import check_pdf

import pdfgen

# `--hypothesis-profile=long` for a deep run of the property tests; the default stays quick.
settings.register_profile("long", max_examples=2000, deadline=None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--make-samples",
        action="store_true",
        help="rewrite samples/ (the booklets, their PNG previews and made-with.txt) before "
        "tests/test_samples.py checks them: python -m pytest tests/test_samples.py --make-samples",
    )


@pytest.fixture(scope="session")
def render() -> Callable[..., bytes]:
    """Render a booklet to bytes: render(plan_or_id, **render_booklet options)."""

    def _render(plan: Any = "upper-back", **options: Any) -> bytes:
        buffer = io.BytesIO()
        pdfgen.render_booklet(plan, buffer, **options)
        return buffer.getvalue()

    return _render


@pytest.fixture(scope="session")
def booklet(render: Callable[..., bytes]) -> bytes:
    """The upper-back booklet for a client with a non-Latin-1 name, 6 weeks from a start date."""
    return render("upper-back", client="Łukasz Żółć", trainer="Zoë Ørsted", start="2027-01-04")


# -- every PDF a test writes passes independent readers -----------------------------------------

_FOLDERS_BEFORE = pytest.StashKey[set[str]]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Note the temporary folders that exist before the test's fixtures make theirs: the ones
    made from here on (its tmp_path, and tmp_path_factory folders of fixtures it is the first
    to use) are the test's."""
    factory = item.config._tmp_path_factory  # type: ignore[attr-defined]
    item.stash[_FOLDERS_BEFORE] = set(os.listdir(factory.getbasetemp()))


@pytest.fixture(autouse=True)
def _pdfs_pass_independent_readers(
    request: pytest.FixtureRequest,
) -> Iterator[None]:
    """After each test that uses tmp_path or tmp_path_factory, every *.pdf in the temporary
    folders made for it passes qpdf's syntax check (pikepdf), opens and renders page 1
    non-blank in PDFium, and embeds every font its pages use. Fonts that only form fields use
    (the AcroForm's /DR, widgets' appearance streams) are not the pages' fonts: form fields
    can only use the 14 standard fonts. A test that writes damaged PDFs on purpose is marked
    `@pytest.mark.damaged_pdf`."""
    yield
    if not {"tmp_path", "tmp_path_factory"} & set(request.fixturenames):
        return
    if request.node.get_closest_marker("damaged_pdf"):
        return
    base = request.config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    before = request.node.stash.get(_FOLDERS_BEFORE, None)
    if before is None:
        return
    for name in sorted(set(os.listdir(base)) - before):
        for path in sorted((base / name).rglob("*.pdf")):
            if path.is_file():
                check_pdf(path)
