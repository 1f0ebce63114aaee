"""Training sessions and duties through the API: a coordinator schedules a session and invites everyone (each
told), a participant answers, attendance is recorded once it has begun; weekend work and paid leave days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.api.tests.helpers import every, script
from kakehashi.web.duties.models import Invitation, TrainingSession
from kakehashi.web.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_a_session_is_scheduled_everyone_invited_and_told_and_a_participant_answers(world: Any) -> None:
    north, _, _ = world
    coordinator = script(north.users["coordinator"])
    starts = timezone.now() + dt.timedelta(days=7)
    made = coordinator.post(
        "/api/training-sessions/",
        {
            "program": north.program.pk,
            "title": "Winter skills day",
            "kind": "skills",
            "starts": starts.isoformat(),
            "ends": (starts + dt.timedelta(hours=3)).isoformat(),
            "link": "https://meet.example.org/winter",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    session = made.json()["id"]
    invited = coordinator.post(f"/api/training-sessions/{session}/invite/", {"who": "all"}, format="json")
    assert invited.json() == {"count": len(north.alts)}
    assert Notice.objects.filter(user=north.users["participant"], subject__contains="Winter skills day").exists()

    alt = script(north.users["participant"])
    [invitation] = every(alt, "/api/invitations/")
    answered = alt.post(f"/api/invitations/{invitation['id']}/respond/", {"attending": True}, format="json")
    assert answered.status_code == 200 and answered.json()["response"] == "attending"
    assert session in {s["id"] for s in every(alt, "/api/training-sessions/")}

    early = coordinator.post(
        f"/api/training-sessions/{session}/attendance/", {"marks": {str(invitation["id"]): "present"}}, format="json"
    )
    assert early.status_code == 400  # the service's rule: not before the session has begun
    TrainingSession.objects.filter(pk=session).update(starts=timezone.now() - dt.timedelta(hours=1))
    marked = coordinator.post(
        f"/api/training-sessions/{session}/attendance/", {"marks": {str(invitation["id"]): "present"}}, format="json"
    )
    assert marked.json() == {"count": 1} and Invitation.objects.get(pk=invitation["id"]).attendance == "present"


def test_a_session_needs_a_place_or_a_link(world: Any) -> None:
    north, _, _ = world
    starts = timezone.now() + dt.timedelta(days=7)
    refused = script(north.users["coordinator"]).post(
        "/api/training-sessions/",
        {
            "program": north.program.pk,
            "title": "Meeting",
            "kind": "meeting",
            "starts": starts.isoformat(),
            "ends": (starts + dt.timedelta(hours=1)).isoformat(),
        },
        format="json",
    )
    assert refused.status_code == 400 and "place" in refused.json()


def test_weekend_work_earns_a_compensatory_day_and_the_coordinator_sets_paid_leave_days(world: Any) -> None:
    north, _, _ = world
    alt = script(north.users["participant"])
    assert (
        alt.post("/api/weekend-work/", {"date": "2026-11-18", "description": "Oops"}).status_code == 400
    )  # a Wednesday
    work = alt.post("/api/weekend-work/", {"date": "2026-11-14", "description": "Speech contest"}, format="json")
    assert work.status_code == 201 and work.json()["compensatory_by"] == "2026-12-12"
    day_off = alt.post(
        "/api/leave-requests/",
        {"kind": "compensatory", "starts": "2026-11-20", "ends": "2026-11-20", "weekend_work": work.json()["id"]},
        format="json",
    )
    assert day_off.status_code == 201, day_off.content
    coordinator = script(north.users["coordinator"])
    granted = coordinator.post(
        "/api/leave-entitlements/", {"participant": north.alts[0].code, "year": 2026, "days": 12}, format="json"
    )
    assert granted.status_code == 200 and granted.json()["days"] == 12
    assert alt.get("/api/leave-requests/balance/").json()["granted"] == 12


def test_an_invited_participant_sees_their_own_answer_and_not_the_other_invitees(world: Any) -> None:
    north, _, _ = world
    coordinator = script(north.users["coordinator"])
    starts = timezone.now() + dt.timedelta(days=7)
    made = coordinator.post(
        "/api/training-sessions/",
        {
            "program": north.program.pk,
            "title": "Speech contest judges' briefing",
            "kind": "meeting",
            "starts": starts.isoformat(),
            "ends": (starts + dt.timedelta(hours=1)).isoformat(),
            "place": "Board office",
        },
        format="json",
    )
    session = made.json()["id"]
    coordinator.post(f"/api/training-sessions/{session}/invite/", {"who": "all"}, format="json")
    Invitation.objects.filter(session_id=session).exclude(participant__code=north.alts[0].code).update(
        response="not_attending"
    )
    alt = script(north.users["participant"])
    for shown in (alt.get(f"/api/training-sessions/{session}/").json(), *every(alt, "/api/training-sessions/")):
        assert [i["participant"] for i in shown["invitations"]] == [north.alts[0].code]
    everyone = coordinator.get(f"/api/training-sessions/{session}/").json()["invitations"]
    assert sorted(i["participant"] for i in everyone) == sorted(a.code for a in north.alts)
