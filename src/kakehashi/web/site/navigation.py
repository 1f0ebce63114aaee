"""Template context shared by every page: the navigation the user's roles allow."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.names import person_name
from kakehashi.web.accounts.scope import has_role, is_administrator, own_participant, roles_of
from kakehashi.web.inbox.selectors import has_inbox, waiting_count
from kakehashi.web.notices.models import Notice


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"nav": []}
    items: list[tuple[str | Promise, str]] = [(_("Home"), reverse("home"))]
    if has_role(user, "coordinator", "supervisor", "school_staff", "participant"):
        items.append((_("Schools"), reverse("schools:list")))
    if has_role(user, "coordinator", "supervisor", "school_staff"):
        items.append((_("Participants"), reverse("people:list")))
    participant_role = None
    if has_role(user, "participant") and not is_administrator(user):
        participant_role = own_participant(user)
        if participant_role is not None:
            items.append((_("My week"), reverse("people:detail", args=[participant_role.code])))
    if participant_role is not None:
        items.append((_("My leave"), reverse("leave:mine")))
    # One duties item: a participant's own daily report, or the hub of queues and monthly reports.
    if participant_role is not None:
        items.append((_("Daily report"), reverse("duties:mine")))
    elif has_role(user, "coordinator", "supervisor", "school_staff"):
        items.append((_("Duties and reports"), reverse("duties:index")))
    if has_role(user, "coordinator"):
        items.append((_("Imports"), reverse("imports:start")))
    if has_inbox(user):
        waiting = waiting_count(user)
        items.append((_("Inbox (%(count)s)") % {"count": waiting} if waiting else _("Inbox"), reverse("inbox:list")))
    if has_role(user, "supervisor") and not is_administrator(user):
        items.append((_("SEA requests"), reverse("recruitment:sea-requests")))
    if has_role(user, "coordinator", "supervisor"):
        items.append((_("Workforce"), reverse("workforce:dashboard")))
    if is_administrator(user):
        items.append((_("Change log"), reverse("changes")))
        items.append((_("Access log"), reverse("privacy:log")))
    unread = Notice.objects.filter(user=user, read_at__isnull=True).count()
    items.append((_("Notices (%(count)s)") % {"count": unread} if unread else _("Notices"), reverse("notices:list")))
    return {
        "nav": items,
        "roles": roles_of(user),
        "is_administrator": is_administrator(user),
        "signed_in_as": person_name(user),
    }
