from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.web.calendars.kinds import kind_from_name
from kakehashi.web.calendars.models import Event
from kakehashi.web.core.widgets import DateInput


class EventForm(forms.ModelForm[Event]):
    """An event of the school or board already set on `instance`; the model's clean() runs in full_clean."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("(from the name: 運動会, 中間テスト, 卒業式 …)")), *Event.KIND_CHOICES],
    )
    ends = forms.DateField(
        label=_("Ends"), required=False, widget=DateInput(), help_text=_("Empty for a one-day event.")
    )

    class Meta:
        model = Event
        fields = ["name", "kind", "starts", "ends"]
        widgets = {"starts": DateInput()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("kind") and data.get("name"):
            kind = kind_from_name(data["name"])
            if kind is None:
                self.add_error(
                    "kind",
                    _(
                        "Choose a kind; the name does not say one."
                    ),
                )
            else:
                data["kind"] = kind
        if data.get("starts") and not data.get("ends") and "ends" not in self.errors:
            data["ends"] = data["starts"]
        return data


class RainedOutForm(forms.Form):
    moved_to = forms.DateField(label=_("Moved to"), widget=DateInput())

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_moved_to(self) -> dt.date:
        day: dt.date = self.cleaned_data["moved_to"]
        if day <= self.event.starts:
            raise forms.ValidationError(
                _("A rained-out event moves to a later day.")
            )
        return day


class EventImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8 or Shift_JIS) or Excel .xlsx with columns date, ends, name, kind "
            "(or 日付, 終了日, 行事名, 種類)."
        ),
    )
