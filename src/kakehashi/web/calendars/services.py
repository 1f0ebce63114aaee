"""Writes about school events made from pages (imports have their own module, imports.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from kakehashi.web.calendars.models import Event


@transaction.atomic
def event_rained_out(*, event: Event, moved_to: dt.date) -> Event:
    """The event now happens on `moved_to` alone. Its compensatory day is not stored: the core computes it
    from the new date wherever the calendar is read, so it follows the move by itself."""
    event.starts = event.ends = moved_to
    event.full_clean()
    event.save()
    return event
