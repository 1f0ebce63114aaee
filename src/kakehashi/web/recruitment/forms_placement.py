from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.form_fields import model_choice_field
from kakehashi.web.core.widgets import DateInput
from kakehashi.web.recruitment.models import PlacementRequest, RenewalIntent, SeaRequest
from kakehashi.web.schools.models import School


class SeaRequestForm(forms.ModelForm[SeaRequest]):
    class Meta:
        model = SeaRequest
        fields = ["organization", "sport", "qualifications", "posts", "starts", "ends", "duties"]
        widgets = {"starts": DateInput, "ends": DateInput, "duties": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            model_choice_field(self.fields, "organization").queryset = organizations


class SeaOpenForm(forms.Form):
    opens_on = forms.DateField(label=_("applications open"), widget=DateInput)
    deadline_date = forms.DateField(label=_("deadline date"), widget=DateInput)
    deadline_time = forms.TimeField(
        label=_("deadline time"), initial="23:59", widget=forms.TimeInput(attrs={"type": "time"})
    )
    time_zone = forms.CharField(label=_("recruiting office's time zone"), initial="Asia/Tokyo", max_length=64)
    departure_on = forms.DateField(label=_("departure"), widget=DateInput)
    recruiting_country = forms.CharField(label=_("recruiting country (ISO code)"), max_length=2, initial="US")


class PlacementRequestForm(forms.ModelForm[PlacementRequest]):
    levels = forms.MultipleChoiceField(
        label=_("school levels"), choices=School.Level.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = PlacementRequest
        fields = ["organization", "position", "levels", "japanese_min", "sport", "count"]

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            model_choice_field(self.fields, "organization").queryset = organizations


class RenewalForm(forms.Form):
    choice = forms.ChoiceField(label=_("next year"), choices=RenewalIntent.Choice.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("note"), max_length=300, required=False)
