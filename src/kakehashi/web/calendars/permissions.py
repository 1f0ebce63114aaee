"""Who may see and edit school events, built on accounts/scope.py.

Seeing follows the schools a user sees (a JTE: their own school, with the board's events that apply to
it). Editing is for the program's coordinators, the board's supervisors and administrators. An event
outside what a user sees is 404; one they see but may not edit is 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.scope import coordinated_programs, is_administrator, roles_of, visible_schools
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.owners import Owner
from kakehashi.web.organizations.models import Organization
from kakehashi.web.schools.models import School


def editable_boards(user: Any) -> QuerySet[Organization]:
    """Boards whose events the user edits: contracted with a program they coordinate, or supervised by them."""
    boards = Organization.objects.filter(kind=Organization.Kind.BOARD)
    if is_administrator(user):
        return boards
    supervised = [r.organization_id for r in roles_of(user) if r.kind == Role.Kind.SUPERVISOR]
    mine = Q(contracts__program__in=coordinated_programs(user)) | Q(pk__in=supervised)
    return boards.filter(pk__in=Organization.objects.filter(mine).values("pk"))


def editable_schools(user: Any) -> QuerySet[School]:
    """The schools the user sees because they coordinate or supervise them (never as staff or an ALT)."""
    schools = visible_schools(user)
    if is_administrator(user):
        return schools
    programs = coordinated_programs(user)
    supervised = [r.organization_id for r in roles_of(user) if r.kind == Role.Kind.SUPERVISOR]
    return schools.filter(
        Q(organization__parent__in=editable_boards(user))
        # A program may contract a school directly rather than its board.
        | Q(organization__in=Organization.objects.filter(contracts__program__in=programs))
        | Q(organization_id__in=supervised)
    )


def visible_events(user: Any) -> QuerySet[Event]:
    schools = visible_schools(user)
    return Event.objects.filter(
        Q(school__in=schools)
        | Q(board__in=editable_boards(user))
        | Q(board__in=schools.values("organization__parent"))  # the board's events apply to its schools
    )


def may_edit(user: Any, event: Event) -> bool:
    if event.school_id is not None:
        return editable_schools(user).filter(pk=event.school_id).exists()
    return event.board_id is not None and editable_boards(user).filter(pk=event.board_id).exists()


def school_owner(user: Any, code: str, *, edit: bool = False) -> Owner:
    school: School = get_object_or_404(visible_schools(user), code=code)
    owner = Owner(school=school)
    if edit and not editable_schools(user).filter(pk=school.pk).exists():
        raise PermissionDenied
    return owner


def board_owner(user: Any, pk: int) -> Owner:
    # Only a board's editors have a page for it; school staff see its events on their school's page.
    board: Organization = get_object_or_404(editable_boards(user), pk=pk)
    return Owner(board=board)


def event_for(user: Any, pk: int, *, edit: bool = False) -> Event:
    event: Event = get_object_or_404(visible_events(user).select_related("school__organization", "board"), pk=pk)
    if edit and not may_edit(user, event):
        raise PermissionDenied
    return event


def can_edit_owner(user: Any, owner: Owner) -> bool:
    if owner.school is not None:
        return editable_schools(user).filter(pk=owner.school.pk).exists()
    return owner.board is not None and editable_boards(user).filter(pk=owner.board.pk).exists()
