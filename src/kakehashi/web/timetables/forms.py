from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SolveForm(forms.Form):
    time_limit = forms.IntegerField(label=_("Time limit (seconds)"), min_value=5, max_value=3600, initial=60)
    keep_locked = forms.BooleanField(label=_("Keep locked visits"), required=False, initial=True)
    stay_close = forms.BooleanField(label=_("Start from the published timetable (stay close to it)"), required=False)
