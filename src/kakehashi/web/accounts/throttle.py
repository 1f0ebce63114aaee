"""Login throttling: after LOGIN_FAILURE_LIMIT failures for one username, or four times as many from one
address (a school's staff room shares one), within LOGIN_FAILURE_WINDOW_SECONDS, further attempts are
refused without checking the password. Failures are rows in the database, so every web worker sees the
same count without a shared cache."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.web.accounts.models import LoginFailure

# One address may be a whole staff room behind one router: it gets more room than one username.
ADDRESS_FACTOR = 4


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def is_throttled(username: str, address: str) -> bool:
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(username=username.lower()).count() >= limit:
        return True
    return bool(address) and recent.filter(address=address).count() >= limit * ADDRESS_FACTOR


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], address=address)
    # Old rows say nothing any more; drop them as we go so the table stays small.
    horizon = timezone.now() - dt.timedelta(seconds=2 * settings.LOGIN_FAILURE_WINDOW_SECONDS)
    LoginFailure.objects.filter(at__lt=horizon).delete()


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "") or ""
        address = client_address(self.request)
        if is_throttled(username, address):
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            raise forms.ValidationError(
                _(
                    "Too many failed logins. Try again in %(minutes)s minutes."
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            record_failure(username, address)
            raise
