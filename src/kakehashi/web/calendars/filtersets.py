"""Filters of school events, as the events pages choose them: a school's (its own and its board's), a
board's, a kind, a school year."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ScopedFilterSet, WordsFilter
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.owners import Owner


class EventFilterSet(ScopedFilterSet):
    school = django_filters.CharFilter(label=_("School (timetable id): its events and its board's"), method="of_school")
    # The years the events pages accept; anything else is a typo or a probe.
    year = django_filters.NumberFilter(
        label=_("School year (April to March)"), method="in_year", min_value=2000, max_value=2100
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.KIND_CHOICES)

    class Meta:
        model = Event
        fields = ["school", "board", "kind", "year"]

    def of_school(self, queryset: QuerySet[Event], name: str, value: Any) -> QuerySet[Event]:
        return queryset.filter(Q(school__code=value) | Q(board__children__school__code=value)).distinct()

    def in_year(self, queryset: QuerySet[Event], name: str, value: Any) -> QuerySet[Event]:
        return Owner.in_year(queryset, int(value))


class EventPageFilterSet(ScopedFilterSet):
    """The events page's filters: the year is the page's own (?year=), so only the kind and words here."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.KIND_CHOICES)
    words = WordsFilter(label=_("Keywords"), fields=("name", "name_en"))

    class Meta:
        model = Event
        fields = ["kind", "words"]
