"""The applicant's side: open posts and a cycle's page (no login), the application form, the
applicant's own applications, withdrawal, and the documents' auth-checked download."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.recruitment import allowed_next
from kakehashi.web.accounts.pages import refusal_said
from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.accounts.scope import coordinated_programs, has_role, is_administrator
from kakehashi.web.recruitment import services
from kakehashi.web.recruitment.display import moment
from kakehashi.web.recruitment.downloads import document_download
from kakehashi.web.recruitment.forms import ApplicationForm
from kakehashi.web.recruitment.models import Application, ApplicationDocument, Cycle, Position
from kakehashi.web.recruitment.selectors import cycle_card, open_cycles, preference_organizations, stage_names


def attach(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's error on the form: under its field when the form has one, above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def open_posts(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    cycles = open_cycles(now)
    groups = [(label, [cycle_card(c, now) for c in cycles if c.position == value]) for value, label in Position.choices]
    return render(request, "recruitment/open.html", {"groups": [(label, cards) for label, cards in groups if cards]})


def cycle_page(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.select_related("program", "sea_request__organization"), pk=pk)
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(cycle=cycle, applicant=request.user).first()
    return render(
        request,
        "recruitment/cycle.html",
        {
            "card": cycle_card(cycle, timezone.now()),
            "mine": mine,
            "mine_stage": stage_names(mine.status) if mine else "",
            "apply_url": reverse("recruitment:apply", args=[cycle.pk]),
            # Only applicants apply (the form is not there for staff); a coordinator gets the applications.
            "may_apply": _may_apply(request.user),
            "coordinates": coordinated_programs(request.user).filter(pk=cycle.program_id).exists(),
        },
    )


def _may_apply(user: Any) -> bool:
    return not is_administrator(user) and has_role(user, "applicant")


def _applicant(request: HttpRequest) -> None:
    # Coordinators and staff do not apply through this form; for them the page does not exist.
    if not _may_apply(request.user):
        raise Http404


@login_required(login_url="recruitment:signup")
def apply(request: SignedInRequest, pk: int) -> HttpResponse:
    _applicant(request)
    cycle = get_object_or_404(Cycle, pk=pk)
    already = Application.objects.filter(cycle=cycle, applicant=request.user).first()
    if already is not None:
        messages.info(
            request, _("You have already applied to %(cycle)s.") % {"cycle": cycle}
        )
        return redirect("recruitment:mine")
    card = cycle_card(cycle, timezone.now())
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        organizations=preference_organizations(cycle.program),
        initial={"email": request.user.email, "full_name": request.user.get_full_name()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            # No `now`: the server's clock judges the deadline, whatever the browser's says.
            services.application_submit(
                cycle=cycle, user=request.user, data=form.application_data(), documents=form.documents()
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(
                request,
                _("Your application to %(cycle)s was received; we have emailed you.")
                % {"cycle": cycle.name},
            )
            return redirect("recruitment:mine")
    return render(request, "recruitment/apply.html", {"card": card, "form": form})


@login_required
def mine(request: SignedInRequest) -> HttpResponse:
    rows = []
    for application in Application.objects.filter(applicant=request.user).select_related("cycle"):
        zone = application.cycle.time_zone
        rows.append(
            {
                "application": application,
                "stage": stage_names(application.status),
                "sent": moment(application.submitted_at, zone),
                "interview": moment(application.interview_at, zone) if application.interview_at else None,
                "may_withdraw": "withdrawn" in allowed_next(application.status),
            }
        )
    return render(request, "recruitment/mine.html", {"rows": rows})


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk, applicant=request.user)
    with refusal_said(request):
        services.application_withdraw(application=application, by=request.user)
        messages.success(request, _("Your application was withdrawn."))
    return redirect("recruitment:mine")


@login_required
def document(request: HttpRequest, pk: int) -> Any:
    """Only the applicant and the program's coordinators; to anyone else the document does not exist. Always
    a download with the type found at upload, so a browser never renders it inside the site."""
    found = get_object_or_404(ApplicationDocument.objects.select_related("application__cycle"), pk=pk)
    application = found.application
    own = application.applicant_id == request.user.pk
    if not own and not coordinated_programs(request.user).filter(pk=application.cycle.program_id).exists():
        raise Http404
    return document_download(request.user, found)
