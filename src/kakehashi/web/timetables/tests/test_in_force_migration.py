"""The migration that gives each program one week in force picks, from the stored versions, the one
published most recently (not the highest number, not every version ever published)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("timetables", "0003_timetableversion_revision")]
AFTER = [("timetables", "0004_timetableversion_in_force")]
pytestmark = pytest.mark.usefixtures("every_migration_applied_afterwards")


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_in_force_the_version_published_last() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    program_model = apps.get_model("organizations", "Program")
    version_model = apps.get_model("timetables", "TimetableVersion")
    rolled_back = program_model.objects.create(name="Rolled back", kind="direct")
    never = program_model.objects.create(name="Never published", kind="direct")
    at = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
    # v2 was published first; then the older draft v1 was published over it; v3 is a draft.
    for number, published_at in ((1, at + dt.timedelta(days=1)), (2, at), (3, None)):
        version_model.objects.create(
            program=rolled_back,
            number=number,
            solver_status="feasible",
            state="draft" if published_at is None else "published",
            published_at=published_at,
        )
    version_model.objects.create(program=never, number=1, solver_status="feasible")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    version_model = apps.get_model("timetables", "TimetableVersion")
    in_force = version_model.objects.filter(in_force=True)
    assert sorted((v.program.name, v.number) for v in in_force) == [("Rolled back", 1)]
