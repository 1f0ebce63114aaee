"""Who may see and edit school events: a JTE sees their own school's (and its board's) but edits none;
everything outside a user's scope answers 404, as if it did not exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.calendars.models import Event
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def event_at(school: Any, name: str = "運動会") -> Event:
    day = dt.date(2026, 5, 23)
    return Event.objects.create(school=school, kind="sports_day", name=name, starts=day, ends=day)


def edit_pages(event: Event) -> list[str]:
    return [f"/year/events/{event.pk}/{page}/" for page in ("edit", "delete", "rained-out")]


def test_a_jte_sees_their_own_schools_events_and_the_boards_but_cannot_change_them(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    own = event_at(school)
    board = Event.objects.create(
        board=north.board, kind="closure", name="臨時休校", starts=dt.date(2026, 9, 1), ends=dt.date(2026, 9, 1)
    )
    client = signed_in(north.users["school_staff"])
    page = client.get(f"/year/schools/{school.code}/events/?year=2026").content.decode()
    assert "運動会" in page and "臨時休校" in page
    assert "/edit/" not in page and "/events/new/" not in page and "/events/import/" not in page
    for url in [*edit_pages(own), *edit_pages(board)[:2]]:
        assert client.get(url).status_code == 403, url
        assert (
            client.post(
                url, {"name": "x", "kind": "test", "starts": "2026-06-01", "moved_to": "2026-06-06"}
            ).status_code
            == 403
        )
    for url in (f"/year/schools/{school.code}/events/new/", f"/year/schools/{school.code}/events/import/"):
        assert client.get(url).status_code == 403, url
    own.refresh_from_db()
    assert own.name == "運動会" and Event.objects.count() == 2


def test_a_jte_cannot_see_another_schools_events(world: Any) -> None:
    north, _, _ = world
    other = north.schools[1]
    event = event_at(other, "よその運動会")
    client = signed_in(north.users["school_staff"])
    assert client.get(f"/year/schools/{other.code}/events/").status_code == 404
    for url in edit_pages(event):
        assert client.get(url).status_code == 404, url
    assert "よその運動会" not in client.get(f"/year/schools/{north.schools[0].code}/events/").content.decode()


def test_school_staff_and_alts_have_no_board_page(world: Any) -> None:
    north, _, _ = world
    for role in ("school_staff", "participant", "applicant"):
        assert signed_in(north.users[role]).get(f"/year/boards/{north.board.pk}/events/").status_code == 404, role


def test_another_programs_coordinator_and_supervisor_get_404_for_every_event_page(world: Any) -> None:
    north, south, _ = world
    event = event_at(north.schools[0])
    for role in ("coordinator", "supervisor"):
        client = signed_in(south.users[role])
        urls = [
            f"/year/schools/{north.schools[0].code}/events/",
            f"/year/schools/{north.schools[0].code}/events/new/",
            f"/year/schools/{north.schools[0].code}/events/import/",
            f"/year/boards/{north.board.pk}/events/",
            f"/year/boards/{north.board.pk}/events/new/",
            *edit_pages(event),
        ]
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)


def test_a_supervisor_and_an_administrator_edit_the_boards_schools_events(world: Any) -> None:
    north, _, root = world
    event = event_at(north.schools[2])
    for user, name in ((north.users["supervisor"], "体育祭"), (root, "大運動会")):
        response = signed_in(user).post(
            f"/year/events/{event.pk}/edit/", {"name": name, "kind": "sports_day", "starts": "2026-05-23"}
        )
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.name == name
