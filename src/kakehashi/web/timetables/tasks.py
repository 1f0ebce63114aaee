"""Background tasks (Django's tasks framework; django-tasks-db runs them from the database)."""

from __future__ import annotations

from django.tasks import task

from kakehashi.web import queues
from kakehashi.web.timetables.area_jobs import area_job_run, area_join_run
from kakehashi.web.timetables.jobs import solve_job_run
from kakehashi.web.timetables.services import publish_notices_send


# On its own queue: a solve holds its worker for minutes, and quick jobs must not wait behind it.
@task(queue_name=queues.SOLVES)
def run_solve_job(job_id: int) -> None:
    solve_job_run(job_id)


@task(queue_name=queues.SOLVES)  # an area of a large program is a solve like any other
def run_area_job(area_job_id: int) -> None:
    area_job_run(area_job_id)


@task(queue_name=queues.SOLVES)
def run_area_join(job_id: int) -> None:
    area_join_run(job_id)


# People wait on these emails in minutes, not behind a prefecture's solve; the publish request only records.
@task(queue_name=queues.QUICK)
def send_publish_notices(version_id: int, replaced_id: int | None) -> None:
    publish_notices_send(version_id=version_id, replaced_id=replaced_id)
