"""The home page (what each role sees first) and the change log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kakehashi.web.accounts.scope import (
    coordinated_programs,
    is_administrator,
    roles_of,
    visible_participants,
    visible_programs,
    visible_schools,
)
from kakehashi.web.core.models import Change
from kakehashi.web.inbox.selectors import has_inbox, waiting_count
from kakehashi.web.timetables.selectors import latest_version


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    programs = [(program, latest_version(program)) for program in visible_programs(user)]
    return render(
        request,
        "core/home.html",
        {
            "programs": programs,
            "coordinated": set(coordinated_programs(user).values_list("pk", flat=True)),
            "school_count": visible_schools(user).count(),
            "participant_count": visible_participants(user).count(),
            "role_list": roles_of(user),
            "inbox_waiting": waiting_count(user) if has_inbox(user) else None,
            "applicant_only": bool(roles_of(user)) and all(r.kind == "applicant" for r in roles_of(user)),
        },
    )


@login_required
def changes(request: HttpRequest) -> HttpResponse:
    if not is_administrator(request.user):
        raise PermissionDenied
    entries = Change.objects.select_related("user")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(model=model)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    template = "core/changes.html#rows" if request.htmx else "core/changes.html"
    return render(
        request,
        template,
        {"page": page, "model": model, "models": Change.objects.values_list("model", flat=True).distinct().order_by()},
    )
