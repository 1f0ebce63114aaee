"""Solve jobs: run by the real database worker, cancelled with the best so far, failed in words when the
worker dies or the week is broken, and followed from the page."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from kakehashi.web import queues
from kakehashi.web.schools.models import BellPeriod
from kakehashi.web.testing import IMMEDIATE_TASKS, PASSWORD
from kakehashi.web.testing import world as build_world
from kakehashi.web.timetables import jobs, tasks
from kakehashi.web.timetables.models import LessonRow, LockedVisit, SolveJob, TimetableVersion, VisitRow

pytestmark = pytest.mark.django_db
IMMEDIATE = IMMEDIATE_TASKS
WORKER = [sys.executable, "-m", "kakehashi.web.manage", "db_worker"]


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_a_job_run_by_the_database_worker_stores_a_new_timetable_version() -> None:
    north, _, _ = build_world()
    job = tasks.solve_job_start(
        program=north.program, user=north.users["coordinator"], time_limit=5, keep_locked=True, stay_close=False
    )
    job.refresh_from_db()
    assert job.state == SolveJob.State.QUEUED and job.task_id
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", queues.SOLVES)
    job.refresh_from_db()
    assert job.state == SolveJob.State.SUCCEEDED, job.message
    assert job.version is not None and job.version.objective == job.best_objective
    assert job.version.created_by == north.users["coordinator"]


def test_a_locked_visit_is_kept_by_the_solve(world: Any) -> None:
    north, _, _ = world
    alt, school = north.alts[1], north.schools[-1]
    LockedVisit.objects.create(program=north.program, participant=alt, day="thu", school=school)
    job = SolveJob.objects.create(program=north.program, time_limit=5)
    assert ("thu", school.code) in {(f.day, f.school) for f in jobs.job_instance(job).fixed if f.alt == alt.code}
    tasks.run_solve_job.call(job.pk)
    job.refresh_from_db()
    assert job.version.visits.filter(participant=alt, day="thu", school=school).exists()


def test_cancelling_a_running_solve_ends_it_early_and_keeps_the_best_timetable(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    north, _, _ = world
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.05)
    job = SolveJob.objects.create(program=north.program, time_limit=600, cancel_requested=True)
    tasks.run_solve_job.call(job.pk)
    job.refresh_from_db()
    # Cancelled, not run to its 600 s limit: the state says so, with the best timetable kept. (How
    # quickly is for the benchmarks; a timed assertion fails on a busy machine.)
    assert job.state == SolveJob.State.CANCELLED and job.version is not None


def test_a_job_whose_worker_died_is_failed_and_nothing_is_stored(world: Any) -> None:
    north, _, _ = world
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    job = SolveJob.objects.create(program=north.program, state=SolveJob.State.RUNNING, heartbeat_at=long_ago)
    assert jobs.solve_jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == SolveJob.State.FAILED and "killed or crashed" in job.message
    assert not TimetableVersion.objects.exists()


def test_a_week_the_core_refuses_fails_the_job_with_the_json_path(world: Any) -> None:
    north, _, _ = world
    first = BellPeriod.objects.filter(school=north.schools[0]).order_by("start").first()
    BellPeriod.objects.create(school=north.schools[0], variant="default", period="X", start=first.start, end=first.end)
    job = SolveJob.objects.create(program=north.program, time_limit=5)
    with pytest.raises(Exception, match="bells"):
        tasks.run_solve_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == SolveJob.State.FAILED and "bells" in job.message


@override_settings(TASKS=IMMEDIATE)
def test_the_coordinator_starts_a_solve_and_follows_it_on_the_page(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/programs/{north.program.pk}/solve/", {"time_limit": 5, "keep_locked": "on"})
    assert response.status_code == 302
    job = SolveJob.objects.get()
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "done" in partial and "Timetable version 1 stored" in partial
    assert 'hx-trigger="every 1s"' not in partial  # a finished job stops polling
    assert job.pk and client.get(f"/jobs/{job.pk}/").status_code == 200


def test_another_programs_job_is_not_found(world: Any) -> None:
    north, south, _ = world
    job = SolveJob.objects.create(program=south.program)
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/jobs/{job.pk}/cancel/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_half_way_through_storing_leaves_no_timetable_and_its_job_is_failed() -> None:
    import os
    import signal
    import subprocess
    import time

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("a second process needs a database file or server it can share: run on PostgreSQL")
    north, _, _ = build_world()
    job = tasks.solve_job_start(
        program=north.program, user=north.users["coordinator"], time_limit=3, keep_locked=True, stay_close=False
    )
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "kakehashi.web.test_settings",
    }
    # The test blocks writes to the lesson rows, so the worker's store stops half-way however fast the solve
    # is: the version and its visits are written, its lessons are not. The kill lands right there.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {LessonRow._meta.db_table} IN SHARE MODE")
        worker = subprocess.Popen(
            [*WORKER, "--no-startup-delay", "--no-reload", "--queue-name", queues.SOLVES],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not _waiting_to_write(LessonRow._meta.db_table):
                time.sleep(0.5)
            job.refresh_from_db()
            assert job.state == SolveJob.State.RUNNING, job.message
            assert _waiting_to_write(LessonRow._meta.db_table), "the worker never reached the lesson rows"
        finally:
            os.killpg(worker.pid, signal.SIGKILL)  # no clean-up of any kind: as if the machine lost power
            worker.wait(timeout=30)
            _end_other_sessions()  # the server would notice the dead client on its next write; do not wait
    assert not TimetableVersion.objects.exists() and not VisitRow.objects.exists()
    # Time passes without a heartbeat; the next page view (or worker) fails the job.
    SolveJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
    assert jobs.solve_jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == SolveJob.State.FAILED and not TimetableVersion.objects.exists()


def _waiting_to_write(table: str) -> bool:
    """Whether another session of this database is waiting on a lock to insert into `table`."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps showing the first look at pg_stat_activity unless told not to.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            " AND pid <> pg_backend_pid() AND query ILIKE %s",
            [f'INSERT INTO "{table}"%'],
        )
        return bool(cursor.fetchone()[0])


def _end_other_sessions() -> None:
    """End the dead worker's session: it waits on a lock or sits in its transaction. Idle sessions are left
    alone: the browser tests' live server (one for the whole run) keeps one, and ending it failed a later test."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'"
        )


@pytest.mark.django_db(transaction=True)
def test_a_dead_workers_task_is_failed_in_the_queue_too_not_left_running_for_ever() -> None:
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    north, _, _ = build_world()
    job = tasks.solve_job_start(
        program=north.program, user=north.users["coordinator"], time_limit=5, keep_locked=True, stay_close=False
    )
    job.refresh_from_db()
    row = DBTaskResult.objects.get(id=job.task_id)
    row.claim("machine-that-lost-power")  # taken by a worker that then died without a word
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    SolveJob.objects.filter(pk=job.pk).update(state=SolveJob.State.RUNNING, heartbeat_at=long_ago)
    assert jobs.solve_jobs_fail_stale() == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and "WorkerStoppedError" in row.exception_class_path
