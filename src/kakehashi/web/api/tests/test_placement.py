"""Recruitment and placement through the API: a board files an SEA request and the coordinator opens it as a
cycle; the organizations' requests are placed by the optimizer and the run applied; participants state next
year's choice within the five-year limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.api.tests.helpers import every, script
from kakehashi.web.people.models import Participant
from kakehashi.web.recruitment.models import Application, Cycle, PlacementRequest

pytestmark = pytest.mark.django_db


def test_a_board_files_an_sea_request_and_the_coordinator_opens_it_as_a_cycle(world: Any) -> None:
    north, south, _ = world
    filed = script(north.users["supervisor"]).post(
        "/api/sea-requests/",
        {
            "organization": north.board.pk,
            "sport": "judo",
            "qualifications": "judo coaching licence",
            "posts": 1,
            "starts": "2027-04-01",
            "ends": "2028-03-31",
        },
        format="json",
    )
    assert filed.status_code == 201 and filed.json()["program"] == north.program.pk
    sea = filed.json()["id"]
    assert script(south.users["coordinator"]).post(f"/api/sea-requests/{sea}/open/", {}).status_code == 404
    opened = script(north.users["coordinator"]).post(
        f"/api/sea-requests/{sea}/open/",
        {
            "opens_on": "2026-12-01",
            "deadline_date": "2027-01-31",
            "deadline_time": "23:59",
            "time_zone": "Asia/Tokyo",
            "departure_on": "2027-04-01",
            "recruiting_country": "FR",
        },
        format="json",
    )
    assert opened.status_code == 201 and opened.json()["position"] == "sea"
    assert any("judo" in rule for rule in opened.json()["eligibility"])
    assert PlacementRequest.objects.filter(program=north.program, position="sea", sport="judo").exists()
    other_board = script(north.users["supervisor"]).post(
        "/api/sea-requests/",
        {
            "organization": south.board.pk,
            "sport": "judo",
            "qualifications": "-",
            "starts": "2027-04-01",
            "ends": "2028-03-31",
        },
        format="json",
    )
    assert other_board.status_code == 400 and "organization" in other_board.json()


def test_the_placement_run_places_an_accepted_applicant_and_applying_it_makes_a_participant(world: Any) -> None:
    north, _, _ = world
    cycle = Cycle.objects.create(
        program=north.program,
        position="alt",
        name="ALT 2027",
        opens_on=dt.date(2026, 9, 1),
        deadline_date=dt.date(2026, 11, 1),
        departure_on=dt.date(2027, 4, 1),
    )
    application = Application.objects.create(
        cycle=cycle,
        applicant=north.users["applicant"],
        status="accepted",
        submitted_at=timezone.now(),
        full_name="Grace Hopper",
        email="grace@example.org",
        birth_date=dt.date(1998, 12, 9),
        gender="woman",
        citizenships="US",
        japanese_level="N4",
        levels=["elementary"],
    )
    coordinator = script(north.users["coordinator"])
    added = coordinator.post(
        "/api/placement-requests/",
        {"program": north.program.pk, "year": 2027, "organization": north.board.pk, "position": "alt", "count": 1},
        format="json",
    )
    assert added.status_code == 201, added.content
    run = coordinator.post("/api/placement-runs/", {"program": north.program.pk, "year": 2027}, format="json")
    assert run.status_code == 201
    assert [a["participant"] for a in run.json()["result"]["assignments"]] == [f"app-{application.pk}"]
    applied = coordinator.post(f"/api/placement-runs/{run.json()['id']}/apply/")
    assert applied.status_code == 200 and applied.json()["run"]["applied_at"]
    [code] = applied.json()["participants"]
    person = Participant.objects.get(code=code)
    assert person.user == north.users["applicant"] and person.placements.get().organization == north.board
    assert coordinator.post(f"/api/placement-runs/{run.json()['id']}/apply/").status_code == 400  # once only
    assert code in {p["code"] for p in every(coordinator, "/api/participants/")}


def test_a_participant_states_next_year_s_choice_and_a_sixth_year_is_refused(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    client = script(north.users["participant"])
    stayed = client.post("/api/renewal-intents/", {"choice": "recontract", "note": "Happy here"}, format="json")
    assert stayed.status_code == 201 and stayed.json()["participant"] == alt.code
    assert stayed.json()["id"] in {r["id"] for r in every(script(north.users["coordinator"]), "/api/renewal-intents/")}
    Participant.objects.filter(pk=alt.pk).update(start_date=dt.date(2021, 8, 1))
    refused = client.post("/api/renewal-intents/", {"choice": "recontract"}, format="json")
    assert refused.status_code == 400 and refused.json()["non_field_errors"]
    assert client.post("/api/renewal-intents/", {"choice": "leave"}, format="json").status_code == 201
