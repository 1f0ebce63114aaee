"""The calendars app's template filter. It lives here, not in core's tags, so core needs no domain app; the
settings make it a builtin, so every page may use it without loading it."""

from __future__ import annotations

from django import template

from kakehashi.web.calendars.words import reason as worded

register = template.Library()


@register.filter
def reason(text: str) -> str:
    """{{ skipped.reason|reason }}: why a day has no lessons, in the reader's language (calendars/words.py)."""
    return worded(str(text))
