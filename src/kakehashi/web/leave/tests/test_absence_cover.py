"""An absence reported on the day is covered by substitutes the engine proposes, confirmed in one click, and
everyone concerned is told at once; no lesson is planned for the absent ALT; the fill rate counts it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.core import dates
from kakehashi.web.leave.covers import cover_confirm, cover_propose
from kakehashi.web.leave.models import Cover, LeaveRequest
from kakehashi.web.leave.reports import fill_rates
from kakehashi.web.leave.services import absence_report
from kakehashi.web.leave.tasks import propose_covers
from kakehashi.web.notices.models import Notice
from kakehashi.web.testing import signed_in
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.selectors import published_version

pytestmark = pytest.mark.django_db


def _busy_day(program: Any, alt_code: str) -> dt.date:
    """A December 2026 school day on which the ALT teaches at least one lesson."""
    solution = version_solution(published_version(program))
    weekdays = {v.day for v in solution.visits if v.alt == alt_code}
    day = dt.date(2026, 12, 1)
    while ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()] not in weekdays:
        day += dt.timedelta(days=1)
    return day


def test_an_absence_reported_from_the_phone_is_covered_confirmed_and_announced(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    day = _busy_day(north.program, alt.code)
    phone = signed_in(north.users["participant"])
    with_form = phone.get("/leave/absent/")
    assert with_form.status_code == 200 and 'type="date"' in with_form.content.decode()
    assert phone.post("/leave/absent/", {"date": day.isoformat(), "kind": "sick", "reason": "Fever"}).status_code == 302
    report = LeaveRequest.objects.get(participant=alt)
    assert report.status == "reported" and report.reported_at is not None
    assert Notice.objects.filter(user=north.users["coordinator"], subject__contains="Absence").exists()

    propose_covers.call(north.program.pk, [day.isoformat()])  # what the task worker does after the report
    cover = Cover.objects.get(program=north.program, date=day)
    assert cover.status == "proposed" and cover.absent == [alt.code]
    assert cover.needed and all(row["alt"] == alt.code for row in cover.needed)
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(f"/leave/programs/{north.program.pk}/").content.decode()
    assert "Confirm cover and tell everyone" in page

    mail.outbox.clear()
    # The box under a partial cover's warning is ticked (a full cover has none, and the field is ignored).
    confirm = f"/leave/programs/{north.program.pk}/covers/{cover.pk}/confirm/"
    response = coordinator.post(confirm, {"accept_partial": "1"})
    assert response.status_code == 302
    cover.refresh_from_db()
    assert cover.status == "confirmed" and cover.confirmed_by == north.users["coordinator"]
    told = {address for message in mail.outbox for address in message.to}
    assert north.users["participant"].email in told  # the absent ALT
    assert north.users["coordinator"].email in told
    for row in cover.needed:
        if row["substitute"]:
            substitute = next(p for p in north.alts if p.code == row["substitute"])
            if substitute.user is not None:
                assert substitute.user.email in told

    plan = program_dated_plan(north.program, starts=day, ends=day)
    assert plan is not None
    assert not any(x.alt == alt.code for x in plan.lessons)
    taught = {(x.alt, x.lesson) for x in plan.lessons}
    assert all((row["substitute"], row["lesson"]) in taught for row in cover.needed if row["substitute"])
    month = [r for r in fill_rates(north.program, 2026) if r.month == day.replace(day=1)]
    assert sum(r.needed for r in month) == len(cover.needed)
    assert sum(r.covered for r in month) == cover.covered


def test_the_school_staff_are_told_when_the_alt_coming_to_their_school_changes(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    day = _busy_day(north.program, alt.code)
    absence_report(participant=alt, date=day)
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None
    schools = {row["school"] for row in cover.needed}
    mail.outbox.clear()
    cover_confirm(cover=cover, user=north.users["coordinator"])
    jte = north.users["school_staff"]
    if north.schools[0].code in schools:
        assert Notice.objects.filter(user=jte, subject__contains=dates.day(day)).exists()
    else:
        assert not Notice.objects.filter(user=jte, subject__contains=dates.day(day)).exists()


def test_a_cover_cannot_be_confirmed_twice_or_from_another_program(published: Any) -> None:
    north, south, _ = published
    day = _busy_day(north.program, north.alts[0].code)
    absence_report(participant=north.alts[0], date=day)
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None
    other = signed_in(south.users["coordinator"])
    assert other.post(f"/leave/programs/{north.program.pk}/covers/{cover.pk}/confirm/").status_code == 404
    coordinator = signed_in(north.users["coordinator"])
    confirm = f"/leave/programs/{north.program.pk}/covers/{cover.pk}/confirm/"
    coordinator.post(confirm, {"accept_partial": "1"})
    again = coordinator.post(confirm, {"accept_partial": "1"}, follow=True)
    assert "no longer open" in again.content.decode()
    assert Cover.objects.filter(status="confirmed").count() == 1


def test_nothing_is_proposed_when_everyone_away_is_already_covered(published: Any) -> None:
    north, _, _ = published
    day = _busy_day(north.program, north.alts[0].code)
    absence_report(participant=north.alts[0], date=day)
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None
    cover_confirm(cover=cover, user=north.users["coordinator"])
    assert cover_propose(program=north.program, date=day) is None


def test_an_absence_without_a_published_timetable_says_why_no_cover_is_proposed(world: Any) -> None:
    north, _, _ = world
    day = dt.date(2026, 12, 1)
    absence_report(participant=north.alts[0], date=day)
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.post(f"/leave/programs/{north.program.pk}/covers/{day}/propose/", follow=True)
    assert "no published timetable" in page.content.decode()


def test_the_fill_rate_report_downloads_as_csv(published: Any) -> None:
    north, _, _ = published
    day = _busy_day(north.program, north.alts[0].code)
    absence_report(participant=north.alts[0], date=day)
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(f"/leave/programs/{north.program.pk}/fill-rate/?year=2026").content.decode()
    assert f"{day:%B %Y}" in page  # the month in words, not 2026-12
    csv_text = coordinator.get(
        f"/leave/programs/{north.program.pk}/fill-rate/?year=2026&export=csv&rows=schools"
    ).content.decode("utf-8-sig")
    header, *rows = csv_text.strip().splitlines()
    assert header.startswith("month,school,absent ALT-days,lessons to cover,covered,fill rate,")
    assert rows and all(row.split(",")[4] == "0" for row in rows)  # nothing confirmed yet: nothing covered


def test_the_proposed_cover_lists_the_lessons_by_time(published: Any) -> None:
    north, _, _ = published
    day = _busy_day(north.program, north.alts[0].code)
    for alt in north.alts:  # both away: lessons at several schools to order
        absence_report(participant=alt, date=day, kind="sick", reason="")
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None and len(cover.needed) > 2
    starts = [row["start"].zfill(5) for row in cover.needed]
    assert starts == sorted(starts)
