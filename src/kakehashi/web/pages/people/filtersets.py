from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ScopedFilterSet
from kakehashi.web.people.models import Participant, Placement


class ParticipantFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Position"), choices=Participant.Kind.choices)

    class Meta:
        model = Participant
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet[Participant], name: str, value: Any) -> QuerySet[Participant]:
        return queryset.filter(Q(name__icontains=value) | Q(name_katakana__icontains=value) | Q(code__iexact=value))


class PlacementFilterSet(ScopedFilterSet):
    participant = django_filters.CharFilter(label=_("Participant (timetable id)"), field_name="participant__code")

    class Meta:
        model = Placement
        fields = ["participant", "organization"]
