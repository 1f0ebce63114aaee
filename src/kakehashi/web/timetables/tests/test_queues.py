"""Queues by kind (issue 20): a sick day's cover proposal is served by the quick queue's worker while every solve
waits for a worker of the solves queue, so a prefecture's long solve never delays a cover."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from kakehashi.web import queues
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.services import absence_report
from kakehashi.web.testing import publish_week
from kakehashi.web.testing import world as build_world
from kakehashi.web.timetables import tasks
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.models import SolveJob
from kakehashi.web.timetables.selectors import published_version

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def worker_batch(queue: str) -> None:
    """A real database worker serving one queue, run until that queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", queue)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_a_cover_is_proposed_by_the_quick_worker_while_the_solves_wait_for_their_own_worker() -> None:
    north, _, _ = build_world()
    publish_week(north.program)
    alt = north.alts[0]
    week = version_solution(published_version(north.program))
    teaching = {visit.day for visit in week.visits if visit.alt == alt.code}
    day = timezone.localdate()
    while WEEKDAYS[day.weekday()] not in teaching:
        day += dt.timedelta(days=1)
    solve = tasks.solve_job_start(
        program=north.program, user=north.users["coordinator"], time_limit=5, keep_locked=True, stay_close=False
    )
    absence_report(participant=alt, date=day)  # enqueues the cover proposal, after the solve

    worker_batch(queues.QUICK)
    assert Cover.objects.filter(program=north.program, date=day, absent=[alt.code]).exists()
    solve.refresh_from_db()
    assert solve.state == SolveJob.State.QUEUED  # no quick worker ever takes a solve

    worker_batch(queues.SOLVES)
    solve.refresh_from_db()
    assert solve.state == SolveJob.State.SUCCEEDED, solve.message
