"""Deadlines on the recruiting office's clock: the whole deadline minute counts, and Tokyo sees
the same instant on its own clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kakehashi.recruitment import Deadline, is_open

HONOLULU_SEA = Deadline(datetime(2024, 4, 5, 23, 59), "Pacific/Honolulu")
TOKYO = ZoneInfo("Asia/Tokyo")


def test_an_sea_deadline_of_23_59_in_honolulu_is_18_59_next_day_in_tokyo() -> None:
    shown = HONOLULU_SEA.in_zone("Asia/Tokyo")
    assert (shown.year, shown.month, shown.day, shown.hour, shown.minute) == (2024, 4, 6, 18, 59)
    assert shown.tzname() == "JST"


def test_one_minute_before_the_honolulu_deadline_is_accepted() -> None:
    assert is_open(HONOLULU_SEA, datetime(2024, 4, 6, 18, 58, tzinfo=TOKYO))


def test_one_minute_after_the_honolulu_deadline_is_refused() -> None:
    assert not is_open(HONOLULU_SEA, datetime(2024, 4, 6, 19, 0, tzinfo=TOKYO))


def test_the_whole_deadline_minute_is_accepted_to_the_last_millisecond() -> None:
    last = datetime(2024, 4, 5, 23, 59, 59, 999000, tzinfo=ZoneInfo("Pacific/Honolulu"))
    assert is_open(HONOLULU_SEA, last)
    assert not is_open(HONOLULU_SEA, last + timedelta(milliseconds=1))


def test_the_deadline_is_labelled_on_the_offices_clock() -> None:
    assert HONOLULU_SEA.label() == "2024-04-05 23:59 HST (Pacific/Honolulu)"


def test_the_zone_of_now_does_not_matter_only_the_instant() -> None:
    instant = datetime(2024, 4, 6, 9, 58, 30, tzinfo=UTC)
    for zone in ("UTC", "Asia/Tokyo", "America/New_York", "Pacific/Honolulu"):
        assert is_open(HONOLULU_SEA, instant.astimezone(ZoneInfo(zone)))


def test_a_naive_now_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match="time zone"):
        is_open(HONOLULU_SEA, datetime(2024, 4, 5, 23, 0))


def test_a_deadline_with_seconds_or_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="whole minute"):
        Deadline(datetime(2024, 4, 5, 23, 59, 30), "Pacific/Honolulu")
    with pytest.raises(ValueError, match="IANA"):
        Deadline(datetime(2024, 4, 5, 23, 59), "Hawaii/Honolulu")
    with pytest.raises(ValueError, match="naive"):
        Deadline(datetime(2024, 4, 5, 23, 59, tzinfo=UTC), "Pacific/Honolulu")


def test_a_deadline_at_a_minute_that_happens_twice_takes_the_later_one() -> None:
    # New York's clocks go back at 02:00 on 2024-11-03, so 01:30 happens at 05:30 and 06:30 UTC.
    deadline = Deadline(datetime(2024, 11, 3, 1, 30), "America/New_York")
    assert deadline.last_minute_utc == datetime(2024, 11, 3, 6, 30, tzinfo=UTC)


def test_a_deadline_at_a_minute_that_never_happens_takes_the_later_reading() -> None:
    # On 2024-03-10 New York skips from 02:00 to 03:00; 02:30 is read as EST, i.e. 03:30 EDT.
    deadline = Deadline(datetime(2024, 3, 10, 2, 30), "America/New_York")
    assert deadline.last_minute_utc == datetime(2024, 3, 10, 7, 30, tzinfo=UTC)


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_a_submission_is_accepted_exactly_when_it_is_before_the_minute_after_the_deadline(seconds: int) -> None:
    closes = datetime(2024, 4, 6, 10, 0, tzinfo=UTC)  # 00:00 HST on 6 April, the minute after 23:59
    now = closes + timedelta(seconds=seconds)
    assert is_open(HONOLULU_SEA, now) == (seconds < 0)
