"""Properties of the real command line (hypothesis): whatever bytes a plan file holds,
`pdfgen validate` and `pdfgen build` end with status 0 or 1, in bounded time, with no
traceback, and a build writes a PDF exactly when it succeeds.

Each example runs the installed console script in subprocesses (so a crash of the interpreter
or a hang fails the example instead of the run), which is slow: the default profile runs a
few examples; `--hypothesis-profile=long` runs many. Two strategies: arbitrary bytes, and
`plans/upper-back.yaml` with a few bytes flipped, inserted, replaced or deleted; mutated valid
input gets past the YAML reader and reaches the checks and the renderer.
"""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT, console_script

UPPER_BACK = (ROOT / "plans" / "upper-back.yaml").read_bytes()
TIMEOUT = 20  # seconds, per command
MAX_STDERR = 20_000

# 10 examples by default; the long profile (2,000) a tenth of its count.
_PROFILE_EXAMPLES = settings().max_examples
EXAMPLES = 10 if _PROFILE_EXAMPLES <= 100 else _PROFILE_EXAMPLES // 10
CLI = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # Each example gets its own folder under tmp_path, so that the PDFs it writes are checked by
    # conftest's readers too; the fixture is not reset between examples, on purpose.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [*console_script(), *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"pdfgen {' '.join(args)} took more than {TIMEOUT} s")


def check_plan_bytes(data: bytes, tmp_path: Path) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    plan = work / "plan.yaml"
    plan.write_bytes(data)
    # The two commands at once: each is mostly interpreter start-up.
    with ThreadPoolExecutor(2) as pool:
        validating = pool.submit(run, ["validate", "plan.yaml"], work)
        building = pool.submit(run, ["build", "plan.yaml", "-o", "out.pdf"], work)
        validated, built = validating.result(), building.result()
    for command, done in (("validate", validated), ("build", built)):
        assert done.returncode in (0, 1), (command, done.returncode, done.stderr[-2000:])
        assert "Traceback" not in done.stderr, (command, done.stderr[-2000:])
        assert len(done.stderr) <= MAX_STDERR, command
        if done.returncode:
            assert done.stderr.startswith("error: "), (command, done.stderr[:500])
    out = work / "out.pdf"
    leftovers = sorted(p.name for p in work.iterdir() if p.name not in ("plan.yaml", "out.pdf"))
    assert leftovers == [], "a build left a file other than its PDF"
    if built.returncode == 0:
        assert out.read_bytes().startswith(b"%PDF-")
        assert validated.returncode == 0, f"it builds but does not validate: {validated.stderr}"
    else:
        assert not out.exists(), "a failed build left a PDF"


@CLI
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_a_plan_give_status_0_or_1(data: bytes, tmp_path: Path) -> None:
    check_plan_bytes(data, tmp_path)


# Bytes that mean something to YAML, to the plan format or to a decoder.
TOKENS = [
    b": ",
    b"- ",
    b"\n",
    b"\n  ",
    b"\t",
    b"#",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"{",
    b"[",
    b"]",
    b"'",
    b'"',
    b"|",
    b">",
    b"0",
    b"-1",
    b"999999",
    b"1e9",
    b"20-8",
    b"70%",
    b"AMRAP",
    b"null",
    b"~",
    b"NO",
    b"1:30",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xe2\x80\xae",
    b"<b>",
    b"sessions:",
    b"weeks: 52\n",
    b"exercises:",
]

MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(UPPER_BACK) - 1), st.integers(0, 7)),
    st.tuples(st.just("delete"), st.integers(0, len(UPPER_BACK) - 1), st.integers(1, 40)),
    st.tuples(
        st.just("insert"),
        st.integers(0, len(UPPER_BACK)),
        st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=8)),
    ),
    st.tuples(
        st.just("replace"),
        st.integers(0, len(UPPER_BACK) - 1),
        st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=4)),
    ),
)


def mutate(data: bytes, mutations: list[tuple[str, int, object]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, what in mutations:
        where = min(where, len(buffer))
        if kind == "flip" and where < len(buffer):
            assert isinstance(what, int)
            buffer[where] ^= 1 << what
        elif kind == "delete":
            assert isinstance(what, int)
            del buffer[where : where + what]
        elif kind == "insert":
            assert isinstance(what, bytes)
            buffer[where:where] = what
        elif kind == "replace":
            assert isinstance(what, bytes)
            buffer[where : where + len(what)] = what
    return bytes(buffer)


@CLI
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_mutated_valid_plan_gives_status_0_or_1(
    mutations: list[tuple[str, int, object]], tmp_path: Path
) -> None:
    check_plan_bytes(mutate(UPPER_BACK, mutations), tmp_path)


def test_mutations_mean_what_they_say() -> None:
    assert mutate(b"abc", [("flip", 0, 0)]) == b"`bc"
    assert mutate(b"abc", [("delete", 1, 5)]) == b"a"
    assert mutate(b"abc", [("insert", 3, b"d")]) == b"abcd"
    assert mutate(b"abc", [("replace", 2, b"xy")]) == b"abxy"
    assert mutate(UPPER_BACK, []) == UPPER_BACK
