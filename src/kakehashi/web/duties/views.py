"""Daily reports on pages: the participant's day (phone first), the decision queue of coordinators and board
supervisors, one report, a participant's history, and the hub that links a user's duty pages."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.web.accounts.pages import back, own_participant_or_404, refusal_said
from kakehashi.web.accounts.scope import coordinated_programs, own_participant
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.duties import services
from kakehashi.web.duties.forms import DecisionForm, DutyEntryForm, NoteForm
from kakehashi.web.duties.models import DailyReport, DutyEntry, Invitation
from kakehashi.web.duties.pages import requested_day
from kakehashi.web.duties.permissions import (
    decidable_reports,
    history_participants,
    is_deciding_role,
    may_return,
    report_boards,
    report_schools,
)
from kakehashi.web.duties.selectors import (
    day_plan,
    duty_schools,
    planned_entries,
    recent_reports,
    upcoming_invitations,
)
from kakehashi.web.people.models import Participant

ACTIONS = ("add", "note", "submit", "refresh")


def _back_to(day: dt.date) -> HttpResponse:
    return redirect(f"{reverse('duties:mine')}?date={day.isoformat()}")


def _day_page(
    request: HttpRequest, me: Participant, day: dt.date, entry_form: DutyEntryForm | None = None
) -> HttpResponse:
    report = DailyReport.objects.filter(participant=me, date=day).first()
    editable = report is None or report.is_editable
    # The day's plan is laid out once for both the prefill and the schools (it reads the program's whole week).
    plan = day_plan(me, day) if report is None or editable else None
    # Before the report is started the page shows what it would be prefilled with; the first action saves it.
    entries = list(report.entries.select_related("school__organization")) if report else planned_entries(me, day, plan)
    schools = duty_schools(me, day, plan) if editable else []
    return render(
        request,
        "duties/mine.html",
        {
            "participant": me,
            "day": day,
            "today": timezone.localdate(),
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "report": report,
            "entries": entries,
            "hours": round(sum(e.minutes for e in entries) / 60, 2),
            "editable": editable,
            "entry_form": entry_form or DutyEntryForm(position=me.kind, schools=schools, prefix="entry"),
            "note_form": NoteForm(initial={"note": report.note if report else ""}),
            "recent": recent_reports(me),
            "unanswered": upcoming_invitations(me).filter(response=Invitation.Response.PENDING).count(),
        },
    )


@login_required
def my_report(request: HttpRequest) -> HttpResponse:
    return _day_page(request, own_participant_or_404(request), requested_day(request.GET.get("date")))


@login_required
@require_POST
def my_report_action(request: HttpRequest, date: str, action: str) -> HttpResponse:
    me = own_participant_or_404(request)
    day = requested_day(date)
    if action not in ACTIONS:
        raise Http404
    form = None
    try:
        report = services.report_start(participant=me, date=day)
        if action == "add":
            form = DutyEntryForm(request.POST, position=me.kind, schools=duty_schools(me, day), prefix="entry")
            if not form.is_valid():
                return _day_page(request, me, day, form)
            services.entry_add(report=report, **form.entry_data())
            messages.success(request, _("Duty added."))
        elif action == "note":
            services.report_note(report=report, note=request.POST.get("note", ""))
            messages.success(request, _("Note saved."))
        elif action == "refresh":
            services.report_refresh(report=report)
            messages.success(request, _("Lessons and sessions taken again from the plan."))
        else:
            if "note" in request.POST and report.is_editable:
                services.report_note(report=report, note=request.POST["note"])
            services.report_submit(report=report)
            messages.success(request, _("Report submitted."))
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            try:
                form.add_error(None, error)
            except ValueError:  # an error about a field this form does not show: said as a message below
                pass
            else:
                return _day_page(request, me, day, form)
        messages.error(request, in_one_line(error))
    return _back_to(day)


@login_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        DutyEntry.objects.select_related("report"), pk=pk, report__participant=own_participant_or_404(request)
    )
    with refusal_said(request):
        services.entry_remove(entry=entry)
    return _back_to(entry.report.date)


def _readable(request: HttpRequest, pk: int) -> DailyReport:
    """A report its participant reads, or one the user decides; otherwise 404."""
    mine = Q(participant__user=request.user) if request.user.is_authenticated else Q(pk__in=[])
    # A draft is the participant's work in progress: deciders read a report once it has been submitted.
    decided = decidable_reports(request.user).exclude(status=DailyReport.Status.DRAFT)
    rows = DailyReport.objects.filter(Q(pk__in=decided.values("pk")) | mine)
    report: DailyReport = get_object_or_404(rows.select_related("participant__program", "decided_by"), pk=pk)
    return report


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _readable(request, pk)
    deciding = decidable_reports(request.user).filter(pk=report.pk).exists()
    return render(
        request,
        "duties/report.html",
        {
            "report": report,
            "entries": report.entries.select_related("school__organization", "session"),
            "decider": deciding,
            "deciding": deciding and report.status == DailyReport.Status.SUBMITTED,
            "may_return": deciding and may_return(request.user, report),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in ("approve", "return"):
        raise Http404
    report = get_object_or_404(decidable_reports(request.user), pk=pk)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    with refusal_said(request):
        if decision == "approve":
            services.report_approve(report=report, user=request.user, comment=comment)
            messages.success(request, _("Report approved."))
        else:
            services.report_return(report=report, user=request.user, comment=comment)
            messages.success(request, _("Report returned."))
    return back(request, "duties:queue")


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not is_deciding_role(request.user):
        raise Http404
    reports = decidable_reports(request.user).filter(status=DailyReport.Status.SUBMITTED)
    program = None
    chosen = request.GET.get("program", "")
    if chosen:
        if not chosen.isdigit():
            raise Http404
        program = get_object_or_404(coordinated_programs(request.user), pk=int(chosen))
        reports = reports.filter(participant__program=program)
    reports = reports.prefetch_related("entries__school__organization").order_by("date", "participant__code")
    return render(
        request,
        "duties/queue.html",
        {
            "program": program,
            "rows": [(r, may_return(request.user, r)) for r in reports[:200]],
            "form": DecisionForm(),
        },
    )


@login_required
def history(request: HttpRequest, code: str) -> HttpResponse:
    participant = get_object_or_404(history_participants(request.user), code=code)
    reports = (
        decidable_reports(request.user)
        .filter(participant=participant)
        .exclude(status=DailyReport.Status.DRAFT)
        .prefetch_related("entries")
        .order_by("-date")
    )
    return render(request, "duties/history.html", {"participant": participant, "reports": reports[:200]})


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Each user's way in: the participant's own day, the queue, the programs, and the monthly reports."""
    user = request.user
    participant = own_participant(user)
    deciding = is_deciding_role(user)
    schools = report_schools(user).order_by("code")
    boards = report_boards(user).order_by("name")
    if participant is not None and not deciding and not schools.exists():
        return redirect("duties:mine")
    if participant is None and not deciding and not schools.exists():
        raise Http404
    waiting = decidable_reports(user).filter(status=DailyReport.Status.SUBMITTED).count() if deciding else 0
    return render(
        request,
        "duties/index.html",
        {
            "participant": participant,
            "deciding": deciding,
            "waiting": waiting,
            "programs": coordinated_programs(user),
            "schools": schools,
            "boards": boards,
            "month": timezone.localdate().replace(day=1),
        },
    )
