"""The one table of days: a date's day key and its Japanese name come from the same row."""

from __future__ import annotations

import datetime as dt

from kakehashi.timetable.instance import ALL_DAYS, weekday_ja


def test_a_week_of_dates_gets_its_days_and_japanese_names_in_calendar_order() -> None:
    monday = dt.date(2026, 6, 1)  # a Monday
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    assert [ALL_DAYS[date.weekday()] for date in week] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert "".join(weekday_ja(date) for date in week) == "月火水木金土日"

