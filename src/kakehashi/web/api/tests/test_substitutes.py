"""Substitute ALTs (代替ALT) through the API: who is one is shown with every participant and filters the list;
their days and hours are in the record and edited through the edit page's form, with its rules."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.people.models import Participant

pytestmark = pytest.mark.django_db


def test_a_coordinator_makes_an_alt_a_part_time_substitute_with_days_and_hours(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[1]
    client = script(north.users["coordinator"])
    changed = client.patch(
        f"/api/participants/{alt.code}/",
        {"substitute": "part_time", "cover_days": ["mon", "wed"], "cover_from": "08:30", "cover_until": "12:30"},
        format="json",
    )
    assert changed.status_code == 200
    answer = changed.json()
    assert answer["substitute"] == "part_time"
    record = answer["record"]
    assert (record["substitute"], record["cover_days"]) == ("part_time", ["mon", "wed"])
    assert (record["cover_from"], record["cover_until"]) == ("08:30:00", "12:30:00")
    alt.refresh_from_db()
    assert alt.is_substitute and alt.cover_days == ["mon", "wed"]


def test_hours_that_end_before_they_start_are_refused_naming_the_field(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[1]
    refused = script(north.users["coordinator"]).patch(
        f"/api/participants/{alt.code}/",
        {"substitute": "standby", "cover_from": "13:00", "cover_until": "09:00"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json() == {"cover_until": ["After the time the substitute covers from, please."]}
    alt.refresh_from_db()
    assert not alt.is_substitute


def test_the_participant_list_shows_and_filters_the_substitutes(world: Any) -> None:
    north, _, _ = world
    Participant.objects.filter(pk=north.alts[0].pk).update(substitute=Participant.Substitute.STANDBY)
    client = script(north.users["coordinator"])
    everyone = client.get("/api/participants/").json()["results"]
    assert {p["code"]: p["substitute"] for p in everyone}[north.alts[0].code] == "standby"
    standby = client.get("/api/participants/?substitute=standby").json()["results"]
    assert [p["code"] for p in standby] == [north.alts[0].code]
    regular = client.get("/api/participants/?substitute=none").json()["results"]
    assert north.alts[0].code not in {p["code"] for p in regular} and regular
