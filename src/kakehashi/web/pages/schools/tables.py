"""The schools list's table."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import NOWRAP, WIDE_ONLY, ListTable, RangeColumn
from kakehashi.web.core.templatetags.kakehashi import names
from kakehashi.web.schools.models import School


def _by_shown_name(queryset: QuerySet[School], organization: str, descending: bool) -> QuerySet[School]:
    """Sorted by the name the reader sees: the Japanese name (else the English one) on a Japanese page, the
    English name on an English page; then by code, so that equal names keep one order."""
    shown: Coalesce | F
    if (get_language() or "").startswith("ja"):
        shown = Coalesce(NullIf(F(f"{organization}__name_ja"), Value("")), F(f"{organization}__name"))
    else:
        shown = F(f"{organization}__name")
    key = shown.desc(nulls_last=True) if descending else shown.asc(nulls_last=True)
    return queryset.order_by(key, "code")


class SchoolTable(ListTable):
    export_name = "schools"

    code = tables.Column(verbose_name=_("id"), attrs=NOWRAP)
    school = tables.Column(verbose_name=_("school"), accessor="organization__name", order_by=("organization__name",))
    name_ja = tables.Column(verbose_name=_("name (Japanese)"), accessor="organization__name_ja", visible=False)
    level = tables.Column(verbose_name=_("level"), attrs=NOWRAP)
    board = tables.Column(
        verbose_name=_("board of education"),
        accessor="organization__parent__name",
        order_by=("organization__parent__name",),
        default="—",
        attrs=WIDE_ONLY,
    )
    visit_days = RangeColumn("visit_days", verbose_name=_("visit days a week"))

    class Meta(ListTable.Meta):
        model = School
        fields = ("code", "school", "name_ja", "level", "board", "visit_days")
        empty_text = _("No school matches.")

    def order_school(self, queryset: QuerySet[School], is_descending: bool) -> tuple[QuerySet[School], bool]:
        return _by_shown_name(queryset, "organization", is_descending), True

    def order_board(self, queryset: QuerySet[School], is_descending: bool) -> tuple[QuerySet[School], bool]:
        return _by_shown_name(queryset, "organization__parent", is_descending), True

    def render_school(self, record: School) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("schools:detail", args=[record.code]), names(record))

    def value_school(self, record: School) -> str:
        return record.name

    def render_board(self, record: School) -> str:
        # The board as the reader names it: 高崎市教育委員会 on a Japanese page and in a Japanese download.
        return record.board.display_name if record.board is not None else "—"

    def value_board(self, record: School) -> str:
        return self.render_board(record)
