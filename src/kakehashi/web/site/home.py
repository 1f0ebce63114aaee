"""The home page (what each role sees first) and the change log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.accounts.scope import (
    coordinated_programs,
    is_administrator,
    own_participant,
    roles_of,
    visible_participants,
    visible_schools,
)
from kakehashi.web.calendars.weeks import participant_dated_week, requested_monday
from kakehashi.web.core.changelog_words import in_words, kind_label
from kakehashi.web.core.models import Change
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.duties.permissions import decidable_reports
from kakehashi.web.inbox.selectors import has_inbox, waiting_count
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.organizations.models import Program
from kakehashi.web.schools.models import ChangeRequest, School
from kakehashi.web.timetables.selectors import latest_version
from kakehashi.web.timetables.summary import summary_sentences


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role sees what it does first: an ALT their week, leave and reports; a JTE their school and its
    requests; a coordinator their programs, what waits for them, and each week in plain words."""
    user = request.user
    roles = roles_of(user)
    kinds = {r.kind for r in roles}
    administrator = is_administrator(user)
    coordinating = administrator or Role.Kind.COORDINATOR in kinds
    deciding = coordinating or Role.Kind.SUPERVISOR in kinds
    own = own_participant(user)
    return render(
        request,
        "core/home.html",
        {
            "role_list": roles,
            "applicant_only": bool(roles) and all(r.kind == Role.Kind.APPLICANT for r in roles),
            "own": own,
            # An ALT's home opens on their week, date by date (leave, holidays and cover included).
            "dated": participant_dated_week(own, requested_monday(request)) if own is not None else None,
            "jte_schools": _jte_schools(roles),
            "programs": [_program_card(program) for program in coordinated_programs(user)] if coordinating else [],
            "deciding": deciding,
            "school_count": visible_schools(user).count() if deciding else None,
            "participant_count": visible_participants(user).count() if deciding else None,
            "reports_waiting": decidable_reports(user).filter(status=DailyReport.Status.SUBMITTED).count()
            if deciding
            else 0,
            "administrator": administrator,
            # Requests from schools and boards waiting in the coordinator's inbox (inbox app).
            "inbox_waiting": waiting_count(user) if has_inbox(user) else None,
        },
    )


def _jte_schools(roles: list[Role]) -> list[tuple[School, int]]:
    """The schools a JTE works at, each with its requests still open."""
    ids = [r.organization_id for r in roles if r.kind == Role.Kind.SCHOOL_STAFF and r.organization_id]
    schools = School.objects.filter(organization_id__in=ids).select_related("organization")
    return [(school, school.change_requests.filter(state=ChangeRequest.State.OPEN).count()) for school in schools]


def _program_card(program: Program) -> dict[str, Any]:
    version = latest_version(program)
    waiting_leave = LeaveRequest.objects.filter(
        participant__program=program, status__in=[LeaveRequest.Status.REQUESTED, LeaveRequest.Status.REPORTED]
    ).count()
    return {
        "program": program,
        "version": version,
        "sentences": summary_sentences(version) if version is not None else [],
        "leave_waiting": waiting_leave,
    }


@login_required
def changes(request: SignedInRequest) -> HttpResponse:
    if not is_administrator(request.user):
        raise PermissionDenied
    entries = Change.objects.select_related("user")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(model=model)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    template = "core/changes.html#rows" if request.htmx else "core/changes.html"
    kinds = Change.objects.values_list("model", flat=True).distinct().order_by()
    return render(
        request,
        template,
        {
            "page": page,
            "rows": in_words(page),
            "model": model,
            "models": sorted(((label, kind_label(label)) for label in kinds), key=lambda pair: pair[1]),
        },
    )
