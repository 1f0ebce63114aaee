"""Tokens: a script logs in with a username and password (throttled as the login page), then sends its token;
a signed-in user makes, sees and revokes theirs, as JSON or on a small page linked from home."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from kakehashi.web.api.tests.helpers import browser, script
from kakehashi.web.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_script_gets_its_token_with_a_username_and_password_and_then_reads_with_it(world: Any) -> None:
    north, _, _ = world
    coordinator = north.users["coordinator"]
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": coordinator.username, "password": PASSWORD})
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/me/").json()
    assert me["username"] == coordinator.username
    assert me["roles"] == [
        {"kind": "coordinator", "program": north.program.pk, "organization": None, "participant": None}
    ]
    # The same password again gives the same token: a script may log in each time it runs.
    again = APIClient().post("/api/auth/token/", {"username": coordinator.username, "password": PASSWORD})
    assert again.json()["token"] == response.json()["token"]


@override_settings(LOGIN_FAILURE_LIMIT=2)
def test_a_wrong_password_gets_no_token_and_repeated_failures_are_throttled_as_on_the_login_page(world: Any) -> None:
    north, _, _ = world
    username = north.users["coordinator"].username
    client = APIClient()
    for _attempt in range(2):
        refused = client.post("/api/auth/token/", {"username": username, "password": "wrong-password"})
        assert refused.status_code == 400 and "token" not in refused.json()
    throttled = client.post("/api/auth/token/", {"username": username, "password": PASSWORD})
    assert throttled.status_code == 400
    assert "Too many failed logins" in throttled.json()["non_field_errors"][0]


def test_a_request_without_a_token_or_with_a_wrong_one_is_refused_with_401(world: Any) -> None:
    assert APIClient().get("/api/schools/").status_code == 401
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert wrong.get("/api/schools/").status_code == 401


def test_the_signed_in_user_makes_sees_and_revokes_their_token(world: Any) -> None:
    north, _, _ = world
    client = browser(north.users["participant"])
    assert client.get("/api/token/").json() == {"token": None, "created": None}
    made = client.post("/api/token/")
    assert made.status_code == 201
    key = made.json()["token"]
    assert client.get("/api/token/").json()["token"] == key
    remade = client.post("/api/token/").json()["token"]
    assert remade != key  # a new token replaces the old one, which stops working
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert old.get("/api/me/").status_code == 401
    assert client.delete("/api/token/").status_code == 204
    revoked = APIClient()
    revoked.credentials(HTTP_AUTHORIZATION=f"Token {remade}")
    assert revoked.get("/api/me/").status_code == 401


def test_a_change_made_with_the_session_needs_the_csrf_token_and_one_made_with_a_token_does_not(world: Any) -> None:
    north, _, _ = world
    coordinator = north.users["coordinator"]
    school = north.schools[0].code
    assert (
        browser(coordinator, csrf=True)
        .patch(f"/api/schools/{school}/", {"max_alts": 3}, content_type="application/json")
        .status_code
        == 403
    )
    assert script(coordinator).patch(f"/api/schools/{school}/", {"max_alts": 3}, format="json").status_code == 200


def test_the_token_page_is_linked_from_home_and_makes_and_revokes_a_token(world: Any) -> None:
    north, _, _ = world
    client = browser(north.users["coordinator"])
    assert 'href="/api/token/page/"' in client.get("/").content.decode()
    page = client.get("/api/token/page/").content.decode()
    assert "No API token yet." in page and 'href="/api/docs/"' in page
    assert client.post("/api/token/page/", {"action": "renew"}).status_code == 302
    key = client.get("/api/token/").json()["token"]
    assert key in client.get("/api/token/page/").content.decode()
    client.post("/api/token/page/", {"action": "revoke"})
    assert client.get("/api/token/").json()["token"] is None


def test_the_script_s_changes_are_logged_as_its_user_s(world: Any) -> None:
    from kakehashi.web.core.models import Change

    north, _, _ = world
    coordinator = north.users["coordinator"]
    school = north.schools[0]
    response = script(coordinator).patch(f"/api/schools/{school.code}/", {"max_alts": 3}, format="json")
    assert response.status_code == 200 and response.json()["max_alts"] == 3
    change = Change.objects.filter(model="schools.school", object_id=str(school.pk)).latest("id")
    assert change.user == coordinator and change.after["max_alts"] == 3 and change.request_id
