"""The daily reports list: every report the reader decides, with a box on each one waiting to approve many."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core import dates
from kakehashi.web.core.tables import NOWRAP, DayColumn, MomentColumn, ParticipantRowsTable, SelectColumn
from kakehashi.web.duties.models import DailyReport


class DailyReportTable(ParticipantRowsTable):
    export_name = "daily-reports"

    selected = SelectColumn(when=lambda report: report.status == DailyReport.Status.SUBMITTED)
    date = DayColumn(verbose_name=_("date"))
    hours = tables.Column(verbose_name=_("hours"), accessor="total_hours", orderable=False)
    status = tables.Column(verbose_name=_("status"), attrs=NOWRAP)
    submitted_at = MomentColumn(verbose_name=_("submitted on"), default="—")

    class Meta(ParticipantRowsTable.Meta):
        model = DailyReport
        fields = ("selected", "date", "code", "participant", "program", "hours", "status", "submitted_at")
        empty_text = _("No daily report matches.")

    def render_date(self, value: object, record: DailyReport) -> SafeString:
        return format_html('<a href="{}">{}</a>', reverse("duties:report", args=[record.pk]), dates.day(record.date))

    def value_date(self, record: DailyReport) -> object:
        return record.date

    def render_participant(self, record: DailyReport) -> SafeString:
        link = reverse("duties:history", args=[record.participant.code])
        return format_html('<a href="{}">{}</a>', link, record.participant.name)

    def value_participant(self, record: DailyReport) -> str:
        return record.participant.name
