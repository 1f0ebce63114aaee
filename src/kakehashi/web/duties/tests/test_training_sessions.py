"""Training sessions and meetings: scheduled by a coordinator, new participants invited and told, the answer
given on the phone, attendance recorded afterwards, and the session in the daily report of its day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kakehashi.web.duties.models import Invitation, TrainingSession
from kakehashi.web.duties.services import report_start
from kakehashi.web.duties.training import attendance_record, session_create, session_invite
from kakehashi.web.notices.models import Notice
from kakehashi.web.people.models import Participant
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _now_session(side: Any) -> TrainingSession:
    """A session under way: it can still be answered (not over) and attendance can be taken (begun)."""
    now = timezone.now()
    return session_create(
        program=side.program,
        title="Team-teaching workshop",
        kind=TrainingSession.Kind.SKILLS,
        starts=now - dt.timedelta(minutes=5),
        ends=now + dt.timedelta(minutes=85),
        place="Board of Education, room 3",
    )


def test_new_participants_are_invited_answer_and_have_their_attendance_recorded(world: Any) -> None:
    north, _, _ = world
    newcomer, veteran = north.alts
    today = timezone.localdate()
    Participant.objects.filter(pk=newcomer.pk).update(start_date=today - dt.timedelta(days=100))
    Participant.objects.filter(pk=veteran.pk).update(start_date=today - dt.timedelta(days=800))
    coordinator = signed_in(north.users["coordinator"])
    starts = timezone.localtime() - dt.timedelta(minutes=5)
    created = coordinator.post(
        f"/duties/programs/{north.program.pk}/",
        {
            "title": "Initial training",
            "kind": "initial",
            "starts": f"{starts:%Y-%m-%dT%H:%M}",
            "ends": f"{starts + dt.timedelta(hours=2):%Y-%m-%dT%H:%M}",
            "link": "https://meet.example.jp/initial",
        },
    )
    assert created.status_code == 302
    session = TrainingSession.objects.get(program=north.program)
    coordinator.post(f"/duties/sessions/{session.pk}/invite/", {"who": "new"})
    assert list(session.invitations.values_list("participant__code", flat=True)) == [newcomer.code]
    assert Notice.objects.filter(user=north.users["participant"], subject__contains="Initial training").exists()

    phone = signed_in(north.users["participant"])
    assert "Initial training" in phone.get("/duties/invitations/").content.decode()
    invitation = Invitation.objects.get(session=session)
    assert phone.post(f"/duties/invitations/{invitation.pk}/attending/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.response == "attending" and invitation.responded_at is not None

    coordinator.post(f"/duties/sessions/{session.pk}/attendance/", {f"attendance-{invitation.pk}": "present"})
    invitation.refresh_from_db()
    assert invitation.attendance == "present"
    assert "attending" in coordinator.get(f"/duties/sessions/{session.pk}/").content.decode()


def test_attendance_waits_for_the_session_to_begin_and_strangers_see_nothing(world: Any) -> None:
    north, south, _ = world
    tomorrow = timezone.now() + dt.timedelta(days=1)
    session = session_create(
        program=north.program,
        title="ALT meeting",
        kind=TrainingSession.Kind.MEETING,
        starts=tomorrow,
        ends=tomorrow + dt.timedelta(hours=1),
        place="Town hall",
    )
    session_invite(session=session, participants=north.program.participants.all())
    with pytest.raises(ValidationError, match="once the session has begun"):
        attendance_record(session=session, marks={i.pk: "present" for i in session.invitations.all()})
    with pytest.raises(ValidationError, match="program's own participants"):
        session_invite(session=session, participants=south.alts)
    other = signed_in(south.users["coordinator"])
    assert other.get(f"/duties/sessions/{session.pk}/").status_code == 404
    assert other.post(f"/duties/sessions/{session.pk}/invite/", {"who": "all"}).status_code == 404
    invitation = session.invitations.first()
    assert invitation is not None
    assert (
        signed_in(south.users["participant"]).post(f"/duties/invitations/{invitation.pk}/attending/").status_code == 404
    )


def test_the_session_appears_in_the_daily_report_of_its_day(world: Any) -> None:
    north, _, _ = world
    session = _now_session(north)
    session_invite(session=session, participants=[north.alts[0]])
    day = timezone.localtime(session.starts).date()
    page = signed_in(north.users["participant"]).get(f"/duties/report/?date={day.isoformat()}").content.decode()
    assert "Team-teaching workshop" in page
    report = report_start(participant=north.alts[0], date=day)
    entry = report.entries.get(session=session)
    assert (entry.kind, entry.minutes, entry.from_plan) == ("training", 90, True)

    invitation = Invitation.objects.get(session=session)
    signed_in(north.users["participant"]).post(f"/duties/invitations/{invitation.pk}/not-attending/")
    signed_in(north.users["participant"]).post(f"/duties/report/{day.isoformat()}/refresh/")
    assert not report.entries.filter(session=session).exists()  # declined: no longer part of the day
