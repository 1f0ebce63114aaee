"""The secrets in participants' calendar subscription URLs: issued, revoked, and whether a feed may answer.
The feed itself (its lessons and trips) is a page, pages/people/calendar.py."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from kakehashi.web.people.models import CalendarToken, Participant


@transaction.atomic
def calendar_token_issue(*, participant: Participant) -> CalendarToken:
    """A new secret for the participant's feed; every earlier one stops working."""
    calendar_token_revoke(participant=participant)
    return CalendarToken.objects.create(participant=participant, token=secrets.token_urlsafe(32))


def calendar_token_revoke(*, participant: Participant) -> None:
    for token in participant.calendar_tokens.filter(revoked_at__isnull=True):
        token.revoked_at = timezone.now()
        token.save()


def feed_may_answer(participant: Participant) -> bool:
    """A feed answers only for a participant whose account is active (a deactivated account's feed stops even
    if its link was not revoked) and whose data has not been anonymized."""
    account_off = participant.user is not None and not participant.user.is_active
    return not account_off and participant.anonymized_at is None


def revoke_feeds_of_deactivated(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save of the user model: an account switched off takes its calendar links with it, so switching it
    back on later does not bring an old link back to life."""
    if instance.is_active or kwargs.get("raw"):
        return
    for participant in Participant.objects.filter(user=instance):
        calendar_token_revoke(participant=participant)
