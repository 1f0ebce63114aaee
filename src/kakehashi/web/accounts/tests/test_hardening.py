"""Hardening: the production settings pass `check --deploy`; pages carry a Content Security Policy with a
nonce for the one inline script; logins are throttled after repeated failures."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

from kakehashi.web.accounts.models import AttemptCount
from kakehashi.web.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_production_settings_pass_the_deployment_checks_with_no_warning(tmp_path: Any) -> None:
    env = {
        **os.environ,
        "KAKEHASHI_DEBUG": "0",
        "KAKEHASHI_SECRET_KEY": "a-long-random-production-secret-" + "x7Qz" * 10,
        "KAKEHASHI_ALLOWED_HOSTS": "kakehashi.example.jp",
        "KAKEHASHI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kakehashi.web.settings",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "kakehashi.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_a_missing_secret_key_stops_a_production_start_with_a_clear_message(tmp_path: Any) -> None:
    env = {**os.environ, "KAKEHASHI_DEBUG": "0", "KAKEHASHI_DATA_DIR": str(tmp_path)}
    env.pop("KAKEHASHI_SECRET_KEY", None)
    env["DJANGO_SETTINGS_MODULE"] = "kakehashi.web.settings"
    done = subprocess.run(
        [sys.executable, "-m", "kakehashi.web.manage", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0 and "KAKEHASHI_SECRET_KEY is not set" in done.stderr


def test_pages_carry_a_content_security_policy_and_the_inline_script_its_nonce(world: Any) -> None:
    client = Client()
    response = client.get("/recruit/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert "onclick=" not in Client().get("/accounts/login/").content.decode()


def test_logins_are_refused_after_five_failures_even_with_the_right_password(world: Any) -> None:
    north, _, _ = world
    user = north.users["coordinator"]
    client = Client()
    for _ in range(5):
        page = client.post("/accounts/login/", {"username": user.username, "password": "wrong-password-1"})
        assert page.status_code == 200
    refused = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    others = Client()  # another account from the same address is not locked out by these five
    assert (
        others.post(
            "/accounts/login/",
            {
                "username": north.users["jte"].username
                if "jte" in north.users
                else north.users["school_staff"].username,
                "password": PASSWORD,
            },
        ).status_code
        == 302
    )
    AttemptCount.objects.all().delete()  # the window has passed
    assert client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}).status_code == 302
