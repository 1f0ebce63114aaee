"""A school's change request, routed by the contract type (the law against disguised contracting)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kakehashi.web.accounts.models import Role
from kakehashi.web.core.validators import one_line
from kakehashi.web.organizations.models import Contract
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import BlockedInstruction, ChangeRequest, School

OUTSOURCING_RULE = (
    "Outsourcing contract (請負): requests about the ALT go to the contractor's responsible manager, "
    "never to the ALT directly. / 請負契約のため、ALT への依頼は受託者の責任者を通します。"
)


class RequestRefusedError(ValueError):
    """A request that cannot be sent as asked, with the reason in English and Japanese."""


def school_contract(school: School, on: dt.date) -> Contract | None:
    """The contract under which the school receives ALTs on the day `on`: the school's own, else its board's.
    Only a contract in force that day counts, so one signed for next year does not change today's routing."""
    org = school.organization
    in_force = Contract.objects.in_force(on).select_related("responsible_manager", "program")
    return in_force.filter(organization=org).first() or in_force.filter(organization_id=org.parent_id).first()


def change_request_file(
    *,
    school: School,
    author: Any,
    message: str,
    about: Participant | None,
    tell_participant: bool,
    kind: str = ChangeRequest.Kind.TIMETABLE,
) -> ChangeRequest:
    # A request is about now: the contract in force today decides where it goes.
    contract = school_contract(school, timezone.localdate())
    if contract is not None and contract.type == Contract.Type.OUTSOURCING and tell_participant:
        # Refused, and the attempt is kept: the law against disguised contracting is the contractor's to enforce.
        BlockedInstruction.objects.create(
            school=school, author=author, about=about, message=message, reason=OUTSOURCING_RULE
        )
        _tell_manager_of_blocked(contract, school, author, about)
        raise RequestRefusedError(OUTSOURCING_RULE)
    return _file(
        contract=contract,
        school=school,
        author=author,
        message=message,
        about=about,
        tell_participant=tell_participant,
        kind=kind,
    )


@transaction.atomic
def _file(
    *,
    contract: Contract | None,
    school: School,
    author: Any,
    message: str,
    about: Participant | None,
    tell_participant: bool,
    kind: str,
) -> ChangeRequest:
    if contract is None:
        raise RequestRefusedError(
            "No contract covers this school, so no one can receive the request. / この学校に関する契約がありません。"
        )
    if contract.type == Contract.Type.OUTSOURCING:
        recipient, routing = contract.responsible_manager, OUTSOURCING_RULE
    else:
        coordinator = (
            Role.objects.filter(kind=Role.Kind.COORDINATOR, program=contract.program)
            .select_related("user")
            .order_by("id")
            .first()
        )
        recipient = coordinator.user if coordinator else None
        routing = f"{contract.get_type_display()} contract: to the program's coordinator" + (
            "; the ALT is told too." if tell_participant and about else "."
        )
    request = ChangeRequest.objects.create(
        school=school,
        kind=kind,
        author=author,
        about=about,
        message=message,
        routed_to=recipient,
        routing=routing,
        participant_told=bool(tell_participant and about),
    )
    subject = one_line(f"[Kakehashi] Request from {school.organization.name} / 学校からの依頼")
    body = f"{message}\n\n— {author.get_full_name() or author.username}, {school.organization.name}\n{routing}"
    to = [recipient.email] if recipient is not None and recipient.email else []
    if request.participant_told and about is not None and about.user is not None and about.user.email:
        to.append(about.user.email)
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to))
    return request


def _tell_manager_of_blocked(contract: Contract, school: School, author: Any, about: Participant | None) -> None:
    from kakehashi.web.leave.notices import notify

    who = author.get_full_name() or author.username
    notify(
        [contract.responsible_manager],
        f"[Kakehashi] Direct instruction refused at {school.organization.name} / 直接指示の防止",
        f"{who} at {school.organization.name} tried to send a message straight to "
        f"{about.name if about else 'an ALT'}; it was refused under the outsourcing contract (請負). "
        "Please follow up with the school.\n\n請負契約のため、学校からALTへの直接の指示を止めました。",
    )


def readable_change_requests(user: Any) -> QuerySet[ChangeRequest]:
    """Requests (and feedback about ALTs) are read by the school's staff, the program's coordinators and the
    board's supervisors — never by participants, who may visit the school but are the subject of feedback."""
    from kakehashi.web.accounts.scope import has_role, visible_schools

    if not has_role(user, "coordinator", "supervisor", "school_staff"):
        return ChangeRequest.objects.none()
    return ChangeRequest.objects.filter(school__in=visible_schools(user))
