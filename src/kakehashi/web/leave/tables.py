"""The coordinator's leave list (with a box on each row to decide many at once) and the absences list."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.tables import (
    NOWRAP,
    TEXT,
    DayColumn,
    ParticipantRowsTable,
    SelectColumn,
)
from kakehashi.web.leave.models import LeaveRequest

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
