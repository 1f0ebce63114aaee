"""The change log as a list like the others (accounts/lists.py): sorted by any column, filtered by kind, action,
person and dates, a page at a time, and downloaded as CSV or Excel, each change in words (changelog_words.py)."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
import django_tables2 as tables
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.changelog_words import ChangeInWords, Wording, kind_label
from kakehashi.web.core.models import Change
from kakehashi.web.core.tables import NOWRAP, TEXT, ListTable, MomentColumn


def _kinds() -> list[tuple[str, str]]:
    """Every kind of object the log holds, by its name in the reader's language."""
    labels = Change.objects.values_list("model", flat=True).distinct().order_by()
    return sorted(((label, kind_label(label)) for label in labels), key=lambda pair: pair[1])


class ChangeFilterSet(django_filters.FilterSet):
    model = django_filters.ChoiceFilter(label=_("Kind"), choices=_kinds)
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Change.Action.choices)
    user = django_filters.ModelChoiceFilter(
        label=_("User"), queryset=get_user_model().objects.filter(pk__in=Change.objects.values("user"))
    )
    since = django_filters.DateFilter(label=_("From"), field_name="at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("To"), field_name="at", lookup_expr="date__lte")

    class Meta:
        model = Change
        fields = ["model", "action", "user", "since", "until"]


class ChangeTable(ListTable):
    """One change a row: when, who, what was done to which object, and each field before and after."""

    export_name = "changes"

    at = MomentColumn(verbose_name=_("time"))
    user = tables.Column(verbose_name=_("user"), default="—", order_by=("user__last_name", "user__username"))
    action = tables.Column(verbose_name=_("action"), attrs=NOWRAP)
    model = tables.Column(verbose_name=_("kind"), attrs=NOWRAP)
    object_repr = tables.Column(verbose_name=_("object"), attrs=TEXT)
    fields = tables.Column(verbose_name=_("what changed"), accessor="pk", orderable=False, attrs=TEXT)

    class Meta(ListTable.Meta):
        model = Change
        fields = ("at", "user", "action", "model", "object_repr", "fields")
        order_by = ("-at",)
        empty_text = _("No change matches.")
        attrs: ClassVar[dict[str, str]] = {"class": "list changes"}

    def __init__(self, data: QuerySet[Change], **kwargs: Any) -> None:
        super().__init__(data.select_related("user"), **kwargs)
        self._wording = Wording()
        self._worded: dict[int, ChangeInWords] = {}

    def worded(self, change: Change) -> ChangeInWords:
        if change.pk not in self._worded:
            self._worded[change.pk] = self._wording(change)
        return self._worded[change.pk]

    def render_user(self, value: Any) -> str:
        return str(value.get_full_name() or value)

    def value_user(self, value: Any) -> str:
        return self.render_user(value)

    def render_model(self, record: Change) -> str:
        return self.worded(record).kind

    def value_model(self, record: Change) -> str:
        return self.render_model(record)

    def render_object_repr(self, record: Change) -> str:
        return self.worded(record).name

    def value_object_repr(self, record: Change) -> str:
        return self.render_object_repr(record)

    def _pairs(self, record: Change) -> list[tuple[str, str]]:
        shown = []
        for field in self.worded(record).fields:
            if record.action == Change.Action.UPDATE:
                shown.append((field.label, f"{field.before} → {field.after}"))
            else:
                shown.append((field.label, field.before if record.action == Change.Action.DELETE else field.after))
        return shown

    def render_fields(self, record: Change) -> Any:
        pairs = self._pairs(record)
        if not pairs:
            return ""
        items = format_html_join("", "<li><strong>{}</strong>: {}</li>", pairs)
        return format_html('<ul class="changed">{}</ul>', items)

    def value_fields(self, record: Change) -> str:
        return "; ".join(f"{label}: {text}" for label, text in self._pairs(record))
