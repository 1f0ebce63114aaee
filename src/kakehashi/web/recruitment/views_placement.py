"""Pages for SEA requests, the placement run and renewals."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.placement import FormatError, PlacementResult, parse_instance, parse_result
from kakehashi.placement.explain import reasons_in_japanese
from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.pages import coordinated_program_or_404, refusal_said
from kakehashi.web.accounts.scope import coordinated_programs, own_participant
from kakehashi.web.organizations.models import Organization
from kakehashi.web.recruitment import services_placement as placing
from kakehashi.web.recruitment.forms_placement import PlacementRequestForm, RenewalForm, SeaOpenForm, SeaRequestForm
from kakehashi.web.recruitment.models import PlacementRequest, PlacementRun, RenewalIntent, SeaRequest
from kakehashi.web.recruitment.selectors import requesting_organizations


@login_required
def sea_requests(request: HttpRequest) -> HttpResponse:
    organizations = requesting_organizations(request.user)
    if not organizations.exists():
        raise Http404
    form = SeaRequestForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        with refusal_said(request):
            placing.sea_request_file(**form.cleaned_data, by=request.user)
            messages.success(request, _("SEA request filed."))
            return redirect("recruitment:sea-requests")
    rows = SeaRequest.objects.filter(
        Q(organization__in=organizations) | Q(program__in=coordinated_programs(request.user))
    ).select_related("organization", "program")
    return render(
        request,
        "recruitment/sea_requests.html",
        {
            "form": form,
            "rows": rows.distinct(),
            "coordinated": set(coordinated_programs(request.user).values_list("pk", flat=True)),
        },
    )


@login_required
def sea_request_open(request: HttpRequest, pk: int) -> HttpResponse:
    sea = get_object_or_404(SeaRequest, pk=pk, program__in=coordinated_programs(request.user))
    form = SeaOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_said(request):
            cycle = placing.sea_request_open(request=sea, **form.cleaned_data)
            messages.success(request, _("Recruitment opened: %(name)s") % {"name": cycle.name})
            return redirect("recruitment:sea-requests")
    return render(request, "recruitment/sea_open.html", {"sea": sea, "form": form})



def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return SchoolYear.of(timezone.localdate()) + 1  # placements are made for the coming school year


@login_required
def placement_page(request: HttpRequest, pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    year = _year(request)
    organizations = requesting_organizations(request.user)
    form = PlacementRequestForm(request.POST or None, organizations=organizations, initial={"count": 1})
    if request.method == "POST" and form.is_valid():
        placing.placement_request_save(request=form.save(commit=False), program=program, year=year)
        messages.success(request, _("Request added."))
        return redirect(f"{request.path}?year={year}")
    run = PlacementRun.objects.filter(program=program, year=year).first()
    result = parse_result(run.result) if run is not None else None
    names = {p["id"]: p["name"] for p in run.instance.get("participants", [])} if run is not None else {}
    said = _reasons_for_reader(run, result) if run is not None and result is not None else None
    return render(
        request,
        "recruitment/placement.html",
        {
            "program": program,
            "year": year,
            "requests": PlacementRequest.objects.filter(program=program, year=year).select_related("organization"),
            "form": form,
            "run": run,
            "result": result,
            "said": said,
            "names": names,
            "organizations": {f"O{o.pk}": o.name for o in Organization.objects.all()},
        },
    )


@dataclass(frozen=True)
class ReasonsShown:
    unfilled: list[str]
    unplaced: list[tuple[str, str]]
    notes: list[str]


def _reasons_for_reader(run: PlacementRun, result: PlacementResult) -> ReasonsShown:
    """The result's explanations in the reader's language: the stored result has them in English, and
    the Japanese is made again from the stored instance and assignment (the same sentences, by one code)."""
    english = ReasonsShown(
        [u.reason for u in result.unfilled], [(u.participant, u.reason) for u in result.unplaced], list(result.notes)
    )
    if not (get_language() or "").startswith("ja"):
        return english
    try:
        japanese = reasons_in_japanese(parse_instance(run.instance), result.assignment)
    except (FormatError, KeyError):
        return english  # an instance this version cannot read again: its English still stands
    return ReasonsShown(
        [japanese.unfilled.get(u.request, u.reason) for u in result.unfilled],
        [(u.participant, japanese.unplaced.get(u.participant, u.reason)) for u in result.unplaced],
        list(japanese.notes) if len(japanese.notes) == len(result.notes) else list(result.notes),
    )


@login_required
@require_POST
def placement_run(request: HttpRequest, pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    year = _year(request)
    with refusal_said(request):
        placing.placement_run(program=program, year=year, by=request.user)
    return redirect(f"/recruit/programs/{program.pk}/placement/?year={year}")


@login_required
@require_POST
def placement_apply(request: HttpRequest, pk: int, run_pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    run = get_object_or_404(PlacementRun, pk=run_pk, program=program)
    with refusal_said(request):
        made = placing.placement_apply(run=run, by=request.user)
        messages.success(
            request,
            _("Placement applied: %(count)s new participants.")
            % {"count": len(made)},
        )
    return redirect(f"/recruit/programs/{program.pk}/placement/?year={run.year}")


@login_required
def renewal_mine(request: HttpRequest) -> HttpResponse:
    person = own_participant(request.user)
    if person is None:
        raise Http404
    year = SchoolYear.of(timezone.localdate()) + 1
    current = RenewalIntent.objects.filter(participant=person, year=year).first()
    form = RenewalForm(request.POST or None, initial={"choice": current.choice if current else None})
    if request.method == "POST" and form.is_valid():
        with refusal_said(request):
            placing.renewal_state(participant=person, year=year, **form.cleaned_data)
            messages.success(request, _("Thank you: your choice is recorded."))
            return redirect("recruitment:renewal")
    return render(
        request,
        "recruitment/renewal.html",
        {
            "participant": person,
            "year": year,
            "form": form,
            "current": current,
            "served": placing.years_served(person, year),
        },
    )


@login_required
def renewals_program(request: HttpRequest, pk: int) -> HttpResponse:
    program = coordinated_program_or_404(request, pk)
    year = _year(request)
    intents = {i.participant_id: i for i in RenewalIntent.objects.filter(participant__program=program, year=year)}
    rows = [
        (person, intents.get(person.pk), placing.years_served(person, year))
        for person in program.participants.order_by("code")
    ]
    return render(request, "recruitment/renewals.html", {"program": program, "year": year, "rows": rows})
