"""One object of every kind for a side of the world (a program), made straight in the database, so each list
of the API can be checked to show one program's objects and never the other's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kakehashi.web.calendars.models import Event
from kakehashi.web.duties.models import DailyReport, TrainingSession
from kakehashi.web.leave.models import Cover, LeaveEntitlement, LeaveRequest, WeekendWork
from kakehashi.web.notices.models import Notice
from kakehashi.web.recruitment.models import (
    Application,
    Cycle,
    PlacementRequest,
    PlacementRun,
    RenewalIntent,
    SeaRequest,
)
from kakehashi.web.schools.models import ChangeRequest
from kakehashi.web.testing import Side
from kakehashi.web.timetables.models import SolveJob, TimetableVersion

MONDAY = dt.date(2026, 11, 16)


def make_objects(side: Side) -> dict[str, Any]:
    """Resource name → the lookup value (id or timetable id) of this side's object of that kind."""
    program, alt, school = side.program, side.alts[0], side.schools[0]
    number = program.timetables.count() + 1
    version = TimetableVersion.objects.create(program=program, number=number, solver_status="feasible")
    cycle = Cycle.objects.create(
        program=program,
        position="alt",
        name=f"ALT 2025 {program.name}",
        opens_on=dt.date(2024, 9, 1),
        deadline_date=dt.date(2024, 12, 1),  # closed: only the program's coordinators see it
        departure_on=dt.date(2025, 7, 25),
    )
    application = Application.objects.create(
        cycle=cycle,
        applicant=side.users["applicant"],
        submitted_at=timezone.now(),
        full_name="Grace Hopper",
        email="grace@example.org",
        birth_date=dt.date(1998, 12, 9),
        gender="woman",
        citizenships="US",
        japanese_level="N4",
    )
    return {
        "programs": program.pk,
        "organizations": side.board.pk,
        "contracts": program.contracts.get().pk,
        "schools": school.code,
        "bell-periods": school.bells.first().pk,  # type: ignore[union-attr]
        "homerooms": school.homerooms.first().pk,  # type: ignore[union-attr]
        "lesson-slots": school.lessons.first().pk,  # type: ignore[union-attr]
        "change-requests": ChangeRequest.objects.create(school=school, message="Swap Tuesday", routing="test").pk,
        "participants": alt.code,
        "placements": alt.placements.first().pk,  # type: ignore[union-attr]
        "timetable-versions": version.pk,
        "solve-jobs": SolveJob.objects.create(program=program).pk,
        "events": Event.objects.create(school=school, kind="test", name="Midterm tests", starts=MONDAY, ends=MONDAY).pk,
        "leave-requests": LeaveRequest.objects.create(participant=alt, kind="annual", starts=MONDAY, ends=MONDAY).pk,
        "weekend-work": WeekendWork.objects.create(
            participant=alt, date=dt.date(2026, 11, 14), description="Speech contest"
        ).pk,
        "leave-entitlements": LeaveEntitlement.objects.create(participant=alt, year=2026, days=10).pk,
        "notices": Notice.objects.create(user=side.users["coordinator"], subject="Hello", body="Hi").pk,
        "covers": Cover.objects.create(program=program, date=MONDAY, version=version).pk,
        "cycles": cycle.pk,
        "applications": application.pk,
        "sea-requests": SeaRequest.objects.create(
            program=program,
            organization=side.board,
            sport="judo",
            qualifications="judo coach",
            starts=dt.date(2027, 4, 1),
            ends=dt.date(2028, 3, 31),
        ).pk,
        "placement-requests": PlacementRequest.objects.create(
            program=program, organization=side.board, year=2027, position="alt"
        ).pk,
        "placement-runs": PlacementRun.objects.create(program=program, year=2027, instance={}, result={}).pk,
        "renewal-intents": RenewalIntent.objects.create(participant=alt, year=2027, choice="recontract").pk,
        "daily-reports": DailyReport.objects.create(participant=alt, date=MONDAY, status="submitted").pk,
        "training-sessions": TrainingSession.objects.create(
            program=program,
            title="Autumn meeting",
            kind="meeting",
            starts=timezone.now() + dt.timedelta(days=3),
            ends=timezone.now() + dt.timedelta(days=3, hours=2),
            place="Board office",
        ).pk,
    }


# The field each list names its objects by, where that is not `id`.
LOOKUP = {"schools": "code", "participants": "code"}
