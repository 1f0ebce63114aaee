"""Schools and participants through the API: edited through the edit pages' forms and services (their rules,
their messages), a participant's record only for their coordinators and themselves, every read of someone's
record in the access log, and the published weeks of a school and of an ALT."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.organizations.models import Contract
from kakehashi.web.privacy.models import PersonalDataView
from kakehashi.web.schools.models import BlockedInstruction, ChangeRequest

pytestmark = pytest.mark.django_db


def test_a_school_edit_keeps_the_edit_page_s_rule_and_names_the_field(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    client = script(north.users["coordinator"])
    refused = client.patch(f"/api/schools/{school.code}/", {"visit_days_min": 4, "visit_days_max": 2}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"visit_days_max": ["At least the minimum, please."]}
    renamed = client.patch(f"/api/schools/{school.code}/", {"name": "Kita Elementary School"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "Kita Elementary School"
    assert renamed.json()["lat"] == school.lat  # a PATCH leaves the other fields as they were


def test_a_participant_s_record_is_for_their_coordinators_and_themselves_and_each_read_is_logged(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    assert script(north.users["coordinator"]).get(f"/api/participants/{alt.code}/").json()["record"]["home_lat"]
    assert script(north.users["participant"]).get(f"/api/participants/{alt.code}/").json()["record"] is not None
    seen = script(north.users["supervisor"]).get(f"/api/participants/{alt.code}/").json()
    assert seen["record"] is None and seen["name"] == alt.name
    viewers = set(PersonalDataView.objects.filter(participant=alt).values_list("viewer__username", flat=True))
    assert viewers == {north.users["coordinator"].username, north.users["supervisor"].username}  # not their own


def test_a_participant_edit_goes_through_the_edit_page_s_form(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[1]
    client = script(north.users["coordinator"])
    refused = client.patch(f"/api/participants/{alt.code}/", {"classes_min": 26, "classes_max": 24}, format="json")
    assert refused.status_code == 400 and "classes_max" in refused.json()
    changed = client.patch(
        f"/api/participants/{alt.code}/", {"classes_max": 24, "levels": ["elementary"]}, format="json"
    )
    assert changed.status_code == 200
    record = changed.json()["record"]
    assert record["classes_max"] == 24 and record["levels"] == ["elementary"] and record["name"] == alt.name


def test_the_published_weeks_of_an_alt_and_of_a_school_agree(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    week = script(north.users["participant"]).get(f"/api/participants/{alt.code}/week/").json()
    assert week["version"] is not None and week["days"]
    day = week["days"][0]
    school = day["schools"][0]
    school_week = script(north.users["coordinator"]).get(f"/api/schools/{school}/week/").json()
    assert alt.code in school_week["visits"][day["day"]]
    mine = {x["lesson"] for x in school_week["lessons"] if x["alt"] == alt.code}
    assert mine == {x["lesson"] for d in week["days"] for x in d["lessons"] if x["school"] == school}


def test_school_staff_file_a_change_request_and_under_outsourcing_a_direct_one_is_refused_and_kept(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    staff = script(north.users["school_staff"])
    body = {"school": school.code, "kind": "timetable", "message": "Please swap Tuesday and Thursday."}
    filed = staff.post("/api/change-requests/", body, format="json")
    assert filed.status_code == 201 and filed.json()["routed_to"] == "Nmanager"  # the program's first coordinator
    assert script(north.users["coordinator"]).get(f"/api/change-requests/{filed.json()['id']}/").status_code == 200
    assert script(north.users["supervisor"]).post("/api/change-requests/", body, format="json").status_code == 403

    Contract.objects.filter(program=north.program).update(type=Contract.Type.OUTSOURCING)
    direct = {**body, "kind": "message", "tell_participant": True}
    refused = staff.post("/api/change-requests/", direct, format="json")
    assert refused.status_code == 400 and "Outsourcing contract" in refused.json()["non_field_errors"][0]
    assert BlockedInstruction.objects.filter(school=school).count() == 1
    assert ChangeRequest.objects.count() == 1


def test_the_program_s_week_file_is_for_its_coordinators(world: Any) -> None:
    north, _, _ = world
    week = script(north.users["coordinator"]).get(f"/api/programs/{north.program.pk}/week/")
    assert week.status_code == 200 and week.json()["format"] == "kakehashi/week@1"
    assert {s["id"] for s in week.json()["schools"]} == {s.code for s in north.schools}
    assert script(north.users["participant"]).get(f"/api/programs/{north.program.pk}/week/").status_code == 403
