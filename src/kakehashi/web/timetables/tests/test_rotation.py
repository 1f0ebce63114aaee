"""A program with a rotation of several weeks (issue 19): its rotation read through the door as cycle@1, solved by
the cycle solver, stored with its cycle document and each row's week, read back the same, and laid over the year
with each date taking its own rotation week, from the week the coordinator names as week A."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from icalendar import Calendar

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.yearplan.lay import cycle_week_of
from kakehashi.timetable.cycle.check import check_cycle
from kakehashi.timetable.cycle.format import parse_cycle, parse_cycle_solution
from kakehashi.timetable.cycle.solve import solve_cycle
from kakehashi.timetable.instance import INSTANCE_FORMAT
from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.pages.people.calendar import participant_calendar
from kakehashi.web.testing import signed_in
from kakehashi.web.timetables import edits, tasks
from kakehashi.web.timetables.door import (
    program_cycle,
    program_document,
    rotation_week_of,
    version_cycle,
    version_cycle_solution,
    version_cycle_weeks,
    version_solution,
)
from kakehashi.web.timetables.models import LessonRow, SolveJob, TimetableVersion, VisitRow, WeekSettings
from kakehashi.web.timetables.services import timetable_publish, timetable_store
from kakehashi.web.timetables.tests.rotation import WEEK_A, WEEK_B, two_week_rotation

pytestmark = pytest.mark.django_db


def stored_rotation(side: Any) -> TimetableVersion:
    cycle = program_cycle(side.program)
    return timetable_store(program=side.program, instance=cycle, solution=solve_cycle(cycle, time_limit=4, workers=1))


def test_a_program_without_a_rotation_still_solves_its_week_as_week_at_1(world: Any) -> None:
    north, _, _ = world
    assert WeekSettings.objects.get(program=north.program).cycle_weeks == 1
    assert program_document(north.program)["format"] == INSTANCE_FORMAT


def test_the_rotation_document_has_each_lessons_weeks_and_the_days_over_the_rotation(world: Any) -> None:
    north, _, _ = world
    held = two_week_rotation(north)
    school = north.schools[0]
    school.visit_days_min, school.visit_days_max, school.annual_visit_days = 1, 2, 35
    school.save()
    other = north.schools[1]
    other.cycle_days_min, other.cycle_days_max = 1, 1  # visited every other week
    other.save()
    alt = north.alts[0]
    alt.annual_days = 190
    alt.save()
    cycle = program_cycle(north.program)
    assert cycle.weeks == 2
    assert all(cycle.lesson_weeks[code] == tuple(weeks) for code, weeks in held.items())
    by_id = cycle.base.school_by_id
    assert (by_id[school.code].visit_days.min, by_id[school.code].visit_days.max) == (2, 4)
    assert (by_id[other.code].visit_days.min, by_id[other.code].visit_days.max) == (1, 1)
    assert cycle.annual_days[school.code] == 35 and cycle.alt_annual_days[alt.code] == 190


def test_a_two_week_rotation_goes_through_the_door_and_comes_back_the_same(world: Any) -> None:
    north, _, _ = world
    two_week_rotation(north)
    cycle = program_cycle(north.program)
    solution = solve_cycle(cycle, time_limit=4, workers=1)
    version = timetable_store(program=north.program, instance=cycle, solution=solution)
    assert version.week["format"] == "kakehashi/cycle@1" and version_cycle_weeks(version) == 2
    assert version_cycle(version) == cycle
    back = version_cycle_solution(version)
    assert (back.visits, back.lessons) == (solution.visits, solution.lessons)
    assert not check_cycle(version_cycle(version), back)
    assert set(VisitRow.objects.filter(version=version).values_list("cycle_week", flat=True)) == {1, 2}
    # Each week alone reads as a week of its own, as a one-week version does.
    assert version_solution(version, 2).visits == solution.week_solution(2).visits
    assert version_solution(version).lessons == solution.week_solution(1).lessons


def test_each_date_takes_the_visits_and_lessons_of_its_own_rotation_week(world: Any) -> None:
    north, _, _ = world
    held = two_week_rotation(north)
    version = timetable_publish(version=stored_rotation(north), notify=False)
    year = SchoolYear(2026)
    assert cycle_week_of(WEEK_A, year, 2) == 1 and cycle_week_of(WEEK_B, year, 2) == 2
    timetable = version_cycle_solution(version)
    for monday, week in ((WEEK_A, 1), (WEEK_B, 2)):
        plan = program_dated_plan(north.program, starts=monday, ends=monday + dt.timedelta(days=4))
        assert plan is not None
        expected = timetable.week_solution(week)
        laid = {(v.date.weekday(), v.alt, v.school) for v in plan.visits}
        weekday = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4}
        assert laid == {(weekday[v.day], v.alt, v.school) for v in expected.visits}
        assert {x.lesson for x in plan.lessons} == {a.lesson for a in expected.lessons}
        assert all(held.get(x.lesson, [week]) == [week] for x in plan.lessons)
    assert rotation_week_of(north.program, 2, WEEK_A + dt.timedelta(days=3)) == 1


def test_the_coordinator_names_which_week_is_week_a(world: Any) -> None:
    north, _, _ = world
    two_week_rotation(north)
    assert rotation_week_of(north.program, 2, WEEK_B) == 2
    WeekSettings.objects.filter(program=north.program).update(cycle_week_a=WEEK_B + dt.timedelta(days=2))
    assert rotation_week_of(north.program, 2, WEEK_B) == 1 and rotation_week_of(north.program, 2, WEEK_A) == 2
    version = timetable_publish(version=stored_rotation(north), notify=False)
    plan = program_dated_plan(north.program, starts=WEEK_B, ends=WEEK_B + dt.timedelta(days=4))
    assert plan is not None
    week_a = version_cycle_solution(version).week_solution(1)
    assert {x.lesson for x in plan.lessons} == {a.lesson for a in week_a.lessons}


def test_a_solve_job_of_a_rotation_stores_both_weeks(world: Any) -> None:
    north, _, _ = world
    two_week_rotation(north)
    job = SolveJob.objects.create(program=north.program, time_limit=5)
    tasks.run_solve_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == SolveJob.State.SUCCEEDED, job.message
    assert job.version is not None and version_cycle_weeks(job.version) == 2
    assert set(LessonRow.objects.filter(version=job.version).values_list("cycle_week", flat=True)) == {1, 2}
    assert not check_cycle(version_cycle(job.version), version_cycle_solution(job.version))


def test_the_coordinator_sets_the_rotation_on_the_settings_page_and_sees_its_weeks(world: Any) -> None:
    north, _, _ = world
    client = signed_in(north.users["coordinator"])
    answer = client.post(f"/programs/{north.program.pk}/settings/", {"cycle_weeks": "2", "cycle_week_a": "2027-01-20"})
    assert answer.status_code == 302
    settings = WeekSettings.objects.get(program=north.program)
    assert (settings.cycle_weeks, settings.cycle_week_a) == (2, dt.date(2027, 1, 20))
    page = client.get(f"/programs/{north.program.pk}/settings/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "A週" in page and "B週" in page
    refused = client.post(f"/programs/{north.program.pk}/settings/", {"cycle_weeks": "5"})
    assert refused.status_code == 200 and WeekSettings.objects.get(program=north.program).cycle_weeks == 2


def test_a_rotations_files_are_cycle_files_and_its_analysis_shows_each_week(world: Any) -> None:
    north, _, _ = world
    two_week_rotation(north)
    version = stored_rotation(north)
    client = signed_in(north.users["coordinator"])
    rotation = json.loads(client.get(f"/programs/{north.program.pk}/week.json?format=cycle").content)
    assert parse_cycle(rotation) == program_cycle(north.program)
    timetable = json.loads(client.get(f"/programs/{north.program.pk}/timetables/{version.number}.json").content)
    back = parse_cycle_solution(timetable)
    stored = version_cycle_solution(version)
    assert (back.visits, back.lessons) == (stored.visits, stored.lessons)
    week_b = version_cycle_solution(version).week_solution(2)
    page = client.get(f"/programs/{north.program.pk}/timetables/{version.number}/?week=2").content.decode()
    held = len(version_cycle(version).weeks_instances[2].lesson_by_id)
    assert f"{len(week_b.lessons)} / {held}" in page and 'aria-current="page">week B' in page


def test_a_rotation_is_not_edited_by_hand_so_that_its_other_weeks_are_not_lost(world: Any) -> None:
    north, _, _ = world
    two_week_rotation(north)
    version = timetable_publish(version=stored_rotation(north), notify=False)
    lesson = version_solution(version).lessons[0].lesson
    with pytest.raises(edits.EditRefusedError):
        edits.edit_drop_lesson(program=north.program, user=None, lesson=lesson)
    assert TimetableVersion.objects.filter(program=north.program).count() == 1


def test_the_calendar_feed_gives_each_date_its_own_rotation_weeks_lessons(world: Any) -> None:
    north, _, _ = world
    two_week_rotation(north)
    timetable_publish(version=stored_rotation(north), notify=False)
    plan = program_dated_plan(north.program, starts=WEEK_B, ends=WEEK_A + dt.timedelta(days=4))
    assert plan is not None
    for alt in north.alts:
        feed = Calendar.from_ical(participant_calendar(alt, today=WEEK_B)).walk("VEVENT")
        for date in {x.date for x in plan.lessons if x.alt == alt.code}:
            expected = sorted((x.start, x.homeroom) for x in plan.lessons if x.alt == alt.code and x.date == date)
            shown = sorted(
                (e.decoded("dtstart").hour * 60 + e.decoded("dtstart").minute, str(e.get("summary")).split(" – ")[0])
                for e in feed
                if e.decoded("dtstart").date() == date and not str(e.get("summary")).startswith("Travel")
            )
            assert shown == expected, date


TWO_SENTENCES = [("ja", "ローテーションです。今週は"), ("en", "weeks. This week is week")]


@pytest.mark.parametrize(("language", "said"), TWO_SENTENCES)
def test_the_program_page_says_the_rotation_and_this_week_as_the_reader_writes_two_sentences(
    world: Any, language: str, said: str
) -> None:
    north, _, _ = world
    two_week_rotation(north)
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(f"/programs/{north.program.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert said in page.content.decode()  # Japanese puts no space after 。
