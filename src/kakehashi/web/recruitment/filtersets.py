from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kakehashi.recruitment import Stage
from kakehashi.web.accounts.filtersets import ScopedFilterSet, WordsFilter
from kakehashi.web.organizations.models import Program
from kakehashi.web.recruitment.display import lazy_stage_label
from kakehashi.web.recruitment.models import Application


class ApplicationFilterSet(ScopedFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Stage"), choices=[(s.value, lazy_stage_label(s.value)) for s in Stage]
    )
    q = WordsFilter(label=_("Search"), fields=("full_name", "email"))

    class Meta:
        model = Application
        fields = ["status", "q"]


class ApplicationListFilterSet(ApplicationFilterSet):
    """Across cycles, for the API: the cycle page's filters, and the cycle or program to look in."""

    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="cycle__program", queryset=Program.objects.all()
    )

    class Meta(ApplicationFilterSet.Meta):
        fields = ["status", "q", "cycle", "program"]
