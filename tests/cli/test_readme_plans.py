"""Every whole plan the README shows loads, validates and builds: a ```yaml block with
`program:` and `sessions:` at its top level is read with the plan loader, checked with
`pdfgen validate`, expanded week by week and rendered. Fragments (a few keys to add to a plan,
a client file, a layout) are skipped. Each case is named by the heading the block stands under,
so a failure says which part of the README to fix.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support import ROOT

import pdfgen
from pdfgen.cli import cli
from pdfgen.plan.loading import load_plan_text
from pdfgen.plan.model import Plan

README = ROOT / "README.md"

# A max for every exercise, so that loads written as shares of a max (70%, 65% TM, 90% 5RM)
# can be worked out; a max given for an exercise that needs none is ignored.
A_MAX = "100kg"


@dataclass(frozen=True)
class Block:
    """A ```yaml block of the README: the heading it stands under, its first line, its text."""

    heading: str
    line: int
    text: str

    @property
    def whole_plan(self) -> bool:
        """Whether the block is a plan of its own rather than a fragment of one."""
        keys = set(re.findall(r"^([A-Za-z_]+):", self.text, re.MULTILINE))
        return {"program", "sessions"} <= keys


def yaml_blocks(markdown: str) -> list[Block]:
    """The ```yaml blocks of a Markdown text, each with the heading above it. Lines inside
    any fenced block (a `# comment` in a shell example) are never taken for headings."""
    blocks: list[Block] = []
    heading = "(before the first heading)"
    fence: str | None = None  # the info string of the open fence, if one is open
    start = 0
    body: list[str] = []
    for number, line in enumerate(markdown.splitlines(), 1):
        if fence is None:
            if line.startswith("```"):
                fence, start, body = line[3:].strip(), number + 1, []
            elif re.match(r"#{1,6} ", line):
                heading = line.lstrip("#").strip()
        elif line.startswith("```"):
            if fence == "yaml":
                blocks.append(Block(heading, start, "\n".join(body) + "\n"))
            fence = None
        else:
            body.append(line)
    assert fence is None, f"README.md: the code block opened at line {start - 1} is never closed"
    return blocks


def _cases() -> list[Any]:
    cases: list[Any] = []
    seen: dict[str, int] = {}
    for block in yaml_blocks(README.read_text(encoding="utf-8")):
        if not block.whole_plan:
            continue
        name = block.heading.replace("`", "")
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        cases.append(pytest.param(block, id=name))
    return cases


CASES = _cases()


def _where(block: Block) -> str:
    return f'README.md, the plan at line {block.line} under "{block.heading}"'


def _loaded(block: Block) -> Plan:
    try:
        return load_plan_text(block.text, name=f"README.md ({block.heading})")
    except pdfgen.InputError as exc:
        problems = str(exc)
    pytest.fail(f"{_where(block)} does not load:\n{problems}")


def test_the_readme_shows_whole_plans() -> None:
    # The extraction must find the plans; were it to find none, every other test would pass.
    assert len(CASES) >= 10
    headings = [block.heading for block in yaml_blocks(README.read_text(encoding="utf-8"))]
    assert "Writing a plan" in headings


def test_fragments_are_told_apart_from_plans() -> None:
    text = "# T\n\n```yaml\nprogram: X\nsessions: []\n```\n\n## U\n\n```yaml\nweeks: 3\n```\n"
    plan, fragment = yaml_blocks(text)
    assert (plan.heading, plan.line, plan.whole_plan) == ("T", 4, True)
    assert (fragment.heading, fragment.whole_plan) == ("U", False)
    # Keys inside a session (an indented `program:`) or a comment do not make a plan.
    nested = Block("V", 1, "sessions:\n  - name: A\n    program: x\n# program: y\n")
    assert not nested.whole_plan


def test_shell_comments_are_not_headings() -> None:
    text = "## Real\n\n```sh\n# not a heading\n```\n\n```yaml\nprogram: X\nsessions: []\n```\n"
    assert yaml_blocks(text)[0].heading == "Real"


@pytest.mark.parametrize("block", CASES)
def test_readme_plan_loads(block: Block) -> None:
    plan = _loaded(block)
    assert plan.sessions, _where(block)


@pytest.mark.parametrize("block", CASES)
def test_readme_plan_validates(block: Block, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(block.text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, f"{_where(block)}: pdfgen validate says\n{result.output}"


@pytest.mark.parametrize("block", CASES)
def test_readme_plan_builds(block: Block) -> None:
    plan = _loaded(block)
    maxes = dict.fromkeys(plan.used_exercises, A_MAX)
    problems = ""
    try:
        schedule = pdfgen.expand(plan, maxes=maxes)
        booklet = pdfgen.render_booklet(plan, io.BytesIO(), maxes=maxes)
    except pdfgen.InputError as exc:
        problems = str(exc)
    if problems:
        pytest.fail(f"{_where(block)} does not build:\n{problems}")
    assert schedule.total_weeks == plan.weeks
    assert all(day.entries for week in schedule.weeks for day in week.days), _where(block)
    assert not schedule.warnings, f"{_where(block)}: {schedule.warnings}"
    assert not booklet.warnings, f"{_where(block)}: {booklet.warnings}"
    assert booklet.pages > 0
