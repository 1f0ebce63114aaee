from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kakehashi.web.accounts.scope import has_role, visible_participants
from kakehashi.web.core.lists import filtered_list
from kakehashi.web.people.filtersets import ParticipantFilterSet
from kakehashi.web.people.forms import ParticipantForm
from kakehashi.web.people.models import Participant
from kakehashi.web.people.romaji import katakana_to_romaji
from kakehashi.web.people.selectors import (
    DAY_END,
    DAY_START,
    participant_version,
    participant_week,
    participant_week_grid,
)
from kakehashi.web.people.services import participant_update

LIST_ROLES = ("coordinator", "supervisor", "school_staff")


@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(
        request,
        roles=LIST_ROLES,
        filterset=ParticipantFilterSet,
        queryset=visible_participants(request.user),
        template="people/list.html",
    )


@login_required
def participant_detail(request: HttpRequest, code: str) -> HttpResponse:
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    version = participant_version(participant)
    week = participant_week(participant, version)
    grid = participant_week_grid(participant, version)
    return render(
        request,
        "people/detail.html",
        {
            "participant": participant,
            "grid": grid,
            "grid_hours": [(f"{m // 60}:00", (m - DAY_START) // 5 + 1) for m in range(DAY_START, DAY_END, 60)],
            "version": version,
            "week": week,
            "lesson_count": sum(len(day.lessons) for day in week),
            "placements": participant.placements.select_related("organization"),
            "can_edit": has_role(request.user, "coordinator"),
        },
    )


@login_required
def participant_edit(request: HttpRequest, code: str) -> HttpResponse:
    # Coordinators edit the participants of their own programs (the scope query says which).
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participant_update(form=form)
        messages.success(request, _("Saved. / 保存しました。"))
        return redirect("people:detail", code=participant.code)
    return render(request, "people/edit.html", {"participant": participant, "form": form})


@login_required
def romaji_suggestion(request: HttpRequest) -> HttpResponse:
    """htmx: the Latin-script name field again, filled with romaji made from the katakana."""
    suggestion = katakana_to_romaji(request.GET.get("name_katakana", "").strip())
    return render(request, "people/edit.html#name-field", {"form": ParticipantForm(initial={"name": suggestion})})
