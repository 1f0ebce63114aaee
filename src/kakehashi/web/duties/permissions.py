"""Who may read and decide daily reports, and who may download monthly reports, built on accounts/scope.py.

Daily reports (日報) are the employer's record of a participant's day, so they are decided by:
- the coordinators of the participant's program (and administrators): approve and return;
- the supervisors of the organization the participant was placed at on that date — a board of education
  (placed at the board itself or at one of its schools) or a town hall: approve always, return only when
  the contract between the program and that organization is not outsourcing (請負). Approving is the
  routine confirmation of the day's work the law allows the client; returning a report with a comment is a
  correction, which under 請負 must go through the contractor (偽装請負 otherwise).
School staff and JTEs see no daily reports at all: under 請負 a school may not evaluate the contractor's
staff, and under every contract the school already sees the ALT's lessons at the school on its own pages
and the duties done there in its monthly report. Anything outside a user's scope answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.scope import coordinated_programs, is_administrator, roles_of
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.organizations.models import Contract, Organization
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.schools.models import School


def supervised_organizations(user: Any) -> list[int]:
    return [r.organization_id for r in roles_of(user) if r.kind == Role.Kind.SUPERVISOR and r.organization_id]


def _placed_on_date(organizations: list[int]) -> QuerySet[Placement]:
    """Placements at these organizations (or their schools) that were current on the outer report's date."""
    return Placement.objects.filter(
        Q(organization_id__in=organizations) | Q(organization__parent_id__in=organizations),
        participant=OuterRef("participant"),
        starts__lte=OuterRef("date"),
    ).filter(Q(ends__isnull=True) | Q(ends__gte=OuterRef("date")))


def decidable_reports(user: Any) -> QuerySet[DailyReport]:
    """The daily reports the user approves (and reads): see the module's docstring."""
    reports = DailyReport.objects.select_related("participant__program")
    if is_administrator(user):
        return reports
    condition = Q(participant__program__in=coordinated_programs(user))
    supervised = supervised_organizations(user)
    if supervised:
        condition |= Q(Exists(_placed_on_date(supervised)))
    return reports.filter(condition)


def is_deciding_role(user: Any) -> bool:
    return is_administrator(user) or any(
        r.kind in (Role.Kind.COORDINATOR, Role.Kind.SUPERVISOR) for r in roles_of(user)
    )


def may_approve(user: Any, report: DailyReport) -> bool:
    return decidable_reports(user).filter(pk=report.pk).exists()


def may_return(user: Any, report: DailyReport) -> bool:
    """Coordinators always; a supervisor only outside outsourcing (請負), where a correction is the contractor's."""
    if is_administrator(user) or coordinated_programs(user).filter(pk=report.participant.program_id).exists():
        return True
    if not may_approve(user, report):
        return False
    supervised = supervised_organizations(user)
    places = Placement.objects.filter(participant_id=report.participant_id, starts__lte=report.date).filter(
        Q(ends__isnull=True) | Q(ends__gte=report.date),
        Q(organization_id__in=supervised) | Q(organization__parent_id__in=supervised),
    )
    organizations = {p.organization_id for p in places} | {
        p.organization.parent_id for p in places.select_related("organization") if p.organization.parent_id
    }
    contracts = Contract.objects.filter(
        program_id=report.participant.program_id,
        organization_id__in=organizations,
        starts__lte=report.date,
        ends__gte=report.date,
    )
    return not contracts.filter(type=Contract.Type.OUTSOURCING).exists()


def history_participants(user: Any) -> QuerySet[Participant]:
    """Participants whose report history the user reads: their programs' (coordinators), those placed at the
    organization they supervise or its schools (supervisors). The reports shown are still only the decidable
    ones, so a supervisor does not read the days before the participant came to their board."""
    people = Participant.objects.all()
    if is_administrator(user):
        return people
    condition = Q(program__in=coordinated_programs(user))
    supervised = supervised_organizations(user)
    if supervised:
        condition |= Q(placements__organization_id__in=supervised) | Q(
            placements__organization__parent_id__in=supervised
        )
    return people.filter(condition).distinct()


def report_schools(user: Any) -> QuerySet[School]:
    """Schools whose monthly report the user downloads: their own school (staff), the schools of their
    programs' contracts (coordinators), the schools of their board (supervisors). Never as a participant."""
    schools = School.objects.select_related("organization", "organization__parent")
    if is_administrator(user):
        return schools
    programs = coordinated_programs(user)
    contracted = Organization.objects.filter(contracts__program__in=programs)
    condition = Q(organization__in=contracted) | Q(organization__parent__in=contracted)
    supervised = supervised_organizations(user)
    condition |= Q(organization_id__in=supervised) | Q(organization__parent_id__in=supervised)
    staff = [r.organization_id for r in roles_of(user) if r.kind == Role.Kind.SCHOOL_STAFF]
    condition |= Q(organization_id__in=staff)
    return schools.filter(condition).distinct()


def report_boards(user: Any) -> QuerySet[Organization]:
    """Boards of education whose monthly report the user downloads: contracted with a program they
    coordinate (directly or through one of its schools), or supervised by them."""
    boards = Organization.objects.filter(kind=Organization.Kind.BOARD)
    if is_administrator(user):
        return boards
    programs = coordinated_programs(user)
    condition = (
        Q(contracts__program__in=programs)
        | Q(children__contracts__program__in=programs)
        | Q(pk__in=supervised_organizations(user))
    )
    return boards.filter(pk__in=Organization.objects.filter(condition).values("pk"))


def placements_on(participant: Participant, day: dt.date) -> QuerySet[Placement]:
    """Where the participant was placed on that date."""
    return participant.placements.filter(starts__lte=day).filter(Q(ends__isnull=True) | Q(ends__gte=day))
