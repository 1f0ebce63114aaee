"""Telling people at once: a notice in the platform and an email, in one go."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone

from kakehashi.web.accounts.models import Role
from kakehashi.web.core.validators import one_line
from kakehashi.web.leave.models import Notice
from kakehashi.web.organizations.models import Program


def notify(users: Iterable[Any], subject: str, body: str) -> int:
    """A notice for each user, and one email to each who has an address; returns how many were told."""
    unique = {u.pk: u for u in users if u is not None}
    subject = one_line(subject)
    Notice.objects.bulk_create([Notice(user=u, subject=subject, body=body) for u in unique.values()])
    emails = [(subject, body, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in unique.values() if u.email]
    if emails:
        send_mass_mail(emails, fail_silently=False)
    return len(unique)


def coordinators_of(program: Program) -> list[Any]:
    return [r.user for r in Role.objects.filter(kind=Role.Kind.COORDINATOR, program=program).select_related("user")]


def school_staff_of(school_codes: Iterable[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    rows = Role.objects.filter(kind=Role.Kind.SCHOOL_STAFF, organization__school__code__in=list(school_codes))
    for role in rows.select_related("user", "organization__school"):
        found.setdefault(role.organization.school.code, []).append(role.user)
    return found


def notices_mark_read(*, user: Any, pk: int | None = None) -> int:
    """Mark the user's unread notices read (or only the one numbered `pk`); returns how many were unread."""
    unread = Notice.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
