"""The school year's calendar: national holidays (checked against the Cabinet Office list), terms and
vacations, school events, and the compensatory weekday of a weekend event."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kakehashi.schoolyear import DayKind, EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.schoolyear.holidays import national_holidays, working_days

CABINET_OFFICE_LIST = Path(__file__).resolve().parents[3] / "shared" / "data" / "holidays" / "syukujitsu.csv"


def cabinet_office_holidays() -> dict[dt.date, str]:
    rows = CABINET_OFFICE_LIST.read_text(encoding="utf-8").splitlines()[1:]
    found = {}
    for day, name in csv.reader(rows):
        year, month, date = (int(part) for part in day.split("/"))
        found[dt.date(year, month, date)] = name
    return found


@pytest.mark.skipif(not CABINET_OFFICE_LIST.exists(), reason="../shared/data is not beside the checkout")
def test_the_national_holidays_agree_with_the_cabinet_office_list_on_every_date_from_2016() -> None:
    official = {day: name for day, name in cabinet_office_holidays().items() if day.year >= 2016}
    assert set(national_holidays(dt.date(2016, 1, 1), max(official))) == set(official)


def test_golden_week_2026_leaves_two_working_days_between_showa_day_and_childrens_day() -> None:
    # 4/29 昭和の日 (Wed), 5/3 憲法記念日 (Sun) → 5/6 振替休日, 5/4 みどりの日, 5/5 こどもの日.
    assert working_days(dt.date(2026, 4, 29), dt.date(2026, 5, 6)) == [dt.date(2026, 4, 30), dt.date(2026, 5, 1)]
    assert national_holidays(dt.date(2026, 5, 6), dt.date(2026, 5, 6)) == {dt.date(2026, 5, 6): "振替休日"}


def test_the_2026_school_year_is_reiwa_8_and_runs_april_to_march() -> None:
    year = SchoolYear(2026)
    assert (year.starts, year.ends, year.label_ja) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31), "令和8年度")
    assert SchoolYear(2019).label_ja == "令和元年度"
    assert SchoolYear.of(dt.date(2027, 2, 1)) == 2026


def test_golden_week_marine_day_and_the_citizens_holiday_of_2026_have_no_lessons() -> None:
    calendar = SchoolCalendar(SchoolYear(2026))
    for date, name in (
        (dt.date(2026, 4, 29), "昭和の日"),
        (dt.date(2026, 5, 4), "みどりの日"),
        (dt.date(2026, 5, 6), "振替休日"),
        (dt.date(2026, 7, 20), "海の日"),
        (dt.date(2026, 9, 22), "国民の休日"),
    ):
        day = calendar.day(date)
        assert (day.kind, day.reason) == (DayKind.HOLIDAY, name)
    assert calendar.day(dt.date(2026, 5, 7)).kind == DayKind.LESSONS
    assert calendar.day(dt.date(2026, 8, 5)).kind == DayKind.VACATION


def test_a_saturday_sports_day_gives_the_following_monday_off_and_moves_when_rained_out() -> None:
    year = SchoolYear(2026)
    sports = SchoolEvent(EventKind.SPORTS_DAY, "運動会", dt.date(2026, 5, 16), dt.date(2026, 5, 16), school="S001")
    calendar = SchoolCalendar(year, [sports], school="S001")
    assert calendar.day(dt.date(2026, 5, 16)).kind == DayKind.EVENT
    assert calendar.day(dt.date(2026, 5, 18)).kind == DayKind.COMPENSATORY
    assert SchoolCalendar(year, [sports], school="S002").day(dt.date(2026, 5, 18)).kind == DayKind.LESSONS
    rained = calendar.events[0].rained_out(dt.date(2026, 5, 23), calendar._regular_school_day)
    moved = SchoolCalendar(year, [rained], school="S001")
    assert moved.day(dt.date(2026, 5, 18)).kind == DayKind.LESSONS
    assert moved.day(dt.date(2026, 5, 25)).kind == DayKind.COMPENSATORY


def test_a_weekend_event_before_a_monday_holiday_gives_tuesday_off() -> None:
    # 2026-09-19 is a Saturday; Monday 21 and Tuesday 22 and Wednesday 23 are holidays: Thursday 24 is off.
    event = SchoolEvent(EventKind.CULTURE_FESTIVAL, "文化祭", dt.date(2026, 9, 19), dt.date(2026, 9, 19))
    calendar = SchoolCalendar(SchoolYear(2026), [event])
    assert calendar.events[0].compensatory == dt.date(2026, 9, 24)


def test_test_weeks_and_shortened_days() -> None:
    test = SchoolEvent(EventKind.TEST, "期末テスト", dt.date(2026, 6, 29), dt.date(2026, 7, 1))
    short = SchoolEvent(EventKind.SHORTENED, "短縮日課", dt.date(2026, 7, 2), dt.date(2026, 7, 2), bells="short")
    calendar = SchoolCalendar(SchoolYear(2026), [test, short])
    assert calendar.day(dt.date(2026, 6, 30)).kind == DayKind.EVENT
    assert calendar.day(dt.date(2026, 7, 2)).kind == DayKind.SHORTENED and calendar.day(dt.date(2026, 7, 2)).has_lessons


def test_an_event_that_ends_before_it_starts_is_refused_in_both_languages() -> None:
    with pytest.raises(ValueError, match=r"ends .* before it starts .* 行事の終了日が開始日より前です"):
        SchoolEvent(EventKind.CLOSURE, "x", dt.date(2026, 5, 2), dt.date(2026, 5, 1))


def test_a_weekend_event_of_a_later_school_year_does_not_disturb_this_years_calendar() -> None:
    import datetime as dt

    from kakehashi.schoolyear import EventKind, SchoolCalendar, SchoolEvent, SchoolYear

    later = SchoolEvent(EventKind.SPORTS_DAY, "運動会", dt.date(2027, 5, 22), dt.date(2027, 5, 22), school="S1")
    calendar = SchoolCalendar(SchoolYear(2026), [later], school="S1")
    assert calendar.events == [] and calendar.day(dt.date(2026, 5, 25)).kind == "lessons"
    next_year = SchoolCalendar(SchoolYear(2027), [later], school="S1")
    assert next_year.day(dt.date(2027, 5, 24)).kind == "compensatory"
