"""Clients for the API tests: a script's (a token in the Authorization header) and a browser's (a session)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from rest_framework.test import APIClient

from kakehashi.web.api.tokens import token_issue
from kakehashi.web.testing import PASSWORD


def script(user: Any) -> APIClient:
    """What a script holds: a client that sends the user's token with every request."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
    return client


def browser(user: Any, *, csrf: bool = False) -> Client:
    """A signed-in browser; `csrf` makes the test client check CSRF tokens as a real browser's requests are."""
    client = Client(enforce_csrf_checks=csrf)
    assert client.login(username=user.username, password=PASSWORD)
    return client


def every(client: APIClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of a list, across its pages."""
    response = client.get(url, {**params, "page_size": 500})
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body
