"""The one table of days: a date's day key and its Japanese name come from the same row; and the one
conversion between the core's minutes after midnight and a time of day."""

from __future__ import annotations

import datetime as dt

from kakehashi.timetable.instance import ALL_DAYS, clock_minutes, clock_time, format_clock, weekday_ja


def test_a_week_of_dates_gets_its_days_and_japanese_names_in_calendar_order() -> None:
    monday = dt.date(2026, 6, 1)  # a Monday
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    assert [ALL_DAYS[date.weekday()] for date in week] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert "".join(weekday_ja(date) for date in week) == "月火水木金土日"



def test_every_minute_of_the_day_is_the_same_time_of_day_both_ways() -> None:
    # The web shows and stores bells and lessons as times of day; the core counts minutes after midnight.
    for minutes in range(24 * 60):
        time = clock_time(minutes)
        assert clock_minutes(time) == minutes and time.strftime("%H:%M") == format_clock(minutes)
