"""The filters of a user's notices page."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kakehashi.web.accounts.filtersets import ScopedFilterSet, WordsFilter
from kakehashi.web.notices.models import Notice


class NoticeFilterSet(ScopedFilterSet):
    """A user's own notices: unread or read, words in the subject or message, and from a date."""

    read = django_filters.ChoiceFilter(
        label=_("Read"), choices=[("unread", _("unread")), ("read", _("read"))], method="by_reading"
    )
    words = WordsFilter(label=_("Keywords"), fields=("subject", "body"))
    since = django_filters.DateFilter(label=_("From"), field_name="at", lookup_expr="date__gte")

    class Meta:
        model = Notice
        fields = ["read", "words", "since"]

    def by_reading(self, queryset: QuerySet[Notice], name: str, value: Any) -> QuerySet[Notice]:
        return queryset.filter(read_at__isnull=value == "unread")
