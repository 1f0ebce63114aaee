"""The migrations that bring rotations (issue 19) keep every program as it was: a one-week rotation, each stored
visit and lesson in its week 1, each lesson held every week, no yearly limit for any ALT."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("timetables", "0006_solve_in_areas"), ("schools", "0006_one_language_labels"),
          ("people", "0004_participant_substitute")]
AFTER = [("timetables", "0007_rotation_weeks"), ("schools", "0007_rotation_weeks"),
         ("people", "0005_participant_annual_days")]
pytestmark = pytest.mark.usefixtures("every_migration_applied_afterwards")


@pytest.mark.django_db(transaction=True)
def test_existing_programs_timetables_and_lessons_stay_one_week_after_the_rotation_migrations() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    program = apps.get_model("organizations", "Program").objects.create(name="Old", kind="direct")
    apps.get_model("timetables", "WeekSettings").objects.create(program=program, name="Old week")
    board = apps.get_model("organizations", "Organization").objects.create(name="Board", kind="board")
    school = apps.get_model("schools", "School").objects.create(
        organization=board, code="OLD01", level="elementary", lat=36.3, lon=139.0
    )
    room = apps.get_model("schools", "Homeroom").objects.create(school=school, name="5-1", grade=5)
    lesson = apps.get_model("schools", "LessonSlot").objects.create(
        school=school, homeroom=room, day="mon", period="1", code="OLD01/5-1/mon/1"
    )
    alt = apps.get_model("people", "Participant").objects.create(
        program=program, code="OLDA", kind="alt", name="A", home_lat=36.3, home_lon=139.0
    )
    version = apps.get_model("timetables", "TimetableVersion").objects.create(
        program=program, number=1, solver_status="feasible"
    )
    apps.get_model("timetables", "VisitRow").objects.create(version=version, participant=alt, day="mon", school=school)
    apps.get_model("timetables", "LessonRow").objects.create(version=version, participant=alt, lesson=lesson)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    assert apps.get_model("timetables", "WeekSettings").objects.get(program_id=program.pk).cycle_weeks == 1
    assert list(apps.get_model("timetables", "VisitRow").objects.values_list("cycle_week", flat=True)) == [1]
    assert list(apps.get_model("timetables", "LessonRow").objects.values_list("cycle_week", flat=True)) == [1]
    assert apps.get_model("schools", "LessonSlot").objects.get(pk=lesson.pk).weeks == []
    assert apps.get_model("people", "Participant").objects.get(pk=alt.pk).annual_days is None
