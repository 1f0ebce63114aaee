"""Small helpers the duty pages share: who the participant is, and an error said in one line."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone

from kakehashi.web.accounts.scope import own_participant
from kakehashi.web.people.models import Participant


def participant_of(request: HttpRequest) -> Participant:
    """The user's own participant record; a user without one has no such page (404)."""
    participant = own_participant(request.user)
    if participant is None:
        raise Http404
    return participant


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def requested_day(text: str | None) -> dt.date:
    """`2026-11-16` → that date; nothing → today; anything else is no page (404)."""
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise Http404 from error
