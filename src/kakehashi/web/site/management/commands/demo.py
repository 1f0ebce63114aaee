"""`kakehashi manage demo`: Takasaki's real schools, generated classes, lessons and ALTs, one user per
role, and a solved, published first week. Safe to run again: what exists is kept."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from kakehashi.timetable.generate import generate_from_sites, load_school_sites
from kakehashi.timetable.generate_sites import CREDIT
from kakehashi.timetable.solve import solve
from kakehashi.web.accounts.models import Role
from kakehashi.web.core.actor import acting_as
from kakehashi.web.leave.demo import load_school_year
from kakehashi.web.leave.demo_substitutes import load_substitutes
from kakehashi.web.organizations.models import Contract, Organization, Program
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.recruitment.demo import load_recruitment
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.door import week_import, week_instance
from kakehashi.web.timetables.selectors import latest_version, program_schools
from kakehashi.web.timetables.services import timetable_publish, timetable_store
from kakehashi.web.workforce.demo import load_people_facts

PROGRAM = "Kakehashi ALT Services (demo)"
PASSWORD = "kakehashi-demo"
MUNICIPALITY = "10202"
SCHOOL_YEAR_START = dt.date(2026, 4, 1)
SCHOOL_YEAR_END = dt.date(2027, 3, 31)


class Command(BaseCommand):
    help = "Load the Takasaki demo (idempotent) and solve its first week."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--time-limit", type=float, default=20.0, help="seconds for the first solve")
        parser.add_argument("--alts", type=int, default=25)

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, "demo"):
            program = self._load(options["alts"])
            self._users(program)
            if latest_version(program) is None:
                self.stdout.write(f"Solving the first week ({options['time_limit']:g} s)…")
                instance = week_instance(program)
                solution = solve(instance, time_limit=options["time_limit"], workers=2, seed=0)
                version = timetable_store(program=program, instance=instance, solution=solution)
                timetable_publish(version=version)
                _annual_contracts(program, solution)
                self.stdout.write(
                    f"Published timetable version {version.number}: objective {version.objective}, "
                    f"{len(solution.lessons)} lessons with an ALT."
                )
        self._print_logins()

    @transaction.atomic
    def _load(self, alts: int) -> Program:
        program = Program.objects.filter(name=PROGRAM).first()
        if program is not None:
            self.stdout.write("The demo is already loaded; keeping it.")
            return program
        program = Program.objects.create(
            name=PROGRAM, name_ja="かけはしALTサービス（デモ）", kind=Program.Kind.DISPATCH_COMPANY
        )
        board = Organization.objects.create(
            name="Takasaki City Board of Education",
            name_ja="高崎市教育委員会",
            kind=Organization.Kind.BOARD,
            municipality_code=MUNICIPALITY,
        )
        manager = self._user("manager", "Ken", "Ito")
        _contract(program, board, Contract.Type.OUTSOURCING, responsible_manager=manager)
        document = generate_from_sites(load_school_sites(), municipality=MUNICIPALITY, alts=alts, seed=1)
        instance = week_import(program=program, board=board, document=document, placed_from=SCHOOL_YEAR_START)
        self._cir_and_sea(program, board)
        load_substitutes(program, board, SCHOOL_YEAR_START)
        load_school_year(program, board)
        # The board's supervisor files the SEA request (the same account _users gives its role later).
        load_recruitment(program, board, PASSWORD, supervisor=self._user("board", "Hiroshi", "Suzuki"))
        load_people_facts(program)
        self.stdout.write(
            f"Loaded {len(instance.schools)} Takasaki schools, {len(instance.lesson_by_id)} lessons and "
            f"{len(instance.alts)} ALTs. {CREDIT}"
        )
        return program

    def _cir_and_sea(self, program: Program, board: Organization) -> None:
        """A CIR at the city hall and an SEA at a sports facility: the other two kinds of participant."""
        hall = Organization.objects.create(
            name="Takasaki City Hall, International Exchange Division",
            name_ja="高崎市役所 国際交流課",
            kind=Organization.Kind.TOWN_HALL,
            municipality_code=MUNICIPALITY,
        )
        arena = Organization.objects.create(
            name="Takasaki Arena",
            name_ja="高崎アリーナ",
            kind=Organization.Kind.SPORTS_FACILITY,
            municipality_code=MUNICIPALITY,
        )
        for place in (hall, arena):
            _contract(program, place, Contract.Type.DISPATCH)
        for code, kind, name, katakana, place, level, skills in (
            ("C01", Participant.Kind.CIR, "Lena Weber", "レーナ・ヴェーバー", hall, "N1", "Translation (German)"),
            (
                "E01",
                Participant.Kind.SEA,
                "Tomas Silva",
                "トーマス・シルバ",
                arena,
                "N4",
                "Football coaching licence (UEFA C)",
            ),
        ):
            person = Participant.objects.create(
                program=program,
                code=code,
                kind=kind,
                name=name,
                name_katakana=katakana,
                home_lat=36.3219,
                home_lon=139.0033,
                levels=[],
                japanese_level=level,
                qualifications=skills,
                classes_min=0,
                classes_max=0,
                start_date=dt.date(2025, 8, 1),
            )
            Placement.objects.create(participant=person, organization=place, starts=SCHOOL_YEAR_START)

    def _user(self, username: str, first: str, last: str, **fields: Any) -> Any:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.jp", **fields},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def _users(self, program: Program) -> None:
        admin = self._user("admin", "Aiko", "Sato", is_staff=True, is_superuser=True)
        Role.objects.get_or_create(user=admin, kind=Role.Kind.ADMINISTRATOR)
        board = Organization.objects.get(kind=Organization.Kind.BOARD, municipality_code=MUNICIPALITY)
        school = School.objects.filter(organization__parent=board).order_by("code").first()
        alt = Participant.objects.filter(program=program).order_by("code").first()
        for username, first, last, kind, scope in (
            ("coordinator", "Mika", "Tanaka", Role.Kind.COORDINATOR, {"program": program}),
            ("manager", "Ken", "Ito", Role.Kind.COORDINATOR, {"program": program}),
            ("board", "Hiroshi", "Suzuki", Role.Kind.SUPERVISOR, {"organization": board}),
            (
                "jte",
                "Yuki",
                "Yamamoto",
                Role.Kind.SCHOOL_STAFF,
                {"organization": school.organization if school else None},
            ),
            (
                "alt",
                alt.name.split()[0] if alt else "ALT",
                alt.name.split()[-1] if alt else "",
                Role.Kind.PARTICIPANT,
                {"participant": alt},
            ),
            ("applicant", "Sam", "Lee", Role.Kind.APPLICANT, {}),
        ):
            user = self._user(username, first, last)
            Role.objects.get_or_create(user=user, kind=kind, **scope)
            if kind == Role.Kind.PARTICIPANT and alt is not None and alt.user_id is None:
                alt.user = user
                alt.save()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nLogins (password for all: {PASSWORD}):")
        for username, what in (
            ("admin", "administrator (everything, /admin/)"),
            ("coordinator", "coordinator of the demo program"),
            ("manager", "coordinator, and the responsible manager of the outsourcing contract"),
            ("board", "supervisor at Takasaki City Board of Education"),
            ("jte", "school staff / JTE at the first school"),
            ("alt", "the first ALT (their own week)"),
            ("applicant", "an applicant: open posts at /recruit/ (ALT and CIR 2027)"),
        ):
            self.stdout.write(f"  {username:<12} {what}")


# Contracts count ALT-days a year too. The demo writes them as a board would after the first week: the
# ALT-days a week each school got, over 36 teaching weeks. Holidays and school events then leave some
# schools short (a Monday school loses more days than a Thursday one), which Balance the year mends.
TEACHING_WEEKS = 36


def _annual_contracts(program: Program, solution: Any) -> None:
    days_a_week = Counter(visit.school for visit in solution.visits)
    for school in program_schools(program).filter(visit_days_min__gte=1):
        if days_a_week[school.code]:
            school.annual_visit_days = days_a_week[school.code] * TEACHING_WEEKS
            school.save()


def _contract(program: Program, organization: Organization, kind: str, **terms: Any) -> Contract:
    """A demo contract: each runs the school year."""
    return Contract.objects.create(program=program, organization=organization, type=kind, starts=SCHOOL_YEAR_START,
                                   ends=SCHOOL_YEAR_END, **terms)
