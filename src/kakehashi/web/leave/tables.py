"""The coordinator's leave list (with a box on each row to decide many at once) and the absences list."""

from __future__ import annotations

from typing import Any, ClassVar

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import NOWRAP, TEXT, WIDE_ONLY, DayColumn, ListTable, MomentColumn, SelectColumn
from kakehashi.web.leave.models import LeaveRequest, Notice

WAITING = (LeaveRequest.Status.REQUESTED, LeaveRequest.Status.REPORTED)


class AbsenceTable(ListTable):
    """Everyone away: leave approved and absences reported on the day."""

    export_name = "absences"

    code = tables.Column(verbose_name=_("id"), accessor="participant__code", attrs=NOWRAP)
    participant = tables.Column(
        verbose_name=_("participant"), accessor="participant__name", order_by=("participant__name",)
    )
    program = tables.Column(
        verbose_name=_("program"),
        accessor="participant__program__name",
        order_by=("participant__program__name",),
        attrs=WIDE_ONLY,
    )
    kind = tables.Column(verbose_name=_("kind"), attrs=NOWRAP)
    starts = DayColumn(verbose_name=_("first day"))
    ends = DayColumn(verbose_name=_("last day"))
    status = tables.Column(verbose_name=_("status"), attrs=NOWRAP)
    reason = tables.Column(verbose_name=_("reason"), default="", attrs=TEXT)

    class Meta(ListTable.Meta):
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

    class Meta(ListTable.Meta):
        model = Notice
        fields = ("at", "subject", "body", "read_at")
        order_by = ("-at",)
        empty_text = _("No notices.")
        row_attrs: ClassVar[dict[str, Any]] = {"class": lambda record: "" if record.read_at else "unread"}
