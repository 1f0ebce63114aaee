"""The coordinator's leave list (with a box on each row to decide many at once) and the absences list."""

from __future__ import annotations

from typing import Any, ClassVar

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import (
    NOWRAP,
    TEXT,
    DayColumn,
    ListTable,
    MomentColumn,
    ParticipantRowsTable,
    SelectColumn,
)
from kakehashi.web.leave.models import LeaveRequest, Notice

WAITING = (LeaveRequest.Status.REQUESTED, LeaveRequest.Status.REPORTED)


class AbsenceTable(ParticipantRowsTable):
    """Everyone away: leave approved and absences reported on the day."""

    export_name = "absences"

    kind = tables.Column(verbose_name=_("kind"), attrs=NOWRAP)
    starts = DayColumn(verbose_name=_("first day"))
    ends = DayColumn(verbose_name=_("last day"))
    status = tables.Column(verbose_name=_("status"), attrs=NOWRAP)
    reason = tables.Column(verbose_name=_("reason"), default="", attrs=TEXT)

    class Meta(ParticipantRowsTable.Meta):
        model = LeaveRequest
        fields = ("code", "participant", "program", "kind", "starts", "ends", "status", "reason")
        empty_text = _("Nobody is away.")


class LeaveTable(AbsenceTable):
    """Every leave request; a waiting one has a box, to approve or refuse it alone or with others."""

    export_name = "leave"

    selected = SelectColumn(when=lambda leave: leave.status in WAITING)

    class Meta(AbsenceTable.Meta):
        sequence = ("selected", *AbsenceTable.Meta.fields)
        empty_text = _("No leave request matches.")


class NoticeTable(ListTable):
    """A user's notices, newest first; an unread one stands out until "Mark all as read"."""

    export_name = "notices"

    at = MomentColumn(verbose_name=_("when"))
    subject = tables.Column(verbose_name=_("subject"), attrs=TEXT)
    body = tables.Column(verbose_name=_("message"), attrs={"td": {"class": "text notice"}}, orderable=False)
    read_at = MomentColumn(verbose_name=_("read on"), default="")
    link = tables.Column(verbose_name="", orderable=False, exclude_from_export=True, default="")

    class Meta(ListTable.Meta):
        model = Notice
        fields = ("at", "subject", "body", "read_at", "link")
        order_by = ("-at",)
        empty_text = _("No notices.")
        row_attrs: ClassVar[dict[str, Any]] = {"class": lambda record: "" if record.read_at else "unread"}

    def render_link(self, value: str) -> Any:
        """A notice that asks for an answer (an offer of cover) opens where it is answered."""
        return format_html('<a class="button primary" href="{}">{}</a>', value, gettext("Open and answer"))
