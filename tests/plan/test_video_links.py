"""An exercise's video link is checked like every other plan field: a web address, or a located
message saying what is wrong with it, in a plan and in an exercise library.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support import plan_with_video

from pdfgen.cli import cli
from pdfgen.errors import InputError
from pdfgen.plan.library import builtin_library, load_library
from pdfgen.plan.loading import load_plan_text

YOUTUBE = "https://www.youtube.com/watch?v=eGo4IYlbE5g"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    "url",
    [
        YOUTUBE,
        "http://vimeo.com/123456789",
        "https://example.com:8443/clip#t=30",
        "https://de.wikipedia.org/wiki/Klimmzug",
    ],
)
def test_a_web_address_is_a_video_link(url: str) -> None:
    plan = load_plan_text(plan_with_video(url))
    assert plan.used_exercises["pull-up"].video == url


@pytest.mark.parametrize(
    ("url", "expect"),
    [
        ("ftp://example.com/clip.mp4", "starts with http:// or https://"),
        ("javascript:alert(1)", "starts with http:// or https://"),
        ("file:///etc/passwd", "starts with http:// or https://"),
        ("www.youtube.com/watch?v=x", "starts with http:// or https://"),
        ("https://", "no valid host name"),
        ("https:///watch", "no valid host name"),
        ("https://-bad-.com/x", "no valid host name"),
        ("https://example.com:99999/x", "no valid host name (or port)"),
        ("https://www.you tube.com/x", "has a space or an invisible character"),
        ("https://example.com/\u202eevil", "has a space or an invisible character"),
        ("https://user:secret@example.com/", "user name or password"),
        ("https://example.com/" + "x" * 500, "a web address may have at most 500"),
    ],
)
def test_a_bad_video_link_is_a_located_error(url: str, expect: str) -> None:
    with pytest.raises(InputError) as caught:
        load_plan_text(plan_with_video(url), name="plan.yaml")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (
        "plan.yaml",
        10,
        "exercises.pull-up.video",
    )
    assert expect in problem.message
    assert "\u202e" not in str(caught.value)  # an invisible character is shown escaped


def test_a_bad_video_link_in_a_library_is_located(tmp_path: Path) -> None:
    library = tmp_path / "library.yaml"
    library.write_text("row:\n  name: Row\n  video: ftp://example.com/row\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_library(library)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (3, "row.video")
    result = run("validate", str(library))
    assert result.exit_code == 1
    assert f"{library}:3:10: row.video: 'ftp://example.com/row' is not a web address" in (
        result.stderr
    )


def test_the_built_in_library_has_no_made_up_links() -> None:
    assert all(exercise.video is None for exercise in builtin_library().values())
