"""Login throttling (docs/security.md). Each login attempt first takes one attempt from two counters
(accounts/limits.py):

- the user name *at this address*: LOGIN_FAILURE_LIMIT per window. Someone guessing a coordinator's password
  from one machine is stopped after five tries, but the coordinator, at their own desk, still gets in: a
  lock-out never follows a name to another address, so knowing staff names is no way to lock staff out;
- the address, for any names: four times as many (a school's staff room may share one router), so one machine
  cannot try five passwords on each of many names.

The attempt is counted *before* the password is checked, so parallel wrong passwords cannot all be tried; a
login that succeeds gives its attempt back and clears its name-at-address counter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _

from kakehashi.web.accounts.limits import client_address, forget, give_back, minutes, take

# One address may be a whole staff room behind one router: it gets more room than one name.
ADDRESS_FACTOR = 4


def login_keys(username: str, address: str) -> tuple[str, str]:
    name = username.strip().lower()
    return f"login:name-at:{address}:{name}", f"login:address:{address}"


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", "") or "")
        name_at, address = login_keys(username, client_address(self.request))
        limit = settings.LOGIN_FAILURE_LIMIT
        wait = take([(name_at, limit), (address, limit * ADDRESS_FACTOR)], settings.LOGIN_FAILURE_WINDOW_SECONDS)
        if wait:
            raise forms.ValidationError(
                _(
                    "Too many failed logins. Try again in %(minutes)s minutes."
                )
                % {"minutes": minutes(wait)},
                code="throttled",
            )
        cleaned = super().clean()  # a wrong password raises here, and its attempt stays counted
        forget([name_at])
        give_back([address])
        return cleaned
