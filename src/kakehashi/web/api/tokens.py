"""API tokens: one per user, made and revoked by the user on /api/token/ (the page or JSON), or obtained by a
script with a username and password. The password check is the login page's own form, so a script gets the
same throttle after repeated failures."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from rest_framework.authtoken.models import Token

from kakehashi.web.accounts.throttle import ThrottledAuthenticationForm
from kakehashi.web.api.forms import cleaned


def token_of(user: Any) -> Token | None:
    found: Token | None = Token.objects.filter(user=user).first()
    return found


@transaction.atomic
def token_issue(*, user: Any) -> Token:
    """A new token; the old one (if any) stops working at once, so a leaked key is replaced by making another."""
    Token.objects.filter(user=user).delete()
    made: Token = Token.objects.create(user=user)
    return made


def token_revoke(*, user: Any) -> bool:
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted > 0


def token_for_login(*, request: HttpRequest, username: str, password: str) -> Token:
    """The user's token (made on first use) after the login form accepts the password; a 400 otherwise."""
    form = ThrottledAuthenticationForm(request, data={"username": username, "password": password})
    cleaned(form)
    user = form.get_user()
    token, _created = Token.objects.get_or_create(user=user)
    return token
