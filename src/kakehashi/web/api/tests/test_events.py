"""School events through the API: added to a school or a whole board by its coordinators and supervisors
through the events page's form (the kind read from the name), moved when rained out with the compensatory
day following, and refused to school staff, who only read them."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import every, script
from kakehashi.web.calendars.models import Event

pytestmark = pytest.mark.django_db


def test_a_board_wide_sports_day_on_a_saturday_gives_a_compensatory_monday_and_follows_a_rain_date(world: Any) -> None:
    north, _, _ = world
    supervisor = script(north.users["supervisor"])
    made = supervisor.post(
        "/api/events/", {"board": north.board.pk, "name": "運動会", "starts": "2026-05-30"}, format="json"
    )
    assert made.status_code == 201, made.content
    event = made.json()
    assert event["kind"] == "sports_day" and event["ends"] == "2026-05-30"  # the kind from the name, as the form
    assert event["compensatory_day"] == "2026-06-01"
    school = north.schools[0].code
    assert event["id"] in {e["id"] for e in every(script(north.users["school_staff"]), "/api/events/", school=school)}

    moved = supervisor.post(f"/api/events/{event['id']}/rained-out/", {"moved_to": "2026-06-06"}, format="json")
    assert moved.status_code == 200 and moved.json()["starts"] == "2026-06-06"
    assert moved.json()["compensatory_day"] == "2026-06-08"
    earlier = supervisor.post(f"/api/events/{event['id']}/rained-out/", {"moved_to": "2026-05-01"}, format="json")
    assert earlier.status_code == 400 and "moved_to" in earlier.json()


def test_a_school_s_event_is_edited_and_deleted_by_a_coordinator_and_not_by_its_staff(world: Any) -> None:
    north, south, _ = world
    school = north.schools[0].code
    coordinator = script(north.users["coordinator"])
    made = coordinator.post(
        "/api/events/", {"school": school, "name": "Closing ceremony", "kind": "ceremony", "starts": "2027-03-19"}
    )
    assert made.status_code == 201
    event = made.json()["id"]
    staff = script(north.users["school_staff"])
    assert staff.patch(f"/api/events/{event}/", {"name": "Graduation"}, format="json").status_code == 403
    assert staff.post("/api/events/", {"school": school, "name": "Tests", "starts": "2027-01-12"}).status_code == 403
    renamed = coordinator.patch(f"/api/events/{event}/", {"name": "卒業式"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "卒業式" and renamed.json()["kind"] == "ceremony"
    assert script(south.users["coordinator"]).delete(f"/api/events/{event}/").status_code == 404
    assert coordinator.delete(f"/api/events/{event}/").status_code == 204
    assert not Event.objects.filter(pk=event).exists()


def test_an_event_needs_a_school_or_a_board_and_a_kind_the_name_or_the_field_says(world: Any) -> None:
    north, _, _ = world
    coordinator = script(north.users["coordinator"])
    both = coordinator.post(
        "/api/events/",
        {"school": north.schools[0].code, "board": north.board.pk, "name": "運動会", "starts": "2026-05-30"},
    )
    assert both.status_code == 400
    unnamed = coordinator.post(
        "/api/events/", {"school": north.schools[0].code, "name": "Visit", "starts": "2026-06-02"}
    )
    assert unnamed.status_code == 400 and "kind" in unnamed.json()
