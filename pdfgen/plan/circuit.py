"""Circuits, intervals and EMOMs in a session: exercises done in turn, round after round, each
round printed as its own rows.

    - circuit: Run and walk                  # its name on the page
      work: 8 x (running 60 s, walking 90 s)

    - circuit: EMOM 20 minutes
      every: 1 min                           # each step starts on the minute
      rounds: 10
      exercises:
        - {exercise: kettlebell swing, reps: 10, load: 24 kg}
        - {exercise: push-up, reps: 5}
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from pdfgen.io.fields import Name, Note, Range, Strict
from pdfgen.plan.fields import LoadText, Reps, Seconds, WorkText
from pdfgen.plan.limits import Kind
from pdfgen.plan.work import MAX_ROUNDS, MAX_ROWS, Segment, Step, parse_work


class Part(Strict):
    """One exercise of a circuit's round."""

    exercise: Name = Field(description="An id, name or alias from the exercise library.")
    kind: Kind | None = None
    reps: Reps = Field(description="Its target each round: reps, a time or a distance.")
    load: LoadText | None = None
    notes: Note | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Part:
        if len(self.reps) != 1:
            raise ValueError("a step of a circuit has one target; give each round its own step.")
        return self

    def step(self) -> Step:
        """The part as a step of a round."""
        return Step(self.exercise, self.reps[0], self.load, self.notes, self.kind)


class CircuitWork(Strict):
    """What a circuit's rounds hold: `work` in one line, or `rounds` of `exercises`."""

    rounds: Annotated[int, Range(1, MAX_ROUNDS)] | None = Field(
        default=None, description="How many times the exercises are done in turn (default 1)."
    )
    exercises: list[Part] | None = Field(default=None, min_length=1, max_length=10)
    work: WorkText | None = Field(
        default=None,
        description="The rounds in one line: '8 x (running 60 s, walking 90 s)'.",
    )
    every: Seconds | None = Field(
        default=None,
        description="Each step starts on this interval, resting for the rest of it (an EMOM: "
        "'1 min'); rows are numbered by interval.",
    )
    rest: Name | None = Field(default=None, description="Rest between rounds.")
    notes: Note | None = None

    @model_validator(mode="after")
    def _work_or_exercises(self) -> CircuitWork:
        if self.work is not None and (self.exercises is not None or self.rounds is not None):
            raise ValueError("give `work` in one line, or `rounds` and `exercises`; not both.")
        segments = self.segments()
        rows = sum(s.rows for s in segments)
        if rows > MAX_ROWS:
            raise ValueError(f"makes {rows} rows; the most a circuit prints is {MAX_ROWS}.")
        return self

    def segments(self) -> tuple[Segment, ...]:
        """The rounds, as segments of steps (none when this states no work)."""
        if self.work is not None:
            return parse_work(self.work)
        if self.exercises is not None:
            return (Segment(self.rounds or 1, tuple(p.step() for p in self.exercises)),)
        return ()
