"""`kakehashi manage demo` loads Takasaki, one user per role and a published week; running it again is safe."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.scope import visible_participants, visible_schools
from kakehashi.web.calendars.selectors import program_dated_plan, school_calendar
from kakehashi.web.inbox.models import InboxItem
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.models import TimetableVersion

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_loads_takasaki_with_every_role_and_a_published_week_and_can_run_again() -> None:
    out = io.StringIO()
    call_command("demo", time_limit=3, alts=6, stdout=out)
    call_command("demo", time_limit=3, alts=6, stdout=out)
    text = out.getvalue()
    assert "already loaded" in text and "password for all" in text
    assert School.objects.count() == 83  # Takasaki's municipal elementary and junior high schools (MLIT)
    assert set(Participant.objects.values_list("kind", flat=True)) == {"alt", "cir", "sea"}
    assert TimetableVersion.objects.filter(state="published").count() == 1
    # A pool of substitute ALTs whom the weekly timetable leaves out: a cover calls them in.
    substitutes = set(Participant.objects.exclude(substitute="").values_list("code", flat=True))
    assert substitutes == {"Z01", "Z02", "Z03"}
    week = TimetableVersion.objects.get(state="published")
    assert not week.visits.filter(participant__code__in=substitutes).exists()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert {r.kind for r in Role.objects.all()} == {kind.value for kind in Role.Kind}
    assert visible_schools(users["jte"]).count() == 1
    assert visible_schools(users["board"]).count() == 83
    assert list(visible_participants(users["alt"]).values_list("code", flat=True)) == ["A01"]


def test_the_demo_school_year_2026_has_the_holidays_a_sports_day_saturday_and_its_compensatory_monday() -> None:
    call_command("demo", time_limit=3, alts=6, stdout=io.StringIO())
    program = Program.objects.get()
    elementary = School.objects.filter(level="elementary").order_by("code").first()
    junior_high = School.objects.filter(level="junior_high").order_by("code").first()
    assert elementary is not None and junior_high is not None
    calendar = school_calendar(elementary, 2026)
    kinds = {d.date: d for d in calendar.days()}
    for day in (dt.date(2026, 4, 29), dt.date(2026, 5, 4), dt.date(2026, 5, 5), dt.date(2026, 5, 6)):
        assert kinds[day].kind == "holiday", day  # Golden Week, with 振替休日 on Wednesday 5/6
    assert kinds[dt.date(2026, 7, 20)].kind == "holiday"  # Marine Day 海の日
    assert kinds[dt.date(2026, 9, 22)].kind == "holiday"  # citizens' holiday between two holidays
    assert kinds[dt.date(2026, 5, 23)].kind == "event"  # 運動会 on a Saturday
    assert kinds[dt.date(2026, 5, 25)].kind == "compensatory"  # its 振替休業日, Monday
    assert school_calendar(junior_high, 2026).day(dt.date(2026, 9, 28)).kind == "compensatory"
    assert kinds[dt.date(2026, 7, 16)].kind == "shortened"
    plan = program_dated_plan(program, starts=dt.date(2026, 4, 1), ends=dt.date(2027, 3, 31))
    assert plan is not None and plan.lessons
    closed = {
        (d.date, code)
        for code, cal in {s.code: school_calendar(s, 2026) for s in School.objects.all()}.items()
        for d in cal.days()
        if not d.has_lessons
    }
    assert not any((x.date, x.school) in closed for x in plan.lessons)  # no lesson on a holiday or closed day
    assert not any((v.date, v.school) in closed for v in plan.visits)
    short = [x for x in plan.lessons if x.date == dt.date(2026, 7, 16)]
    assert all(x.period in {"1", "2", "3", "4"} for x in short)  # the shortened day's four morning periods


def test_the_demos_sea_request_is_filed_by_the_boards_supervisor_and_its_inbox_item_names_them() -> None:
    call_command("demo", time_limit=3, alts=6, stdout=io.StringIO())
    board = get_user_model().objects.get(username="board")
    item = InboxItem.objects.get(kind=InboxItem.Kind.SEA_REQUEST)
    assert item.sea_request is not None and item.sea_request.filed_by == board
    assert item.sent_by == board
    assert Role.objects.filter(user=board, kind=Role.Kind.SUPERVISOR).exists()
