"""Requests filed before the inbox existed arrive in it when it is installed: in the program whose contract
routed them, open ones waiting, handled ones closed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("inbox", "0001_inbox")]
AFTER = [("inbox", "0002_requests_filed_before")]
pytestmark = pytest.mark.usefixtures("every_migration_applied_afterwards")


@pytest.mark.django_db(transaction=True)
def test_requests_filed_before_the_inbox_arrive_in_their_programs_inbox() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    program = apps.get_model("organizations", "Program").objects.create(name="Old program", kind="direct")
    organization = apps.get_model("organizations", "Organization")
    board = organization.objects.create(name="Old Board", kind="board")
    school_org = organization.objects.create(name="Old School", kind="school", parent=board)
    school = apps.get_model("schools", "School").objects.create(
        organization=school_org, code="OLD1", level="elementary", lat=36.3, lon=139.0
    )
    apps.get_model("organizations", "Contract").objects.create(
        program=program, organization=board, type="outsourcing", starts=dt.date(2020, 4, 1), ends=dt.date(2040, 3, 31)
    )
    change_request = apps.get_model("schools", "ChangeRequest")
    waiting = change_request.objects.create(school=school, message="Still open", routing="to the manager")
    change_request.objects.create(school=school, message="Handled", routing="to the manager", state="done")
    sea = apps.get_model("recruitment", "SeaRequest").objects.create(
        program=program,
        organization=board,
        sport="judo",
        qualifications="3rd dan",
        starts=dt.date(2027, 4, 1),
        ends=dt.date(2028, 3, 31),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    items = apps.get_model("inbox", "InboxItem").objects.order_by("id")
    assert [(i.kind, i.state, i.program_id, i.outsourcing) for i in items] == [
        ("change", "new", program.pk, True),
        ("change", "closed", program.pk, True),
        ("sea", "new", program.pk, False),
    ]
    assert items[0].change_request_id == waiting.pk and items[2].sea_request_id == sea.pk
    assert items[0].organization_id == school_org.pk and items[2].organization_id == board.pk
