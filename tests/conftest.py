"""Shared fixtures: rendered booklets (made once per session) and paths to test data."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import pdfgen

# `--hypothesis-profile=long` for a deep run of the property tests; the default stays quick.
settings.register_profile("long", max_examples=2000, deadline=None)

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """tests/fixtures"""
    return FIXTURES


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
