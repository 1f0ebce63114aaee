from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.validators import refuse_control_characters
from kakehashi.web.schools.models import RECORD_FIELDS, School


class SchoolForm(forms.ModelForm[School]):
    # The names are the organization's, saved without its full_clean: the one-line check is named here.
    name = forms.CharField(
        label=_("name"),
        max_length=200,
        help_text=_("In Latin script; suggested from the Japanese name, editable."),
        validators=[refuse_control_characters],
    )
    name_ja = forms.CharField(
        label=_("name (Japanese)"), max_length=200, required=False, validators=[refuse_control_characters]
    )

    class Meta:
        model = School
        # The contract's days over a rotation of several weeks and over the year (issue 19) after the weekly ones.
        fields = ["name_ja", "name", *RECORD_FIELDS, "cycle_days_min", "cycle_days_max", "annual_visit_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["name"].initial = self.instance.organization.name
            self.fields["name_ja"].initial = self.instance.organization.name_ja

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("visit_days_min"), data.get("visit_days_max")
        if low is not None and high is not None and low > high:
            self.add_error("visit_days_max", _("At least the minimum, please."))
        low, high = data.get("cycle_days_min"), data.get("cycle_days_max")
        if low is not None and high is not None and low > high:
            self.add_error("cycle_days_max", _("At least the minimum, please."))
        return data
