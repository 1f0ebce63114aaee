"""Forms for applicants (the application; sign-up is in signup.py) and coordinators (cycles, moves,
interviews). They shape what was typed; the rules (deadline, eligibility, document types, the pipeline) are
in services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.recruitment import Stage
from kakehashi.web.core.form_fields import choice_field, model_choice_field
from kakehashi.web.core.widgets import DateInput
from kakehashi.web.organizations.models import Organization
from kakehashi.web.people.models import Participant
from kakehashi.web.recruitment.display import TOKYO, country_choices, lazy_stage_label
from kakehashi.web.recruitment.models import (
    APPLICANT_JAPANESE_LEVELS,
    Application,
    ApplicationDocument,
    Cycle,
    Position,
)
from kakehashi.web.recruitment.rule_fields import add_rule_fields, rule_rows, rules_from
from kakehashi.web.schools.models import School

# Extra documents beside the CV, each with its kind: enough for degree, passport, statement and one more.
EXTRA_DOCUMENTS = 4
PREFERENCES = 3
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class CycleForm(forms.ModelForm[Cycle]):
    """An ALT or CIR cycle. SEA is not offered: an SEA cycle is opened from an organization's request, and
    editing one keeps its position."""

    class Meta:
        model = Cycle
        fields = [
            "name",
            "position",
            "description",
            "opens_on",
            "deadline_date",
            "deadline_time",
            "time_zone",
            "interviews_from",
            "interviews_to",
            "results_on",
            "departure_on",
            "recruiting_country",
            "posts",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opens_on": DateInput,
            "deadline_date": DateInput,
            "deadline_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "interviews_from": DateInput,
            "interviews_to": DateInput,
            "results_on": DateInput,
            "departure_on": DateInput,
        }
        help_texts = {
            "time_zone": _("The recruiting office's IANA zone, e.g. Pacific/Honolulu; the deadline is on its clock."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.position == Position.SEA:
            del self.fields["position"]
        else:
            choice_field(self.fields, "position").choices = [
                (value, label) for value, label in Position.choices if value != Position.SEA
            ]

        # Each eligibility rule as a switch and its values, set from the cycle's rules (or the defaults).
        from kakehashi.web.recruitment.services import cycle_rules

        current = self.instance if self.instance.pk else Cycle(position=Position.ALT, recruiting_country="US")
        add_rule_fields(self, cycle_rules(current))

    def rule_rows(self) -> list[tuple[Any, list[Any]]]:
        return rule_rows(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        position = data.get("position") or self.instance.position or Position.ALT
        try:
            self.instance.rules = rules_from(self, position, data.get("recruiting_country") or "")
        except ValidationError as error:
            self.add_error(None, error)
        return data


class ApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("full name (as in your passport)"), max_length=200)
    email = forms.EmailField(label=_("email"))
    birth_date = forms.DateField(label=_("birth date"), widget=DateInput)
    gender = forms.ChoiceField(label=_("gender"), choices=Participant.Gender.choices)
    citizenships = forms.MultipleChoiceField(
        label=_("citizenships"),
        help_text=_("Each country you are a citizen of (hold Ctrl, or ⌘ on a Mac, to choose a second)."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    origin_region = forms.CharField(label=_("home region"), max_length=100, required=False)
    degree = forms.CharField(
        label=_("degree"), max_length=200, required=False, help_text=_("e.g. Bachelor of Arts in History")
    )
    degree_date = forms.DateField(label=_("degree conferred (or expected)"), required=False, widget=DateInput)
    japanese_level = forms.ChoiceField(
        label=_("Japanese level"), choices=APPLICANT_JAPANESE_LEVELS
    )
    teaching_experience = forms.CharField(
        label=_("teaching experience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    coaching_experience = forms.CharField(
        label=_("coaching experience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    coaching_qualifications = forms.CharField(
        label=_("coaching qualifications"),
        max_length=300,
        required=False,
        help_text=_("The sports you are qualified to coach, comma-separated (SEA posts ask for one)."),
    )
    previous_years = forms.IntegerField(
        label=_("years already served on the programme (JET or as an ALT)"), min_value=0, max_value=50, initial=0
    )
    levels = forms.MultipleChoiceField(
        label=_("school levels you can teach"),
        choices=School.Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cv = forms.FileField(
        label=_("CV / résumé (PDF, JPEG or PNG)"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        citizenships = self.fields["citizenships"]
        assert isinstance(citizenships, forms.MultipleChoiceField)
        citizenships.choices = country_choices()  # named in the language of this request
        choices = Organization.objects.none() if organizations is None else organizations
        for rank in range(1, PREFERENCES + 1):
            self.fields[f"preference_{rank}"] = forms.ModelChoiceField(
                label=_("preference %(rank)s: a place") % {"rank": rank}, queryset=choices, required=False
            )
            self.fields[f"preference_{rank}_text"] = forms.CharField(
                label=_("…or in your words"), max_length=200, required=False
            )
        kinds = [("", "—"), *((k, label) for k, label in ApplicationDocument.Kind.choices if k != "cv")]
        for number in range(1, EXTRA_DOCUMENTS + 1):
            self.fields[f"document_{number}_kind"] = forms.ChoiceField(
                label=_("another document: what it is"), choices=kinds, required=False
            )
            self.fields[f"document_{number}"] = forms.FileField(
                label=_("file"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
            )

    def preference_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"preference_{r}"], self[f"preference_{r}_text"]) for r in range(1, PREFERENCES + 1)]

    def document_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"document_{n}_kind"], self[f"document_{n}"]) for n in range(1, EXTRA_DOCUMENTS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for number in range(1, EXTRA_DOCUMENTS + 1):
            if data.get(f"document_{number}") and not data.get(f"document_{number}_kind"):
                self.add_error(
                    f"document_{number}_kind", _("Say what this document is.")
                )
        return data

    def application_data(self) -> dict[str, Any]:
        """The fields the service stores, with the ranked preferences as `O<pk>` or the words typed."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith(("preference_", "document_", "cv"))}
        preferences = []
        for rank in range(1, PREFERENCES + 1):
            chosen = self.cleaned_data.get(f"preference_{rank}")
            text = self.cleaned_data.get(f"preference_{rank}_text", "")
            if chosen is not None:
                preferences.append(f"O{chosen.pk}")  # the placement run's organization id
            elif text:
                preferences.append(text)
        data["preferences"] = preferences
        return data

    def documents(self) -> list[tuple[str, Any]]:
        found = [(str(ApplicationDocument.Kind.CV), self.cleaned_data["cv"])]
        for number in range(1, EXTRA_DOCUMENTS + 1):
            upload = self.cleaned_data.get(f"document_{number}")
            if upload:
                found.append((self.cleaned_data[f"document_{number}_kind"], upload))
        return found


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("move to"), choices=[(s.value, lazy_stage_label(s.value)) for s in Stage])
    note = forms.CharField(label=_("note (sent to the applicant)"), max_length=300, required=False)


class BulkMoveForm(forms.Form):
    to = forms.ChoiceField(  # nothing moves back to submitted
        label=_("move the chosen to"),
        choices=[(s.value, lazy_stage_label(s.value)) for s in Stage if s is not Stage.SUBMITTED],
    )
    applications = forms.ModelMultipleChoiceField(queryset=Application.objects.none())

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self.fields, "applications").queryset = cycle.applications.all()


class WallClockField(forms.DateTimeField):
    """A date and time as typed, on no clock yet: the form's `zone` says whose. (Django's own field would read
    it on the server's clock first, and refuse a time that clock skips at a change to summer time.)"""

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        try:
            return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class InterviewForm(forms.Form):
    at = WallClockField(
        label=_("interview date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    zone = forms.ChoiceField(label=_("on the clock of"))
    place = forms.CharField(label=_("place or video link"), max_length=300)

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zones = [cycle.time_zone] + ([TOKYO] if cycle.time_zone != TOKYO else [])
        choice_field(self.fields, "zone").choices = [(z, z) for z in zones]
        self.fields["zone"].initial = cycle.time_zone

    def moment(self) -> dt.datetime:
        """The typed wall-clock time on the chosen zone's clock, as an instant."""
        typed: dt.datetime = self.cleaned_data["at"]
        return typed.replace(tzinfo=ZoneInfo(self.cleaned_data["zone"]))
