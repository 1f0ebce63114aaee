"""The world of the authorization matrix: North and South (web/testing.py), each furnished with one object of
every kind a URL can name — a published week, a school event, leave, an absence and its cover, a recruitment
cycle with an application and its document, an SEA request, a placement request and run, a renewal intent, a
submitted daily report, a training session with an invitation, a solve job, a calendar token, a change request,
and the rest the admin and the API reach.

South is built after North with every table's id sequence moved past `SOUTH_IDS`, so no South id equals a North
id: an answer of 200 for South's object can never be North's object of the same number answering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.models import Role
from kakehashi.web.api.tokens import token_issue
from kakehashi.web.calendars.models import Event
from kakehashi.web.core.models import Change
from kakehashi.web.core.personal_data import record_view
from kakehashi.web.duties import services as duties
from kakehashi.web.duties import training
from kakehashi.web.duties.models import Invitation, TrainingSession
from kakehashi.web.duties.tests.helpers import visits_of
from kakehashi.web.leave import services as leave
from kakehashi.web.leave.covers import cover_propose
from kakehashi.web.leave.models import CoverOffer, LeaveRequest, OfferCandidate
from kakehashi.web.notices.models import Notice
from kakehashi.web.organizations.models import Contract
from kakehashi.web.pages.schools.requests import change_request_file
from kakehashi.web.people.feeds import calendar_token_issue
from kakehashi.web.people.models import Participant
from kakehashi.web.privacy.models import PersonalDataView
from kakehashi.web.recruitment import services_placement as placing
from kakehashi.web.recruitment.models import (
    ApplicationDocument,
    PlacementRequest,
)
from kakehashi.web.recruitment.tests.recruiting import make_cycle, submitted
from kakehashi.web.schools.models import ChangeRequest, School
from kakehashi.web.testing import Side, publish_week, side, user
from kakehashi.web.timetables.models import (
    FixedVisit,
    ForbiddenSchool,
    TravelTime,
    VisitRow,
    WeekSettings,
)
from kakehashi.web.timetables.tasks import run_solve_job, solve_job_start
from kakehashi.web.yearbalance.models import BalanceJob

# Every South id is above SOUTH_IDS, every North id below it; a row made while the matrix asks is above NEW_IDS.
SOUTH_IDS = 100_000
NEW_IDS = 200_000
# A past week of the published plan (reports can be submitted for it), and dates around it.
REPORT_DAY_FROM, REPORT_DAY_UNTIL = dt.date(2026, 11, 9), dt.date(2026, 11, 20)
LEAVE_DAY = dt.date(2026, 12, 14)  # a Monday to come: a requested leave
WEEKEND_DAY = dt.date(2026, 11, 14)  # a Saturday: weekend work
SPORTS_DAY = dt.date(2027, 2, 5)  # a Friday of this school year: a sports day (rained-out moves apply to it)
PLACEMENT_YEAR = 2027  # the coming school year (the placement and renewal pages' default)


@dataclass
class Furnished:
    """A side of the world with its objects; `users` holds the roles' users, `objects` everything else."""

    side: Side
    objects: dict[str, Any] = field(default_factory=dict)

    @property
    def program(self) -> Any:
        return self.side.program

    @property
    def users(self) -> dict[str, Any]:
        return self.side.users

    @property
    def board(self) -> Any:
        return self.side.board

    @property
    def alt(self) -> Participant:
        """The first ALT: the side's participant user is theirs."""
        return self.side.alts[0]

    @property
    def school(self) -> School:
        """The school the ALT visits and the side's school staff work at."""
        school: School = self.objects["school"]
        return school

    def __getitem__(self, name: str) -> Any:
        return self.objects[name]


def _school_and_day(furnished: Side) -> tuple[School, dt.date]:
    """The first school the first ALT teaches at in the report weeks, and the first such day."""
    alt = furnished.alts[0]
    visits = [v for v in visits_of(furnished.program, alt.code, until=REPORT_DAY_UNTIL) if v.date >= REPORT_DAY_FROM]
    assert visits, f"{alt.code} teaches nowhere in the report weeks: choose other weeks"
    return School.objects.get(code=visits[0].school), visits[0].date


def furnish(name: str, *, prefix: str, seed: int) -> Furnished:
    made = side(name, prefix=prefix, seed=seed)
    program, board, alt = made.program, made.board, made.alts[0]
    users = made.users
    objects: dict[str, Any] = {}
    objects["version"] = publish_week(program)
    school, day = _school_and_day(made)
    objects["school"] = school
    # The side's school staff work at that school (the school the ALT visits in the published week).
    Role.objects.filter(user=users["school_staff"]).update(organization=school.organization)
    objects["placement"] = alt.placements.order_by("pk").first()
    objects["contract"] = Contract.objects.get(program=program)
    objects["bell"] = school.bells.order_by("pk").first()
    objects["homeroom"] = school.homerooms.order_by("pk").first()
    objects["lesson"] = school.lessons.order_by("pk").first()

    # The school year: an event of the school (a sports day, so it can be moved when rained out).
    objects["event"] = Event.objects.create(
        school=school, kind="sports_day", name=f"{name} sports day", starts=SPORTS_DAY, ends=SPORTS_DAY
    )
    # Leave: paid leave days, a requested leave, weekend work, and an absence with its proposed cover.
    objects["entitlement"] = leave.entitlement_set(participant=alt, year=2026, days=10)
    objects["leave"] = LeaveRequest.objects.create(
        participant=alt, kind=LeaveRequest.Kind.ANNUAL, starts=LEAVE_DAY, ends=LEAVE_DAY, reason="Family visit"
    )
    objects["weekend_work"] = leave.weekend_work_record(participant=alt, date=WEEKEND_DAY, description="Speech contest")
    absence_day = day + dt.timedelta(days=1) if day.weekday() < 4 else day - dt.timedelta(days=1)
    objects["absence"] = leave.absence_report(participant=alt, date=absence_day, reason="Fever")
    objects["absence_day"] = absence_day
    cover = cover_propose(program=program, date=absence_day)
    assert cover is not None, "the absence should need cover"
    objects["cover"] = cover
    # An offer of the absent day, made to the side's participant (whose own offer page it is).
    objects["offer"] = CoverOffer.objects.create(
        program=program, date=absence_day, absent=alt, leave=objects["absence"], lessons=cover.needed,
        schools=[school.code], reported_at=timezone.now(), sent_at=timezone.now(),
    )
    objects["offer_candidate"] = OfferCandidate.objects.create(
        offer=objects["offer"], participant=alt, rank=1, travel_minutes=10, takes=1, answer="waiting",
        sent_at=timezone.now(), deadline=timezone.now() + dt.timedelta(minutes=30),
    )
    objects["notice"] = Notice.objects.create(user=users["coordinator"], subject=f"{name}: hello", body="Hello")

    # Recruitment: a closed ALT cycle with the side's applicant's application (and its CV), an SEA request, a
    # placement request and a run for the coming year, and the ALT's intent for it.
    cycle = make_cycle(program, name=f"ALT 2024 {name}")
    objects["cycle"] = cycle
    objects["application"] = submitted(cycle, users["applicant"])
    objects["document"] = ApplicationDocument.objects.get(application=objects["application"])
    objects["sea"] = placing.sea_request_file(
        organization=board,
        sport="judo",
        qualifications="Judo coaching licence",
        posts=1,
        starts=dt.date(2027, 4, 1),
        ends=dt.date(2028, 3, 31),
        by=users["supervisor"],
    )
    objects["placement_request"] = placing.placement_request_save(
        request=PlacementRequest(organization=board, position="alt", count=1), program=program, year=PLACEMENT_YEAR
    )
    objects["placement_run"] = placing.placement_run(program=program, year=PLACEMENT_YEAR, time_limit=2)
    objects["renewal"] = placing.renewal_state(participant=alt, year=PLACEMENT_YEAR, choice="recontract")

    # Duties: the ALT's report of a day they taught at the school, submitted; a session they are invited to.
    report = duties.report_start(participant=alt, date=day)
    objects["report"] = duties.report_submit(report=report)
    objects["entry"] = report.entries.order_by("pk").first()
    session = training.session_create(
        program=program,
        title=f"{name} autumn meeting",
        kind=TrainingSession.Kind.MEETING,
        starts=timezone.now() + dt.timedelta(days=3),
        ends=timezone.now() + dt.timedelta(days=3, hours=2),
        place="Board office",
    )
    training.session_invite(session=session, participants=[alt])
    objects["session"] = session
    objects["invitation"] = Invitation.objects.get(session=session, participant=alt)

    # Timetables and the rest: a queued solve job (its task row too), the ALT's calendar token, a change
    # request from the school, an API token, a personal-data view, a group (the admin's), a change log entry.
    job = solve_job_start(program=program, user=users["coordinator"], time_limit=5, keep_locked=True, stay_close=False)
    objects["job"] = job
    # A finished year balance with nothing to change, so that publishing it is a real answer, not a refusal.
    objects["balance_job"] = BalanceJob.objects.create(
        program=program, year=SchoolYear.of(timezone.localdate()), changes_from=timezone.localdate(),
        state=BalanceJob.State.SUCCEEDED, result={"status": "optimal", "moves": [], "schools": [], "alts": []},
    )
    objects["task"] = DBTaskResult.objects.get(id=run_solve_job.enqueue(job.pk).id)
    objects["calendar_token"] = calendar_token_issue(participant=alt)
    objects["change_request"] = change_request_file(
        school=school,
        author=users["school_staff"],
        message=f"{name}: please swap Tuesday's lessons",
        about=alt,
        tell_participant=False,
        kind=ChangeRequest.Kind.TIMETABLE,
    )
    objects["api_token"] = token_issue(user=users["coordinator"])  # the admin's token pages (ADMIN_OBJECTS)
    record_view(users["coordinator"], "participant page", participant=alt)
    objects["access"] = PersonalDataView.objects.filter(participant=alt).order_by("-pk").first()
    objects["group"] = Group.objects.create(name=f"{name} reviewers")
    objects["change"] = Change.objects.filter(model="calendars.event").order_by("-pk").first()  # the event's
    objects["role"] = Role.objects.get(user=users["coordinator"])
    objects["week_settings"] = WeekSettings.objects.get(program=program)
    objects["travel_time"] = TravelTime.objects.filter(program=program).order_by("pk").first()
    objects["fixed_visit"] = FixedVisit.objects.filter(participant__program=program).order_by("pk").first()
    # The second ALT may not go to a school they do not visit (made last: the published week stays valid).
    other_alt = made.alts[1]
    visited = VisitRow.objects.filter(version=objects["version"], participant=other_alt).values("school")
    objects["forbidden"] = ForbiddenSchool.objects.create(
        participant=other_alt,
        school=School.objects.filter(pk__in=[s.pk for s in made.schools])
        .exclude(pk__in=visited)
        .order_by("code")
        .first(),
    )
    return Furnished(made, objects)


# --- ids -------------------------------------------------------------------------------------------------------


def _tables() -> list[tuple[str, str]]:
    """(table, id column) of every model with an integer id that counts up."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        pk = model._meta.pk
        if model._meta.managed and not model._meta.proxy and pk.get_internal_type() in ("AutoField", "BigAutoField"):
            found.append((model._meta.db_table, pk.column))
    return found


def ids_past(start: int) -> None:
    """Move every table's id sequence so the next row gets an id above `start` (SQLite and PostgreSQL)."""
    with connection.cursor() as cursor:
        for table, column in _tables():
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
                (sequence,) = cursor.fetchone()
                if sequence:
                    cursor.execute("SELECT setval(%s, %s)", [sequence, start])
            elif connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start])
            else:  # pragma: no cover - the suite runs on these two
                raise NotImplementedError(connection.vendor)


def highest_id() -> int:
    """The highest integer id in any table (to check North stayed below SOUTH_IDS)."""
    highest = 0
    with connection.cursor() as cursor:
        for table, column in _tables():
            cursor.execute(f'SELECT MAX("{column}") FROM "{table}"')
            value = cursor.fetchone()[0]
            highest = max(highest, value or 0)
    return highest


@dataclass
class MatrixWorld:
    north: Furnished
    south: Furnished
    root: Any


def build() -> MatrixWorld:
    root = user("root", superuser=True)
    north = furnish("North", prefix="N", seed=11)
    assert highest_id() < SOUTH_IDS, "North outgrew the id gap; raise SOUTH_IDS"
    ids_past(SOUTH_IDS)
    south = furnish("South", prefix="X", seed=12)
    assert highest_id() < NEW_IDS, "South outgrew the id gap; raise NEW_IDS"
    ids_past(NEW_IDS)
    return MatrixWorld(north, south, root)


# The admin's object pages: model label → the side's object of that model (what furnish() made).
ADMIN_OBJECTS: dict[str, Any] = {
    "auth.group": lambda f: f["group"],
    "auth.user": lambda f: f.users["coordinator"],
    "authtoken.tokenproxy": lambda f: f.users["coordinator"],  # the admin's token pages go by the user's id
    "django_tasks_database.dbtaskresult": lambda f: f["task"],
    "core.change": lambda f: f["change"],
    "organizations.program": lambda f: f.program,
    "organizations.organization": lambda f: f.board,
    "organizations.contract": lambda f: f["contract"],
    "schools.school": lambda f: f.school,
    "schools.lessonslot": lambda f: f["lesson"],
    "people.participant": lambda f: f.alt,
    "timetables.weeksettings": lambda f: f["week_settings"],
    "timetables.traveltime": lambda f: f["travel_time"],
    "timetables.fixedvisit": lambda f: f["fixed_visit"],
    "timetables.forbiddenschool": lambda f: f["forbidden"],
    "timetables.timetableversion": lambda f: f["version"],
    "accounts.role": lambda f: f["role"],
    "calendars.event": lambda f: f["event"],
    "leave.leaveentitlement": lambda f: f["entitlement"],
    "leave.leaverequest": lambda f: f["leave"],
    "leave.weekendwork": lambda f: f["weekend_work"],
    "leave.cover": lambda f: f["cover"],
    "notices.notice": lambda f: f["notice"],
    "recruitment.cycle": lambda f: f["cycle"],
    "recruitment.searequest": lambda f: f["sea"],
    "recruitment.application": lambda f: f["application"],
    "recruitment.placementrequest": lambda f: f["placement_request"],
    "recruitment.placementrun": lambda f: f["placement_run"],
    "recruitment.renewalintent": lambda f: f["renewal"],
    "duties.dailyreport": lambda f: f["report"],
    "duties.dutyentry": lambda f: f["entry"],
    "duties.trainingsession": lambda f: f["session"],
    "duties.invitation": lambda f: f["invitation"],
}
