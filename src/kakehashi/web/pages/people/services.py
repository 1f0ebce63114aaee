"""Writes about participants made from pages (imports have their own module, imports.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kakehashi.web.core.locking import lock
from kakehashi.web.pages.people.forms import ParticipantForm, record_version
from kakehashi.web.people.models import Participant


class ParticipantChangedError(ValidationError):
    """The record was saved by someone else since the form was shown; nothing of this edit was saved."""


@transaction.atomic
def participant_update(*, form: ParticipantForm) -> Participant:
    # Two stale forms must not silently overwrite each other: the second finds the record changed.
    current = lock(Participant.objects.get(pk=form.instance.pk))
    seen = form.cleaned_data.get("seen")
    if seen and seen != record_version(current):
        raise ParticipantChangedError(
            _(
                "Someone saved this participant after you opened the form, so your changes were "
                "not saved. Reload the page to see theirs."
            )
        )
    participant: Participant = form.save()
    return participant
