"""Background task of the year balance (Django's tasks framework; django-tasks-db runs it from the database)."""

from __future__ import annotations

from django.tasks import task

from kakehashi.web import queues
from kakehashi.web.yearbalance.jobs import balance_job_run


# Balancing a year is a solve (CP-SAT over the dated visits): it holds its worker, so it waits with the solves.
@task(queue_name=queues.SOLVES)
def run_balance_job(job_id: int) -> None:
    balance_job_run(job_id)
