"""Daily reports (日報): started prefilled from the dated plan, filled in, submitted, then approved or returned
with a comment. Every check is here, so a page, the API and a script get the same answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.web.core import dates
from kakehashi.web.core.locking import lock
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.duties.models import DailyReport, DutyEntry, DutyKind
from kakehashi.web.duties.permissions import may_approve, may_return
from kakehashi.web.duties.selectors import planned_entries
from kakehashi.web.notices.services import coordinators_of, notify
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School

# A day has 24 hours; a single entry longer than that is a typing slip.
MAX_MINUTES = 24 * 60


def _editable(report: DailyReport) -> None:
    if report.status == DailyReport.Status.APPROVED:
        raise ValidationError(_("This report has been approved and can no longer be changed."))
    if report.status == DailyReport.Status.SUBMITTED:
        raise ValidationError(_("This report is waiting for approval and cannot be changed."))


def report_start(*, participant: Participant, date: dt.date) -> DailyReport:
    """The participant's report for the date: the existing one, or a new draft prefilled with the day's lessons
    and sessions."""
    found = DailyReport.objects.filter(participant=participant, date=date).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            report = DailyReport.objects.create(participant=participant, date=date)
            _prefill(report)
    except IntegrityError:  # started at the same moment from another tab: that one stands
        return DailyReport.objects.get(participant=participant, date=date)
    return report


def _prefill(report: DailyReport) -> None:
    for entry in planned_entries(report.participant, report.date):
        entry.report = report
        entry.save()


def report_refresh(*, report: DailyReport) -> DailyReport:
    """Take the plan again (a cover confirmed or a session scheduled since the report was started); what the
    participant added stays."""
    _editable(report)
    with transaction.atomic():
        for entry in report.entries.filter(from_plan=True):
            entry.delete()  # one by one, so the change log keeps each
        _prefill(report)
    return report


def _check_entry(entry: DutyEntry) -> None:
    if not 1 <= entry.minutes <= MAX_MINUTES:
        raise ValidationError({"minutes": _("Give the time in minutes, 1 to 1440.")})
    if entry.kind == DutyKind.TRANSLATION:
        if not entry.words:
            raise ValidationError({"words": _("Give the number of words translated.")})
        if not entry.title:
            raise ValidationError({"title": _("Give the document's title.")})
    if entry.kind == DutyKind.INTERPRETATION and not entry.title:
        raise ValidationError({"title": _("Give the event interpreted at.")})
    if entry.kind == DutyKind.SPORTS:
        if not entry.sport:
            raise ValidationError({"sport": _("Give the sport.")})
        if entry.headcount is None:
            raise ValidationError({"headcount": _("Give how many took part.")})
    if entry.kind == DutyKind.OTHER and not entry.title:
        raise ValidationError({"title": _("Say what the duty was.")})


def entry_add(
    *,
    report: DailyReport,
    kind: str,
    minutes: int,
    title: str = "",
    school: School | None = None,
    words: int | None = None,
    sport: str = "",
    headcount: int | None = None,
) -> DutyEntry:
    _editable(report)
    entry = DutyEntry(
        report=report,
        kind=kind,
        minutes=minutes,
        title=title,
        school=school,
        words=words,
        sport=sport,
        headcount=headcount,
    )
    _check_entry(entry)
    entry.full_clean()
    entry.save()
    return entry


def entry_remove(*, entry: DutyEntry) -> None:
    """A prefilled lesson may be removed too: the class was cancelled on the day."""
    _editable(entry.report)
    entry.delete()


def report_note(*, report: DailyReport, note: str) -> DailyReport:
    _editable(report)
    report.note = note
    report.save()
    return report


def report_submit(*, report: DailyReport) -> DailyReport:
    with transaction.atomic():
        lock(report)
        _editable(report)
        if report.date > timezone.localdate():
            raise ValidationError(_("A day is reported once it has begun."))
        if not report.entries.exists():
            raise ValidationError(_("Add at least one duty before submitting."))
        resubmitted = report.status == DailyReport.Status.RETURNED
        report.status = DailyReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.save()
    participant = report.participant
    hours = _hours(report)

    def subject() -> str:
        words = {"date": dates.day(report.date), "name": participant.name}
        if resubmitted:
            return _("[Kakehashi] Daily report %(date)s: %(name)s (resubmitted)") % words
        return _("[Kakehashi] Daily report %(date)s: %(name)s") % words

    notify(
        coordinators_of(participant.program),
        subject,
        lambda: (
            _("%(name)s (%(code)s) submitted the daily report for %(date)s: %(hours)s h.")
            % {"name": participant.name, "code": participant.code, "date": dates.day(report.date), "hours": hours}
        ),
    )
    return report


def _hours(report: DailyReport) -> str:
    minutes = sum(e.minutes for e in report.entries.all())
    return f"{minutes / 60:.1f}"


def _decidable(report: DailyReport, user: Any) -> None:
    if not may_approve(user, report):
        raise ValidationError(_("You do not decide this report."))
    if report.status != DailyReport.Status.SUBMITTED:
        raise ValidationError(_("This report is not waiting for a decision."))


def report_approve(*, report: DailyReport, user: Any, comment: str = "") -> DailyReport:
    with transaction.atomic():
        lock(report)  # a return sent at the same moment waits, then finds the report decided
        _decidable(report, user)
        report.status = DailyReport.Status.APPROVED
        report.decided_by = user
        report.decided_at = timezone.now()
        report.comment = comment
        report.save()
    _tell_participant(report, approved=True)
    return report


def reports_approve(
    *, reports: Iterable[DailyReport], user: Any
) -> tuple[list[DailyReport], list[tuple[DailyReport, str]]]:
    """Many reports approved at once, each exactly as one is (its own lock, permission check and notice): those
    approved, and those refused with why (decided meanwhile, or not the user's to decide)."""
    approved: list[DailyReport] = []
    refused: list[tuple[DailyReport, str]] = []
    for report in reports:
        try:
            approved.append(report_approve(report=report, user=user))
        except ValidationError as error:
            refused.append((report, in_one_line(error)))
    return approved, refused


def report_return(*, report: DailyReport, user: Any, comment: str) -> DailyReport:
    with transaction.atomic():
        lock(report)
        _return(report, user, comment)
    _tell_participant(report, approved=False)
    return report


def _return(report: DailyReport, user: Any, comment: str) -> None:
    _decidable(report, user)
    if not may_return(user, report):
        raise ValidationError(
            _(
                "Under an outsourcing contract (請負) corrections go through the contractor's "
                "coordinator; you may approve this report."
            )
        )
    if not comment.strip():
        raise ValidationError({"comment": _("Say what to change when returning a report.")})
    report.status = DailyReport.Status.RETURNED
    report.decided_by = user
    report.decided_at = timezone.now()
    report.comment = comment.strip()
    report.save()


def _tell_participant(report: DailyReport, *, approved: bool) -> None:
    user = report.participant.user
    if user is None:
        return
    comment = f"\n{report.comment}" if report.comment else ""

    def decision() -> str:
        return _("approved") if approved else _("returned")

    notify(
        [user],
        lambda: (
            _("[Kakehashi] Daily report %(date)s: %(decision)s")
            % {"date": dates.day(report.date), "decision": decision()}
        ),
        lambda: (
            _("Your daily report for %(date)s was %(decision)s.")
            % {"date": dates.day(report.date), "decision": decision()}
            + comment
        ),
    )
