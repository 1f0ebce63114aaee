"""What each user may see: one function per kind of object, used by every page (and later the API).

Scope is decided from the user's roles, never from the URL: a page for an object outside the user's
scope answers 404, as if the object did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet

from kakehashi.web.accounts.models import Role
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School


def roles_of(user: Any) -> list[Role]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Role] | None = getattr(user, "_kakehashi_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("program", "organization", "participant"))
        user._kakehashi_roles = cached
    return cached


def own_participant(user: Any) -> Participant | None:
    """The participant record the user logs in as (their own week, leave, reports), if any."""
    return next((r.participant for r in roles_of(user) if r.participant), None)


def is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or any(r.kind == Role.Kind.ADMINISTRATOR for r in roles_of(user))


def has_role(user: Any, *kinds: str) -> bool:
    return is_administrator(user) or any(r.kind in kinds for r in roles_of(user))


def coordinated_programs(user: Any) -> QuerySet[Program]:
    if is_administrator(user):
        return Program.objects.all()
    ids = [r.program_id for r in roles_of(user) if r.kind == Role.Kind.COORDINATOR and r.program_id is not None]
    return Program.objects.filter(id__in=ids)


def visible_programs(user: Any) -> QuerySet[Program]:
    if is_administrator(user):
        return Program.objects.all()
    ids = {r.program_id for r in roles_of(user) if r.kind == Role.Kind.COORDINATOR and r.program_id is not None}
    ids |= {r.participant.program_id for r in roles_of(user) if r.kind == Role.Kind.PARTICIPANT and r.participant}
    return Program.objects.filter(id__in=ids)


def _contracted_organizations(programs: QuerySet[Program]) -> QuerySet[Organization]:
    return Organization.objects.filter(contracts__program__in=programs).distinct()


def visible_schools(user: Any) -> QuerySet[School]:
    schools = School.objects.select_related("organization", "organization__parent")
    if is_administrator(user):
        return schools
    condition = Q(pk__in=[])
    for role in roles_of(user):
        if role.kind == Role.Kind.COORDINATOR and role.program_id is not None:
            contracted = _contracted_organizations(Program.objects.filter(pk=role.program_id))
            condition |= Q(organization__in=contracted) | Q(organization__parent__in=contracted)
        elif role.kind == Role.Kind.SUPERVISOR:
            condition |= Q(organization__parent_id=role.organization_id) | Q(organization_id=role.organization_id)
        elif role.kind == Role.Kind.SCHOOL_STAFF:
            condition |= Q(organization_id=role.organization_id)
        elif role.kind == Role.Kind.PARTICIPANT and role.participant_id:
            # Their own schools: placed there directly, or visiting in a published timetable.
            condition |= Q(organization__placements__participant_id=role.participant_id)
            condition |= Q(pk__in=_published_visits().filter(participant_id=role.participant_id).values("school_id"))
    return schools.filter(condition).distinct()


def visible_organizations(user: Any) -> QuerySet[Organization]:
    """The organizations behind what the user sees: the schools they see and those schools' boards; for a
    coordinator every organization contracted with their programs and those under it (town halls, facilities);
    a supervisor's or staff member's own; a participant's places of placement."""
    if is_administrator(user):
        return Organization.objects.all()
    schools = visible_schools(user)
    condition = Q(pk__in=schools.values("organization_id")) | Q(pk__in=schools.values("organization__parent_id"))
    for role in roles_of(user):
        if role.kind == Role.Kind.COORDINATOR and role.program_id is not None:
            contracted = _contracted_organizations(Program.objects.filter(pk=role.program_id))
            condition |= Q(pk__in=contracted.values("pk")) | Q(parent__in=contracted)
        elif role.kind in (Role.Kind.SUPERVISOR, Role.Kind.SCHOOL_STAFF):
            condition |= Q(pk=role.organization_id) | Q(parent_id=role.organization_id)
        elif role.kind == Role.Kind.PARTICIPANT and role.participant_id:
            condition |= Q(placements__participant_id=role.participant_id)
    return Organization.objects.filter(condition).distinct()


# A participant sees the schools they visit, and school staff see who visits them, in the week in force. The
# timetables app owns those visits and hands its query in when it starts (timetables/apps.py), so these rules
# stay below every domain app (docs/architecture.md) instead of importing the timetable models.
VisitsInForce = Callable[[], QuerySet[Any]]
_visits_in_force: list[VisitsInForce] = []


def use_visits_in_force(source: VisitsInForce) -> None:
    """Where the visits of the weeks in force come from (rows with `participant_id`, `school_id` and
    `school__organization_id`); called once by the timetables app."""
    _visits_in_force[:] = [source]


def _published_visits() -> QuerySet[Any]:
    """Visits of the weeks in force (a visit of a superseded version gives no one a view of anyone)."""
    if not _visits_in_force:
        # Never an empty answer instead: a missing source would silently hide schools from the people who visit them.
        raise ImproperlyConfigured("The timetables app is not installed: no visits to scope by.")
    return _visits_in_force[0]()


def visible_participants(user: Any) -> QuerySet[Participant]:
    people = Participant.objects.select_related("program")
    if is_administrator(user):
        return people
    condition = Q(pk__in=[])
    for role in roles_of(user):
        if role.kind == Role.Kind.COORDINATOR:
            condition |= Q(program_id=role.program_id)
        elif role.kind == Role.Kind.SUPERVISOR:
            # Placed at the board itself or at one of its schools.
            places = [
                role.organization_id,
                *Organization.objects.filter(parent_id=role.organization_id).values_list("pk", flat=True),
            ]
            condition |= Q(placements__organization_id__in=places)
        elif role.kind == Role.Kind.SCHOOL_STAFF:
            # Those placed at the school, and those who visit it in a published timetable.
            condition |= Q(placements__organization_id=role.organization_id)
            condition |= Q(
                pk__in=_published_visits().filter(school__organization_id=role.organization_id).values("participant_id")
            )
        elif role.kind == Role.Kind.PARTICIPANT:
            condition |= Q(pk=role.participant_id)
    return people.filter(condition).distinct()
