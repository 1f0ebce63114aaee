"""Filters of leave requests, as the coordinator's leave page and a participant's own list need them."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ParticipantRowsFilterSet, ScopedFilterSet
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.organizations.models import Program


class LeaveRequestFilterSet(ParticipantRowsFilterSet):
    on = django_filters.DateFilter(label=_("Away on this date"), method="covering")

    class Meta:
        model = LeaveRequest
        fields = ["status", "kind", "participant", "program", "on"]

    def covering(self, queryset: QuerySet[LeaveRequest], name: str, value: Any) -> QuerySet[LeaveRequest]:
        return queryset.filter(starts__lte=value, ends__gte=value)


class AbsenceFilterSet(ScopedFilterSet):
    """Who is away between two dates (a leave counts when any of its days falls between them)."""

    participant = django_filters.CharFilter(label=_("Participant (timetable id)"), field_name="participant__code")
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="participant__program", queryset=Program.objects.all()
    )
    starting = django_filters.DateFilter(label=_("From"), field_name="ends", lookup_expr="gte")
    ending = django_filters.DateFilter(label=_("To"), field_name="starts", lookup_expr="lte")

    class Meta:
        model = LeaveRequest
        fields = ["kind", "participant", "program", "starting", "ending"]
