"""Reporting a view of someone's personal data, from any page that shows it.

The log itself is the privacy app's (privacy/access.py): its model points at applicants and participants, and
the app reads every app's personal data for exports, so it sits above the apps whose pages report here. A
signal carries the report up; the privacy app listens from the moment it starts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

# Sent with viewer, what, participant and applicant (the last two: one of them, the other None).
personal_data_viewed = Signal()


def record_view(viewer: Any, what: str, *, participant: Any = None, applicant: Any = None) -> None:
    """Log that `viewer` saw `what` of a participant's or applicant's data; looking at one's own is not logged."""
    if not personal_data_viewed.has_listeners():
        # A view that nobody logs would pass unnoticed: refuse rather than lose the record.
        raise ImproperlyConfigured("The privacy app is not installed: no one keeps the log of personal data views.")
    personal_data_viewed.send(sender=None, viewer=viewer, what=what, participant=participant, applicant=applicant)
