"""Substitute ALTs (代替ALT): imported like other participants, left out of the weekly solve, called in by a
cover; a cover that leaves lessons without an ALT warns before it is confirmed and tells the school."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from kakehashi.web.accounts.models import Role
from kakehashi.web.core import dates
from kakehashi.web.core.tabular import ImportRefusedError
from kakehashi.web.duties.monthly import school_month
from kakehashi.web.leave.covers import cover_confirm, cover_propose
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.services import absence_report
from kakehashi.web.notices.models import Notice
from kakehashi.web.pages.imports.people import plan_participants
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.testing import signed_in, user
from kakehashi.web.timetables.door import version_solution, week_document
from kakehashi.web.timetables.selectors import program_substitutes, published_version

pytestmark = pytest.mark.django_db

HEADER = "code,name,home_lat,home_lon,levels,substitute,cover_days,cover_from,cover_until\n"


def _import(program: Any, rows: str) -> None:
    plan = plan_participants("people.csv", (HEADER + rows).encode(), program=program)
    with transaction.atomic():
        plan.apply()


def test_substitutes_are_imported_with_their_days_and_hours_and_the_weekly_solve_leaves_them_out(world: Any) -> None:
    north, _, _ = world
    _import(
        north.program,
        "NZ01,Sam Stand,36.3,139.0,elementary;junior_high,standby,,,\n"
        "NZ02,Pat Part,36.3,139.0,elementary,非常勤,月;wed,08:30,12:15\n",
    )
    standby, part_time = Participant.objects.get(code="NZ01"), Participant.objects.get(code="NZ02")
    assert (standby.substitute, standby.cover_days, standby.cover_from) == ("standby", [], None)
    assert (part_time.substitute, part_time.cover_days) == ("part_time", ["mon", "wed"])
    assert (part_time.cover_from, part_time.cover_until) == (dt.time(8, 30), dt.time(12, 15))
    assert list(program_substitutes(north.program).values_list("code", flat=True)) == ["NZ01", "NZ02"]
    planned = {alt["id"] for alt in week_document(north.program)["alts"]}
    assert planned == {alt.code for alt in north.alts} and not planned & {"NZ01", "NZ02"}
    page = signed_in(north.users["coordinator"]).get("/people/NZ02/").content.decode()
    assert "part-time substitute" in page


def test_bad_substitute_cells_are_named_by_row_and_column(world: Any) -> None:
    north, _, _ = world
    rows = (
        "NZ01,Sam,36.3,139.0,elementary,sometimes,someday,25:00,\n"
        "NZ02,Pat,36.3,139.0,elementary,standby,,13:00,09:00\n"
    )
    with pytest.raises(ImportRefusedError) as error:
        _import(north.program, rows)
    problems = [str(p) for p in error.value.problems]
    for row, column in ((2, "substitute"), (2, "cover_days"), (2, "cover_from"), (3, "cover_until")):
        assert any(f'row {row}, column "{column}"' in p for p in problems), (row, column)
    assert not Participant.objects.filter(code__in=["NZ01", "NZ02"]).exists()


def _everyone_away(north: Any) -> dt.date:
    """A December 2026 day on which the first ALT teaches, with every ALT of the program reported absent."""
    solution = version_solution(published_version(north.program))
    weekdays = {v.day for v in solution.visits if v.alt == north.alts[0].code}
    day = dt.date(2026, 12, 1)
    while ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()] not in weekdays:
        day += dt.timedelta(days=1)
    for alt in north.alts:
        absence_report(participant=alt, date=day)
    return day


def _substitute_at(school: School, code: str = "NZ01") -> Participant:
    return Participant.objects.create(
        program=school.organization.parent.contracts.first().program,  # type: ignore[union-attr]
        code=code,
        name="Sam Stand",
        home_lat=school.lat,
        home_lon=school.lon,
        travel_mode="car",
        levels=["elementary", "junior_high", "high"],
        substitute=Participant.Substitute.STANDBY,
        max_commute_minutes=120,
    )


def test_a_proposal_calls_in_a_substitute_when_every_alt_is_away(published: Any) -> None:
    north, _, _ = published
    day = _everyone_away(north)
    without = cover_propose(program=north.program, date=day)
    assert without is not None and without.covered == 0
    assert all({r["group"] for r in row["reasons"]} == {"alts", "substitutes"} for row in without.needed)
    first_school = School.objects.get(code=without.needed[0]["school"])
    _substitute_at(first_school)
    Cover.objects.all().delete()
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None
    assert cover.covered > 0
    assert {row["substitute"] for row in cover.needed if row["substitute"]} == {"NZ01"}
    # One school a day, as the substitute's contract says, and the lessons taken are there.
    (visit,) = [v for v in cover.visits if v[0] == "NZ01"]
    assert {row["school"] for row in cover.needed if row["substitute"]} == {visit[1]}
    page = signed_in(north.users["coordinator"]).get(f"/leave/programs/{north.program.pk}/").content.decode()
    assert "Sam Stand" in page

    # Once confirmed, the substitute's day is a delivered day in the school's monthly report.
    cover_confirm(cover=cover, user=north.users["coordinator"])
    report = school_month(School.objects.get(code=visit[1]), day.replace(day=1))
    (line,) = [v for v in report.visits if v.date == day and v.alt == "NZ01"]
    assert line.substitute and line.alt_name == "Sam Stand" and line.lessons == cover.covered


def test_confirming_a_partial_cover_warns_names_the_lessons_left_and_tells_the_school(published: Any) -> None:
    north, _, _ = published
    day = _everyone_away(north)
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None and cover.covered == 0
    first = cover.needed[0]
    school = School.objects.get(code=first["school"])
    jte = user("partial-jte", {"kind": Role.Kind.SCHOOL_STAFF, "organization": school.organization})
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(f"/leave/programs/{north.program.pk}/").content.decode()
    assert f'data-lessons-left="{len(cover.needed)}"' in page
    assert f"class {first['homeroom']}, period {first['period']} ({first['start']}–{first['end']})" in page
    assert "The program has no substitute ALTs." in page  # the reason, in words

    confirm = f"/leave/programs/{north.program.pk}/covers/{cover.pk}/confirm/"
    refused = coordinator.post(confirm, follow=True).content.decode()
    assert "stay without an ALT" in refused or "stays without an ALT" in refused
    cover.refresh_from_db()
    assert cover.status == "proposed"

    assert coordinator.post(confirm, {"accept_partial": "1"}).status_code == 302
    cover.refresh_from_db()
    assert cover.status == "confirmed"
    notice = Notice.objects.get(user=jte, subject__contains=dates.day(day))
    assert "Classes with no ALT that day:" in notice.body
    assert f"class {first['homeroom']}, period {first['period']} ({first['start']}–{first['end']})" in notice.body
    assert "この日ALTが来ない" not in notice.body  # the recipient's language only


def test_a_coordinator_makes_a_participant_a_part_time_substitute_on_the_edit_page(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[1]
    data = {
        "name": alt.name,
        "kind": "alt",
        "gender": "unstated",
        "japanese_level": "none",
        "home_lat": alt.home_lat,
        "home_lon": alt.home_lon,
        "travel_mode": "car",
        "levels": ["elementary"],
        "classes_min": 0,
        "classes_max": 12,
        "max_classes_per_day": 4,
        "max_schools_per_day": 1,
        "max_schools_per_week": 5,
        "max_commute_minutes": 45,
        "substitute": "part_time",
        "cover_days": ["tue", "thu"],
        "cover_from": "13:00",
        "cover_until": "09:00",
    }
    coordinator = signed_in(north.users["coordinator"])
    refused = coordinator.post(f"/people/{alt.code}/edit/", data)
    assert refused.status_code == 200 and "After the time the substitute covers from" in refused.content.decode()
    data["cover_until"] = "15:30"
    assert coordinator.post(f"/people/{alt.code}/edit/", data).status_code == 302
    alt.refresh_from_db()
    assert (alt.substitute, alt.cover_days, alt.cover_until) == ("part_time", ["tue", "thu"], dt.time(15, 30))
    assert alt.code not in {a["id"] for a in week_document(north.program)["alts"]}
