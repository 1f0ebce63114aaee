"""A school's events of a year are a list like the others: sorted by date either way, filtered by kind and
words, and downloaded as CSV and Excel with each weekend event's compensatory day off."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.calendars.models import Event
from kakehashi.web.core.tests.test_lists import csv_text, in_order, workbook_rows
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _events(school: Any) -> str:
    Event.objects.create(school=school, kind="sports_day", name="運動会", starts=dt.date(2026, 5, 23),
                         ends=dt.date(2026, 5, 23))  # a Saturday: Monday 25 May is off
    Event.objects.create(school=school, kind="test", name="中間テスト", starts=dt.date(2026, 6, 24),
                         ends=dt.date(2026, 6, 25))
    return f"/year/schools/{school.code}/events/?year=2026"


def test_a_schools_events_sort_by_date_both_ways(world: Any) -> None:
    north, _, _ = world
    url = _events(north.schools[0])
    page = signed_in(north.users["coordinator"])
    assert in_order(page.get(url).content.decode(), "運動会", "中間テスト")
    assert in_order(page.get(url + "&sort=-starts").content.decode(), "中間テスト", "運動会")


def test_a_schools_events_filter_by_kind_and_words(world: Any) -> None:
    north, _, _ = world
    url = _events(north.schools[0])
    page = signed_in(north.users["coordinator"])
    tests = page.get(url + "&kind=test").content.decode()
    assert "中間テスト" in tests and "運動会" not in tests
    assert "中間テスト" not in page.get(url + "&words=運動").content.decode()


def test_a_schools_events_download_with_the_compensatory_day(world: Any) -> None:
    north, _, _ = world
    url = _events(north.schools[0])
    page = signed_in(north.users["coordinator"])
    rows = workbook_rows(page.get(url + "&export=xlsx", HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0] == ["date", "last day", "kind", "name", "compensatory day off"]
    sports = next(row for row in rows if row[3] == "運動会")
    assert sports[4] is not None and sports[4].date() == dt.date(2026, 5, 25)
    assert "中間テスト" in csv_text(page.get(url + "&export=csv"))
