"""A coordinator's day done by a script through the API alone: log in, solve and publish the week, handle an
ALT's absence reported from the phone (cover proposed, confirmed, everyone told; the absence approved),
take an applicant through the pipeline, and approve an ALT's daily report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.organizations.models import Program
from kakehashi.web.recruitment.tests.recruiting import PDF
from kakehashi.web.testing import IMMEDIATE_TASKS, PASSWORD

pytestmark = pytest.mark.django_db
IMMEDIATE = IMMEDIATE_TASKS


def logged_in(user: Any) -> APIClient:
    """A script's start: its user's name and password for a token, then the token on every request."""
    client = APIClient()
    token = client.post("/api/auth/token/", {"username": user.username, "password": PASSWORD}).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def teaching_days(program: Program, alt: str, starts: dt.date, ends: dt.date) -> list[dt.date]:
    """Dates on which the ALT teaches at least one lesson in the published, dated plan."""
    plan = program_dated_plan(program, starts=starts, ends=ends)
    assert plan is not None
    return sorted({lesson.date for lesson in plan.lessons if lesson.alt == alt})


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json() if response.content else None


@override_settings(TASKS=IMMEDIATE)
def test_a_coordinator_s_day_through_the_api_alone(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    north, _, _ = world
    coordinator = logged_in(north.users["coordinator"])
    alt = logged_in(north.users["participant"])
    me = north.alts[0].code

    # The week: solve it, look at the result, publish it (every ALT and school is told).
    [program] = ok(coordinator.get("/api/programs/"))["results"]
    with django_capture_on_commit_callbacks(execute=True):
        job = ok(coordinator.post("/api/solve-jobs/", {"program": program["id"], "time_limit": 5}), 201)
    job = ok(coordinator.get(f"/api/solve-jobs/{job['id']}/"))
    assert job["state"] == "succeeded"
    assert ok(coordinator.get(f"/api/timetable-versions/{job['version']}/analysis/"))["covered"] > 0
    with django_capture_on_commit_callbacks(execute=True):
        published = ok(coordinator.post(f"/api/timetable-versions/{job['version']}/publish/"))
    assert published["version"]["state"] == "published" and me in published["changes"]["by_participant"]
    assert any(north.users["participant"].email in m.to for m in mail.outbox)
    assert ok(alt.get(f"/api/participants/{me}/week/"))["days"]

    # An absence from the phone: reported, cover proposed and confirmed, everyone told, then approved.
    today = timezone.localdate()
    day = teaching_days(north.program, me, today, today + dt.timedelta(days=21))[0]
    absence = ok(alt.post("/api/leave-requests/absence/", {"date": day.isoformat(), "kind": "sick"}), 201)
    assert absence["status"] == "reported"
    [row] = [r for r in ok(coordinator.get("/api/covers/absences/", {"program": program["id"]})) if r["away"]]
    assert row["date"] == day.isoformat() and row["away"] == [me] and row["waiting"]
    cover = ok(coordinator.post("/api/covers/propose/", {"program": program["id"], "date": day.isoformat()}), 201)
    assert cover["absent"] == [me] and cover["needed"] and all(x["alt"] == me for x in cover["needed"])
    mail.outbox.clear()
    # Lessons left without an ALT are confirmed only with the same acknowledgement as the page's ticked box.
    partial = cover["covered"] < len(cover["needed"])
    confirmed = ok(coordinator.post(f"/api/covers/{cover['id']}/confirm/", {"accept_partial": partial}))
    assert confirmed["cover"]["status"] == "confirmed" and confirmed["told"] >= 2
    assert any(north.users["participant"].email in m.to for m in mail.outbox)
    assert ok(coordinator.post(f"/api/leave-requests/{absence['id']}/approve/", {"note": "Get well"}))["status"] == (
        "approved"
    )

    # Recruitment: a cycle open today, an application with its CV, screened and given an interview.
    cycle = ok(
        coordinator.post(
            "/api/cycles/",
            {
                "program": program["id"],
                "position": "alt",
                "name": "ALT 2027 (United States)",
                "opens_on": (today - dt.timedelta(days=1)).isoformat(),
                "deadline_date": (today + dt.timedelta(days=30)).isoformat(),
                "deadline_time": "23:59",
                "time_zone": "Pacific/Honolulu",
                "departure_on": "2027-07-25",
                "recruiting_country": "US",
            },
            format="json",
        ),
        201,
    )
    assert cycle["open_now"] and cycle["eligibility"]
    applicant = logged_in(north.users["applicant"])
    applied = applicant.post(
        "/api/applications/",
        {
            "cycle": cycle["id"],
            "full_name": "Ada Lovelace",
            "email": "ada@example.org",
            "birth_date": "1999-12-10",
            "gender": "woman",
            "citizenships": "US",
            "degree": "BA in Mathematics",
            "degree_date": "2023-05-15",
            "japanese_level": "N3",
            "levels": ["elementary", "junior_high"],
            "cv": SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf"),
        },
        format="multipart",
    )
    application = ok(applied, 201)
    assert application["status"] == "submitted" and application["documents"][0]["kind"] == "cv"
    [found] = ok(coordinator.get("/api/applications/", {"cycle": cycle["id"], "status": "submitted"}))["results"]
    assert found["id"] == application["id"] and "screened" in found["next_stages"]
    moved = ok(coordinator.post(f"/api/applications/{found['id']}/move/", {"to": "screened", "note": "Welcome"}))
    assert moved["status"] == "screened" and moved["steps"][-1]["to_status"] == "screened"
    interview = {"at": "2027-01-12T10:00", "zone": "Pacific/Honolulu", "place": "https://meet.example.org/ada"}
    assert ok(coordinator.post(f"/api/applications/{found['id']}/interview/", interview))["status"] == "interview"
    download = coordinator.get(moved["documents"][0]["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    # The ALT's daily report of a past teaching day: started from the plan, a duty added, submitted, approved.
    past = teaching_days(north.program, me, today - dt.timedelta(days=21), today - dt.timedelta(days=1))[0]
    report = ok(alt.post("/api/daily-reports/", {"date": past.isoformat()}), 201)
    assert any(entry["kind"] == "lesson" for entry in report["entries"])  # prefilled from the dated plan
    ok(alt.post(f"/api/daily-reports/{report['id']}/entries/", {"kind": "preparation", "minutes": 45}), 201)
    assert ok(alt.post(f"/api/daily-reports/{report['id']}/submit/"))["status"] == "submitted"
    [waiting] = ok(coordinator.get("/api/daily-reports/", {"status": "submitted", "program": program["id"]}))["results"]
    approved = ok(coordinator.post(f"/api/daily-reports/{waiting['id']}/approve/", {"comment": "Thank you"}))
    assert approved["status"] == "approved" and approved["decided_by"] == north.users["coordinator"].username

    # The ALT reads what happened in their notices.
    subjects = [n["subject"] for n in ok(alt.get("/api/notices/", {"unread": "true"}))["results"]]
    assert any("Daily report" in s for s in subjects) and any("Cover" in s for s in subjects)
    assert ok(alt.post("/api/notices/read/"))["marked"] == len(subjects)
    assert ok(alt.get("/api/notices/", {"unread": "true"}))["count"] == 0
