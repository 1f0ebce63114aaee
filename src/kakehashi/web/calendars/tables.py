"""A school's or a board's events of one school year as a list like the others: sorted, filtered, a page at a
time, and downloaded, each with its compensatory day off and, for those who may, the links to change it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from kakehashi.schoolyear import EventKind
from kakehashi.web.calendars.listing import EventRow
from kakehashi.web.core import dates
from kakehashi.web.core.tables import NOWRAP, TEXT, DayColumn, ListTable


@dataclass(frozen=True)
class ListedEvent:
    row: EventRow
    editable: bool  # the reader may change it (a board's event on a school's page: whoever edits the board)


class EventTable(ListTable):
    export_name = "events"

    starts = DayColumn(verbose_name=_("date"), accessor="row__event__starts")
    ends = DayColumn(verbose_name=_("last day"), accessor="row__event__ends")
    kind = tables.Column(verbose_name=_("kind"), accessor="row__event__kind", attrs=NOWRAP)
    name = tables.Column(verbose_name=_("name"), accessor="row__event__name", attrs=TEXT)
    compensatory = tables.Column(
        verbose_name=_("compensatory day off"), accessor="row__compensatory", default="", orderable=False
    )
    actions = tables.Column(
        verbose_name="",
        accessor="editable",
        orderable=False,
        exclude_from_export=True,
        attrs={"td": {"class": "noprint"}},
    )

    class Meta(ListTable.Meta):
        empty_text = _("No events in this school year.")

    def render_kind(self, record: ListedEvent) -> str:
        return str(record.row.event.get_kind_display())

    def value_kind(self, record: ListedEvent) -> str:
        return self.render_kind(record)

    def render_name(self, record: ListedEvent) -> Any:
        name = record.row.event.display_name
        if record.row.board_wide:
            return format_html('{} <span class="tag">{}</span>', name, _gettext("whole board"))
        return name

    def value_name(self, record: ListedEvent) -> str:
        return record.row.event.display_name

    def render_compensatory(self, value: Any) -> str:
        return dates.day(value) if value else ""

    def value_compensatory(self, value: Any) -> Any:
        return value or ""

    def render_actions(self, record: ListedEvent) -> Any:
        if not record.editable:
            return ""
        event = record.row.event
        links = [(reverse("calendars:event_edit", args=[event.pk]), _gettext("Edit"))]
        if event.kind == EventKind.SPORTS_DAY.value:
            links.append((reverse("calendars:event_rained_out", args=[event.pk]), _gettext("Rained out")))
        links.append((reverse("calendars:event_delete", args=[event.pk]), _gettext("Delete")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)
