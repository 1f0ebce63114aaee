"""Requests arrive in the inbox however they are filed: a school's change request and an SEA request each
become an item when they are first saved (the filing code stays the one place that routes them)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from kakehashi.web.inbox.services import inbox_receive_change_request, inbox_receive_sea_request
from kakehashi.web.recruitment.models import SeaRequest
from kakehashi.web.schools.models import ChangeRequest


@receiver(post_save, sender=ChangeRequest, dispatch_uid="inbox-change-request")
def change_request_arrives(sender: Any, instance: ChangeRequest, created: bool, raw: bool = False, **_: Any) -> None:
    if created and not raw:
        inbox_receive_change_request(instance)


@receiver(post_save, sender=SeaRequest, dispatch_uid="inbox-sea-request")
def sea_request_arrives(sender: Any, instance: SeaRequest, created: bool, raw: bool = False, **_: Any) -> None:
    if created and not raw:
        inbox_receive_sea_request(instance)
