"""An exercise as the library and a plan's `exercises:` state it: the description a client reads
in the guide (what it trains, set-up, steps, cues, mistakes, safety) and the names people write.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, PlainValidator, PrivateAttr, WithJsonSchema

from pdfgen.errors import shown
from pdfgen.io.fields import Name, Note, Paragraph, Strict, text
from pdfgen.io.pictures import Picture
from pdfgen.plan.limits import Kind

ExerciseId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]


MAX_URL = 500
# A host name: labels of letters (any script), digits and inner hyphens, joined by dots; or an
# IPv6 address (urlsplit drops its brackets).
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?|[0-9a-f.]*:[0-9a-f:.]*")


def _http_url(value: Any) -> str:
    """A web address a phone can open from the printed QR code: http or https, a host, no
    spaces or control characters, no user name or password, at most 500 characters.

    >>> _http_url("https://www.youtube.com/watch?v=abc")
    'https://www.youtube.com/watch?v=abc'
    >>> _http_url("javascript:alert(1)")
    Traceback (most recent call last):
    ValueError: 'javascript:alert(1)' is not a web address: a video link starts with http:// or https://.
    """
    if not isinstance(value, str):
        raise ValueError("write a web address here, like https://www.youtube.com/watch?v=...")
    url: str = value.strip()
    if len(url) > MAX_URL:
        raise ValueError(
            f"is {len(url):,} characters long; a web address may have at most {MAX_URL}."
        )
    if any(c.isspace() or not c.isprintable() for c in url):
        raise ValueError(
            f"{shown(url)} has a space or an invisible character; write the web address "
            "exactly as the browser shows it (a space is %20)."
        )
    scheme, sep, _ = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise ValueError(
            f"{shown(url)} is not a web address: a video link starts with http:// or https://."
        )
    try:
        parts = urlsplit(url)
        host, user, _ = parts.hostname, parts.username, parts.port  # a bad port raises
    except ValueError:
        host, user = None, None
    if user is not None:
        raise ValueError(f"{shown(url)} has a user name or password in it; leave it out.")
    if not host or not _HOST.fullmatch(host):
        raise ValueError(
            f"{shown(url)} has no valid host name (or port) after {scheme}://; a video link "
            "looks like https://www.youtube.com/watch?v=..."
        )
    return url


Url = Annotated[str, PlainValidator(_http_url), WithJsonSchema({"type": "string", "format": "uri"})]


class ExerciseEntry(Strict):
    """An exercise as a plan's `exercises:` states it: a new exercise (which needs a `name`), or
    the fields that change in a library exercise of the same id."""

    name: Name | None = Field(default=None, description="The name printed in the booklet.")
    kind: Kind | None = Field(
        default=None,
        description="What kind of work it is, which decides what is logged and progressed: "
        "weighted (a load lifted for reps), bodyweight (reps; a load only when added on "
        "purpose), band (reps against a band), timed (held or done for a time), distance "
        "(covered for a distance and a time), carry (a load carried for a distance or time).",
    )
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
    image: Annotated[str, text(500)] | None = Field(
        default=None,
        description="A picture of the exercise (PNG or JPEG, beside the plan file), printed on "
        "its guide page.",
    )
    image_credit: Name | None = Field(
        default=None,
        description="Who made the picture: printed under it and on a credits page.",
    )


class Exercise(ExerciseEntry):
    """An exercise with the description a client reads in the guide."""

    name: Name = Field(description="The name printed in the booklet.")
    kind: Kind = Field(
        default="weighted", description="What kind of work it is (default: weighted)."
    )

    # Set when the plan loads: the picture, checked and decoded.
    _picture: Picture | None = PrivateAttr(default=None)

    def with_picture(self, picture: Picture) -> Exercise:
        """A copy with its picture, checked."""
        copy = self.model_copy()
        copy._picture = picture
        return copy

    @property
    def picture(self) -> Picture | None:
        """The exercise's picture, checked and decoded; None without one."""
        return self._picture

    @property
    def described(self) -> bool:
        """Whether the exercise has a description for a guide page of its own (more than a
        name: a plan's own exercise may state only that)."""
        return bool(self.summary or self.setup or self.steps or self.cues or self.safety)
