"""Background tasks: proposing substitute cover takes a few seconds a date, so it runs in the worker."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.tasks import task

from kakehashi.web import queues
from kakehashi.web.leave.covers import cover_propose
from kakehashi.web.organizations.models import Program

log = logging.getLogger(__name__)


# A coordinator waits on this the morning of a sick day: never behind a prefecture's solve.
@task(queue_name=queues.QUICK)
def propose_covers(program_id: int, dates: list[str]) -> None:
    program = Program.objects.get(pk=program_id)
    for text in dates:
        try:
            cover_propose(program=program, date=dt.date.fromisoformat(text))
        except ValidationError as error:  # e.g. no published timetable yet: the coordinator's page says so
            log.warning("no cover proposed for %s on %s: %s", program, text, error)
