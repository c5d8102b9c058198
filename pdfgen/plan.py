"""The validated plan: the one type every stage after loading works with.

These models are the plan format's schema (the keys of `docs` and `pdfgen schema` come from here).
They describe a plan as the loader returns it; `pdfgen.loader` is the only code that reads YAML
into them. Limits keep a typo from producing a 10,000-page file.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
)

from pdfgen.fields import Name, Note, Paragraph, Range
from pdfgen.reps import RepsError, RepTarget, parse_reps

MAX_WEEKS = 52
MAX_SESSIONS = 7
MAX_EXERCISES_PER_SESSION = 20
MAX_SETS = 20
MAX_PLAN_EXERCISES = 60


def _reps(value: Any) -> RepTarget:
    if isinstance(value, RepTarget):
        return value
    try:
        return parse_reps(value)
    except RepsError as exc:
        raise ValueError(str(exc)) from None


Reps = Annotated[
    RepTarget,
    PlainValidator(_reps),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 100},
                {"type": "string", "examples": ["6-8", "AMRAP", "30s", "10/side"]},
            ],
            "description": "A number (12), a range (6-8), AMRAP, seconds (30s) "
            "or per side (10/side).",
        }
    ),
]

ExerciseId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]


def _http_url(value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ValueError("must be a web address starting with http:// or https://.")
    if len(value) > 500 or any(c.isspace() for c in value):
        raise ValueError("must be a single web address of at most 500 characters.")
    return value


Url = Annotated[str, PlainValidator(_http_url), WithJsonSchema({"type": "string", "format": "uri"})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExerciseEntry(_Strict):
    """An exercise as a plan's `exercises:` states it: a new exercise (which needs a `name`), or
    the fields that change in a library exercise of the same id."""

    name: Name | None = Field(default=None, description="The name printed in the booklet.")
    aliases: list[Name] = Field(
        default=[], max_length=20, description="Other names a plan may use for it."
    )
    area: Name | None = Field(default=None, description="Body area, e.g. 'upper back'.")
    muscles: list[Name] = Field(default=[], max_length=12)
    equipment: list[Name] = Field(default=[], max_length=12)
    summary: Paragraph | None = Field(default=None, description="What it trains and why.")
    setup: Paragraph | None = Field(default=None, description="How to set up.")
    steps: list[Note] = Field(default=[], max_length=10, description="Step-by-step execution.")
    cues: list[Note] = Field(default=[], max_length=6, description="Short coaching cues.")
    mistakes: list[Note] = Field(default=[], max_length=6, description="Common mistakes.")
    safety: Paragraph | None = Field(default=None, description="A safety note.")
    video: Url | None = Field(default=None, description="A video link (http or https).")


class Exercise(ExerciseEntry):
    """An exercise with the description a client reads in the guide."""

    name: Name = Field(description="The name printed in the booklet.")


class Prescription(_Strict):
    """One exercise in a session: what to do and how much."""

    exercise: Name = Field(description="An id, name or alias from the exercise library.")
    sets: Annotated[int, Range(1, MAX_SETS)]
    reps: Reps
    rest: Name | None = None
    load: Name | None = None
    notes: Note | None = None


class Session(_Strict):
    """A training day's program."""

    name: Name
    exercises: list[Prescription] = Field(min_length=1, max_length=MAX_EXERCISES_PER_SESSION)


class Plan(_Strict):
    """A training plan.

    After loading, every `Prescription.exercise` is the id of an exercise in `used_exercises`:
    the library's, merged with what the plan's own `exercises:` state.
    """

    program: Name = Field(description="The title.")
    focus: Name | None = Field(default=None, description="Body area or goal.")
    summary: Paragraph | None = Field(default=None, description="A paragraph for the cover.")
    weeks: Annotated[int, Range(1, MAX_WEEKS)] = Field(
        default=4, description="Default block length in weeks."
    )
    days_per_week: Annotated[int, Range(1, 7)] | None = Field(
        default=None, description="Training days a week (default: one per session)."
    )
    sessions: list[Session] = Field(
        min_length=1,
        max_length=MAX_SESSIONS,
        description="Training days, cycled through the weeks.",
    )
    exercises: dict[ExerciseId, ExerciseEntry] = Field(
        default={},
        max_length=MAX_PLAN_EXERCISES,
        description="Exercises defined or overridden in this plan, by id.",
    )

    @property
    def training_days(self) -> int:
        """Training days a week: as the plan says, or one per session."""
        return self.days_per_week or len(self.sessions)

    # Set by the loader: the exercises the sessions use, by id, in order of first use.
    _resolved: dict[str, Exercise] = PrivateAttr(default_factory=dict)

    @property
    def used_exercises(self) -> dict[str, Exercise]:
        """The exercises the plan's sessions use, by id, in order of first use."""
        return dict(self._resolved)

    def exercise(self, prescription: Prescription) -> Exercise:
        """The exercise a prescription refers to."""
        return self._resolved[prescription.exercise]

    def with_exercises(self, sessions: list[Session], used: dict[str, Exercise]) -> Plan:
        """A copy whose sessions refer to exercises by id, with those exercises attached."""
        plan = self.model_copy(update={"sessions": sessions})
        plan._resolved = dict(used)
        return plan


class Library(BaseModel):
    """The exercise library file: ids to exercises."""

    model_config = ConfigDict(frozen=True)

    exercises: dict[ExerciseId, Exercise]
