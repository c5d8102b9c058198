"""samples/ is what the tool makes today, and the README shows its previews."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _make_samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_samples", ROOT / "scripts" / "make_samples.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_samples = _make_samples()


@pytest.mark.parametrize("name", sorted(make_samples.BOOKLETS))
def test_sample_is_current(name: str) -> None:
    committed = (SAMPLES / f"{name}.pdf").read_bytes()
    assert make_samples.booklet_bytes(name) == committed, (
        f"samples/{name}.pdf is stale: run `python scripts/make_samples.py`"
    )


def test_readme_shows_every_preview() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(samples/([\w.-]+\.png)\)", readme))
    made = {file for _, _, file in make_samples.PREVIEWS}
    assert made <= shown
    for file in made:
        assert (SAMPLES / file).stat().st_size > 10_000


def test_previews_are_the_pages_they_name() -> None:
    data = (SAMPLES / "upper-back.pdf").read_bytes()
    assert make_samples.page_of(data, "Cover") == 0
    assert make_samples.page_of(data, "Week 1 of 6") > make_samples.page_of(data, "Exercise guide")
