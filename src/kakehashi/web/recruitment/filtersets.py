from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.recruitment import Stage
from kakehashi.web.accounts.filtersets import ScopedFilterSet
from kakehashi.web.organizations.models import Program
from kakehashi.web.recruitment.display import lazy_stage_label
from kakehashi.web.recruitment.models import Application


class ApplicationFilterSet(ScopedFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Stage"), choices=[(s.value, lazy_stage_label(s.value)) for s in Stage]
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Application
        fields = ["status", "q"]

    def search(self, queryset: QuerySet[Application], name: str, value: Any) -> QuerySet[Application]:
        return queryset.filter(Q(full_name__icontains=value) | Q(email__icontains=value))


class ApplicationListFilterSet(ApplicationFilterSet):
    """Across cycles, for the API: the cycle page's filters, and the cycle or program to look in."""

    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="cycle__program", queryset=Program.objects.all()
    )

    class Meta(ApplicationFilterSet.Meta):
        fields = ["status", "q", "cycle", "program"]
