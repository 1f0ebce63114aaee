"""The coordinator's side: a program's cycles, a cycle's applications (filtered by stage, moved in bulk) and
one application with its documents, step log, next stages and interview. Every page is scoped to the
programs the user coordinates; anything else answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.recruitment import allowed_next
from kakehashi.web.accounts.lists import list_page
from kakehashi.web.accounts.pages import coordinated_program_or_404, refusal_said
from kakehashi.web.accounts.scope import coordinated_programs
from kakehashi.web.core.personal_data import record_view
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.recruitment import services
from kakehashi.web.recruitment.display import country_name, lazy_stage_label, moment
from kakehashi.web.recruitment.filtersets import ApplicationFilterSet
from kakehashi.web.recruitment.forms import BulkMoveForm, CycleForm, InterviewForm, MoveForm
from kakehashi.web.recruitment.models import Application, Cycle
from kakehashi.web.recruitment.selectors import coordinated_applications, cycle_card, stage_names
from kakehashi.web.recruitment.tables import ApplicationTable
from kakehashi.web.recruitment.views_public import attach


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle: Cycle = get_object_or_404(
        Cycle.objects.filter(program__in=coordinated_programs(request.user)).select_related("program"), pk=pk
    )
    return cycle


def _application(request: HttpRequest, pk: int) -> Application:
    application: Application = get_object_or_404(coordinated_applications(request.user), pk=pk)
    return application


@login_required
def cycles(request: HttpRequest, pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    now = timezone.now()
    rows = program.cycles.select_related("sea_request").annotate(received=Count("applications"))
    return render(request, "recruitment/cycles.html", {"program": program, "cards": [cycle_card(c, now) for c in rows]})


def _cycle_form(request: HttpRequest, program: Program, cycle: Cycle | None) -> HttpResponse:
    form = CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        edited.program = program
        try:
            services.cycle_save(cycle=edited)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Cycle saved: %(name)s") % {"name": edited.name})
            return redirect("recruitment:cycles", pk=program.pk)
    return render(request, "recruitment/cycle_form.html", {"program": program, "cycle": cycle, "form": form})


@login_required
def cycle_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _cycle_form(request, coordinated_program_or_404(request, pk), None)


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    return _cycle_form(request, cycle.program, cycle)


@login_required
def applications(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    filters = ApplicationFilterSet(request.GET, queryset=cycle.applications.all(), request=request)
    query = request.GET.copy()
    query.pop("export", None)
    return list_page(
        request,
        found=filters,
        table=ApplicationTable,
        template="recruitment/applications.html",
        context={"cycle": cycle, "move_form": BulkMoveForm(cycle=cycle), "query": query.urlencode()},
    )


@login_required
@require_POST
def applications_move(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    form = BulkMoveForm(request.POST, cycle=cycle)
    back = reverse("recruitment:applications", args=[cycle.pk]) + (f"?{request.GET.urlencode()}" if request.GET else "")
    if not form.is_valid():
        messages.error(request, _("Choose applications and a stage."))
        return redirect(back)
    moved, refused = services.applications_advance_bulk(
        applications=form.cleaned_data["applications"], to=form.cleaned_data["to"], by=request.user
    )
    if moved:
        messages.success(
            request,
            _("Moved %(count)s to %(stage)s.")
            % {"count": len(moved), "stage": stage_names(form.cleaned_data["to"])},
        )
    for application, reason in refused:
        messages.error(request, f"{application.full_name}: {reason}")
    return redirect(back)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    record_view(request.user, f"application #{application.pk}", applicant=application.applicant)
    zone = application.cycle.time_zone
    next_stages = [(s.value, lazy_stage_label(s.value)) for s in allowed_next(application.status)]
    return render(
        request,
        "recruitment/application.html",
        {
            "application": application,
            "citizenships": _(", ").join(country_name(c) for c in application.citizenships.split(",") if c),
            "stage": stage_names(application.status),
            "submitted": moment(application.submitted_at, zone),
            "interview": moment(application.interview_at, zone) if application.interview_at else None,
            "documents": application.documents.all(),
            "preferences": _preferences(application),
            "steps": [
                (
                    step,
                    moment(step.at, zone),
                    stage_names(step.from_status) if step.from_status else "",
                    stage_names(step.to_status),
                )
                for step in application.steps.select_related("by")
            ],
            "next_stages": next_stages,
            "may_interview": application.status in ("screened", "interview"),
            "interview_form": InterviewForm(cycle=application.cycle, initial={"place": application.interview_place}),
        },
    )


def _preferences(application: Application) -> list[str]:
    """Ranked wishes in words: an organization chosen from the list (`O<pk>`) by its name."""
    ids = [int(w[1:]) for w in application.preferences if str(w).startswith("O") and str(w)[1:].isdigit()]
    names = {f"O{o.pk}": str(o) for o in Organization.objects.filter(pk__in=ids)}
    return [names.get(str(wish), str(wish)) for wish in application.preferences]


@login_required
@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        with refusal_said(request):
            services.application_advance(
                application=application, to=form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"]
            )
            messages.success(
                request, _("Moved to %(stage)s.") % {"stage": stage_names(application.status)}
            )
    return redirect("recruitment:application", pk=application.pk)


@login_required
@require_POST
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = InterviewForm(request.POST, cycle=application.cycle)
    if not form.is_valid():
        messages.error(request, _("Give the interview's date, time and place."))
        return redirect("recruitment:application", pk=application.pk)
    with refusal_said(request):
        services.interview_schedule(
            application=application, at=form.moment(), place=form.cleaned_data["place"], by=request.user
        )
        messages.success(
            request, _("Interview set; the applicant has been emailed.")
        )
    return redirect("recruitment:application", pk=application.pk)
