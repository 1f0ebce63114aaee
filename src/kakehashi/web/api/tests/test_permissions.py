"""Roles: whoever may read an object but not change it is refused with 403 (as the pages refuse them), and the
rules of who decides stay the apps' own — a board's supervisor approves daily reports but, under an
outsourcing contract (請負), may not return them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.api.tests.objects import make_objects
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.organizations.models import Contract
from kakehashi.web.recruitment.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def north(world: Any) -> tuple[Any, dict[str, Any]]:
    side, _, _ = world
    return side, make_objects(side)


# (role, method, url with {name} placeholders from the objects, body)
READ_BUT_NOT_CHANGE = [
    ("supervisor", "patch", "/api/schools/{schools}/", {"max_alts": 3}),
    ("school_staff", "patch", "/api/schools/{schools}/", {"max_alts": 3}),
    ("supervisor", "patch", "/api/participants/{participants}/", {"classes_max": 24}),
    ("school_staff", "patch", "/api/events/{events}/", {"name": "Tests"}),
    ("school_staff", "delete", "/api/events/{events}/", None),
    ("participant", "post", "/api/leave-requests/{leave-requests}/approve/", {}),
    ("participant", "post", "/api/daily-reports/{daily-reports}/approve/", {}),
    ("supervisor", "post", "/api/sea-requests/{sea-requests}/open/", {}),
    ("applicant", "post", "/api/applications/{applications}/move/", {"to": "screened"}),
    ("supervisor", "post", "/api/solve-jobs/", {"program": "{programs}", "time_limit": 5}),
    ("participant", "post", "/api/training-sessions/{training-sessions}/invite/", {"who": "all"}),
]


@pytest.mark.parametrize(("role", "method", "url", "body"), READ_BUT_NOT_CHANGE)
def test_a_role_that_may_only_read_is_refused_a_change_with_403(
    north: Any, role: str, method: str, url: str, body: dict[str, Any] | None
) -> None:
    side, objects = north
    objects = {key: str(value) for key, value in objects.items()}  # the participant's own report and leave
    client = script(side.users[role])
    filled = url.format_map(objects)
    if body is not None:
        body = {key: value.format_map(objects) if isinstance(value, str) else value for key, value in body.items()}
    response = getattr(client, method)(filled, body, format="json")
    assert response.status_code == 403, response.content


def test_what_a_role_reads_it_reads_before_being_refused_the_change(north: Any) -> None:
    side, objects = north
    staff = script(side.users["school_staff"])
    assert staff.get(f"/api/events/{objects['events']}/").status_code == 200
    assert script(side.users["supervisor"]).get(f"/api/schools/{objects['schools']}/").status_code == 200
    applicant = script(side.users["applicant"])
    assert applicant.get(f"/api/applications/{objects['applications']}/").status_code == 200


def test_lists_the_pages_keep_from_a_role_are_403_to_it(world: Any) -> None:
    north, _, _ = world
    alt = script(north.users["participant"])
    assert alt.get("/api/participants/").status_code == 403  # the participants page is for staff
    assert alt.get("/api/timetable-versions/").status_code == 403
    assert script(north.users["school_staff"]).get("/api/workforce/").status_code == 403
    assert script(north.users["coordinator"]).get("/api/access-log/").status_code == 403


def test_a_board_supervisor_approves_a_daily_report_but_under_outsourcing_may_not_return_one(world: Any) -> None:
    north, _, _ = world
    Contract.objects.filter(program=north.program).update(type=Contract.Type.OUTSOURCING)
    report = DailyReport.objects.create(participant=north.alts[0], date=dt.date(2026, 11, 16), status="submitted")
    supervisor = script(north.users["supervisor"])
    refused = supervisor.post(f"/api/daily-reports/{report.pk}/return/", {"comment": "Add the club."}, format="json")
    assert refused.status_code == 403
    approved = supervisor.post(f"/api/daily-reports/{report.pk}/approve/", {"comment": "Thank you."}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_a_participant_asks_for_leave_and_cancels_it_but_only_a_coordinator_decides(world: Any) -> None:
    north, _, _ = world
    from kakehashi.web.leave.models import LeaveEntitlement

    LeaveEntitlement.objects.create(participant=north.alts[0], year=2026, days=10)
    alt = script(north.users["participant"])
    asked = alt.post(
        "/api/leave-requests/", {"kind": "annual", "starts": "2026-12-07", "ends": "2026-12-08"}, format="json"
    )
    assert asked.status_code == 201 and asked.json()["days"] == 2
    leave = asked.json()["id"]
    assert alt.get("/api/leave-requests/balance/").json()["requested"] == 2
    assert script(north.users["coordinator"]).post(f"/api/leave-requests/{leave}/refuse/", {}).status_code == 200
    assert LeaveRequest.objects.get(pk=leave).status == "refused"
    again = alt.post(f"/api/leave-requests/{leave}/cancel/")
    assert again.status_code == 400  # the service's answer, as the page would show it
    assert again.json()["non_field_errors"][0].startswith("Only a requested or approved leave can be cancelled.")


def test_an_applicant_withdraws_their_own_application_and_nobody_else_s(world: Any) -> None:
    north, south, _ = world
    objects = make_objects(north)
    assert (
        script(south.users["applicant"]).post(f"/api/applications/{objects['applications']}/withdraw/").status_code
        == 404
    )
    withdrawn = script(north.users["applicant"]).post(f"/api/applications/{objects['applications']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert Application.objects.get(pk=objects["applications"]).steps.filter(to_status="withdrawn").exists()
