"""Who may call what: the roles each action asks for (403 without one), on top of the scope every queryset
starts from (404 outside it). Objects a role may read but not change are refused with 403 by the views,
through `ScopedViewSet.require`."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from kakehashi.web.accounts.scope import has_role

COORDINATOR = "coordinator"
SUPERVISOR = "supervisor"
SCHOOL_STAFF = "school_staff"
PARTICIPANT = "participant"
APPLICANT = "applicant"
ADMINISTRATOR = "administrator"  # has_role() lets administrators through every role check anyway

# Who reads the program's running of the year (the pages' lists of schools and participants say the same).
STAFF_ROLES = (COORDINATOR, SUPERVISOR, SCHOOL_STAFF)
ANYONE: tuple[str, ...] = ()  # any signed-in user; the scope still decides what they see


class RolesAllowed(BasePermission):
    """The view says which roles its current action needs (`roles_for`); none listed means any signed-in user."""

    def has_permission(self, request: Request, view: Any) -> bool:
        roles: tuple[str, ...] = view.roles_for(request)
        return not roles or has_role(request.user, *roles)
