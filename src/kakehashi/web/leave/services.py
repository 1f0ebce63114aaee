"""Leave and absences: requests and their approval, same-day absence reports, weekend work owed a
compensatory day. Every check is here, so a page, the API and a script get the same answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.holidays import working_days
from kakehashi.web.core import dates
from kakehashi.web.core.locking import lock
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.leave.models import LeaveEntitlement, LeaveRequest, WeekendWork
from kakehashi.web.leave.selectors import leave_balance, leave_days
from kakehashi.web.notices.services import coordinators_of, notify
from kakehashi.web.people.models import Participant

OPEN = (LeaveRequest.Status.REQUESTED, LeaveRequest.Status.REPORTED, LeaveRequest.Status.APPROVED)


# Leave is for the programme's years; a date far outside them is a typing slip, not a request.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _check_request(request: LeaveRequest) -> None:
    for field in ("starts", "ends"):
        if not EARLIEST <= getattr(request, field) <= LATEST:
            raise ValidationError({field: _("Give a date between 2000 and 2100.")})
    if request.ends < request.starts:
        raise ValidationError({"ends": _("The last day is before the first day.")})
    if not working_days(request.starts, request.ends):
        raise ValidationError({"starts": _("These dates have no working day (weekends and holidays only).")})
    overlapping = LeaveRequest.objects.filter(
        participant=request.participant, status__in=OPEN, starts__lte=request.ends, ends__gte=request.starts
    ).exclude(pk=request.pk)
    if overlapping.exists():
        other = overlapping.first()
        assert other is not None
        raise ValidationError(
            _("You already have leave from %(starts)s to %(ends)s.")
            % {"starts": dates.day(other.starts), "ends": dates.day(other.ends)}
        )
    if request.kind == LeaveRequest.Kind.ANNUAL:
        year = SchoolYear.of(request.starts)
        if SchoolYear.of(request.ends) != year:
            raise ValidationError(_("Paid leave cannot run across two school years."))
        balance = leave_balance(request.participant, year, excluding=request.pk)
        asked = leave_days(request)
        if asked > balance.remaining - balance.requested:
            raise ValidationError(
                _("Paid leave left: %(left)s day(s) (%(pending)s already requested); this asks for %(asked)s.")
                % {"left": balance.remaining, "pending": balance.requested, "asked": asked}
            )
    if request.kind == LeaveRequest.Kind.COMPENSATORY:
        work = request.weekend_work
        if work is None:
            raise ValidationError({"weekend_work": _("Choose the weekend work this day is for.")})
        if work.participant_id != request.participant_id:
            raise ValidationError({"weekend_work": _("That is someone else's weekend work.")})
        if request.starts != request.ends:
            raise ValidationError({"ends": _("A compensatory day is one day.")})
        if not work.date < request.starts <= work.compensatory_by:
            raise ValidationError(
                {
                    "starts": _(
                        "A compensatory day for work on %(worked)s is taken after it and by %(by)s (within four weeks)."
                    )
                    % {"worked": work.date, "by": work.compensatory_by}
                }
            )


def leave_request_create(
    *,
    participant: Participant,
    kind: str,
    starts: dt.date,
    ends: dt.date,
    reason: str = "",
    weekend_work: WeekendWork | None = None,
) -> LeaveRequest:
    """A request waiting for approval."""
    request = LeaveRequest(
        participant=participant, kind=kind, starts=starts, ends=ends, reason=reason, weekend_work=weekend_work
    )
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()  # one request at a time
        _check_request(request)
        request.full_clean()
        request.save()
    notify(
        coordinators_of(participant.program),
        lambda: _("[Kakehashi] Leave request: %(name)s") % {"name": participant.name},
        lambda: (
            _("%(name)s (%(code)s) asks for %(kind)s from %(starts)s to %(ends)s.")
            % {
                "name": participant.name,
                "code": participant.code,
                "kind": request.get_kind_display(),
                "starts": dates.day(starts),
                "ends": dates.day(ends),
            }
            + f"\n{reason}"
        ),
    )
    return request


def leave_request_decide(*, request: LeaveRequest, approve: bool, user: Any, note: str = "") -> LeaveRequest:
    with transaction.atomic():
        lock(request)  # approve and refuse sent at the same moment: the second waits, then finds it decided
        if request.status not in (LeaveRequest.Status.REQUESTED, LeaveRequest.Status.REPORTED):
            raise ValidationError(_("This request has already been decided."))
        if approve and request.status == LeaveRequest.Status.REQUESTED:
            _check_request(request)  # the balance may have changed since it was asked
        request.status = LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REFUSED
        request.decided_by = user
        request.decided_at = timezone.now()
        request.decision_note = note
        request.save()
        if approve:
            transaction.on_commit(lambda: _cover_later(request))
    if request.participant.user is not None:

        def words() -> dict[str, str]:
            return {
                "starts": dates.day(request.starts),
                "ends": dates.day(request.ends),
                "kind": request.get_kind_display(),
                "decision": _("approved") if approve else _("refused"),
            }

        notify(
            [request.participant.user],
            lambda: _("[Kakehashi] Leave %(starts)s – %(ends)s: %(decision)s") % words(),
            lambda: _("Your %(kind)s from %(starts)s to %(ends)s was %(decision)s.") % words() + f"\n{note}",
        )
    return request


def absence_report(
    *, participant: Participant, date: dt.date, kind: str = LeaveRequest.Kind.SICK, reason: str = ""
) -> LeaveRequest:
    """An absence reported on the day (usually from the phone before school): it counts at once, the
    coordinators are told, and substitute cover is proposed."""
    if kind not in (LeaveRequest.Kind.SICK, LeaveRequest.Kind.SPECIAL, LeaveRequest.Kind.ANNUAL):
        raise ValidationError({"kind": _("Choose sick, special or paid leave.")})
    request = LeaveRequest(
        participant=participant,
        kind=kind,
        starts=date,
        ends=date,
        reason=reason,
        status=LeaveRequest.Status.REPORTED,
        reported_at=timezone.now(),
    )
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        _check_request(request)
        request.full_clean()
        request.save()
        transaction.on_commit(lambda: _cover_later(request))
    notify(
        coordinators_of(participant.program),
        lambda: _("[Kakehashi] Absence %(date)s: %(name)s") % {"date": dates.day(date), "name": participant.name},
        lambda: (
            _("%(name)s (%(code)s) reported an absence for %(date)s (%(kind)s).")
            % {
                "name": participant.name,
                "code": participant.code,
                "date": dates.day(date),
                "kind": request.get_kind_display(),
            }
            + f" {reason}\n"
            + _("Substitute cover is being proposed.")
        ),
    )
    return request


def leave_request_cancel(*, request: LeaveRequest) -> LeaveRequest:
    with transaction.atomic():
        lock(request)  # a cancel and a decision at the same moment: one of them finds the other done
        if request.status not in (LeaveRequest.Status.REQUESTED, LeaveRequest.Status.APPROVED):
            raise ValidationError(_("Only a requested or approved leave can be cancelled."))
        request.status = LeaveRequest.Status.CANCELLED
        request.save()
    return request


def weekend_work_record(*, participant: Participant, date: dt.date, description: str) -> WeekendWork:
    work = WeekendWork(participant=participant, date=date, description=description)
    work.full_clean()
    work.save()
    return work


def entitlement_set(*, participant: Participant, year: int, days: int) -> LeaveEntitlement:
    """The paid leave days a participant has for a school year, set (or changed) by a coordinator."""
    entitlement, _created = LeaveEntitlement.objects.update_or_create(
        participant=participant, year=year, defaults={"days": days}
    )
    return entitlement


def _cover_later(request: LeaveRequest) -> None:
    """Propose cover for each working day of the leave, in the task worker (it takes seconds per date)."""
    from kakehashi.web.leave.tasks import propose_covers

    today = timezone.localdate()
    days = [d.isoformat() for d in working_days(max(request.starts, today), request.ends)]
    if days:
        propose_covers.enqueue(request.participant.program_id, days)
        _offer_later(request, days, today)


def _offer_later(request: LeaveRequest, days: list[str], today: dt.date) -> None:
    from kakehashi.web.leave.models import OfferRule
    from kakehashi.web.leave.tasks import offer_automatically

    rule = OfferRule.objects.filter(program_id=request.participant.program_id).first()
    offered = automatic_offer_days(rule, request, days, today)
    if offered:
        offer_automatically.enqueue(request.pk, offered)


def automatic_offer_days(rule: Any, request: LeaveRequest, days: list[str], today: dt.date) -> list[str]:
    """The days the program's rule offers to substitutes by itself: none (never, or no rule), the day an
    absence is reported for when reported that same day (same_day), or every day of the absence (always)."""
    if rule is None or rule.automatic == "never":
        return []
    if rule.automatic == "same_day":
        reported_today = request.status == LeaveRequest.Status.REPORTED and request.starts == today
        return [d for d in days if d == today.isoformat()] if reported_today else []
    return days


def leave_requests_decide(
    *, requests: Iterable[LeaveRequest], approve: bool, user: Any
) -> tuple[list[LeaveRequest], list[tuple[LeaveRequest, str]]]:
    """Many requests decided at once, each exactly as one is (its own lock, checks and notice): those decided,
    and those refused with why (already decided, or the balance no longer allows it)."""
    decided: list[LeaveRequest] = []
    refused: list[tuple[LeaveRequest, str]] = []
    for request in requests:
        try:
            decided.append(leave_request_decide(request=request, approve=approve, user=user))
        except ValidationError as error:
            refused.append((request, in_one_line(error)))
    return decided, refused
