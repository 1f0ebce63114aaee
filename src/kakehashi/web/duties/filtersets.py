"""Filters of daily reports, as the decision queue and a participant's history choose them."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ParticipantRowsFilterSet
from kakehashi.web.duties.models import DailyReport


class DailyReportFilterSet(ParticipantRowsFilterSet):
    dates = django_filters.DateFromToRangeFilter(label=_("Dates"), field_name="date")

    class Meta:
        model = DailyReport
        fields = ["status", "participant", "program", "date", "dates"]
