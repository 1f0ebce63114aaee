"""A JTE's change request goes where the contract allows: never straight to the ALT under outsourcing (請負)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from kakehashi.web.organizations.models import Contract
from kakehashi.web.people.models import Placement
from kakehashi.web.schools.models import ChangeRequest
from kakehashi.web.testing import PASSWORD, side

pytestmark = pytest.mark.django_db


def jte(s: Any) -> Client:
    client = Client()
    client.login(username=s.users["school_staff"].username, password=PASSWORD)
    return client


def test_under_outsourcing_the_request_goes_to_the_responsible_manager_only(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    east = side("East", prefix="E", seed=3, contract=Contract.Type.OUTSOURCING)
    school = east.schools[0]
    page = jte(east).get(f"/schools/{school.code}/requests/").content.decode()
    assert "Also tell the ALT directly" not in page and "never to the ALT directly" in page
    with django_capture_on_commit_callbacks(execute=True):
        jte(east).post(f"/schools/{school.code}/requests/", {"message": "Please swap Tuesday and Thursday."})
    request = ChangeRequest.objects.get()
    assert request.routed_to.username == "Emanager" and not request.participant_told
    assert [m.to for m in mail.outbox] == [["Emanager@example.jp"]]


def test_under_outsourcing_a_forged_direct_request_is_refused_with_the_reason(db: Any) -> None:
    east = side("East", prefix="E", seed=3, contract=Contract.Type.OUTSOURCING)
    school = east.schools[0]
    from kakehashi.web.pages.schools.requests import RequestRefusedError, change_request_file

    with pytest.raises(RequestRefusedError, match="Outsourcing contract"):
        change_request_file(
            school=school, author=east.users["school_staff"], message="x", about=east.alts[0], tell_participant=True
        )
    assert not ChangeRequest.objects.exists()


def test_under_dispatch_the_coordinator_gets_it_and_the_alt_may_be_told(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    school = north.schools[0]
    alt = north.alts[0]
    # The JTE can name the ALTs placed at (or visiting) their school.
    Placement.objects.create(participant=alt, organization=school.organization, starts=dt.date(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        jte(north).post(
            f"/schools/{school.code}/requests/",
            {"message": "Sports day on Friday.", "about": alt.code, "tell_participant": "on"},
        )
    request = ChangeRequest.objects.get()
    assert request.participant_told and request.routed_to.username == "Nmanager"
    assert sorted(mail.outbox[0].to) == sorted(["Nmanager@example.jp", north.users["participant"].email])


def test_only_the_schools_own_staff_can_file_a_request(world: Any) -> None:
    north, _, _ = world
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    assert client.post(f"/schools/{north.schools[0].code}/requests/", {"message": "x"}).status_code == 403


def test_a_jte_who_tries_to_message_an_outsourced_alt_is_told_why_and_the_attempt_is_logged(db: Any) -> None:
    from kakehashi.web.notices.models import Notice
    from kakehashi.web.schools.models import BlockedInstruction

    east = side("East", prefix="E", seed=3, contract=Contract.Type.OUTSOURCING)
    school, alt = east.schools[0], east.alts[0]
    Placement.objects.create(participant=alt, organization=school.organization, starts=dt.date(2026, 4, 1))
    client = jte(east)
    alt_page = client.get(f"/people/{alt.code}/").content.decode()
    assert "Message this ALT" in alt_page and "goes to the contractor's responsible manager" in alt_page
    explained = client.get(f"/schools/{school.code}/requests/?about={alt.code}&kind=message&direct=1").content.decode()
    assert "You cannot message the ALT directly here." in explained and "disguised dispatch" in explained
    assert "偽装請負" not in explained  # one language: the reader's
    forged = client.post(
        f"/schools/{school.code}/requests/",
        {"message": "Please come early tomorrow.", "about": alt.code, "kind": "message", "tell_participant": "on"},
    )
    assert "Outsourcing contract" in forged.content.decode() and not ChangeRequest.objects.exists()
    blocked = BlockedInstruction.objects.get()
    assert (blocked.school, blocked.author, blocked.about) == (school, east.users["school_staff"], alt)
    assert Notice.objects.filter(user__username="Emanager", subject__contains="Direct instruction refused").exists()
    sent = client.post(
        f"/schools/{school.code}/requests/", {"message": "Great lesson today.", "about": alt.code, "kind": "feedback"}
    )
    assert sent.status_code == 302
    feedback = ChangeRequest.objects.get()
    assert feedback.kind == "feedback" and feedback.routed_to.username == "Emanager" and not feedback.participant_told


def test_under_dispatch_a_jte_may_message_the_alt_directly_from_their_page(world: Any) -> None:
    north, _, _ = world
    school, alt = north.schools[0], north.alts[0]
    Placement.objects.create(participant=alt, organization=school.organization, starts=dt.date(2026, 4, 1))
    client = jte(north)
    page = client.get(f"/schools/{school.code}/requests/?about={alt.code}&kind=message&direct=1").content.decode()
    assert "You cannot message the ALT directly here." not in page
    assert 'name="tell_participant" id="id_tell_participant" checked' in page
