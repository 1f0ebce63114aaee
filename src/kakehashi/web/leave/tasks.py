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


@task(queue_name=queues.QUICK)  # offers of cover and their mails: people wait on them, as on a cover
def advance_offers(program_id: int) -> None:
    """At a round's deadline: those who did not answer are passed over and the next people are asked."""
    from kakehashi.web.leave.offers import offers_advance

    offers_advance(program=Program.objects.get(pk=program_id))


@task(queue_name=queues.QUICK)
def offer_automatically(leave_id: int, dates: list[str]) -> None:
    """The program's rule sends offers for an absence by itself (e.g. one reported on the morning)."""
    from kakehashi.web.leave.models import LeaveRequest
    from kakehashi.web.leave.offers import offer_send

    leave = LeaveRequest.objects.select_related("participant__program").get(pk=leave_id)
    for text in dates:
        try:
            offer_send(
                program=leave.participant.program,
                date=dt.date.fromisoformat(text),
                absent=leave.participant,
                automatic=True,
            )
        except ValidationError as error:  # nothing to cover that day, or already on offer
            log.info("no offer sent for %s on %s: %s", leave.participant, text, error)
