"""Filters of daily reports, as the decision queue and a participant's history choose them."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ScopedFilterSet
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.organizations.models import Program


class DailyReportFilterSet(ScopedFilterSet):
    participant = django_filters.CharFilter(label=_("Participant (timetable id)"), field_name="participant__code")
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="participant__program", queryset=Program.objects.all()
    )
    dates = django_filters.DateFromToRangeFilter(label=_("Dates"), field_name="date")

    class Meta:
        model = DailyReport
        fields = ["status", "participant", "program", "date", "dates"]
