from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.form_fields import choice_field, model_choice_field
from kakehashi.web.duties.models import KINDS_BY_POSITION, DutyKind, TrainingSession
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class DutyEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("duty"))
    minutes = forms.IntegerField(
        label=_("minutes"),
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),  # any minute: a step of 5 from 1 refused 60
    )
    title = forms.CharField(label=_("what (title, event, class)"), max_length=200, required=False)
    school = forms.ChoiceField(label=_("at school"), required=False)
    words = forms.IntegerField(label=_("words translated"), min_value=1, required=False)
    sport = forms.CharField(label=_("sport"), max_length=60, required=False)
    headcount = forms.IntegerField(label=_("participants"), min_value=0, max_value=10000, required=False)

    def __init__(self, *args: Any, position: str, schools: list[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = KINDS_BY_POSITION.get(position, tuple(DutyKind.values))
        labels = dict(DutyKind.choices)
        choice_field(self.fields, "kind").choices = [(k, labels[k]) for k in kinds]
        choice_field(self.fields, "school").choices = [
            ("", _("— not at a school")),
            *[(s.code, s.display_name) for s in schools],
        ]
        if schools:
            self.fields["school"].initial = schools[0].code  # the day's first visit: where most duties are done
        self.schools = {s.code: s for s in schools}
        # Fields only one position uses stay off the others' phones.
        if position != Participant.Kind.CIR:
            del self.fields["words"]
        if position != Participant.Kind.SEA:
            del self.fields["sport"]
            del self.fields["headcount"]

    def entry_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["school"] = self.schools.get(data.get("school") or "")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("note for your coordinator"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("comment"), max_length=500, required=False)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=TrainingSession.Kind.choices)
    starts = forms.DateTimeField(label=_("starts"), widget=DateTimeInput)
    ends = forms.DateTimeField(label=_("ends"), widget=DateTimeInput)
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    link = forms.URLField(label=_("online link"), required=False)


class InviteForm(forms.Form):
    class Who:
        CHOSEN = "chosen"
        NEW = "new"
        ALL = "all"

    who = forms.ChoiceField(
        label=_("invite"),
        choices=[
            (Who.CHOSEN, _("the participants ticked below")),
            (Who.NEW, _("all new participants (started within the last 12 months)")),
            (Who.ALL, _("everyone in the program")),
        ],
        initial=Who.CHOSEN,
        widget=forms.RadioSelect,
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("participants"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self.fields, "participants").queryset = people
