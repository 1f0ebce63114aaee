"""Who has an inbox, what is in it, and people as the inbox shows them: by name, never by login name."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.names import person_name
from kakehashi.web.accounts.scope import coordinated_programs, has_role, is_administrator
from kakehashi.web.inbox.models import InboxItem
from kakehashi.web.organizations.models import Contract, Program

# What "open" means in the menu's count and the inbox's first view: someone still has to act.
WAITING = (InboxItem.State.NEW, InboxItem.State.ASSIGNED)


def is_manager(user: Any) -> bool:
    """The responsible manager of some contract (under 請負, the one person a school's request goes to)."""
    return Contract.objects.filter(responsible_manager=user).exists()


def has_inbox(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (has_role(user, "coordinator") or is_manager(user))


def inbox_items(user: Any) -> QuerySet[InboxItem]:
    """The user's inbox: every item of the programs they coordinate, and items sent or assigned to them."""
    items = InboxItem.objects.select_related("organization", "program", "sent_by", "assigned_to", "state_by")
    if not has_inbox(user):
        return items.none()
    if is_administrator(user):
        return items
    mine = Q(program__in=coordinated_programs(user)) | Q(routed_to=user) | Q(assigned_to=user)
    return items.filter(mine)


def waiting_count(user: Any) -> int:
    """Items of the user's inbox that nobody has answered or closed yet (the menu's count)."""
    return inbox_items(user).filter(state__in=WAITING).count()


def assignable_people(program: Program) -> list[Any]:
    """Who an item may be assigned to: the program's coordinators and the responsible managers of its contracts
    (under 請負 the contractor's own people; never the ALT). Sorted by the name shown."""
    coordinators = Role.objects.filter(kind=Role.Kind.COORDINATOR, program=program).values("user_id")
    managers = Contract.objects.filter(program=program).values("responsible_manager_id")
    people = get_user_model().objects.filter(Q(pk__in=coordinators) | Q(pk__in=managers), is_active=True)
    return sorted(people, key=person_name)
