from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from kakehashi.timetable.instance import ALL_DAYS, DAY_NAMES_JA

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
    """An object's name in the reader's language first, the other after it, muted: 中央小学校 Chuo Elementary School."""
    from django.utils.html import format_html

    english, japanese = getattr(obj, "name", ""), getattr(obj, "name_ja", "") or ""
    first, second = (japanese, english) if japanese and (get_language() or "").startswith("ja") else (english, japanese)
    if not second:
        return first
    return format_html('{} <span class="muted">{}</span>', first, second)
