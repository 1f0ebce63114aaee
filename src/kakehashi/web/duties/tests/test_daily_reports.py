"""A participant's daily report: prefilled from the dated plan, submitted, approved or returned and submitted
again; frozen once approved; decided only by those in scope (the program's coordinators, the board's
supervisors), never seen by a JTE or another program."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kakehashi.web.accounts.models import Role
from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.duties.models import DailyReport, DutyEntry
from kakehashi.web.duties.services import (
    entry_add,
    report_approve,
    report_return,
    report_start,
    report_submit,
)
from kakehashi.web.duties.tests.helpers import visits_of
from kakehashi.web.notices.models import Notice
from kakehashi.web.organizations.models import Contract
from kakehashi.web.people.models import Participant
from kakehashi.web.testing import signed_in, user

pytestmark = pytest.mark.django_db


def _submitted(side: Any) -> DailyReport:
    """The first ALT's report for their first November day with lessons, submitted."""
    alt = side.alts[0]
    day = visits_of(side.program, alt.code)[0].date
    report = report_start(participant=alt, date=day)
    entry_add(report=report, kind="preparation", minutes=45, title="Worksheets for 2-1", school=None)
    return report_submit(report=report)


def test_an_alts_report_is_prefilled_with_the_lessons_of_their_dated_plan_for_that_date(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    day = visits_of(north.program, alt.code)[0].date
    plan = program_dated_plan(north.program, starts=day, ends=day)
    assert plan is not None
    planned = sorted((x.school, x.homeroom, x.period) for x in plan.lessons if x.alt == alt.code)
    assert planned

    page = signed_in(north.users["participant"]).get(f"/duties/report/?date={day.isoformat()}")
    assert page.status_code == 200
    text = page.content.decode()
    assert all(homeroom in text for _school, homeroom, _period in planned)  # shown before the report is started

    report = report_start(participant=alt, date=day)
    lessons = report.entries.filter(kind="lesson")
    assert sorted((e.school.code, e.homeroom, e.period) for e in lessons) == planned
    first = min(x.start for x in plan.lessons if x.alt == alt.code)
    assert min(e.starts for e in lessons) == dt.time(first // 60, first % 60)
    assert all(e.from_plan and e.minutes > 0 for e in lessons)


def test_a_submitted_report_is_approved_by_the_coordinator_and_the_participant_is_told(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    day = visits_of(north.program, alt.code)[0].date
    phone = signed_in(north.users["participant"])
    added = phone.post(
        f"/duties/report/{day.isoformat()}/add/",
        {"entry-kind": "clubs", "entry-minutes": "60", "entry-title": "English club", "entry-school": ""},
    )
    assert added.status_code == 302
    report = DailyReport.objects.get(participant=alt, date=day)
    assert report.entries.filter(kind="clubs", minutes=60).exists() and report.entries.filter(kind="lesson").exists()
    assert phone.post(f"/duties/report/{day.isoformat()}/submit/", {"note": "Quiet day"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.note == "Quiet day"
    assert Notice.objects.filter(user=north.users["coordinator"], subject__contains="Daily report").exists()

    coordinator = signed_in(north.users["coordinator"])
    assert "English club" in coordinator.get("/duties/queue/").content.decode()
    mail.outbox.clear()
    coordinator.post(f"/duties/reports/{report.pk}/approve/", {"comment": "Thank you"})
    report.refresh_from_db()
    assert report.status == "approved" and report.decided_by == north.users["coordinator"]
    assert Notice.objects.filter(user=north.users["participant"], subject__contains="approved").exists()
    assert [m.to for m in mail.outbox] == [[north.users["participant"].email]]
    assert "English club" not in coordinator.get("/duties/queue/").content.decode()
    history = coordinator.get(f"/duties/people/{alt.code}/").content.decode()
    assert f"/duties/reports/{report.pk}/" in history and "Thank you" in history


def test_a_returned_report_is_edited_and_submitted_again(published: Any) -> None:
    north, _, _ = published
    report = _submitted(north)
    coordinator = north.users["coordinator"]
    with pytest.raises(ValidationError, match="Say what to change"):
        report_return(report=report, user=coordinator, comment=" ")
    report_return(report=report, user=coordinator, comment="Add the speech coaching after school, please.")
    report.refresh_from_db()
    assert report.status == "returned"
    assert Notice.objects.filter(user=north.users["participant"], body__contains="speech coaching").exists()

    phone = signed_in(north.users["participant"])
    page = phone.get(f"/duties/report/?date={report.date.isoformat()}").content.decode()
    assert "speech coaching after school" in page and "Submit again" in page
    phone.post(
        f"/duties/report/{report.date.isoformat()}/add/",
        {"entry-kind": "speech", "entry-minutes": "40", "entry-title": "Speech contest", "entry-school": ""},
    )
    phone.post(f"/duties/report/{report.date.isoformat()}/submit/")
    report.refresh_from_db()
    assert report.status == "submitted" and report.entries.filter(kind="speech", minutes=40).exists()
    resubmitted = Notice.objects.filter(user=coordinator, subject__contains="resubmitted")
    assert resubmitted.exists()
    report_approve(report=report, user=coordinator)
    report.refresh_from_db()
    assert report.status == "approved"


def test_an_approved_report_cannot_be_changed(published: Any) -> None:
    north, _, _ = published
    report = report_approve(report=_submitted(north), user=north.users["coordinator"])
    with pytest.raises(ValidationError, match="approved and can no longer be changed"):
        entry_add(report=report, kind="preparation", minutes=10, title="More")
    entry = report.entries.first()
    assert entry is not None
    phone = signed_in(north.users["participant"])
    phone.post(f"/duties/entries/{entry.pk}/delete/")
    phone.post(f"/duties/report/{report.date.isoformat()}/add/", {"entry-kind": "preparation", "entry-minutes": "5"})
    assert DutyEntry.objects.filter(pk=entry.pk).exists()
    assert report.entries.count() == DailyReport.objects.get(pk=report.pk).entries.count()
    assert not report.entries.filter(minutes=5).exists()
    with pytest.raises(ValidationError, match="not waiting for a decision"):
        report_return(report=report, user=north.users["coordinator"], comment="Change it")


def test_a_coordinator_of_another_program_gets_404(published: Any) -> None:
    north, south, _ = published
    report = _submitted(north)
    other = signed_in(south.users["coordinator"])
    assert other.get(f"/duties/reports/{report.pk}/").status_code == 404
    assert other.post(f"/duties/reports/{report.pk}/approve/").status_code == 404
    assert other.get(f"/duties/people/{north.alts[0].code}/").status_code == 404
    assert other.get(f"/duties/programs/{north.program.pk}/").status_code == 404
    assert str(report.date) not in other.get("/duties/queue/").content.decode()
    with pytest.raises(ValidationError, match="do not decide"):
        report_approve(report=report, user=south.users["coordinator"])
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_jte_sees_no_daily_reports_not_even_of_the_alts_visiting_their_school(published: Any) -> None:
    north, _, _ = published
    report = _submitted(north)
    jte = signed_in(north.users["school_staff"])
    assert jte.get(f"/duties/reports/{report.pk}/").status_code == 404
    assert jte.post(f"/duties/reports/{report.pk}/approve/").status_code == 404
    assert jte.get("/duties/queue/").status_code == 404
    assert jte.get(f"/duties/people/{report.participant.code}/").status_code == 404
    assert jte.get("/duties/report/").status_code == 404  # no daily report of their own either


def test_the_boards_supervisor_approves_but_under_outsourcing_may_not_return(published: Any) -> None:
    north, south, _ = published
    supervisor = signed_in(north.users["supervisor"])
    report = _submitted(north)
    assert "Worksheets" in supervisor.get("/duties/queue/").content.decode()
    assert signed_in(south.users["supervisor"]).get(f"/duties/reports/{report.pk}/").status_code == 404

    Contract.objects.filter(program=north.program).update(type=Contract.Type.OUTSOURCING)
    supervisor.post(f"/duties/reports/{report.pk}/return/", {"comment": "Redo it"})
    report.refresh_from_db()
    assert report.status == "submitted"  # a correction under 請負 goes through the contractor
    supervisor.post(f"/duties/reports/{report.pk}/approve/")
    report.refresh_from_db()
    assert report.status == "approved" and report.decided_by == north.users["supervisor"]


def test_a_cir_logs_translation_with_words_hours_and_title(world: Any) -> None:
    north, _, _ = world
    cir = north.alts[1]
    Participant.objects.filter(pk=cir.pk).update(kind=Participant.Kind.CIR)
    cir.refresh_from_db()
    day = dt.date(2026, 11, 16)
    report = report_start(participant=cir, date=day)
    assert not report.entries.exists()  # a CIR has no weekly timetable to prefill from
    with pytest.raises(ValidationError, match="number of words"):
        entry_add(report=report, kind="translation", minutes=90, title="Sister-city letter")
    with pytest.raises(ValidationError, match="event interpreted"):
        entry_add(report=report, kind="interpretation", minutes=60)
    entry = entry_add(report=report, kind="translation", minutes=90, title="Sister-city letter", words=1200)
    assert (entry.words, entry.hours, entry.title) == (1200, 1.5, "Sister-city letter")

    phone = signed_in(user("ncir", {"kind": Role.Kind.PARTICIPANT, "participant": cir}))
    page = phone.get(f"/duties/report/?date={day.isoformat()}").content.decode()
    assert 'name="entry-words"' in page and 'value="translation"' in page
    refused = phone.post(
        f"/duties/report/{day.isoformat()}/add/",
        {"entry-kind": "translation", "entry-minutes": "30", "entry-title": "Newsletter"},
    )
    assert refused.status_code == 200 and "number of words" in refused.content.decode()
    phone.post(
        f"/duties/report/{day.isoformat()}/add/",
        {"entry-kind": "interpretation", "entry-minutes": "120", "entry-title": "Mayor's visit from Ohio"},
    )
    phone.post(f"/duties/report/{day.isoformat()}/submit/")
    report_approve(report=DailyReport.objects.get(pk=report.pk), user=north.users["coordinator"])
    report.refresh_from_db()
    assert report.status == "approved" and report.total_hours == 3.5
