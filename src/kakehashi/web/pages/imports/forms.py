from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.scope import coordinated_programs, visible_schools
from kakehashi.web.core.form_fields import model_choice_field
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.schools.models import School

KIND_CHOICES = [
    ("p29", _("Schools from MLIT P29 GeoJSON")),
    ("schools", _("Schools (CSV / Excel)")),
    ("bells", _("Bell schedules (CSV / Excel)")),
    ("classes", _("Classes (CSV / Excel)")),
    ("lessons", _("A school's lesson timetable (CSV / Excel grid)")),
    ("participants", _("Participants (CSV / Excel)")),
]
P29_KINDS = [
    ("elementary", _("elementary schools")),
    ("junior_high", _("junior high schools")),
    ("compulsory", _("compulsory-education schools")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("File"))
    board = forms.ModelChoiceField(
        label=_("Board of education (for schools)"), required=False, queryset=Organization.objects.none()
    )
    # Each chooser offers what this user may import into (set in __init__).
    program = forms.ModelChoiceField(
        label=_("Program (for participants)"), required=False, queryset=Program.objects.none()
    )
    school = forms.ModelChoiceField(
        label=_("School (for a lesson timetable)"), required=False, queryset=School.objects.none(), to_field_name="code"
    )
    municipality = forms.CharField(
        label=_("Municipality code (P29)"),
        required=False,
        max_length=5,
        help_text=_("Five digits, e.g. 10202 for Takasaki."),
    )
    school_kinds = forms.MultipleChoiceField(
        label=_("School kinds (P29)"),
        required=False,
        choices=P29_KINDS,
        initial=["elementary", "junior_high"],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programs = coordinated_programs(user)
        model_choice_field(self.fields, "program").queryset = programs
        model_choice_field(self.fields, "board").queryset = Organization.objects.filter(
            kind=Organization.Kind.BOARD, contracts__program__in=programs
        ).distinct()
        model_choice_field(self.fields, "school").queryset = visible_schools(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        needs = {
            "p29": ["board", "municipality"],
            "schools": ["board"],
            "participants": ["program"],
            "lessons": ["school"],
        }.get(kind or "", [])
        for name in needs:
            if not data.get(name):
                self.add_error(name, _("Needed for this import."))
        if kind == "p29" and not data.get("school_kinds"):
            self.add_error("school_kinds", _("Choose at least one kind."))
        return data
