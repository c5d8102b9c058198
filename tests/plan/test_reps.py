"""Rep targets (pdfgen.plan.reps.parse_reps): the edges beyond the doctests."""

from __future__ import annotations

import pytest

from pdfgen.plan.reps import MAX_REPS, MAX_SECONDS, RepsError, RepTarget, parse_reps

HELP = "write reps as a number (12), a range (6-8), AMRAP, seconds (30s) or per side (10/side)."


@pytest.mark.parametrize(
    ("written", "target", "printed"),
    [
        (12, RepTarget(12, 12), "12"),
        ("12", RepTarget(12, 12), "12"),
        ("6-8", RepTarget(6, 8), "6–8"),
        ("6–8", RepTarget(6, 8), "6–8"),  # en dash, as word processors write it
        ("6—8", RepTarget(6, 8), "6–8"),  # em dash
        ("6 – 8", RepTarget(6, 8), "6–8"),
        ("6 to 8", RepTarget(6, 8), "6–8"),
        ("8-8", RepTarget(8, 8), "8"),
        ("1-100", RepTarget(1, 100), "1–100"),
        ("30s", RepTarget(30, 30, "seconds"), "30 s"),
        ("30 s", RepTarget(30, 30, "seconds"), "30 s"),
        ("30-45 s", RepTarget(30, 45, "seconds"), "30–45 s"),
        ("30–45s", RepTarget(30, 45, "seconds"), "30–45 s"),
        ("600s", RepTarget(600, 600, "seconds"), "600 s"),
        ("10/side", RepTarget(10, 10, per_side=True), "10 / side"),
        ("8-10/side", RepTarget(8, 10, per_side=True), "8–10 / side"),
        ("8-10 / side", RepTarget(8, 10, per_side=True), "8–10 / side"),
        ("10 per side", RepTarget(10, 10, per_side=True), "10 / side"),
        ("10 each leg", RepTarget(10, 10, per_side=True), "10 / side"),
        ("10/ARM", RepTarget(10, 10, per_side=True), "10 / side"),
        ("30s/side", RepTarget(30, 30, "seconds", per_side=True), "30 s / side"),
        ("AMRAP", RepTarget(1, MAX_REPS, amrap=True), "AMRAP"),
        ("amrap", RepTarget(1, MAX_REPS, amrap=True), "AMRAP"),
        ("max", RepTarget(1, MAX_REPS, amrap=True), "AMRAP"),
        ("Max", RepTarget(1, MAX_REPS, amrap=True), "AMRAP"),
        ("  12  ", RepTarget(12, 12), "12"),
        ("\t8-10\n", RepTarget(8, 10), "8–10"),
        (" AMRAP ", RepTarget(1, MAX_REPS, amrap=True), "AMRAP"),
        (MAX_REPS, RepTarget(MAX_REPS, MAX_REPS), "100"),
    ],
)
def test_parse(written: int | str, target: RepTarget, printed: str) -> None:
    assert parse_reps(written) == target
    assert str(parse_reps(written)) == printed


@pytest.mark.parametrize("written", ["30 sec", "30 secs", "45 seconds", "1 second"])
def test_seconds_spelt_out(written: str) -> None:
    assert parse_reps(written).unit == "seconds"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (101, "101 reps is more than the 100 a set can hold."),
        ("101", "101 reps is more than the 100 a set can hold."),
        ("8-101", "101 reps is more than the 100 a set can hold."),
        ("101/side", "101 reps is more than the 100 a set can hold."),
        ("601s", "601 seconds is more than the 600 a set can hold."),
        ("601 s", "601 seconds is more than the 600 a set can hold."),
        ("30-601s", "601 seconds is more than the 600 a set can hold."),
        ("0", "a rep target must be at least 1."),
        (0, "a rep target must be at least 1."),
        ("0-5", "a rep target must be at least 1."),
        ("0s", "a rep target must be at least 1."),
        ("12-8", "the range 12-8 runs backwards; write the low number first (8-12)."),
        ("12–8", "the range 12-8 runs backwards; write the low number first (8-12)."),
        ("45-30 s", "the range 45-30 runs backwards; write the low number first (30-45)."),
    ],
)
def test_out_of_range(written: int | str, message: str) -> None:
    with pytest.raises(RepsError) as exc:
        parse_reps(written)
    assert str(exc.value) == message


def test_the_limits_are_what_the_messages_say() -> None:
    assert (MAX_REPS, MAX_SECONDS) == (100, 600)
    assert parse_reps(f"{MAX_SECONDS}s").high == MAX_SECONDS
    with pytest.raises(RepsError):
        parse_reps(f"{MAX_REPS + 1}")


@pytest.mark.parametrize(
    "written",
    [
        True,
        False,
        None,
        12.0,
        3.5,
        [12],
        "",
        "   ",
        "abc",
        "-3",
        "6-",
        "6--8",
        "12.5",
        "1e2",
        "12 reps",
        "12x3",
        "3x12",
        "AMRAP/side",
        "10/side s",
        "99999",
    ],
)
def test_unreadable(written: object) -> None:
    with pytest.raises(RepsError) as exc:
        parse_reps(written)  # type: ignore[arg-type]
    assert str(exc.value) == HELP


def test_a_reps_error_is_a_value_error() -> None:
    # Schema validation turns ValueError into a located message; RepsError must be one.
    assert issubclass(RepsError, ValueError)


def test_a_backwards_range_never_suggests_an_invalid_one() -> None:
    with pytest.raises(RepsError) as exc:
        parse_reps("5-0")
    assert "(0-5)" not in str(exc.value)
