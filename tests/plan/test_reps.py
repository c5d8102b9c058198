"""Rep targets (pdfgen.plan.reps.parse_reps): the edges beyond the doctests."""

from __future__ import annotations

import pytest

from pdfgen.plan.reps import HELP, MAX_REPS, MAX_SECONDS, RepsError, RepTarget, parse_reps

SECONDS = {"unit": "seconds", "shown": "s"}


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
        ("30s", RepTarget(30, 30, **SECONDS), "30 s"),
        ("30 s", RepTarget(30, 30, **SECONDS), "30 s"),
        ("30-45 s", RepTarget(30, 45, **SECONDS), "30–45 s"),
        ("30–45s", RepTarget(30, 45, **SECONDS), "30–45 s"),
        ("600s", RepTarget(600, 600, **SECONDS), "600 s"),
        ("10/side", RepTarget(10, 10, per_side=True), "10 / side"),
        ("8-10/side", RepTarget(8, 10, per_side=True), "8–10 / side"),
        ("8-10 / side", RepTarget(8, 10, per_side=True), "8–10 / side"),
        ("10 per side", RepTarget(10, 10, per_side=True), "10 / side"),
        ("10 each leg", RepTarget(10, 10, per_side=True), "10 / side"),
        ("10/ARM", RepTarget(10, 10, per_side=True), "10 / side"),
        ("30s/side", RepTarget(30, 30, per_side=True, **SECONDS), "30 s / side"),
        ("AMRAP", RepTarget(0, 0, amrap=True), "AMRAP"),
        ("amrap", RepTarget(0, 0, amrap=True), "AMRAP"),
        ("max", RepTarget(0, 0, amrap=True), "AMRAP"),
        ("Max", RepTarget(0, 0, amrap=True), "AMRAP"),
        ("  12  ", RepTarget(12, 12), "12"),
        ("\t8-10\n", RepTarget(8, 10), "8–10"),
        (" AMRAP ", RepTarget(0, 0, amrap=True), "AMRAP"),
        # At least a number, then as many as possible (5/3/1's 5+, GZCLP's last set).
        ("5+", RepTarget(5, 5, amrap=True), "5+"),
        ("1+", RepTarget(1, 1, amrap=True), "1+"),
        ("15 +", RepTarget(15, 15, amrap=True), "15+"),
        ("12 reps", RepTarget(12, 12), "12"),
        # Times in minutes and hours (kept in seconds), distances (kept in metres).
        ("20 min", RepTarget(1200, 1200, "seconds", shown="min"), "20 min"),
        ("2.5 min", RepTarget(150, 150, "seconds", shown="min"), "2.5 min"),
        ("20-30 minutes", RepTarget(1200, 1800, "seconds", shown="min"), "20–30 min"),
        ("1 h", RepTarget(3600, 3600, "seconds", shown="h"), "1 h"),
        ("400 m", RepTarget(400, 400, "metres", shown="m"), "400 m"),
        ("5 km", RepTarget(5000, 5000, "metres", shown="km"), "5 km"),
        ("1,5 km", RepTarget(1500, 1500, "metres", shown="km"), "1.5 km"),
        (MAX_REPS, RepTarget(MAX_REPS, MAX_REPS), "100"),
    ],
)
def test_parse(written: int | str, target: RepTarget, printed: str) -> None:
    assert parse_reps(written) == target
    assert str(parse_reps(written)) == printed


@pytest.mark.parametrize("written", ["30 sec", "30 secs", "45 seconds", "1 second"])
def test_seconds_spelt_out(written: str) -> None:
    assert parse_reps(written).unit == "seconds"


LONG = (
    "601 seconds is more than the 600 a timed set can hold; a longer effort is written in "
    "minutes ('10 min')."
)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (101, "101 reps is more than the 100 a set can hold."),
        ("101", "101 reps is more than the 100 a set can hold."),
        ("8-101", "101 reps is more than the 100 a set can hold."),
        ("101/side", "101 reps is more than the 100 a set can hold."),
        ("601s", LONG),
        ("601 s", LONG),
        ("30-601s", LONG),
        ("301 min", "301 minutes is more than the 5 hours pdfgen plans."),
        ("101 km", "101 km is more than the 100 km pdfgen plans."),
        ("5-8+", "'5-8+': write an AMRAP with its minimum as one number, like '5+'."),
        ("12.5", "12.5 is not a whole number of reps."),
        ("99999", "99999 reps is more than the 100 a set can hold."),
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
    """Each message says what is wrong with the target, in its own terms."""
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
        "1e2",
        "AMRAP/side",
        "10/side s",
        "5 parsecs",
    ],
)
def test_unreadable(written: object) -> None:
    with pytest.raises(RepsError) as exc:
        parse_reps(written)  # type: ignore[arg-type]
    assert str(exc.value) == HELP


@pytest.mark.parametrize("written", ["12x3", "3x12", "3 × 8"])
def test_sets_times_reps_in_reps_says_where_it_goes(written: str) -> None:
    with pytest.raises(RepsError) as exc:
        parse_reps(written)
    assert str(exc.value) == (
        f"'{written}' is sets × reps: write it as `sets: {written}`, or give sets and reps apart."
    )


def test_a_reps_error_is_a_value_error() -> None:
    # Schema validation turns ValueError into a located message; RepsError must be one.
    assert issubclass(RepsError, ValueError)


def test_a_backwards_range_never_suggests_an_invalid_one() -> None:
    with pytest.raises(RepsError) as exc:
        parse_reps("5-0")
    assert "(0-5)" not in str(exc.value)
