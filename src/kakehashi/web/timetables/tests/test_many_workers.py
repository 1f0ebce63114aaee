"""Many task workers on many machines (issue 20): three real `db_worker` processes, each with an environment of its
own as on separate machines (only the database is shared), take a dozen queued solves and two long ones. Every job
runs exactly once and finishes; the worker killed (SIGKILL) in the middle of a long solve stores nothing and its
job ends failed, in the job and in the task queue; progress and cancel reach the job whichever worker holds it.
PostgreSQL only: the workers are other processes, which SQLite's in-memory test database cannot serve."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kakehashi.web import queues
from kakehashi.web.testing import side, wait_until
from kakehashi.web.timetables import jobs, tasks
from kakehashi.web.timetables.models import SolveJob, TimetableVersion

MACHINES = ("machine-a", "machine-b", "machine-c")
TINY_SOLVES = 12


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(name: str, home: Path) -> subprocess.Popen[bytes]:
    """A solve worker as its own machine would run it: its own data folder, temporary folder and home."""
    for folder in ("data", "tmp"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "KAKEHASHI_DATA_DIR": str(home / "data"),
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "kakehashi.web.test_settings",
    }
    command = [sys.executable, "-m", "kakehashi.web.manage", "db_worker", "--no-reload", "--no-startup-delay"]
    return subprocess.Popen(
        [*command, "--queue-name", queues.SOLVES, "--worker-id", name, "-v", "0"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def task_row(job: SolveJob) -> DBTaskResult:
    job.refresh_from_db()
    return DBTaskResult.objects.get(id=job.task_id)


def start_solve(program: object, time_limit: int) -> SolveJob:
    from django.contrib.auth.models import AnonymousUser

    return tasks.solve_job_start(
        program=program, user=AnonymousUser(), time_limit=time_limit, keep_locked=False, stay_close=False
    )


@pytest.mark.django_db(transaction=True)  # the workers are other processes: they must see committed rows
def test_three_workers_on_their_own_machines_run_every_solve_once_and_a_killed_one_stores_nothing(
    tmp_path: Path,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("workers in other processes need a database server they can share: run on PostgreSQL")
    # Two weeks big enough that no solve proves them optimal in minutes: they run until killed or cancelled.
    doomed = side("Doomed", prefix="D", seed=31, schools=30, alts=9)
    cancelled = side("Cancelled", prefix="C", seed=32, schools=30, alts=9)
    tiny = [side(f"Tiny {n}", prefix=f"T{n}-", seed=40 + n, schools=3, alts=1) for n in range(TINY_SOLVES)]
    killed_job, cancelled_job = start_solve(doomed.program, 600), start_solve(cancelled.program, 600)
    workers = {name: start_worker(name, tmp_path / name) for name in MACHINES}
    try:
        running = [SolveJob.State.RUNNING]
        wait_until(
            lambda: SolveJob.objects.filter(pk__in=[killed_job.pk, cancelled_job.pk], state__in=running).count() == 2,
            "two workers to take the two long solves",
        )
        # The dozen queued at once, while two workers are busy: the third takes them, later the others too.
        tiny_jobs = [start_solve(one.program, 5) for one in tiny]

        # Progress from another process: the heartbeat and the best timetable so far reach the database.
        wait_until(
            lambda: SolveJob.objects.filter(pk=cancelled_job.pk, best_objective__isnull=False).exists(),
            "the long solve's first progress",
        )
        first = SolveJob.objects.get(pk=cancelled_job.pk).elapsed
        wait_until(lambda: SolveJob.objects.get(pk=cancelled_job.pk).elapsed > first, "the progress to move on")

        holder = task_row(killed_job).worker_ids[0]
        os.killpg(workers[holder].pid, signal.SIGKILL)  # no clean-up of any kind: as if the machine lost power
        workers[holder].wait(timeout=60)

        jobs.solve_job_cancel(job=SolveJob.objects.get(pk=cancelled_job.pk))  # as the job page's button does
        wait_until(
            lambda: SolveJob.objects.get(pk=cancelled_job.pk).state == SolveJob.State.CANCELLED,
            "the cancelled solve to end with its best timetable",
        )
        open_states = [SolveJob.State.QUEUED, SolveJob.State.RUNNING]
        wait_until(
            lambda: not SolveJob.objects.filter(pk__in=[j.pk for j in tiny_jobs], state__in=open_states).exists(),
            "the surviving workers to finish every queued solve",
        )
        # The killed worker's heartbeat goes stale; the next look (a page, the API) fails its job.
        wait_until(lambda: jobs.solve_jobs_fail_stale() or killed_job_state(killed_job) == SolveJob.State.FAILED,
                   "the killed worker's job to be failed", patience=jobs.STALE_AFTER.seconds + 300)
    finally:
        for process in workers.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in workers.values():
            process.wait(timeout=120)

    for job in tiny_jobs:
        job.refresh_from_db()
        assert job.state == SolveJob.State.SUCCEEDED, job.message
        assert len(task_row(job).worker_ids) == 1  # taken by one worker, once
        assert task_row(job).status == TaskResultStatus.SUCCESSFUL
    for one in tiny:
        assert TimetableVersion.objects.filter(program=one.program).count() == 1  # stored exactly once
    assert set().union(*(task_row(job).worker_ids for job in [*tiny_jobs, killed_job, cancelled_job])) <= set(
        MACHINES
    )

    cancelled_job.refresh_from_db()
    assert cancelled_job.version is not None and cancelled_job.version.program == cancelled.program
    assert task_row(cancelled_job).worker_ids != [holder]

    killed_job.refresh_from_db()
    assert killed_job.state == SolveJob.State.FAILED and "killed or crashed" in killed_job.message
    assert not TimetableVersion.objects.filter(program=doomed.program).exists()  # nothing half-stored
    assert task_row(killed_job).status == TaskResultStatus.FAILED  # not "running" for ever in the queue


def killed_job_state(job: SolveJob) -> str:
    return SolveJob.objects.values_list("state", flat=True).get(pk=job.pk)
