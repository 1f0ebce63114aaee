"""The daily reports list of coordinators and board supervisors: sorted, filtered, paged, downloaded, and
approved many at once — each approval with the same permission check, row lock and notice as one alone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kakehashi.web.accounts.lists import list_page
from kakehashi.web.accounts.pages import back, ticked
from kakehashi.web.duties import services
from kakehashi.web.duties.filtersets import DailyReportFilterSet
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.duties.permissions import decidable_reports, is_deciding_role
from kakehashi.web.duties.tables import DailyReportTable


def _readable(request: HttpRequest) -> QuerySet[DailyReport]:
    """The reports the reader decides, once submitted (a draft is its participant's work in progress)."""
    if not is_deciding_role(request.user):
        raise Http404
    reports = decidable_reports(request.user).exclude(status=DailyReport.Status.DRAFT)
    return reports.select_related("participant__program").prefetch_related("entries")


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    found = DailyReportFilterSet(request.GET, queryset=_readable(request), request=request)
    return list_page(request, found=found, table=DailyReportTable, template="duties/reports.html")


@login_required
@require_POST
def approve_many(request: HttpRequest) -> HttpResponse:
    """A report the reader does not decide is never touched, whatever was sent."""
    chosen = ticked(request)
    if not chosen:
        messages.error(request, _("Select the reports to approve first."))
    reports = _readable(request).filter(pk__in=chosen).order_by("date", "participant__code")
    approved, refused = services.reports_approve(reports=reports, user=request.user)
    if approved:
        text = ngettext(
            "%(count)s daily report approved; the participant is told.",
            "%(count)s daily reports approved; each participant is told.",
            len(approved),
        )
        messages.success(request, text % {"count": len(approved)})
    for report, reason in refused:
        messages.error(request, f"{report.participant.name} ({report.date:%Y-%m-%d}): {reason}")
    return back(request, "duties:list")
