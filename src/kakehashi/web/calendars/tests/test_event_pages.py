"""Coordinators and supervisors keep a school's or a board's events on pages; the compensatory day off of a
weekend event is the core's and follows a rained-out sports day by itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.calendars.models import Event
from kakehashi.web.core.models import Change
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def sports_day(school: Any, day: dt.date = dt.date(2026, 5, 23)) -> Event:
    return Event.objects.create(school=school, kind="sports_day", name="運動会", starts=day, ends=day)


def test_a_coordinator_creates_edits_and_deletes_a_school_event(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    client = signed_in(north.users["coordinator"])
    base = f"/year/schools/{school.code}/events/"
    created = client.post(
        base + "new/", {"name": "中間テスト", "kind": "test", "starts": "2026-06-24", "ends": "2026-06-25"}
    )
    assert created.status_code == 302 and created["Location"] == base + "?year=2026"
    event = Event.objects.get(school=school)
    assert (event.kind, event.starts, event.ends) == ("test", dt.date(2026, 6, 24), dt.date(2026, 6, 25))
    assert "中間テスト" in client.get(base + "?year=2026").content.decode()

    edited = client.post(
        f"/year/events/{event.pk}/edit/", {"name": "期末テスト", "kind": "test", "starts": "2026-07-01", "ends": ""}
    )
    assert edited.status_code == 302
    event.refresh_from_db()
    assert (event.name, event.starts, event.ends) == ("期末テスト", dt.date(2026, 7, 1), dt.date(2026, 7, 1))

    assert client.get(f"/year/events/{event.pk}/delete/").status_code == 200  # asks first
    assert client.post(f"/year/events/{event.pk}/delete/").status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert list(Change.objects.filter(model="calendars.event").values_list("action", flat=True)) == [
        "delete",
        "update",
        "create",
    ]


def test_a_blank_kind_is_taken_from_the_name_and_one_the_name_does_not_say_is_asked_for_next_to_the_field(
    world: Any,
) -> None:
    north, _, _ = world
    client = signed_in(north.users["coordinator"])
    url = f"/year/schools/{north.schools[0].code}/events/new/"
    client.post(url, {"name": "卒業式", "kind": "", "starts": "2027-03-19"})
    assert Event.objects.get(name="卒業式").kind == "ceremony"
    page = client.post(url, {"name": "遠足", "kind": "", "starts": "2026-05-15"}).content.decode()
    assert "Choose a kind; the name does not say one." in page and "種類を選んでください" not in page
    assert not Event.objects.filter(name="遠足").exists()


def test_an_event_that_ends_before_it_starts_or_has_no_date_is_refused_next_to_the_field(world: Any) -> None:
    north, _, _ = world
    client = signed_in(north.users["coordinator"])
    url = f"/year/schools/{north.schools[0].code}/events/new/"
    page = client.post(url, {"name": "文化祭", "kind": "", "starts": "2026-10-31", "ends": "2026-10-30"})
    assert "The event ends before it starts." in page.content.decode()
    page = client.post(url, {"name": "文化祭", "kind": "", "starts": "next week", "ends": "2026-10-30"})
    assert page.status_code == 200 and 'id="id_starts"' in page.content.decode()
    assert not Event.objects.exists()


def test_a_saturday_sports_day_lists_its_compensatory_monday(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    sports_day(school)
    page = signed_in(north.users["coordinator"]).get(f"/year/schools/{school.code}/events/?year=2026").content.decode()
    assert "Sat 23 May 2026" in page and "Mon 25 May 2026" in page


def test_a_rained_out_sports_day_moves_and_its_compensatory_day_follows(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    event = sports_day(school)
    client = signed_in(north.users["coordinator"])
    form = client.get(f"/year/events/{event.pk}/rained-out/").content.decode()
    assert "Mon 25 May 2026" in form  # the compensatory day before the move
    moved = client.post(f"/year/events/{event.pk}/rained-out/", {"moved_to": "2026-05-30"}, follow=True)
    event.refresh_from_db()
    assert (event.starts, event.ends) == (dt.date(2026, 5, 30), dt.date(2026, 5, 30))
    page = moved.content.decode()
    assert "compensatory day off: Mon 1 Jun 2026" in page and "振替休業日" not in page
    assert "Mon 1 Jun 2026" in page and "Mon 25 May 2026" not in page


def test_a_rained_out_event_cannot_move_earlier_and_only_a_sports_day_is_rained_out(world: Any) -> None:
    north, _, _ = world
    event = sports_day(north.schools[0])
    client = signed_in(north.users["coordinator"])
    page = client.post(f"/year/events/{event.pk}/rained-out/", {"moved_to": "2026-05-16"}).content.decode()
    assert "A rained-out event moves to a later day." in page
    event.refresh_from_db()
    assert event.starts == dt.date(2026, 5, 23)
    test = Event.objects.create(
        school=north.schools[0], kind="test", name="期末テスト", starts=dt.date(2026, 7, 1), ends=dt.date(2026, 7, 3)
    )
    assert client.get(f"/year/events/{test.pk}/rained-out/").status_code == 404


def test_a_board_supervisor_adds_a_board_event_that_every_school_of_the_board_lists(world: Any) -> None:
    north, south, _ = world
    client = signed_in(north.users["supervisor"])
    form = client.get(f"/year/boards/{north.board.pk}/events/new/").content.decode()
    assert "An event of the whole board: it is on the calendar of every school of the board." in form
    client.post(f"/year/boards/{north.board.pk}/events/new/", {"name": "体育祭", "kind": "", "starts": "2026-10-10"})
    event = Event.objects.get(board=north.board)
    assert event.kind == "sports_day" and event.school is None
    for school in north.schools:
        page = client.get(f"/year/schools/{school.code}/events/?year=2026").content.decode()
        assert "体育祭" in page and "whole board" in page and "Tue 13 Oct 2026" in page  # Monday is スポーツの日
    assert client.get(f"/year/schools/{south.schools[0].code}/events/").status_code == 404


def test_the_year_filter_shows_the_school_year_from_april_to_march(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    for name, day in (
        ("始業式", dt.date(2026, 4, 6)),
        ("卒業式", dt.date(2027, 3, 19)),
        ("修了式", dt.date(2027, 4, 1)),
    ):
        Event.objects.create(school=school, kind="ceremony", name=name, starts=day, ends=day)
    client = signed_in(north.users["coordinator"])
    page = client.get(f"/year/schools/{school.code}/events/?year=2026").content.decode()
    assert "始業式" in page and "卒業式" in page and "修了式" not in page
    assert "修了式" in client.get(f"/year/schools/{school.code}/events/?year=2027").content.decode()


def test_the_school_year_page_links_to_the_schools_events(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    page = signed_in(north.users["school_staff"]).get(f"/year/schools/{school.code}/?year=2026").content.decode()
    assert f"/year/schools/{school.code}/events/?year=2026" in page
