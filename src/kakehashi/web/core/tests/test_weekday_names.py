"""Pages name a day from the core's table: Mon in English, 月 in Japanese."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

DAYS = Template("{% load kakehashi %}{% for d in days %}{{ d|weekday }} {% endfor %}")


def rendered(language: str) -> list[str]:
    with translation.override(language):
        return DAYS.render(Context({"days": ["mon", "sat", "sun", "default"]})).split()


def test_a_day_is_written_short_in_english_and_as_its_kanji_in_japanese() -> None:
    assert rendered("en") == ["Mon", "Sat", "Sun", "default"]
    assert rendered("ja") == ["月", "土", "日", "default"]
