"""Passwords (issue 16, finding 11): a reset by an emailed link for every user, in both languages and limited so
it cannot flood an inbox; a signed-in user changes their own; an administrator sends a user a reset link."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client

from kakehashi.web.testing import PASSWORD, signed_in

RESET_LINK = re.compile(r"https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")
NEW_PASSWORD = "lantern-ferry-harbour-7"


def choose_new_password(link: str) -> Client:
    browser = Client()
    form = browser.get(link, follow=True)  # Django moves the token into the session, then shows the form
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = browser.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"
    return browser


def test_a_jte_who_forgot_their_password_chooses_a_new_one_by_the_emailed_link(world: Any) -> None:
    north, _, _ = world
    jte = north.users["school_staff"]
    asked = Client().post("/accounts/password/reset/", {"email": jte.email})
    assert asked.status_code == 302 and asked["Location"] == "/accounts/password/reset/sent/"
    (sent,) = mail.outbox
    assert sent.to == [jte.email] and "パスワード" in sent.subject and "choose one" in sent.body
    link = RESET_LINK.search(sent.body)
    assert link is not None
    choose_new_password(link.group(1))
    assert Client().login(username=jte.username, password=NEW_PASSWORD)
    again = Client().get(link.group(1), follow=True)  # a link works once
    assert "This link does not work" in again.content.decode()


def test_the_reset_page_answers_the_same_for_an_address_without_an_account(world: Any) -> None:
    north, _, _ = world
    known = Client().post("/accounts/password/reset/", {"email": north.users["coordinator"].email})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302 and known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_one_address_gets_at_most_three_reset_emails_an_hour(world: Any) -> None:
    north, _, _ = world
    email = north.users["participant"].email
    for n in range(5):
        Client(REMOTE_ADDR=f"192.0.2.{40 + n}").post("/accounts/password/reset/", {"email": email})
    assert len(mail.outbox) == 3
    refused = Client().post("/accounts/password/reset/", {"email": email})
    assert refused.status_code == 200 and "Too many requests" in refused.content.decode()


def test_one_client_asking_for_many_addresses_is_stopped_after_ten(world: Any) -> None:
    answers = [
        Client(REMOTE_ADDR="198.51.100.9").post("/accounts/password/reset/", {"email": f"x{n}@example.org"})
        for n in range(12)
    ]
    assert [a.status_code for a in answers] == [302] * 10 + [200, 200]


def test_the_reset_pages_speak_japanese_to_a_japanese_reader(world: Any) -> None:
    page = Client(headers={"accept-language": "ja"}).get("/accounts/password/reset/").content.decode()
    assert "パスワードをお忘れですか" in page and "リンクを送信" in page


def test_a_signed_in_user_changes_their_own_password_from_the_link_beside_log_out(world: Any) -> None:
    north, _, _ = world
    alt = north.users["participant"]
    browser = signed_in(alt)
    home = browser.get("/").content.decode()
    assert 'href="/accounts/password/"' in home
    wrong = browser.post(
        "/accounts/password/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    changed = browser.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302 and changed["Location"] == "/accounts/password/changed/"
    assert browser.get("/").status_code == 200  # still signed in after the change
    assert Client().login(username=alt.username, password=NEW_PASSWORD)


def test_an_administrator_sends_users_a_reset_link_from_the_user_admin(world: Any) -> None:
    north, _, root = world
    coordinator, alt = north.users["coordinator"], north.users["participant"]
    alt.email = ""
    alt.save()
    page = signed_in(root).post(
        "/admin/auth/user/",
        {"action": "send_password_reset_link", "_selected_action": [coordinator.pk, alt.pk]},
        follow=True,
    )
    text = page.content.decode()
    assert "Reset links sent: 1." in text and f"no link for: {alt.username}" in text
    (sent,) = mail.outbox
    assert sent.to == [coordinator.email]
    link = RESET_LINK.search(sent.body)
    assert link is not None
    choose_new_password(link.group(1))
    assert Client().login(username=coordinator.username, password=NEW_PASSWORD)


def test_the_login_page_links_to_the_reset_page(world: Any) -> None:
    assert 'href="/accounts/password/reset/"' in Client().get("/accounts/login/").content.decode()


def test_a_coordinator_emails_their_alt_a_reset_link_from_the_participants_page(world: Any) -> None:
    north, south, _ = world
    alt = north.alts[0]
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(f"/people/{alt.code}/").content.decode()
    assert f'action="/people/{alt.code}/reset-link/"' in page
    sent = coordinator.post(f"/people/{alt.code}/reset-link/", follow=True)
    assert "A link to choose a new password was sent" in sent.content.decode()
    (mail_sent,) = mail.outbox
    assert mail_sent.to == [north.users["participant"].email]
    link = RESET_LINK.search(mail_sent.body)
    assert link is not None
    choose_new_password(link.group(1))
    assert Client().login(username=north.users["participant"].username, password=NEW_PASSWORD)
    # Another program's coordinator cannot, and neither can the ALT's school.
    assert signed_in(south.users["coordinator"]).post(f"/people/{alt.code}/reset-link/").status_code == 404
    assert signed_in(north.users["school_staff"]).post(f"/people/{alt.code}/reset-link/").status_code == 403
    assert len(mail.outbox) == 1
