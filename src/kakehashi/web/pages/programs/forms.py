"""The program's settings a coordinator chooses on its settings page: the rotation."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kakehashi.timetable.cycle.model import MAX_CYCLE_WEEKS
from kakehashi.web.core.widgets import DateInput
from kakehashi.web.timetables.models import WeekSettings

WEEK_CHOICES = [
    (1, _("1 week: the same week all year")),
    (2, _("2 weeks: week A and week B")),
    (3, _("3 weeks: weeks A, B and C")),
    (4, _("4 weeks: weeks A, B, C and D")),
]
assert len(WEEK_CHOICES) == MAX_CYCLE_WEEKS


class RotationForm(forms.ModelForm[WeekSettings]):
    # As the model's field would read (its name, first letter up), with the weeks named in the choices.
    cycle_weeks = forms.TypedChoiceField(
        label=capfirst(_("weeks in the rotation")),
        help_text=_("1 repeats the same week all year; 2 alternates an A week and a B week, and so on."),
        choices=WEEK_CHOICES,
        coerce=int,
    )

    class Meta:
        model = WeekSettings
        fields = ["cycle_weeks", "cycle_week_a"]
        widgets = {"cycle_week_a": DateInput}
