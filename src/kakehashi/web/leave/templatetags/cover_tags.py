"""Template filters for a cover's words (see leave/cover_words.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from kakehashi.web.leave.cover_words import lesson_words, reasons_in_words, school_words
from kakehashi.web.leave.fill_tables import duration_words, share_words

register = template.Library()


@register.filter
def reasons_words(row: Mapping[str, Any]) -> list[str]:
    """A proposal's lesson → why it has no ALT, a sentence a reason."""
    return reasons_in_words(row)


@register.filter
def lesson_in_words(row: Mapping[str, Any]) -> str:
    return lesson_words(row)


@register.filter
def school_in_words(row: Mapping[str, Any]) -> str:
    """A proposal's lesson → its school's name in the reader's language (長野郷中学校 to a reader of Japanese)."""
    return school_words(row)


@register.filter
def lessons_left(needed: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The lessons of a proposal no one takes."""
    return [row for row in needed if not row.get("substitute")]


@register.filter
def share(value: float | None) -> str:
    """A fill rate as a percentage (— when there was nothing to fill)."""
    return share_words(value)


@register.filter
def wait(hours: float | None) -> str:
    """How long filling a day took, in minutes, hours or days."""
    return duration_words(hours)
