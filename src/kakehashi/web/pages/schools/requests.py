"""A school's change request, routed by the contract type (the law against disguised contracting)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.web.accounts.models import Role
from kakehashi.web.core.languages import by_language
from kakehashi.web.core.validators import one_line
from kakehashi.web.organizations.models import Contract
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.contracts import school_contract
from kakehashi.web.schools.models import BlockedInstruction, ChangeRequest, School

OUTSOURCING_RULE = gettext_lazy(
    "Outsourcing contract: requests about the ALT go to the contractor's responsible manager, "
    "never to the ALT directly."
)


class RequestRefusedError(ValueError):
    """A request that cannot be sent as asked, with the reason in the reader's language."""


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
            school=school, author=author, about=about, message=message, reason=str(OUTSOURCING_RULE)
        )
        _tell_manager_of_blocked(contract, school, author, about)
        raise RequestRefusedError(str(OUTSOURCING_RULE))
    if contract is None:
        raise RequestRefusedError(_("No contract covers this school, so no one can receive the request."))
    told = bool(tell_participant and about)
    recipient, routing = _route(contract, told)
    with transaction.atomic():
        request = ChangeRequest.objects.create(
            school=school,
            kind=kind,
            author=author,
            about=about,
            message=message,
            routed_to=recipient,
            routing=routing,
            participant_told=told,
        )
        readers = [recipient] if recipient is not None and recipient.email else []
        if request.participant_told and about is not None and about.user is not None and about.user.email:
            readers.append(about.user)
        for language, group in by_language(readers).items():
            with translation.override(language):
                school_name = school.organization.display_name
                subject = one_line(_("[Kakehashi] Request from %(school)s") % {"school": school_name})
                signed = f"{author.get_full_name() or author.username}, {school_name}"
                body = f"{message}\n\n— {signed}\n{routing}"
            to = [u.email for u in group]
            transaction.on_commit(partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, to))
    return request


def _route(contract: Contract, told: bool) -> tuple[Any, str]:
    """Who receives a request under `contract`, and why, in the reader's words (`told`: the ALT is told too)."""
    if contract.type == Contract.Type.OUTSOURCING:
        return contract.responsible_manager, str(OUTSOURCING_RULE)
    coordinator = (
        Role.objects.filter(kind=Role.Kind.COORDINATOR, program=contract.program)
        .select_related("user")
        .order_by("id")
        .first()
    )
    routing = (
        _("%(type)s contract: to the program's coordinator; the ALT is told too.")
        if told
        else _("%(type)s contract: to the program's coordinator.")
    ) % {"type": contract.get_type_display()}
    return coordinator.user if coordinator else None, routing


def _tell_manager_of_blocked(contract: Contract, school: School, author: Any, about: Participant | None) -> None:
    from kakehashi.web.notices.services import notify

    who = author.get_full_name() or author.username
    notify(
        [contract.responsible_manager],
        lambda: (
            _("[Kakehashi] Direct instruction refused at %(school)s") % {"school": school.organization.display_name}
        ),
        lambda: (
            _(
                "%(who)s at %(school)s tried to send a message straight to %(alt)s; it was refused under the "
                "outsourcing contract. Please follow up with the school."
            )
            % {"who": who, "school": school.organization.display_name, "alt": about.name if about else _("an ALT")}
        ),
    )


def readable_change_requests(user: Any) -> QuerySet[ChangeRequest]:
    """Requests (and feedback about ALTs) are read by the school's staff, the program's coordinators and the
    board's supervisors — never by participants, who may visit the school but are the subject of feedback."""
    from kakehashi.web.accounts.scope import has_role, visible_schools

    if not has_role(user, "coordinator", "supervisor", "school_staff"):
        return ChangeRequest.objects.none()
    return ChangeRequest.objects.filter(school__in=visible_schools(user))
