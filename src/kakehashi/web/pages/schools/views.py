from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kakehashi.timetable.generate import ENGLISH_KIND
from kakehashi.timetable.generate_names import romanized_school_name
from kakehashi.timetable.instance import WORKING_DAYS
from kakehashi.web.accounts.lists import filtered_list
from kakehashi.web.accounts.scope import has_role, roles_of, visible_participants, visible_schools
from kakehashi.web.calendars.weeks import requested_monday, school_dated_week
from kakehashi.web.core.form_fields import model_choice_field
from kakehashi.web.pages.schools.filtersets import SchoolFilterSet
from kakehashi.web.pages.schools.forms import SchoolForm
from kakehashi.web.pages.schools.requests import (
    OUTSOURCING_RULE,
    RequestRefusedError,
    change_request_file,
    readable_change_requests,
)
from kakehashi.web.pages.schools.selectors import (
    lesson_grid,
    rotation_visit_days,
    school_rotation,
    school_version,
    visits_by_day,
)
from kakehashi.web.pages.schools.tables import SchoolTable
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.contracts import school_contract
from kakehashi.web.schools.models import ChangeRequest, School
from kakehashi.web.schools.services import school_update
from kakehashi.web.timetables.door import rotation_days, version_instance

LIST_ROLES = ("coordinator", "supervisor", "school_staff", "participant")
REQUEST_ROLES = ("coordinator", "supervisor", "school_staff")


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(
        request,
        roles=LIST_ROLES,
        filterset=SchoolFilterSet,
        queryset=visible_schools(request.user),
        table=SchoolTable,
        template="core/list.html",
        context={"heading": _("Schools"), "list_url": reverse("schools:list")},
    )


@login_required
def school_detail(request: HttpRequest, code: str) -> HttpResponse:
    school: School = get_object_or_404(visible_schools(request.user), code=code)
    version = school_version(school)
    # The days of the week the version answers (a week may have a Saturday), else the working week.
    days = list(version_instance(version).days) if version else list(WORKING_DAYS)
    dated = school_dated_week(school, requested_monday(request))
    # A rotation's template is the week the dates shown fall in (week A or B…).
    cycle_week = dated.rotation_week or 1
    visits = visits_by_day(school, version, cycle_week)
    # The contract and the days delivered over the whole rotation: a school visited every other week is not short.
    rotation = school_rotation(school, version)
    least, most = rotation_days(school, rotation)
    return render(
        request,
        "schools/detail.html",
        {
            "school": school,
            "version": version,
            "days": days,
            "grid": lesson_grid(school, days, version, cycle_week),
            "visits": [(day, visits[day]) for day in days],
            "delivered": rotation_visit_days(school, version) if version else 0,
            "rotation": rotation,
            "contracted": f"{least}–{most}" if least != most else str(least),
            "homerooms": school.homerooms.all(),
            "can_edit": has_role(request.user, "coordinator"),
            # The school's change requests are for its staff and the people who answer them, not for ALTs.
            "can_read_requests": has_role(request.user, *REQUEST_ROLES),
            "dated": dated,
        },
    )


@login_required
def school_edit(request: HttpRequest, code: str) -> HttpResponse:
    # Only coordinators edit schools, and only the schools of their own programs.
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    school: School = get_object_or_404(visible_schools(request.user), code=code)
    form = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        school_update(school=school, data=form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("schools:detail", code=school.code)
    return render(request, "schools/edit.html", {"school": school, "form": form})


@login_required
def romaji_suggestion(request: HttpRequest) -> HttpResponse:
    """htmx: the name field again, filled with romaji made from the Japanese name."""
    name_ja = request.GET.get("name_ja", "").strip()
    level = request.GET.get("level", "elementary")
    kind = {"elementary": "elementary", "junior_high": "junior_high"}.get(level, "elementary")
    suggestion = romanized_school_name(name_ja, ENGLISH_KIND[kind]) if name_ja else ""
    return render(request, "schools/edit.html#name-field", {"form": SchoolForm(initial={"name": suggestion})})


class ChangeRequestForm(forms.Form):
    about = forms.ModelChoiceField(
        label=gettext_lazy("About the ALT (optional)"),
        required=False,
        queryset=Participant.objects.none(),  # the ALTs this user sees (set in __init__)
        to_field_name="code",
    )
    kind = forms.ChoiceField(label=gettext_lazy("What is it?"), choices=ChangeRequest.Kind.choices, required=False)
    message = forms.CharField(label=gettext_lazy("Request"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    tell_participant = forms.BooleanField(label=gettext_lazy("Also tell the ALT directly"), required=False)

    def __init__(self, *args: Any, school: School, may_tell: bool, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self.fields, "about").queryset = visible_participants(user)
        if not may_tell:
            del self.fields["tell_participant"]


@login_required
def school_requests(request: HttpRequest, code: str) -> HttpResponse:
    """School staff file requests here; coordinators and supervisors read them (participants do not)."""
    school: School = get_object_or_404(visible_schools(request.user), code=code)
    if not has_role(request.user, *REQUEST_ROLES):
        raise Http404
    is_staff = any(
        r.kind == "school_staff" and r.organization_id == school.organization_id for r in roles_of(request.user)
    )
    contract = school_contract(school, timezone.localdate())
    may_tell = contract is not None and contract.school_may_instruct_participants
    # "Message the ALT" from an ALT's page arrives with ?about=A01&direct=1: prefilled, and under 請負 explained.
    wanted: dict[str, object] = {
        "about": request.GET.get("about"),
        "kind": request.GET.get("kind") or ChangeRequest.Kind.TIMETABLE,
    }
    if may_tell and request.GET.get("direct"):
        wanted["tell_participant"] = True
    form = ChangeRequestForm(request.POST or None, school=school, may_tell=may_tell, user=request.user, initial=wanted)
    if request.method == "POST":
        if not is_staff:
            raise PermissionDenied
        if form.is_valid():
            try:
                change_request_file(
                    school=school,
                    author=request.user,
                    message=form.cleaned_data["message"],
                    about=form.cleaned_data.get("about"),
                    tell_participant=form.cleaned_data.get("tell_participant", False)
                    or (not may_tell and request.POST.get("tell_participant") == "on"),
                    kind=form.cleaned_data["kind"] or ChangeRequest.Kind.TIMETABLE,
                )
            except RequestRefusedError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Your request was sent."))
                return redirect("schools:requests", code=code)
    return render(
        request,
        "schools/requests.html",
        {
            "school": school,
            "form": form if is_staff else None,
            "contract": contract,
            "may_tell": may_tell,
            "outsourcing_rule": OUTSOURCING_RULE,
            "direct_refused": bool(request.GET.get("direct")) and not may_tell,
            "manager": contract.responsible_manager if contract is not None else None,
            "requests": readable_change_requests(request.user)
            .filter(school=school)
            .select_related("author", "routed_to", "about"),
            "blocked": school.blocked_instructions.select_related("author", "about")[:20],
        },
    )
