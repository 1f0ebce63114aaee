"""Writes for the inbox: a request arrives as an item; a person assigns it, answers it (the sender is told) and
closes it. Each step records who and when, on the item (its state now) and as an event (its story)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kakehashi.web.accounts.names import person_name
from kakehashi.web.inbox.models import InboxEvent, InboxItem
from kakehashi.web.inbox.selectors import assignable_people
from kakehashi.web.organizations.models import Contract
from kakehashi.web.recruitment.models import SeaRequest
from kakehashi.web.schools.models import ChangeRequest


class InboxRefusedError(ValueError):
    """A step the item's state does not allow, with the reason in words."""


def inbox_receive_change_request(request: ChangeRequest) -> InboxItem | None:
    """The school's request as an item of the program whose contract routed it (none without a contract)."""
    from kakehashi.web.schools.contracts import school_contract

    contract = school_contract(request.school, timezone.localdate())
    if contract is None:
        return None
    return InboxItem.objects.create(
        program=contract.program,
        kind=InboxItem.Kind.CHANGE_REQUEST,
        change_request=request,
        organization_id=request.school.organization_id,
        sent_by=request.author,
        routed_to=request.routed_to,
        outsourcing=contract.type == Contract.Type.OUTSOURCING,
    )


def inbox_receive_sea_request(request: SeaRequest) -> InboxItem:
    return InboxItem.objects.create(
        program=request.program,
        kind=InboxItem.Kind.SEA_REQUEST,
        sea_request=request,
        organization=request.organization,
        sent_by=request.filed_by,
    )


def _set_state(item: InboxItem, state: str, by: Any) -> None:
    item.state, item.state_by, item.state_at = state, by, timezone.now()


@transaction.atomic
def inbox_assign(*, item: InboxItem, to: Any, by: Any) -> InboxItem:
    if to.pk not in {person.pk for person in assignable_people(item.program)}:
        raise InboxRefusedError(_("Only the program's coordinators and responsible managers can take a request."))
    if item.state == InboxItem.State.CLOSED:
        raise InboxRefusedError(_("This request is closed; reopen it first."))
    item.assigned_to = to
    if item.state == InboxItem.State.NEW:
        _set_state(item, InboxItem.State.ASSIGNED, by)
    item.save()
    InboxEvent.objects.create(item=item, by=by, action=InboxEvent.Action.ASSIGNED, to=to)
    return item


def _answer_notice(item: InboxItem, text: str, by: Any) -> tuple[str, str]:
    """The notice to the sender. School staff and boards read Japanese first: their notice is in Japanese."""
    with translation.override("ja"):
        if item.kind == InboxItem.Kind.CHANGE_REQUEST:
            subject = _("Answer to your request from %(school)s") % {"school": item.organization.name}
        else:
            subject = _("Answer to your SEA request")
        signature = _("%(name)s, for %(program)s") % {"name": person_name(by), "program": item.program.name}
    return subject, f"{text}\n\n— {signature}"


@transaction.atomic
def inbox_answer(*, item: InboxItem, text: str, by: Any) -> InboxItem:
    """Send `text` to the person who sent the request (a notice and an email). Under 請負 the answer goes to the
    school, as the request came from it: never to the ALT."""
    from kakehashi.web.notices.services import notify

    text = text.strip()
    if not text:
        raise InboxRefusedError(_("Write the answer first."))
    if item.state == InboxItem.State.CLOSED:
        raise InboxRefusedError(_("This request is closed; reopen it first."))
    _set_state(item, InboxItem.State.ANSWERED, by)
    item.save()
    InboxEvent.objects.create(item=item, by=by, action=InboxEvent.Action.ANSWERED, to=item.sent_by, text=text)
    if item.sent_by is not None:
        subject, body = _answer_notice(item, text, by)
        transaction.on_commit(lambda: notify([item.sent_by], subject, body))
    return item


# How a closed school request ends, for the request itself (ChangeRequest.state).
OUTCOMES = {"done": ChangeRequest.State.DONE, "declined": ChangeRequest.State.DECLINED}


@transaction.atomic
def inbox_close(*, item: InboxItem, by: Any, outcome: str = "done") -> InboxItem:
    if outcome not in OUTCOMES:
        raise InboxRefusedError(_("Say whether the request was done or declined."))
    if item.state == InboxItem.State.CLOSED:
        return item
    _set_state(item, InboxItem.State.CLOSED, by)
    item.save()
    if item.change_request is not None:
        item.change_request.state = OUTCOMES[outcome]
        item.change_request.save(update_fields=["state", "updated_at"])
    InboxEvent.objects.create(item=item, by=by, action=InboxEvent.Action.CLOSED, text=outcome)
    return item


@transaction.atomic
def inbox_reopen(*, item: InboxItem, by: Any) -> InboxItem:
    if item.state != InboxItem.State.CLOSED:
        return item
    _set_state(item, InboxItem.State.ASSIGNED if item.assigned_to_id else InboxItem.State.NEW, by)
    item.save()
    if item.change_request is not None:
        item.change_request.state = ChangeRequest.State.OPEN
        item.change_request.save(update_fields=["state", "updated_at"])
    InboxEvent.objects.create(item=item, by=by, action=InboxEvent.Action.REOPENED)
    return item
