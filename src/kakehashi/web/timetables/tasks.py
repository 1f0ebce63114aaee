"""Background tasks (Django's tasks framework; django-tasks-db runs them from the database), and starting them.

This module alone knows the queue: it imports the jobs' bodies (jobs.py, area_jobs.py) and hands each body the
way to queue what comes after it, so the bodies never import the tasks back.
"""

from __future__ import annotations

from typing import Any

from django.tasks import task

from kakehashi.web import queues
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.area_jobs import area_job_run, area_join_run
from kakehashi.web.timetables.jobs import solve_job_run
from kakehashi.web.timetables.models import SolveJob


# On its own queue: a solve holds its worker for minutes, and quick jobs must not wait behind it.
@task(queue_name=queues.SOLVES)
def run_solve_job(job_id: int) -> None:
    solve_job_run(job_id, queue_area=_queue_area)


@task(queue_name=queues.SOLVES)  # an area of a large program is a solve like any other
def run_area_job(area_job_id: int) -> None:
    area_job_run(area_job_id, queue_join=_queue_join)


@task(queue_name=queues.SOLVES)
def run_area_join(job_id: int) -> None:
    area_join_run(job_id)


def _queue_area(area_job_id: int) -> None:
    run_area_job.enqueue(area_job_id)


def _queue_join(job_id: int) -> None:
    run_area_join.enqueue(job_id)


def solve_job_start(*, program: Program, user: Any, time_limit: int, keep_locked: bool, stay_close: bool) -> SolveJob:
    """A new solve job for the program, queued once its row is committed."""
    job = SolveJob.objects.create(
        program=program,
        requested_by=user if user.is_authenticated else None,
        time_limit=time_limit,
        keep_locked=keep_locked,
        stay_close=stay_close,
    )
    job.enqueue_when_committed(run_solve_job)
    return job
