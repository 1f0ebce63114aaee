from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.form_fields import model_choice_field
from kakehashi.web.core.widgets import DateInput
from kakehashi.web.leave.models import LeaveRequest, OfferRule, SchoolSubstitute, WeekendWork
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School


class LeaveRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=LeaveRequest.Kind.choices)
    starts = forms.DateField(label=_("first day"), widget=DateInput)
    ends = forms.DateField(label=_("last day"), widget=DateInput)
    weekend_work = forms.ModelChoiceField(
        label=_("for weekend work (compensatory day only)"), queryset=WeekendWork.objects.none(), required=False
    )
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def __init__(self, *args: Any, owed: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owed is not None:
            model_choice_field(self.fields, "weekend_work").queryset = owed


class AbsenceReportForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput, initial=timezone.localdate)
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[(k, label) for k, label in LeaveRequest.Kind.choices if k != LeaveRequest.Kind.COMPENSATORY],
        initial=LeaveRequest.Kind.SICK,
    )
    reason = forms.CharField(label=_("note for your coordinator"), max_length=300, required=False)


class WeekendWorkForm(forms.Form):
    date = forms.DateField(label=_("date worked"), widget=DateInput)
    description = forms.CharField(label=_("what"), max_length=200)


class EntitlementForm(forms.Form):
    participant = forms.CharField(label=_("participant code"), max_length=32)
    year = forms.IntegerField(label=_("school year"), min_value=2000, max_value=2100)
    days = forms.IntegerField(label=_("paid leave days"), min_value=0, max_value=40)


class OfferRuleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = OfferRule
        fields = ["automatic", "per_round", "answer_minutes"]

    def clean_per_round(self) -> int:
        value: int = self.cleaned_data["per_round"]
        if value < 1:
            raise forms.ValidationError(_("Ask at least one person at a time."))
        return value

    def clean_answer_minutes(self) -> int:
        value: int = self.cleaned_data["answer_minutes"]
        if not 5 <= value <= 24 * 60:
            raise forms.ValidationError(_("Give between 5 minutes and a day to answer."))
        return value


class SchoolSubstituteForm(forms.Form):
    school = forms.ModelChoiceField(label=_("school"), queryset=School.objects.none())
    participant = forms.ModelChoiceField(label=_("substitute"), queryset=Participant.objects.none())
    stance = forms.ChoiceField(label=_("list"), choices=SchoolSubstitute.Stance.choices)

    def __init__(self, *args: Any, schools: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["participant"].queryset = people  # type: ignore[attr-defined]
        self.fields["participant"].label_from_instance = lambda p: f"{p.name} ({p.code})"  # type: ignore[attr-defined]
