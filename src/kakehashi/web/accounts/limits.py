"""Counted attempts, safe under parallel requests: logins, sign-ups and password-reset emails each take one
attempt from every key that applies to them (a user name at an address, an address, an email) before any
work is done. A key's row is raised by `UPDATE … SET count = count + 1 WHERE count < limit`, which the
database applies one request at a time (a row lock on PostgreSQL, the write lock on SQLite), so twelve
parallel requests against a limit of five get five attempts, never twelve."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from kakehashi.web.accounts.models import AttemptCount

KEY_LENGTH = 250
KEEP_SECONDS = 24 * 3600
# A request that sends an email (a password-reset link, a sign-up link) sends at most one: this many an hour to
# one address, and from one client, so the pages cannot be used to flood an inbox.
EMAILS_TO_ONE_ADDRESS, EMAILS_FROM_ONE_CLIENT, EMAIL_WINDOW_SECONDS = 3, 10, 3600


def client_address(request: HttpRequest | None) -> str:
    """The address a request came from. Behind a reverse proxy (KAKEHASHI_BEHIND_PROXY=1) every request comes
    from the proxy, which appends the address it saw to X-Forwarded-For: the last entry is the one the proxy
    wrote; earlier ones are whatever the client sent and are never trusted. Without a proxy the header is
    ignored, since anyone can send it."""
    if request is None:
        return ""
    if settings.BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")[-1].strip()
        if forwarded:
            return forwarded[:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def take(limits: Iterable[tuple[str, int]], window_seconds: int) -> int:
    """Take one attempt from each (key, limit). Returns 0 when all were under their limits (each is then
    counted), or else the seconds until the fullest key's window ends (and nothing is counted)."""
    wanted = sorted({(key[:KEY_LENGTH], limit) for key, limit in limits})
    now = timezone.now()
    window = dt.timedelta(seconds=window_seconds)
    with transaction.atomic():
        # Rows are created and raised in key order, so two requests never wait on each other's rows crosswise.
        AttemptCount.objects.bulk_create(
            [AttemptCount(key=key, count=0, window_start=now) for key, _ in wanted], ignore_conflicts=True
        )
        for key, limit in wanted:
            AttemptCount.objects.filter(key=key, window_start__lte=now - window).update(count=0, window_start=now)
            if not AttemptCount.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1):
                started = AttemptCount.objects.values_list("window_start", flat=True).get(key=key)
                transaction.set_rollback(True)
                return max(1, math.ceil((started + window - now).total_seconds()))
    _forget_long_past(now, window_seconds)
    return 0


def email_refused(request: HttpRequest, purpose: str, email: str, form: forms.Form, too_many: str) -> bool:
    """Takes one email of `purpose` ("reset", "signup") to `email` from the request's client. When either has
    had its hour's emails, nothing is sent: the form says `too_many` (its `%(minutes)s`, the wait) and this
    returns True."""
    wait = take(
        [
            (f"{purpose}:email:{email}", EMAILS_TO_ONE_ADDRESS),
            (f"{purpose}:address:{client_address(request)}", EMAILS_FROM_ONE_CLIENT),
        ],
        EMAIL_WINDOW_SECONDS,
    )
    if wait:
        form.add_error(None, too_many % {"minutes": minutes(wait)})
    return bool(wait)


def _forget_long_past(now: dt.datetime, window_seconds: int) -> None:
    """Keys whose window ended long ago say nothing any more (every window in use is at most this long). Only
    rows no other request holds are taken (SKIP LOCKED on PostgreSQL), so this never waits on, or deadlocks
    with, an attempt being counted."""
    horizon = max(KEEP_SECONDS, settings.LOGIN_FAILURE_WINDOW_SECONDS, window_seconds)
    with transaction.atomic():
        stale = AttemptCount.objects.select_for_update(skip_locked=True).filter(
            window_start__lt=now - dt.timedelta(seconds=horizon)
        )
        AttemptCount.objects.filter(pk__in=list(stale.values_list("pk", flat=True)[:1000])).delete()


def give_back(keys: Iterable[str]) -> None:
    """An attempt that turned out well does not count against its keys."""
    AttemptCount.objects.filter(key__in=[key[:KEY_LENGTH] for key in keys], count__gt=0).update(count=F("count") - 1)


def forget(keys: Iterable[str]) -> None:
    """Start these keys afresh (a user who got in after a typo or two)."""
    AttemptCount.objects.filter(key__in=[key[:KEY_LENGTH] for key in keys]).update(count=0)


def minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))
