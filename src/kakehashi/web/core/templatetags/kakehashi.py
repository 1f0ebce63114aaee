from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS, DAY_NAMES_JA
from kakehashi.web.core import dates

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    value = mapping.get(key, "")
    return ", ".join(map(str, value)) if isinstance(value, list) else value


@register.filter
def make_list_words(text: str) -> list[str]:
    return text.split()


@register.filter
def weekday(day: str) -> str:
    """`mon` → "Mon", or 月 in Japanese (the core's table of day names)."""
    if day not in ALL_DAYS:
        return day
    return DAY_NAMES_JA[day] if (get_language() or "").startswith("ja") else day.title()


@register.simple_tag
def names(obj: Any) -> Any:
    """An object's name in the reader's language only (中央小学校, or Chuo Elementary School), the other name
    a hover away in its title: one language at a time on the page."""
    from django.utils.html import format_html

    english, japanese = getattr(obj, "name", ""), getattr(obj, "name_ja", "") or ""
    first, second = (japanese, english) if japanese and (get_language() or "").startswith("ja") else (english, japanese)
    if not second:
        return first
    return format_html('<span title="{}">{}</span>', second, first)


@register.filter(name="day")
def day_filter(value: dt.date | None) -> str:
    """{{ date|day }}: 2026年11月30日（月） or Mon 30 Nov 2026, as the reader's language writes it."""
    return dates.day(value)


@register.filter(name="day_short")
def day_short_filter(value: dt.date | None) -> str:
    """{{ date|day_short }}: 11月30日（月） or Mon 30 Nov, for a day of a week or month already named."""
    return dates.day_short(value)


@register.filter(name="when")
def when_filter(value: dt.datetime | None) -> str:
    """{{ moment|when }}: 2026年11月30日（月） 14:05 or Mon 30 Nov 2026 14:05."""
    return dates.when(value)


@register.filter(name="month")
def month_filter(value: dt.date | None) -> str:
    """{{ date|month }}: 2026年11月 or November 2026."""
    return dates.month(value)


_HAND_EDITED = re.compile(r"A hand-edited copy of version (\d+)\.")


@register.filter
def explained(sentence: str) -> str:
    """A stored sentence about a timetable version in the reader's language, when the platform wrote it (a
    hand-edited copy); the solver's own sentences stay as the solver wrote them (English)."""
    copied = _HAND_EDITED.fullmatch(sentence)
    if copied:
        return _("A hand-edited copy of version %(n)s.") % {"n": copied[1]}
    if sentence == "Empty.":
        return _("Empty.")
    return sentence


@register.filter
def school_year(year: Any) -> str:
    """{{ year|school_year }}: 令和8年度（2026年度）, or School year 2026-27 to a reader of English."""
    if (get_language() or "").startswith("ja"):
        return f"{year.label_ja}（{year.year}年度）"
    return _("School year %(first)s-%(second)s") % {"first": year.year, "second": f"{(year.year + 1) % 100:02d}"}
