"""The schools list's table."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import NOWRAP, WIDE_ONLY, ListTable, RangeColumn
from kakehashi.web.core.templatetags.kakehashi import names
from kakehashi.web.schools.models import School


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

    def render_school(self, record: School) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("schools:detail", args=[record.code]), names(record))

    def value_school(self, record: School) -> str:
        return record.name

    def render_board(self, record: School) -> str:
        # The board as the reader names it: 高崎市教育委員会 on a Japanese page and in a Japanese download.
        return record.board.display_name if record.board is not None else "—"

    def value_board(self, record: School) -> str:
        return self.render_board(record)
