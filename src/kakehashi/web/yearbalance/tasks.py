"""Background task of the year balance (Django's tasks framework; django-tasks-db runs it from the database), and
starting it. The job's body (jobs.py) never imports this module."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.tasks import task

from kakehashi.schoolyear import SchoolYear
from kakehashi.web import queues
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.yearbalance.jobs import NothingPublishedError, balance_job_run
from kakehashi.web.yearbalance.models import BalanceJob


# Balancing a year is a solve (CP-SAT over the dated visits): it holds its worker, so it waits with the solves.
@task(queue_name=queues.SOLVES)
def run_balance_job(job_id: int) -> None:
    balance_job_run(job_id)


def balance_job_start(*, program: Program, user: Any, today: dt.date, time_limit: int = 30) -> BalanceJob:
    """A balance of the program's published week from tomorrow on, queued once its row is committed."""
    version = published_version(program)
    if version is None:
        raise NothingPublishedError
    job = BalanceJob.objects.create(
        program=program,
        version=version,
        requested_by=user if user.is_authenticated else None,
        year=SchoolYear.of(today),
        # Today's visits are under way (and counted as delivered): the balance changes tomorrow on.
        changes_from=today + dt.timedelta(days=1),
        time_limit=time_limit,
    )
    job.enqueue_when_committed(run_balance_job)
    return job
