"""Reads for timetables: which schools and ALTs a program's week holds, and which of its versions is the newest,
the one in force and the one to edit. The week and the versions themselves, as the core reads them, come through
the door (`timetables/door/`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.models import TimetableVersion, VisitRow


def program_schools(program: Program) -> QuerySet[School]:
    """The schools of the organizations the program has contracts with (a board brings all its schools)."""
    contracted = Organization.objects.filter(contracts__program=program)
    return (
        School.objects.filter(Q(organization__in=contracted) | Q(organization__parent__in=contracted))
        .select_related("organization")
        .distinct()
        .order_by("code")
    )


def program_alts(program: Program) -> QuerySet[Participant]:
    """The ALTs the weekly timetable plans: substitutes (代替ALT) only cover absences, so they are left out."""
    return program.participants.filter(kind=Participant.Kind.ALT, substitute="").order_by("code")


def program_substitutes(program: Program) -> QuerySet[Participant]:
    """The program's pool of substitute ALTs, whom a cover may call in (never the weekly solve)."""
    return program.participants.filter(kind=Participant.Kind.ALT).exclude(substitute="").order_by("code")


def allowed_schools(alt: Participant, all_codes: set[str]) -> list[str] | None:
    """Where the ALT's placements let them work; None when that is every school of the week."""
    places = list(alt.placements.select_related("organization"))
    if not places:
        return None
    codes: set[str] = set()
    for place in places:
        codes |= set(
            School.objects.filter(
                Q(organization=place.organization) | Q(organization__parent=place.organization)
            ).values_list("code", flat=True)
        )
    codes &= all_codes
    return None if codes == all_codes else sorted(codes)


def latest_version(program: Program) -> TimetableVersion | None:
    """The program's newest version, draft or published (what the program's pages list first)."""
    return program.timetables.order_by("-number").first()


def published_versions() -> QuerySet[TimetableVersion]:
    """The week in force of every program: the one published pointer (`in_force`, set by timetable_publish).
    Every reader of "the published week" goes through this, never through `state` or version numbers."""
    return TimetableVersion.objects.filter(in_force=True)


def visits_in_force() -> QuerySet[VisitRow]:
    """The visits of every program's week in force: who may see whom through a visit (accounts/scope.py)."""
    return VisitRow.objects.filter(version__in=published_versions())


def published_version(program: Program) -> TimetableVersion | None:
    """The program's week in force (the version published last), or None before the first publication."""
    return published_versions().filter(program=program).first()


def editable_version(program: Program) -> TimetableVersion | None:
    """The week hand edits start from: the newest version when it is a draft, else the week in force (an
    older draft published after a newer version is the week to edit on), else the newest version."""
    latest = latest_version(program)
    if latest is None or latest.state == TimetableVersion.State.DRAFT:
        return latest
    return published_version(program) or latest
