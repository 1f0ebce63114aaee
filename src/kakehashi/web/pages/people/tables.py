"""The participants list's table."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import NOWRAP, WIDE_ONLY, ListTable, RangeColumn
from kakehashi.web.people.models import Participant


class ParticipantTable(ListTable):
    export_name = "participants"

    code = tables.Column(verbose_name=_("id"), attrs=NOWRAP)
    name = tables.Column(verbose_name=_("name"))
    name_katakana = tables.Column(verbose_name=_("name (katakana)"), visible=False)
    kind = tables.Column(verbose_name=_("position"))
    program = tables.Column(verbose_name=_("program"), order_by=("program__name",), attrs=WIDE_ONLY)
    classes = RangeColumn("classes", verbose_name=_("classes a week"))

    class Meta(ListTable.Meta):
        model = Participant
        fields = ("code", "name", "name_katakana", "kind", "program", "classes")
        empty_text = _("No participant matches.")

    def render_name(self, record: Participant) -> Any:
        link = reverse("people:detail", args=[record.code])
        return format_html('<a href="{}">{}</a> <span class="muted">{}</span>', link, record.name, record.name_katakana)

    def value_name(self, record: Participant) -> str:
        return record.name

    def render_kind(self, record: Participant) -> str:
        return record.kind.upper()

    def value_kind(self, record: Participant) -> str:
        return record.kind.upper()
