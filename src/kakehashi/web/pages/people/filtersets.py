from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ScopedFilterSet
from kakehashi.web.people.models import Participant, Placement

# The filter's word for participants with a regular week (their `substitute` is empty, which a query cannot say).
NOT_SUBSTITUTE = "none"


class ParticipantFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Position"), choices=Participant.Kind.choices)
    substitute = django_filters.ChoiceFilter(
        label=_("substitute ALT"),
        choices=[(NOT_SUBSTITUTE, _("no: has a regular week")), *Participant.Substitute.choices[1:]],
        method="substitutes",
    )

    class Meta:
        model = Participant
        fields = ["q", "kind", "substitute"]

    def substitutes(self, queryset: QuerySet[Participant], name: str, value: Any) -> QuerySet[Participant]:
        return queryset.filter(substitute="" if value == NOT_SUBSTITUTE else value)

    def search(self, queryset: QuerySet[Participant], name: str, value: Any) -> QuerySet[Participant]:
        return queryset.filter(Q(name__icontains=value) | Q(name_katakana__icontains=value) | Q(code__iexact=value))


class PlacementFilterSet(ScopedFilterSet):
    participant = django_filters.CharFilter(label=_("Participant (timetable id)"), field_name="participant__code")

    class Meta:
        model = Placement
        fields = ["participant", "organization"]
