"""Leave on pages: a participant's leave and same-day absence report (phone first), the coordinator's
requests, absences and covers, and the fill-rate report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.pages import coordinated_program_or_404, own_participant_or_404, refusal_said
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.core import dates
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.core.tables import EXPORT_FORMATS, export_response
from kakehashi.web.leave import cover_changes, covers, fill_tables, services
from kakehashi.web.leave.fill_report import named_year, remembered_fill_report
from kakehashi.web.leave.fill_tables import FillDayTable, FillSchoolTable
from kakehashi.web.leave.forms import AbsenceReportForm, EntitlementForm, LeaveRequestForm, WeekendWorkForm
from kakehashi.web.leave.models import Cover, LeaveRequest
from kakehashi.web.leave.offer_selectors import with_offers
from kakehashi.web.leave.offers import offers_advance
from kakehashi.web.leave.selectors import absence_dates, leave_balance, leave_days, owed_compensatory_days
from kakehashi.web.organizations.models import Program


@login_required
def my_leave(request: HttpRequest) -> HttpResponse:
    me = own_participant_or_404(request)
    owed = owed_compensatory_days(me)
    # Two forms on one page: only the one that was sent is bound, so the other shows no "required" errors.
    leave_form = LeaveRequestForm(_sent(request, "leave-kind"), owed=owed, prefix="leave")
    work_form = WeekendWorkForm(_sent(request, "work-date"), prefix="work")
    if request.method == "POST":
        with refusal_said(request):
            if leave_form.is_bound and leave_form.is_valid():
                data = leave_form.cleaned_data
                services.leave_request_create(
                    participant=me,
                    kind=data["kind"],
                    starts=data["starts"],
                    ends=data["ends"],
                    reason=data["reason"],
                    weekend_work=data["weekend_work"],
                )
                messages.success(request, _("Leave requested."))
                return redirect("leave:mine")
            if work_form.is_bound and work_form.is_valid():
                services.weekend_work_record(participant=me, **work_form.cleaned_data)
                messages.success(request, _("Weekend work recorded."))
                return redirect("leave:mine")
    year = SchoolYear.of(timezone.localdate())
    requests = me.leave_requests.select_related("weekend_work")
    return render(
        request,
        "leave/mine.html",
        {
            "participant": me,
            "balance": leave_balance(me, year),
            "owed": owed,
            "requests": [(r, leave_days(r)) for r in requests[:50]],
            "leave_form": leave_form,
            "work_form": work_form,
        },
    )


def _sent(request: HttpRequest, field: str) -> QueryDict | None:
    """The posted data when the form owning `field` (by its prefix) was the one sent, else None."""
    return request.POST if request.method == "POST" and field in request.POST else None


@login_required
def report_absence(request: HttpRequest) -> HttpResponse:
    me = own_participant_or_404(request)
    form = AbsenceReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_said(request):
            services.absence_report(participant=me, **form.cleaned_data)
            messages.success(
                request,
                _(
                    "Absence reported. Your coordinator has been told and cover is being arranged."
                ),
            )
            return redirect("leave:mine")
    return render(request, "leave/report.html", {"form": form, "participant": me})


@login_required
@require_POST
def cancel_request(request: HttpRequest, pk: int) -> HttpResponse:
    leave = get_object_or_404(LeaveRequest, pk=pk, participant=own_participant_or_404(request))
    with refusal_said(request):
        services.leave_request_cancel(request=leave)
    return redirect("leave:mine")



@login_required
def program_leave(request: HttpRequest, pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    today = timezone.localdate()
    entitlement_form = EntitlementForm(request.POST or None, initial={"year": SchoolYear.of(today)})
    if request.method == "POST" and entitlement_form.is_valid():
        data = entitlement_form.cleaned_data
        person = program.participants.filter(code=data["participant"]).first()
        if person is None:
            messages.error(request, _("No participant with that code."))
        else:
            services.entitlement_set(participant=person, year=data["year"], days=data["days"])
            messages.success(request, _("Paid leave days saved."))
            return redirect("leave:program", pk=program.pk)
    pending = LeaveRequest.objects.filter(
        participant__program=program, status__in=[LeaveRequest.Status.REQUESTED, LeaveRequest.Status.REPORTED]
    ).select_related("participant", "weekend_work")
    year = SchoolYear.of(today)
    people = program.participants.order_by("code")
    return render(
        request,
        "leave/program.html",
        {
            "program": program,
            "pending": pending,
            "dates": _absences(request, program),
            "today": today,
            "balances": [(p, leave_balance(p, year)) for p in people],
            "entitlement_form": entitlement_form,
        },
    )


def _absences(request: HttpRequest, program: Program) -> list[dict[str, Any]]:
    """The dates with someone away, their covers in words and each absent ALT's offer. Offers whose round
    has passed its deadline move on first, so the page never shows people still waited for after their time
    (the task worker does the same at each deadline)."""
    offers_advance(program=program)
    rows = cover_changes.in_words(program, absence_dates(program, timezone.localdate()), _japanese(request))
    return with_offers(program, rows)


def _japanese(request: HttpRequest) -> bool:
    return (getattr(request, "LANGUAGE_CODE", "") or "").startswith("ja")


@login_required
def absences_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The absences section alone, refreshed by htmx while proposals are being made."""
    program = coordinated_program_or_404(request, pk)
    return render(
        request,
        "leave/program.html#absences",
        {
            "program": program,
            "dates": _absences(request, program),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def decide_request(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in ("approve", "refuse"):
        raise Http404
    leave = get_object_or_404(
        LeaveRequest.objects.select_related("participant__program"),
        pk=pk,
        participant__program__in=coordinated_programs(request.user),
    )
    with refusal_said(request):
        services.leave_request_decide(
            request=leave, approve=decision == "approve", user=request.user, note=request.POST.get("note", "")
        )
        days = {"who": leave.participant.name, "starts": dates.day(leave.starts), "ends": dates.day(leave.ends)}
        if decision == "approve":
            messages.success(request, _("Leave approved for %(who)s, %(starts)s to %(ends)s; they are told.") % days)
        else:
            messages.success(request, _("Leave refused for %(who)s, %(starts)s to %(ends)s; they are told.") % days)
    return redirect("leave:program", pk=leave.participant.program_id)


@login_required
@require_POST
def propose(request: HttpRequest, pk: int, date: str) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    try:
        cover = covers.cover_propose(program=program, date=dt.date.fromisoformat(date))
    except (ValidationError, ValueError) as error:
        messages.error(request, in_one_line(error) if isinstance(error, ValidationError) else str(error))
    else:
        if cover is None:
            messages.info(request, _("Everyone away that day is already covered."))
    return redirect("leave:program", pk=program.pk)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int, cover_pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    cover = get_object_or_404(Cover, pk=cover_pk, program=program)
    with refusal_said(request):
        accepted = bool(request.POST.get("accept_partial"))
        told = covers.cover_confirm(cover=cover, user=request.user, accept_partial=accepted)
        messages.success(
            request,
            _(
                "Cover confirmed for %(date)s; %(told)s people told."
            )
            % {"date": dates.day(cover.date), "told": told},
        )
    return redirect("leave:program", pk=program.pk)


@login_required
def fill_rate(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's fill-rate report: the year, each month, why days stayed unfilled, each school by month,
    and the days not filled; `?export=csv|xlsx&rows=schools|days` downloads a table."""
    program = coordinated_program_or_404(request, pk)
    year = named_year(request.GET.get("year"))
    report = remembered_fill_report(program, year)
    schools = FillSchoolTable(fill_tables.school_rows(report))
    not_filled = [d for d in report.days if d.reason]
    fmt = request.GET.get("export")
    if fmt:
        if fmt not in EXPORT_FORMATS or request.GET.get("rows") not in ("schools", "days"):
            raise Http404
        chosen = schools if request.GET["rows"] == "schools" else FillDayTable(fill_tables.day_rows(report))
        return export_response(chosen, fmt)
    days = FillDayTable(fill_tables.day_rows(report, not_filled))
    for table in (schools, days):
        table.paginate(per_page=max(1, len(table.rows)))
    return render(
        request,
        "leave/fill_rate.html",
        {
            "program": program,
            "year": SchoolYear(year),
            "total": report.whole_year(),
            "months": report.by_month(),
            "reasons": report.by_reason(),
            "schools": schools,
            "days": days,
        },
    )
