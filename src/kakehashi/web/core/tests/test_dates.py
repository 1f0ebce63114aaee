"""One date style per language, the same on every page and document: 2026年11月30日（月） or Mon 30 Nov 2026."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from kakehashi.web.core import dates

MONDAY = dt.date(2026, 11, 30)
AFTERNOON = dt.datetime(2026, 11, 30, 5, 5, tzinfo=dt.UTC)  # 14:05 in Tokyo, the site's time zone


@pytest.mark.parametrize(
    ("language", "day", "short", "when", "month"),
    [
        ("ja", "2026年11月30日（月）", "11月30日（月）", "2026年11月30日（月） 14:05", "2026年11月"),
        ("en", "Mon 30 Nov 2026", "Mon 30 Nov", "Mon 30 Nov 2026 14:05", "November 2026"),
    ],
)
def test_each_language_writes_a_date_one_way(language: str, day: str, short: str, when: str, month: str) -> None:
    with translation.override(language):
        assert dates.day(MONDAY) == day
        assert dates.day_short(MONDAY) == short
        assert dates.when(AFTERNOON) == when
        assert dates.month(MONDAY) == month


@pytest.mark.parametrize(
    ("language", "shown"), [("ja", "2026年11月30日（月） · 11月30日（月）"), ("en", "Mon 30 Nov 2026 · Mon 30 Nov")]
)
def test_the_day_filters_need_no_load_and_follow_the_active_language(language: str, shown: str) -> None:
    template = Template("{{ d|day }} · {{ d|day_short }}")
    with translation.override(language):
        assert template.render(Context({"d": MONDAY})) == shown


def test_a_plain_date_on_a_page_is_written_the_same_way_not_in_iso() -> None:
    template = Template("{{ d }}")
    with translation.override("ja"):
        assert template.render(Context({"d": MONDAY})) == "2026年11月30日（月）"
    with translation.override("en"):
        assert template.render(Context({"d": MONDAY})) == "Mon 30 Nov 2026"


def test_nothing_is_shown_for_no_date() -> None:
    assert dates.day(None) == dates.when(None) == dates.month(None) == dates.day_short(None) == ""
