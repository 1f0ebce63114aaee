"""One inbox for the people who run a program: schools' requests and SEA requests arrive there, are assigned,
answered and closed with who and when, show people's names, and stay inside the program they belong to."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from kakehashi.web.inbox.models import InboxEvent, InboxItem
from kakehashi.web.notices.models import Notice
from kakehashi.web.organizations.models import Contract, Organization
from kakehashi.web.pages.schools.requests import change_request_file
from kakehashi.web.recruitment.models import SeaRequest
from kakehashi.web.recruitment.services_placement import sea_request_file
from kakehashi.web.schools.models import ChangeRequest
from kakehashi.web.testing import PASSWORD, side, signed_in

pytestmark = pytest.mark.django_db


def named(account: Any, first: str, last: str) -> Any:
    account.first_name, account.last_name = first, last
    account.save()
    return account


def file_from_the_page(s: Any, message: str = "Please move Tuesday's visit to Thursday.") -> InboxItem:
    school = s.schools[0]
    response = signed_in(s.users["school_staff"]).post(f"/schools/{school.code}/requests/", {"message": message})
    assert response.status_code == 302
    return InboxItem.objects.get(change_request__message=message)


def test_a_jte_request_arrives_in_its_programs_inbox_and_not_in_another_programs(world: Any) -> None:
    north, south, _ = world
    item = file_from_the_page(north)
    assert item.program == north.program and item.kind == InboxItem.Kind.CHANGE_REQUEST
    assert item.organization == north.schools[0].organization and item.state == InboxItem.State.NEW
    mine = signed_in(north.users["coordinator"]).get("/inbox/").content.decode()
    assert "Please move Tuesday&#x27;s visit to Thursday." in mine and north.schools[0].organization.name in mine
    theirs = signed_in(south.users["coordinator"])
    assert "Please move Tuesday" not in theirs.get("/inbox/").content.decode()
    assert theirs.get(f"/inbox/{item.pk}/").status_code == 404
    assert theirs.post(f"/inbox/{item.pk}/", {"action": "close", "outcome": "done"}).status_code == 404
    assert InboxItem.objects.get(pk=item.pk).state == InboxItem.State.NEW


def test_under_outsourcing_the_request_reaches_the_responsible_manager_s_inbox_and_the_answer_goes_to_the_school(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    east = side("East", prefix="E", seed=3, contract=Contract.Type.OUTSOURCING)
    # The company's responsible manager holds no coordinator role: the contract alone gives them the inbox.
    head = get_user_model().objects.create_user("Ehead", email="head@east.example.jp", password=PASSWORD)
    manager = named(head, "Kenji", "Tanaka")
    Contract.objects.filter(program=east.program).update(responsible_manager=manager)
    item = file_from_the_page(east, "Please ask the ALT to plan a Halloween lesson.")
    assert item.outsourcing and item.routed_to == manager
    client = signed_in(manager)
    listing = client.get("/inbox/").content.decode()
    assert "Halloween" in listing and "Inbox (1)" in listing
    page = client.get(f"/inbox/{item.pk}/").content.decode()
    assert "Kenji Tanaka" in page and "never go to the ALT directly" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/inbox/{item.pk}/", {"action": "answer", "text": "Yes, on 30 October."})
    # The answer reaches the JTE who asked, never the ALT.
    assert [m.to for m in mail.outbox] == [[east.users["school_staff"].email]]
    assert not Notice.objects.filter(user=east.users["participant"]).exists()


def test_assign_answer_and_close_record_who_and_when_and_tell_the_sender(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    item = file_from_the_page(north)
    manager = named(get_user_model().objects.get(username="Nmanager"), "Aiko", "Mori")
    coordinator = signed_in(north.users["coordinator"])
    assert coordinator.post(f"/inbox/{item.pk}/", {"action": "assign", "to": manager.pk}).status_code == 302
    item.refresh_from_db()
    assert item.assigned_to == manager and item.state == InboxItem.State.ASSIGNED
    assert item.state_by == north.users["coordinator"] and item.state_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(manager).post(f"/inbox/{item.pk}/", {"action": "answer", "text": "Done from next week."})
    item.refresh_from_db()
    assert item.state == InboxItem.State.ANSWERED and item.state_by == manager
    notice = Notice.objects.get(user=north.users["school_staff"])
    assert "Done from next week." in notice.body and "Aiko Mori" in notice.body
    assert [m.to for m in mail.outbox] == [[north.users["school_staff"].email]]
    signed_in(manager).post(f"/inbox/{item.pk}/", {"action": "close", "outcome": "declined"})
    item.refresh_from_db()
    assert item.state == InboxItem.State.CLOSED and item.state_by == manager
    assert ChangeRequest.objects.get(pk=item.change_request_id).state == ChangeRequest.State.DECLINED
    assert list(item.events.values_list("action", flat=True)) == ["assigned", "answered", "closed"]
    # Closed: out of the waiting list, in the closed one, with its story.
    assert "Please move Tuesday" not in coordinator.get("/inbox/").content.decode()
    assert "Please move Tuesday" in coordinator.get("/inbox/?state=closed").content.decode()
    story = coordinator.get(f"/inbox/{item.pk}/").content.decode()
    assert "Aiko Mori closed it: declined" in story and "Aiko Mori answered" in story


def test_an_item_cannot_be_assigned_to_someone_outside_the_program(world: Any) -> None:
    north, south, _ = world
    item = file_from_the_page(north)
    outsider = south.users["coordinator"]
    response = signed_in(north.users["coordinator"]).post(f"/inbox/{item.pk}/", {"action": "assign", "to": outsider.pk})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.assigned_to is None and not InboxEvent.objects.exists()


def test_the_inbox_shows_people_s_names_never_their_login_names(world: Any) -> None:
    north, _, _ = world
    named(north.users["school_staff"], "Hanako", "Suzuki")
    manager = named(get_user_model().objects.get(username="Nmanager"), "Aiko", "Mori")
    item = file_from_the_page(north)
    coordinator = signed_in(north.users["coordinator"])
    coordinator.post(f"/inbox/{item.pk}/", {"action": "assign", "to": manager.pk})
    for page in (coordinator.get("/inbox/").content.decode(), coordinator.get(f"/inbox/{item.pk}/").content.decode()):
        assert "Hanako Suzuki" in page and "Aiko Mori" in page
        assert "Njte" not in page and "Nmanager" not in page


def test_an_sea_request_arrives_in_the_inbox_of_the_program_it_was_filed_with(world: Any) -> None:
    north, south, _ = world
    sea_request_file(
        organization=north.board,
        sport="judo",
        qualifications="Kodokan 3rd dan",
        posts=1,
        starts=dt.date(2027, 4, 1),
        ends=dt.date(2028, 3, 31),
        by=north.users["supervisor"],
    )
    item = InboxItem.objects.get(kind=InboxItem.Kind.SEA_REQUEST)
    assert item.program == north.program and item.sent_by == north.users["supervisor"]
    assert "judo" in signed_in(north.users["coordinator"]).get("/inbox/").content.decode()
    assert "judo" not in signed_in(south.users["coordinator"]).get("/inbox/").content.decode()


def test_the_inbox_filters_by_state_and_school(world: Any) -> None:
    north, _, _ = world
    first = file_from_the_page(north, "From the first school.")
    change_request_file(
        school=north.schools[1],
        author=north.users["school_staff"],
        message="From the second school.",
        about=None,
        tell_participant=False,
    )
    coordinator = signed_in(north.users["coordinator"])
    both = coordinator.get("/inbox/").content.decode()
    assert "From the first school." in both and "From the second school." in both
    one = coordinator.get(f"/inbox/?school={first.organization_id}&state=all").content.decode()
    assert "From the first school." in one and "From the second school." not in one
    assert "From the first school." not in coordinator.get("/inbox/?state=answered").content.decode()


def test_the_menu_and_the_home_page_count_the_requests_waiting(world: Any) -> None:
    north, _, _ = world
    file_from_the_page(north)
    home = signed_in(north.users["coordinator"]).get("/").content.decode()
    assert "Inbox (1)" in home and "Inbox: 1 request waiting" in home


@pytest.mark.parametrize("role", ["school_staff", "participant", "supervisor", "applicant"])
def test_only_those_who_run_a_program_have_an_inbox(world: Any, role: str) -> None:
    north, _, _ = world
    item = file_from_the_page(north)
    client = signed_in(north.users[role])
    assert client.get("/inbox/").status_code == 404
    assert client.get(f"/inbox/{item.pk}/").status_code == 404
    assert "/inbox/" not in client.get("/").content.decode()


def test_an_sea_request_is_answered_to_the_board_that_filed_it_and_its_recruitment_opens_from_the_item(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    sea_request_file(
        organization=north.board,
        sport="kendo",
        qualifications="4th dan",
        posts=2,
        starts=dt.date(2027, 4, 1),
        ends=dt.date(2028, 3, 31),
        by=north.users["supervisor"],
    )
    item = InboxItem.objects.get(kind=InboxItem.Kind.SEA_REQUEST)
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(f"/inbox/{item.pk}/").content.decode()
    assert "kendo" in page and f"/recruit/sea-requests/{item.sea_request_id}/open/" in page
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(f"/inbox/{item.pk}/", {"action": "answer", "text": "We open recruitment in January."})
    notice = Notice.objects.get(user=north.users["supervisor"])
    assert "We open recruitment in January." in notice.body


def test_a_request_filed_without_a_senders_account_reads_as_from_its_organization(world: Any) -> None:
    north, _, _ = world
    Organization.objects.filter(pk=north.board.pk).update(name_ja="北市教育委員会")
    # As an import or an older demo writes one: no account filed it.
    SeaRequest.objects.create(
        program=north.program,
        organization=north.board,
        sport="judo",
        qualifications="Kodokan 3rd dan",
        starts=dt.date(2027, 4, 1),
        ends=dt.date(2028, 3, 31),
    )
    item = InboxItem.objects.get(kind=InboxItem.Kind.SEA_REQUEST)
    page = signed_in(north.users["coordinator"]).get(f"/inbox/{item.pk}/", HTTP_ACCEPT_LANGUAGE="ja")
    text = page.content.decode()
    assert "北市教育委員会さんから受信" not in text  # an organization is not さん
    assert "—" not in text.split("<main", 1)[-1]
    assert "北市教育委員会から受信" in text
    assert "メールで送られず" in text  # the answer form says no one will be emailed
