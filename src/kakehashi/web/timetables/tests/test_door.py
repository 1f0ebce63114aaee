"""The one door between the database and the core (timetables/door/): every version's rows are written by one
writer, which chooses version numbers under the program's row lock; a solve's store and a hand edit write rows
of one shape; and the readers that went round the door (an ALT's week, the feed, a school's week) now read a
version through it, against the version's own week."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from icalendar import Calendar

from kakehashi.timetable.solve import solve
from kakehashi.web.pages.people.calendar import participant_calendar
from kakehashi.web.pages.people.selectors import participant_week
from kakehashi.web.schools.models import BellPeriod, LessonSlot
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.diff import week_changes
from kakehashi.web.timetables.door import (
    version_alt_part,
    version_instance,
    version_school_part,
    version_solution,
    week_instance,
)
from kakehashi.web.timetables.models import LessonRow, TimetableVersion, VisitRow
from kakehashi.web.timetables.services import TimetableRefusedError, timetable_publish, timetable_store

pytestmark = pytest.mark.django_db
WEB = Path(__file__).resolve().parents[2]
TERM_MONDAY = dt.date(2026, 5, 11)


def stored(program: Any) -> TimetableVersion:
    instance = week_instance(program)
    return timetable_store(program=program, instance=instance, solution=solve(instance, time_limit=3, workers=1))


def visit_rows(version: TimetableVersion) -> list[tuple[str, str, str]]:
    rows = VisitRow.objects.filter(version=version).order_by("id")
    return list(rows.values_list("participant__code", "day", "school__code"))


def lesson_rows(version: TimetableVersion) -> list[tuple[str, str]]:
    rows = LessonRow.objects.filter(version=version).order_by("id")
    return list(rows.values_list("participant__code", "lesson__code"))


def test_a_hand_edited_copy_has_the_same_rows_in_the_same_order_as_the_solved_version(world: Any) -> None:
    north, _, _ = world
    solved = timetable_publish(version=stored(north.program), notify=False)
    draft = edits.timetable_draft(program=north.program)
    assert (draft.number, draft.state) == (solved.number + 1, TimetableVersion.State.DRAFT)
    assert visit_rows(draft) == visit_rows(solved) and lesson_rows(draft) == lesson_rows(solved)
    assert version_solution(draft).visits == version_solution(solved).visits
    assert (draft.objective, draft.bound, draft.solver_status) == (solved.objective, None, solved.solver_status)


def test_an_edit_writes_exactly_the_rows_of_the_timetable_it_checked(world: Any) -> None:
    north, _, _ = world
    solved = stored(north.program)
    dropped = version_solution(solved).lessons[0]
    draft = edits.edit_drop_lesson(program=north.program, user=None, lesson=dropped.lesson)
    assert draft.pk == solved.pk  # a draft is edited in place: no second number
    assert lesson_rows(draft) == [(a.alt, a.lesson) for a in version_solution(solved).lessons if a != dropped]
    assert TimetableVersion.objects.filter(program=north.program).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL")
@pytest.mark.parametrize("writer", ["solve", "hand edit"])
def test_a_version_number_is_chosen_only_after_the_program_row_is_locked(world: Any, writer: str) -> None:
    north, _, _ = world
    timetable_publish(version=stored(north.program), notify=False)
    instance = week_instance(north.program)
    found = solve(instance, time_limit=3, workers=1)
    with CaptureQueriesContext(connection) as queries:
        if writer == "solve":
            timetable_store(program=north.program, instance=instance, solution=found)
        else:
            edits.timetable_draft(program=north.program)  # a new draft copied from the published week
    sql = [q["sql"] for q in queries.captured_queries]
    locked = next(n for n, q in enumerate(sql) if "FOR UPDATE" in q and '"organizations_program"' in q)
    numbered = next(n for n, q in enumerate(sql) if 'MAX("timetables_timetableversion"."number")' in q)
    assert locked < numbered


def _writes_version_rows(source: str) -> bool:
    """Whether the module creates a version or version rows (a call of the model, or of its manager's create)."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        call = ast.unparse(node.func)
        if call in ("VisitRow", "LessonRow") or call.endswith(
            ("VisitRow.objects.create", "LessonRow.objects.create", "TimetableVersion.objects.create")
        ):
            return True
    return False


def test_only_the_door_creates_versions_and_their_rows() -> None:
    writers = sorted(
        str(path.relative_to(WEB))
        for path in WEB.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and _writes_version_rows(path.read_text())
    )
    assert writers == ["timetables/door/versions.py"]


def test_no_app_but_timetables_reads_version_rows_itself() -> None:
    # accounts/scope.py filters what a user may see by the visits of the weeks in force through
    # timetables.selectors.visits_in_force (one SQL subquery), so no app outside timetables names the rows.
    readers = sorted(
        str(path.relative_to(WEB))
        for path in WEB.rglob("*.py")
        if path.relative_to(WEB).parts[0] != "timetables"
        and "tests" not in path.parts
        and "migrations" not in path.parts
        and ("VisitRow" in path.read_text() or "LessonRow" in path.read_text())
    )
    assert readers == []


def test_a_school_and_an_alt_see_their_parts_of_the_version_and_nothing_else(world: Any) -> None:
    north, _, _ = world
    version = stored(north.program)
    whole, week = version_solution(version), version_instance(version)
    school, alt = north.schools[0].code, north.alts[0].code
    ours = version_school_part(version, school)
    assert ours.visits == tuple(v for v in whole.visits if v.school == school)
    assert ours.lessons == tuple(a for a in whole.lessons if week.lesson_by_id[a.lesson].school == school)
    mine = version_alt_part(version, alt)
    assert mine.visits == tuple(v for v in whole.visits if v.alt == alt) and mine.visits
    assert mine.lessons == tuple(a for a in whole.lessons if a.alt == alt) and mine.lessons


def test_an_alts_week_shows_the_lesson_times_of_the_versions_own_week_after_the_bells_change(world: Any) -> None:
    north, _, _ = world
    version = stored(north.program)
    alt = north.alts[0]
    first = version_alt_part(version, alt.code).lessons[0]
    lesson = version_instance(version).lesson_by_id[first.lesson]
    # The school moves its bells after the version was made; the version answered the old ones.
    BellPeriod.objects.filter(school__code=lesson.school, period=lesson.period).update(start=dt.time(6, 0))
    shown = [x for day in participant_week(alt, version) for x in day.lessons if x["lesson"].code == lesson.id]
    assert [(x["start"].hour * 60 + x["start"].minute) for x in shown] == [lesson.start]


def test_a_feed_read_in_japanese_gives_each_lesson_its_school_as_the_place(world: Any) -> None:
    north, _, _ = world
    timetable_publish(version=stored(north.program), notify=False)
    alt = north.alts[0]
    assert any(school.organization.name_ja for school in north.schools)
    with translation.override("ja"):
        events = Calendar.from_ical(participant_calendar(alt, today=TERM_MONDAY)).walk("VEVENT")
    lessons = [e for e in events if str(e["description"]).startswith("Class")]
    assert lessons and all("location" in e and "geo" in e for e in lessons)


def test_a_lesson_moved_to_another_period_between_two_versions_is_told_as_a_change(world: Any) -> None:
    north, _, _ = world
    first = stored(north.program)
    week, timetable = version_instance(first), version_solution(first)
    taught = {(a.alt, week.lesson_by_id[a.lesson].day, week.lesson_by_id[a.lesson].period) for a in timetable.lessons}
    busy = {(x.homeroom, x.day, x.period) for x in week.lesson_by_id.values()}
    moves = [
        (a, lesson, period.period)
        for a in timetable.lessons
        for lesson in [week.lesson_by_id[a.lesson]]
        for period in week.school_by_id[lesson.school].periods_on(lesson.day)
        if (a.alt, lesson.day, period.period) not in taught and (lesson.homeroom, lesson.day, period.period) not in busy
    ]
    for assignment, lesson, period in moves:
        LessonSlot.objects.filter(code=lesson.id).update(period=period)
        try:
            second = timetable_store(program=north.program, instance=week_instance(north.program), solution=timetable)
        except TimetableRefusedError:  # the ALT cannot be there then (travel, another lesson): try another move
            LessonSlot.objects.filter(code=lesson.id).update(period=lesson.period)
            continue
        changes = week_changes(first, second)
        told = [str(change) for change in changes.by_participant[assignment.alt]]
        assert len(told) == 2 and all(change.what == "lesson" for change in changes.by_participant[assignment.alt])
        assert {change.period for change in changes.by_participant[assignment.alt]} == {lesson.period, period}
        return
    pytest.fail("no lesson of the solved week could move to a free period")


def test_a_versions_week_is_read_once_for_every_request_that_reads_the_version(world: Any) -> None:
    north, _, _ = world
    version = stored(north.program)
    # Two requests fetch the version afresh; the core reads its week (a quarter of a second for a city) once.
    first, again = (TimetableVersion.objects.get(pk=version.pk) for _ in range(2))
    assert version_instance(first) is version_instance(again)
    assert version_instance(first) == week_instance(north.program)
