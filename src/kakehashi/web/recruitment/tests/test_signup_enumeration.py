"""Sign-up never tells who has an account (issue 16, finding 6): the page answers the same for a staff name, a
staff member's email and a new address; only the owner of the address learns, by email, that an account
exists. A link works only as sent, and sign-ups are counted so the page cannot flood an inbox."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client

from kakehashi.web.accounts.models import Role

LINK = re.compile(r"https?://testserver(/recruit/signup/finish/\S+/)")


def sign_up(email: str, capture: Any, address: str = "192.0.2.20") -> tuple[int, str, str]:
    with capture(execute=True):
        response = Client(REMOTE_ADDR=address).post("/recruit/signup/", {"email": email}, follow=True)
    return response.status_code, response.redirect_chain[-1][0] if response.redirect_chain else "", strip(response)


def strip(response: Any) -> str:
    # The page as a reader sees it, without the per-request CSRF token and CSP nonce.
    return re.sub(r'(value=|nonce=|X-CSRFToken": )"[^"]*"', "", response.content.decode())


def test_the_sign_up_page_answers_the_same_for_a_staff_members_email_and_a_new_one(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    coordinator = north.users["coordinator"]
    taken = sign_up(coordinator.email, django_capture_on_commit_callbacks)
    fresh = sign_up("someone.new@example.org", django_capture_on_commit_callbacks)
    assert taken == fresh
    assert taken[1] == "/recruit/signup/sent/"
    assert "already exists" not in taken[2].lower() and "taken" not in taken[2].lower()
    reminder, link = mail.outbox
    assert reminder.to == [coordinator.email] and "already belongs to an account" in reminder.body
    assert "/accounts/password/reset/" in reminder.body and LINK.search(reminder.body) is None
    assert link.to == ["someone.new@example.org"] and LINK.search(link.body) is not None


def test_a_staff_user_name_typed_as_the_address_is_refused_like_any_non_address(world: Any) -> None:
    north, _, _ = world
    for typed in (north.users["coordinator"].username, "no-such-person"):
        page = Client().post("/recruit/signup/", {"email": typed})
        assert page.status_code == 200 and "Enter a valid email address" in page.content.decode()
    assert "already exists" not in page.content.decode().lower()


def test_no_account_exists_until_the_emailed_link_is_used_and_a_forged_link_does_nothing(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up("ada@example.org", django_capture_on_commit_callbacks)
    assert not Role.objects.filter(user__username="ada@example.org").exists()
    link = LINK.search(mail.outbox[0].body)
    assert link is not None
    token = link.group(1).removesuffix("/")
    forged = token[:-1] + ("A" if token[-1] != "A" else "B") + "/"  # one letter of the signature changed
    assert Client().get(forged).status_code == 400
    assert Client().get(link.group(1)).status_code == 200
    assert not Role.objects.filter(user__username="ada@example.org").exists()


def test_signing_up_again_with_an_address_that_has_an_account_changes_nothing(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    applicant = north.users["applicant"]
    password = applicant.password
    sign_up(applicant.email.upper(), django_capture_on_commit_callbacks)
    applicant.refresh_from_db()
    assert applicant.password == password and "already belongs to an account" in mail.outbox[0].body


def test_an_address_gets_at_most_three_sign_up_emails_an_hour(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    outcomes = [
        sign_up("target@example.org", django_capture_on_commit_callbacks, address=f"192.0.2.{n}")[1]
        for n in range(30, 35)
    ]
    assert outcomes[:3] == ["/recruit/signup/sent/"] * 3 and outcomes[3:] == ["", ""]
    assert len(mail.outbox) == 3
    refused = Client().post("/recruit/signup/", {"email": "target@example.org"})
    assert "Too many sign-ups" in refused.content.decode()
