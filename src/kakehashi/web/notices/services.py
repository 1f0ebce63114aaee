"""Telling people at once: a notice in the platform and an email, in one go."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone

from kakehashi.web.accounts.models import Role
from kakehashi.web.core.languages import by_language, written_in
from kakehashi.web.core.validators import one_line
from kakehashi.web.notices.models import Notice
from kakehashi.web.organizations.models import Program

Words = str | Callable[[], str]


def notify(users: Iterable[Any], subject: Words, body: Words, *, link: str = "") -> int:
    """A notice for each user, and one email to each who has an address; returns how many were told.

    `subject` and `body` are functions that word them with gettext: each is called in each reader's language
    (core/languages.py), so a notice reads in one language, the recipient's. `link` is the path of the page
    the notice asks them to act on: the notices page shows it as a button."""
    told = 0
    emails = []
    for language, readers in by_language(users).items():
        worded_subject, worded_body = one_line(written_in(language, subject)), written_in(language, body)
        Notice.objects.bulk_create(
            [Notice(user=u, subject=worded_subject, body=worded_body, link=link) for u in readers]
        )
        emails += [(worded_subject, worded_body, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in readers if u.email]
        told += len(readers)
    if emails:
        send_mass_mail(emails, fail_silently=False)
    return told


def coordinators_of(program: Program) -> list[Any]:
    return [r.user for r in Role.objects.filter(kind=Role.Kind.COORDINATOR, program=program).select_related("user")]


def school_staff_of(school_codes: Iterable[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    rows = Role.objects.filter(kind=Role.Kind.SCHOOL_STAFF, organization__school__code__in=list(school_codes))
    for role in rows.select_related("user", "organization__school"):
        if role.organization is not None:  # always: the filter went through it
            found.setdefault(role.organization.school.code, []).append(role.user)
    return found


def notices_mark_read(*, user: Any, pk: int | None = None) -> int:
    """Mark the user's unread notices read (or only the one numbered `pk`); returns how many were unread."""
    unread = Notice.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
