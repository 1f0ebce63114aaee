from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.web.people.models import RECORD_FIELDS, SUBSTITUTE_FIELDS, Participant
from kakehashi.web.schools.models import School, Weekday


def record_version(participant: Participant) -> str:
    """What the edit page shows and sends back, as the week editor does: the record's last save."""
    return participant.updated_at.isoformat() if participant.updated_at else ""


class ParticipantForm(forms.ModelForm[Participant]):
    levels = forms.MultipleChoiceField(
        label=_("school levels"), choices=School.Level.choices, widget=forms.CheckboxSelectMultiple
    )
    cover_days = forms.MultipleChoiceField(
        label=_("days a substitute can cover"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every working day."),
    )
    seen = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        help_text=_("The record as the form was shown; an edit of a record changed since then is refused."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen"].initial = record_version(self.instance)

    class Meta:
        model = Participant
        fields = ["name_katakana", "name", "kind", *RECORD_FIELDS, "annual_days", *SUBSTITUTE_FIELDS]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "cover_from": forms.TimeInput(attrs={"type": "time"}),
            "cover_until": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("classes_min"), data.get("classes_max")
        if low is not None and high is not None and low > high:
            self.add_error("classes_max", _("At least the minimum, please."))
        starts, ends = data.get("cover_from"), data.get("cover_until")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("cover_until", _("After the time the substitute covers from, please."))
        return data
