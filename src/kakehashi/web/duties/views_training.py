"""Training sessions and meetings on pages: the coordinator's program page for duties (sessions, the queue,
monthly reports), a session with its invitations and attendance, and the participant's invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.web.accounts.pages import coordinated_program_or_404, own_participant_or_404, refusal_said
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.duties import training
from kakehashi.web.duties.forms import InviteForm, SessionForm
from kakehashi.web.duties.models import DailyReport, Invitation, TrainingSession
from kakehashi.web.duties.selectors import new_participants
from kakehashi.web.organizations.models import Organization
from kakehashi.web.timetables.selectors import program_schools


def _session(request: HttpRequest, pk: int) -> TrainingSession:
    session: TrainingSession = get_object_or_404(
        TrainingSession.objects.select_related("program"), pk=pk, program__in=coordinated_programs(request.user)
    )
    return session


@login_required
def program_duties(request: HttpRequest, pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_said(request):
            session = training.session_create(program=program, user=request.user, **form.cleaned_data)
            messages.success(
                request, _("Session scheduled; now invite participants.")
            )
            return redirect("duties:session", pk=session.pk)
    contracted = Organization.objects.filter(contracts__program=program)
    boards = Organization.objects.filter(
        Q(pk__in=contracted.values("pk")) | Q(pk__in=contracted.values("parent")), kind=Organization.Kind.BOARD
    )
    waiting = DailyReport.objects.filter(participant__program=program, status=DailyReport.Status.SUBMITTED)
    return render(
        request,
        "duties/program.html",
        {
            "program": program,
            "form": form,
            "waiting": waiting.count(),
            "sessions": program.training_sessions.annotate(
                invited=Count("invitations"),
                attending=Count("invitations", filter=Q(invitations__response=Invitation.Response.ATTENDING)),
            )[:50],
            "boards": boards.order_by("name"),
            "schools": program_schools(program),
            "participants": program.participants.order_by("code"),
            "month": timezone.localdate().replace(day=1),
        },
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    people = session.program.participants.order_by("code")
    return render(
        request,
        "duties/session.html",
        {
            "session": session,
            "invite_form": InviteForm(people=people),
            "invitations": session.invitations.select_related("participant").order_by("participant__code"),
            "attendance_choices": Invitation.Attendance.choices,
            "begun": session.starts <= timezone.now(),
        },
    )


@login_required
@require_POST
def session_invite(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    people = session.program.participants.order_by("code")
    form = InviteForm(request.POST, people=people)
    if form.is_valid():
        who = form.cleaned_data["who"]
        if who == InviteForm.Who.NEW:
            chosen = list(new_participants(session.program, timezone.localdate()))
        elif who == InviteForm.Who.ALL:
            chosen = list(people)
        else:
            chosen = list(form.cleaned_data["participants"])
        with refusal_said(request):
            invited = training.session_invite(session=session, participants=chosen)
            messages.success(
                request,
                _("%(count)s participant(s) invited and told.")
                % {"count": invited},
            )
    else:
        messages.error(request, _("Choose whom to invite."))
    return redirect("duties:session", pk=session.pk)


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    marks = {
        invitation.pk: request.POST[f"attendance-{invitation.pk}"]
        for invitation in session.invitations.all()
        if f"attendance-{invitation.pk}" in request.POST
    }
    with refusal_said(request):
        changed = training.attendance_record(session=session, marks=marks)
        messages.success(
            request, _("Attendance saved (%(count)s changed).") % {"count": changed}
        )
    return redirect("duties:session", pk=session.pk)


@login_required
def my_invitations(request: HttpRequest) -> HttpResponse:
    me = own_participant_or_404(request)
    invitations = me.training_invitations.select_related("session").order_by("-session__starts")
    now = timezone.now()
    return render(
        request,
        "duties/invitations.html",
        {
            "upcoming": [i for i in invitations if i.session.ends > now][::-1],  # soonest first
            "past": [i for i in invitations if i.session.ends <= now][:50],
        },
    )


@login_required
@require_POST
def respond(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    if answer not in ("attending", "not-attending"):
        raise Http404
    invitation = get_object_or_404(
        Invitation.objects.select_related("session"), pk=pk, participant=own_participant_or_404(request)
    )
    with refusal_said(request):
        training.invitation_respond(invitation=invitation, attending=answer == "attending")
        messages.success(request, _("Answer sent."))
    return redirect("duties:invitations")
