from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ScopedFilterSet
from kakehashi.web.organizations.models import Organization
from kakehashi.web.schools.models import BellPeriod, ChangeRequest, Homeroom, LessonSlot, School


class SchoolFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=School.Level.choices)
    board = django_filters.ModelChoiceFilter(
        label=_("Board of education"),
        field_name="organization__parent",
        queryset=Organization.objects.filter(kind=Organization.Kind.BOARD),
    )

    class Meta:
        model = School
        fields = ["q", "level", "board"]

    def search(self, queryset: QuerySet[School], name: str, value: Any) -> QuerySet[School]:
        return queryset.filter(
            Q(organization__name__icontains=value)
            | Q(organization__name_ja__icontains=value)
            | Q(code__iexact=value)
            | Q(mext_code__iexact=value)
        )


class SchoolPartFilterSet(ScopedFilterSet):
    """A school's bells, classes or lessons, by the school's timetable id (`?school=S001`)."""

    school = django_filters.CharFilter(label=_("School (timetable id)"), field_name="school__code")


class BellPeriodFilterSet(SchoolPartFilterSet):
    class Meta:
        model = BellPeriod
        fields = ["school", "variant"]


class HomeroomFilterSet(SchoolPartFilterSet):
    class Meta:
        model = Homeroom
        fields = ["school", "grade"]


class LessonSlotFilterSet(SchoolPartFilterSet):
    homeroom = django_filters.CharFilter(label=_("Class"), field_name="homeroom__name")

    class Meta:
        model = LessonSlot
        fields = ["school", "homeroom", "day", "active"]


class ChangeRequestFilterSet(SchoolPartFilterSet):
    class Meta:
        model = ChangeRequest
        fields = ["school", "kind", "state"]
