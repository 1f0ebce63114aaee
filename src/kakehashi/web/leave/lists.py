"""The coordinator's lists of leave: every request (sorted, filtered, paged, downloaded, and decided many at
once) and everyone away. Both hold only the programs the reader coordinates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kakehashi.web.accounts.lists import list_page
from kakehashi.web.accounts.pages import back, ticked
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.leave import services
from kakehashi.web.leave.filtersets import AbsenceFilterSet, LeaveRequestFilterSet
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.leave.tables import AbsenceTable, LeaveTable


def _decidable(request: HttpRequest) -> QuerySet[LeaveRequest]:
    """The leave requests the reader decides: those of the programs they coordinate (404 for anyone else)."""
    programs = coordinated_programs(request.user)
    if not programs.exists():
        raise Http404
    return LeaveRequest.objects.filter(participant__program__in=programs).select_related("participant__program")


@login_required
def leave_list(request: HttpRequest) -> HttpResponse:
    found = LeaveRequestFilterSet(request.GET, queryset=_decidable(request), request=request)
    return list_page(request, found=found, table=LeaveTable, template="leave/list.html")


@login_required
def absence_list(request: HttpRequest) -> HttpResponse:
    away = _decidable(request).filter(status__in=LeaveRequest.AWAY)
    found = AbsenceFilterSet(request.GET, queryset=away, request=request)
    return list_page(request, found=found, table=AbsenceTable, template="leave/absences.html")


@login_required
@require_POST
def decide_many(request: HttpRequest) -> HttpResponse:
    """Approve or refuse the selected requests. A request outside the reader's programs is never touched,
    whatever was sent; each one decided is decided (and its participant told) as if decided alone."""
    decidable = _decidable(request)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        return HttpResponseBadRequest()
    chosen = ticked(request)
    requests = decidable.filter(pk__in=chosen).order_by("starts", "pk")
    if not chosen:
        messages.error(request, _("Select the requests to decide first."))
    decided, refused = services.leave_requests_decide(
        requests=requests, approve=decision == "approve", user=request.user
    )
    if decided:
        count = len(decided)
        text = (
            ngettext(
                "%(count)s leave request approved; the participant is told.",
                "%(count)s leave requests approved; each participant is told.",
                count,
            )
            if decision == "approve"
            else ngettext(
                "%(count)s leave request refused; the participant is told.",
                "%(count)s leave requests refused; each participant is told.",
                count,
            )
        )
        messages.success(request, text % {"count": count})
    for leave, reason in refused:
        messages.error(request, f"{leave.participant.name} ({leave.starts:%Y-%m-%d}): {reason}")
    return back(request, "leave:list")
