"""Login throttling (issue 16, finding 6): attempts are counted before the password is checked, so parallel
wrong passwords cannot all be tried; a lock-out is for a name *at an address*, so knowing a staff member's name
is no way to lock them out; one address has a wider limit over all names; behind a proxy the client's address
is the proxy's last X-Forwarded-For entry, and without one the header is ignored."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.contrib.auth.signals import user_login_failed
from django.db import connection, connections
from django.test import Client, override_settings
from django.utils import timezone

from kakehashi.web.accounts.models import AttemptCount
from kakehashi.web.testing import PASSWORD

STAFF_ROOM = "192.0.2.10"
ATTACKER = "198.51.100.66"
ELSEWHERE = "203.0.113.5"


def log_in(address: str, username: str, password: str, **headers: str) -> str:
    """'in', 'wrong' or 'throttled'."""
    response = Client(REMOTE_ADDR=address, **headers).post(
        "/accounts/login/", {"username": username, "password": password}
    )
    if response.status_code == 302:
        return "in"
    return "throttled" if "Too many failed logins" in response.content.decode() else "wrong"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel requests are tested on PostgreSQL")
def test_twelve_parallel_wrong_passwords_try_at_most_five(world: Any) -> None:
    north, _, _ = world
    name = north.users["coordinator"].username
    tried: list[str] = []
    counting = threading.Lock()

    def counted(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
        with counting:
            tried.append(credentials.get("username", ""))

    user_login_failed.connect(counted)
    start = threading.Barrier(12)
    outcomes: list[str] = []

    def attempt(number: int) -> None:
        try:
            start.wait()
            outcomes.append(log_in(ATTACKER, name, f"wrong-password-{number}"))
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        user_login_failed.disconnect(counted)
    assert len(tried) <= 5
    assert sorted(outcomes) == ["throttled"] * (12 - len(tried)) + ["wrong"] * len(tried)
    assert log_in(ATTACKER, name, PASSWORD) == "throttled"  # even the right password, from there


def test_a_staff_member_locked_out_elsewhere_still_gets_in_from_their_own_address(world: Any) -> None:
    north, _, _ = world
    name = north.users["coordinator"].username
    for number in range(5):
        assert log_in(ATTACKER, name, f"wrong-password-{number}") == "wrong"
    assert log_in(ATTACKER, name, PASSWORD) == "throttled"
    assert log_in(STAFF_ROOM, name, PASSWORD) == "in"


def test_a_few_typos_then_a_login_start_the_count_afresh(world: Any) -> None:
    north, _, _ = world
    name = north.users["coordinator"].username
    for _ in range(2):
        for number in range(4):
            assert log_in(STAFF_ROOM, name, f"typo-{number}") == "wrong"
        assert log_in(STAFF_ROOM, name, PASSWORD) == "in"


def test_one_address_guessing_many_names_is_stopped_after_twenty_attempts(world: Any) -> None:
    north, south, _ = world
    names = [user.username for side in (north, south) for user in side.users.values()]
    outcomes = [log_in(ATTACKER, name, f"guess-{n}") for n in range(3) for name in names]
    assert outcomes[:20] == ["wrong"] * 20 and set(outcomes[20:]) == {"throttled"}
    assert log_in(ELSEWHERE, names[0], PASSWORD) == "in"


def test_the_forwarded_address_is_ignored_unless_the_site_is_behind_a_proxy(world: Any) -> None:
    north, _, _ = world
    name = north.users["coordinator"].username
    for number in range(5):
        # Without a proxy anyone can send the header: a different one on each try changes nothing.
        log_in(ATTACKER, name, f"wrong-{number}", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
    assert log_in(ATTACKER, name, PASSWORD, HTTP_X_FORWARDED_FOR=ELSEWHERE) == "throttled"
    with override_settings(BEHIND_PROXY=True):
        proxy, another = "127.0.0.1", "198.51.100.77"
        for number in range(5):
            # The client's own entries come first; the proxy appends the address it saw, which is what counts.
            forged = f"10.9.9.{number}, {another}"
            assert log_in(proxy, name, f"wrong-{number}", HTTP_X_FORWARDED_FOR=forged) == "wrong"
        assert log_in(proxy, name, PASSWORD, HTTP_X_FORWARDED_FOR=f"{ELSEWHERE}, {another}") == "throttled"
        assert log_in(proxy, name, PASSWORD, HTTP_X_FORWARDED_FOR=STAFF_ROOM) == "in"


def test_counters_of_windows_long_past_are_deleted_as_new_attempts_come(world: Any) -> None:
    north, _, _ = world
    log_in(ATTACKER, north.users["coordinator"].username, "wrong-once")
    AttemptCount.objects.update(window_start=timezone.now() - dt.timedelta(days=2))
    log_in(STAFF_ROOM, north.users["coordinator"].username, PASSWORD)
    assert not AttemptCount.objects.filter(key__contains=ATTACKER).exists()
