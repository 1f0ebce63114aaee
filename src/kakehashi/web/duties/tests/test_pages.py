"""Every duty page opens for the roles it is for, and the ways in (navigation, home, program page) lead there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.duties.models import TrainingSession
from kakehashi.web.duties.services import entry_add, report_start, report_submit
from kakehashi.web.duties.training import session_create, session_invite
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def test_each_role_finds_its_duty_pages(world: Any) -> None:
    north, _, _ = world
    report = report_start(participant=north.alts[0], date=dt.date(2026, 11, 16))
    entry_add(report=report, kind="exchange", minutes=120, title="Halloween party")
    report_submit(report=report)
    now = timezone.now()
    session = session_create(
        program=north.program,
        title="Kickoff",
        kind=TrainingSession.Kind.MEETING,
        starts=now + dt.timedelta(days=2),
        ends=now + dt.timedelta(days=2, hours=1),
        link="https://meet.example.jp/kickoff",
    )
    session_invite(session=session, participants=north.program.participants.all())

    phone = signed_in(north.users["participant"])
    assert "/duties/report/" in phone.get("/").content.decode()
    assert phone.get("/duties/").status_code == 302  # a participant's way in is their own day
    assert "Halloween party" in phone.get(f"/duties/reports/{report.pk}/").content.decode()
    assert "Kickoff" in phone.get("/duties/invitations/").content.decode()
    assert "1 invitation" in phone.get("/duties/report/").content.decode()

    coordinator = signed_in(north.users["coordinator"])
    assert f"/duties/programs/{north.program.pk}/" in coordinator.get(f"/programs/{north.program.pk}/").content.decode()
    program_page = coordinator.get(f"/duties/programs/{north.program.pk}/").content.decode()
    assert "Kickoff" in program_page and f"/duties/boards/{north.board.pk}/monthly/" in program_page
    assert "Halloween party" in coordinator.get(f"/duties/reports/{report.pk}/").content.decode()
    assert coordinator.get(f"/duties/queue/?program={north.program.pk}").status_code == 200
    assert coordinator.get("/duties/queue/?program=x").status_code == 404
    assert "Kickoff" in coordinator.get(f"/duties/sessions/{session.pk}/").content.decode()
    assert "/duties/" in coordinator.get("/").content.decode()  # the navigation item

    for role in ("supervisor", "school_staff"):
        hub = signed_in(north.users[role]).get("/duties/")
        assert hub.status_code == 200 and f"/duties/schools/{north.schools[0].code}/monthly/" in hub.content.decode()
    assert signed_in(north.users["applicant"]).get("/duties/").status_code == 404
