from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    value = mapping.get(key, "")
    return ", ".join(map(str, value)) if isinstance(value, list) else value


@register.filter
def make_list_words(text: str) -> list[str]:
    return text.split()


SHORT_DAYS = {
    "mon": _("Mon"),
    "tue": _("Tue"),
    "wed": _("Wed"),
    "thu": _("Thu"),
    "fri": _("Fri"),
    "sat": _("Sat"),
    "sun": _("Sun"),
}


@register.filter
def weekday(day: str) -> str:
    """`mon` → "Mon" (月 in Japanese)."""
    return str(SHORT_DAYS.get(day, day))


@register.simple_tag
def names(obj: Any) -> Any:
    """An object's name in the reader's language first, the other after it, muted: 中央小学校 Chuo Elementary School."""
    from django.utils.html import format_html
    from django.utils.translation import get_language

    english, japanese = getattr(obj, "name", ""), getattr(obj, "name_ja", "") or ""
    first, second = (japanese, english) if japanese and (get_language() or "").startswith("ja") else (english, japanese)
    if not second:
        return first
    return format_html('{} <span class="muted">{}</span>', first, second)
