from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kakehashi.web.accounts.scope import visible_participants
from kakehashi.web.core.lists import filtered_list
from kakehashi.web.people.filtersets import ParticipantFilterSet
from kakehashi.web.people.models import Participant
from kakehashi.web.people.selectors import participant_version, participant_week

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
    return render(
        request,
        "people/detail.html",
        {
            "participant": participant,
            "version": version,
            "week": week,
            "lesson_count": sum(len(day.lessons) for day in week),
            "placements": participant.placements.select_related("organization"),
        },
    )
