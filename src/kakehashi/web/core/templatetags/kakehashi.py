from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    value = mapping.get(key, "")
    return ", ".join(map(str, value)) if isinstance(value, list) else value


@register.filter
def make_list_words(text: str) -> list[str]:
    return text.split()
