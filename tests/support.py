"""Helpers shared by the test modules (not fixtures): fixture-file headers and a minimal plan."""

from __future__ import annotations

from pathlib import Path

# The smallest valid plan: one session, one exercise.
MINIMAL_PLAN = """\
program: Upper back
sessions:
  - name: Upper back
    exercises:
      - exercise: pull-up
        sets: 3
        reps: 6-8
"""


def header(path: Path) -> dict[str, list[str]]:
    """The `# key: value` lines at the top of a fixture file (`# expect:`, `# line:`, ...)."""
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(": ")
        if sep:
            found.setdefault(key, []).append(value.strip())
    return found
