"""A cycle's applications list, with a box on each row to move many to a stage at once."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import ListTable, MomentColumn, SelectColumn
from kakehashi.web.recruitment.models import Application
from kakehashi.web.recruitment.selectors import stage_names


class ApplicationTable(ListTable):
    export_name = "applications"

    selected = SelectColumn(field="applications", form="move-many")
    full_name = tables.Column(verbose_name=_("name"))
    email = tables.Column(verbose_name=_("email"), visible=False)
    citizenships = tables.Column(verbose_name=_("citizenships"))
    japanese_level = tables.Column(verbose_name=_("Japanese"))
    submitted_at = MomentColumn(verbose_name=_("sent"), format="Y-m-d H:i T")
    status = tables.Column(verbose_name=_("stage"))
    interview_at = MomentColumn(verbose_name=_("interview"), format="Y-m-d H:i T", default="—")

    class Meta(ListTable.Meta):
        model = Application
        fields = (
            "selected", "full_name", "email", "citizenships", "japanese_level", "submitted_at", "status", "interview_at"
        )
        order_by = ("submitted_at",)
        empty_text = _("No applications.")

    def render_full_name(self, record: Application) -> SafeString:
        link = reverse("recruitment:application", args=[record.pk])
        return format_html('<a href="{}">{}</a><br><span class="muted">{}</span>', link, record.full_name, record.email)

    def value_full_name(self, record: Application) -> str:
        return record.full_name

    def render_status(self, record: Application) -> SafeString:
        return format_html('<span class="tag">{}</span>', stage_names(record.status))

    def value_status(self, record: Application) -> str:
        return stage_names(record.status)
