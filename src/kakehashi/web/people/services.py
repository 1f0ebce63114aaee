"""Writes about participants made from pages (imports have their own module, imports.py)."""

from __future__ import annotations

from django.db import transaction

from kakehashi.web.people.forms import ParticipantForm
from kakehashi.web.people.models import Participant


@transaction.atomic
def participant_update(*, form: ParticipantForm) -> Participant:
    participant: Participant = form.save()
    return participant
