"""Personal data is kept only while it is needed: a set time after a participant's contract ends they are
anonymized, and an unsuccessful or withdrawn application is deleted a set time after its cycle closed.
`kakehashi manage privacy_purge` runs this (daily from cron in a deployment)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from kakehashi.web.core.models import Change
from kakehashi.web.people.models import Participant

ANONYMIZED = {"anonymized": True}


@dataclass
class PurgeReport:
    anonymized: list[str] = field(default_factory=list)  # participant codes
    applications_deleted: int = 0


def contract_ended(person: Participant) -> dt.date | None:
    """The day the last placement ended, if every placement has ended."""
    placements = person.placements.all()
    if not placements or any(p.ends is None for p in placements):
        return None
    return max(p.ends for p in placements if p.ends is not None)


def _forget_in_change_log(objects: list[object]) -> None:
    condition = Q(pk__in=[])
    for obj in objects:
        meta = obj._meta  # type: ignore[attr-defined]
        condition |= Q(model=f"{meta.app_label}.{meta.model_name}", object_id=str(obj.pk))  # type: ignore[attr-defined]
    Change.objects.filter(condition).update(object_repr="(anonymized)", before=ANONYMIZED, after=ANONYMIZED)


@transaction.atomic
def anonymize_participant(person: Participant, today: dt.date) -> None:
    """Keep the figures (kind, program, dates of service, placements, counts) and drop who the person was."""
    from kakehashi.web.leave.models import LeaveRequest
    from kakehashi.web.notices.models import Notice
    from kakehashi.web.recruitment.models import Application

    touched: list[object] = [person]
    for application in Application.objects.filter(participant=person):
        _forget_application(application)
        touched.append(application)
    for leave in LeaveRequest.objects.filter(participant=person):
        leave.reason, leave.decision_note = "", ""
        leave.save()
        touched.append(leave)
    person.calendar_tokens.all().delete()
    user = person.user
    if user is not None:
        Notice.objects.filter(user=user).delete()
        user.username, user.email, user.first_name, user.last_name = f"former-{person.pk}", "", "", ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        touched.append(user)
    person.name = f"Former participant {person.code}"
    person.name_katakana = person.citizenship = person.origin_region = person.qualifications = ""
    person.birth_date = None
    person.gender = Participant.Gender.UNSTATED
    # The home stays only as a rough area (about 10 km), which is all the figures need.
    person.home_lat, person.home_lon = round(person.home_lat, 1), round(person.home_lon, 1)
    person.anonymized_at = today
    person.save()
    _forget_in_change_log(touched)


def _forget_application(application: object) -> None:
    from kakehashi.web.recruitment.models import Application

    assert isinstance(application, Application)
    for document in application.documents.all():
        document.file.delete(save=False)
        document.delete()
    application.full_name, application.email, application.citizenships = "(anonymized)", "", ""
    application.origin_region = application.degree = ""
    application.teaching_experience = application.coaching_experience = application.coaching_qualifications = ""
    application.birth_date = dt.date(1900, 1, 1)  # required by the model; says nothing about anyone
    application.preferences = []
    application.save()


@transaction.atomic
def purge_expired(today: dt.date, *, dry_run: bool = False) -> PurgeReport:
    from kakehashi.web.recruitment.models import Application

    report = PurgeReport()
    keep = dt.timedelta(days=settings.KAKEHASHI_RETENTION_DAYS)
    for person in Participant.objects.filter(anonymized_at__isnull=True).prefetch_related("placements"):
        ended = contract_ended(person)
        if ended is not None and ended + keep < today:
            report.anonymized.append(person.code)
            if not dry_run:
                anonymize_participant(person, today)
    applicant_keep = dt.timedelta(days=settings.KAKEHASHI_APPLICANT_RETENTION_DAYS)
    gone = Application.objects.filter(
        status__in=[Application.Status.UNSUCCESSFUL, Application.Status.WITHDRAWN],
        cycle__deadline_date__lt=today - applicant_keep,
    )
    report.applications_deleted = gone.count()
    if not dry_run:
        for application in gone:
            _forget_in_change_log([application])
            for document in application.documents.all():
                document.file.delete(save=False)
            application.delete()
    return report
