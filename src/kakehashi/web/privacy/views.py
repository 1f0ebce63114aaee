"""A person's own data: download everything held about them, and see who looked at it. Administrators
see the whole access log."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.accounts.scope import is_administrator
from kakehashi.web.people.models import Participant
from kakehashi.web.privacy.export import personal_data
from kakehashi.web.privacy.models import PersonalDataView


@login_required
def my_data(request: SignedInRequest) -> HttpResponse:
    person = Participant.objects.filter(user=request.user).first()
    views = PersonalDataView.objects.filter(
        Q(applicant=request.user) | (Q(participant=person) if person else Q(pk__in=[]))
    ).select_related("viewer")
    return render(request, "privacy/mine.html", {"views": views[:200], "participant": person})


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    document = personal_data(request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1, default=str), content_type="application/json; charset=utf-8"
    )
    name = f"kakehashi-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    if not is_administrator(request.user):
        raise PermissionDenied
    rows = PersonalDataView.objects.select_related("viewer", "participant", "applicant")[:500]
    return render(request, "privacy/log.html", {"rows": rows})
