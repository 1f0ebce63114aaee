"""The day a duty page is about, from its address."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone


def requested_day(text: str | None) -> dt.date:
    """`2026-11-16` → that date; nothing → today; anything else is no page (404)."""
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise Http404 from error
