"""Solve jobs: a coordinator starts one, the task worker runs it, the page follows its progress.

The timetable is stored in one transaction at the very end, together with the job's success: a worker
killed at any moment leaves the job unfinished (and, once its heartbeat is stale, failed) and no
half-written timetable. Cancel is cooperative: the solve polls the job's flag and ends with the best
timetable so far, which is then stored like any other.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from kakehashi.timetable.cycle.format import is_cycle_document, parse_cycle
from kakehashi.timetable.cycle.model import Cycle, CycleSolution
from kakehashi.timetable.cycle.solve import solve_cycle
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.instance import Instance, Solution, Status
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.model import Progress
from kakehashi.web.core.actor import acting_as
from kakehashi.web.core.languages import language_of
from kakehashi.web.timetables.area_jobs import area_schools, split_into_areas
from kakehashi.web.timetables.door import program_document, version_solution
from kakehashi.web.timetables.models import AreaJob, LockedVisit, SolveJob
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.timetables.services import TimetableRefusedError, timetable_store

logger = logging.getLogger(__name__)

# A running job whose worker has not written a heartbeat for this long is taken as dead.
STALE_AFTER = dt.timedelta(seconds=30)
HEARTBEAT_SECONDS = 1.0


def solve_job_cancel(*, job: SolveJob) -> None:
    if job.state == SolveJob.State.QUEUED:
        SolveJob.objects.filter(pk=job.pk, state=SolveJob.State.QUEUED).update(
            state=SolveJob.State.CANCELLED, finished_at=timezone.now(), message="Cancelled before it started."
        )
    SolveJob.objects.filter(pk=job.pk).update(cancel_requested=True)


class WorkerStoppedError(RuntimeError):
    """The task worker running a job stopped answering (killed, crashed, its machine lost)."""


def solve_jobs_fail_stale(now: dt.datetime | None = None) -> int:
    """Mark as failed the running jobs whose worker stopped answering (killed, crashed, machine restarted), and
    their rows in the task queue too: a killed worker leaves its task "running" there for ever, which the queue's
    admin and any count of running tasks would believe.

    A job solved in areas waits for workers between its steps: its areas' heartbeats speak for it until
    the join starts (area_jobs.py)."""
    from kakehashi.web.timetables.area_jobs import area_jobs_fail_stale

    cutoff = (now or timezone.now()) - STALE_AFTER
    failed_areas = area_jobs_fail_stale(now)
    in_one_piece = Q(areas_total=0) | Q(joining=True)
    stale = SolveJob.objects.filter(in_one_piece, state=SolveJob.State.RUNNING, heartbeat_at__lt=cutoff)
    task_ids = list(stale.values_list("task_id", flat=True))
    failed = stale.update(
        state=SolveJob.State.FAILED,
        finished_at=timezone.now(),
        message="The worker stopped before finishing (killed or crashed); nothing was stored. Start the solve again.",
    )
    tasks_fail(task_ids)
    return failed_areas + failed


def tasks_fail(task_ids: list[str]) -> None:
    """The queue's rows of tasks whose worker died, marked failed (they would stay "running" for ever)."""
    ids = [i for i in (_uuid(task_id) for task_id in task_ids) if i]
    for row in DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING):
        row.set_failed(WorkerStoppedError(f"no heartbeat from the worker for {STALE_AFTER.seconds} s"))


def _uuid(text: str) -> uuid.UUID | None:
    """A task's id in the database queue (another backend's ids, or none, are not in that table)."""
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def job_instance(job: SolveJob) -> Instance:
    """The program's week, with the coordinator's locked visits as fixed visits when the job keeps them."""
    return parse_instance(job_week(job))


def job_week(job: SolveJob) -> dict[str, Any]:
    """The document a job solves (see job_instance): week@1, or cycle@1 for a rotation of several weeks, where a
    locked visit is fixed in every week of the rotation."""
    document = program_document(job.program)
    if job.keep_locked:
        fixed = {(f["alt"], f["day"], f["school"]) for f in document["fixed"]}
        for lock in LockedVisit.objects.filter(program=job.program).select_related("participant", "school"):
            key = (lock.participant.code, lock.day, lock.school.code)
            if key not in fixed:
                document["fixed"].append({"alt": key[0], "day": key[1], "school": key[2]})
                fixed.add(key)
    return document


def solve_job_run(job_id: int, *, queue_area: Callable[[int], None]) -> None:
    """The task's body: solve, report progress, store the result (or say why not). A large week is split into
    areas instead, each handed to `queue_area` (tasks.py queues them) once the split is committed."""
    job = SolveJob.objects.select_related("program").get(pk=job_id)
    if job.state != SolveJob.State.QUEUED:
        return  # cancelled while waiting, or a retry of a job that already ran
    now = timezone.now()
    SolveJob.objects.filter(pk=job.pk).update(state=SolveJob.State.RUNNING, started_at=now, heartbeat_at=now)
    began = time.monotonic()
    try:
        document = job_week(job)
        if is_cycle_document(document):
            _solve_rotation(job, parse_cycle(document), began)
            return
        instance = parse_instance(document)
        hint = _published_hint(job) if job.stay_close else None
        watcher = JobHeartbeat(job.pk, began=began)
        try:
            # A large week goes out to the queue in areas (area_jobs.py); staying close to the published
            # week is a whole-week hint, so that choice keeps the week in one piece.
            if hint is None and len(instance.schools) > area_schools() \
                    and split_into_areas(job, document, instance, began=began, queue_area=queue_area):
                return
            solution = solve(
                instance, time_limit=job.time_limit, workers=2, hint=hint, progress=watcher.progress, stop=watcher.stop
            )
        finally:
            watcher.close()
        finish_job(job, instance, solution, began)
    except Exception as error:  # the job must end in words, whatever went wrong
        job_failed(job, began, error)
        raise


def _solve_rotation(job: SolveJob, cycle: Cycle, began: float) -> None:
    """A rotation of several weeks: the cycle solver, in one piece (never in areas, never from the published
    timetable), with the same heartbeat, progress (the best of the week being solved) and cancel."""
    watcher = JobHeartbeat(job.pk, began=began)
    try:
        solution = solve_cycle(
            cycle, time_limit=job.time_limit, workers=2, progress=lambda _week, found: watcher.progress(found),
            stop=watcher.stop,
        )
    finally:
        watcher.close()
    finish_job(job, cycle, solution, began)


def job_failed(job: SolveJob, began: float, error: Exception) -> None:
    SolveJob.objects.filter(pk=job.pk).update(
        state=SolveJob.State.FAILED,
        finished_at=timezone.now(),
        elapsed=time.monotonic() - began,
        message=str(error)[:2000],
    )


def _published_hint(job: SolveJob) -> Solution | None:
    version = published_version(job.program)
    return version_solution(version) if version is not None else None


def finish_job(
    job: SolveJob, instance: Instance | Cycle, solution: Solution | CycleSolution, began: float
) -> None:
    fields: dict[str, Any] = {
        "finished_at": timezone.now(),
        "elapsed": time.monotonic() - began,
        "best_objective": solution.objective,
        "bound": solution.bound,
        "message": " ".join(solution.explanation)[:4000],
    }
    if solution.status not in (Status.OPTIMAL, Status.FEASIBLE):
        SolveJob.objects.filter(pk=job.pk).update(state=SolveJob.State.FAILED, **fields)
        return
    cancelled = SolveJob.objects.filter(pk=job.pk, cancel_requested=True).exists()
    # A refusal is kept as words on the job's page: in the language of the coordinator who asked for the solve.
    try:
        with (
            translation.override(language_of(job.requested_by)),
            transaction.atomic(),
            acting_as(job.requested_by, f"solve-job-{job.pk}"),
        ):
            version = timetable_store(program=job.program, instance=instance, solution=solution, user=job.requested_by)
            SolveJob.objects.filter(pk=job.pk).update(
                state=SolveJob.State.CANCELLED if cancelled else SolveJob.State.SUCCEEDED, version=version, **fields
            )
    except TimetableRefusedError as refused:
        SolveJob.objects.filter(pk=job.pk).update(state=SolveJob.State.FAILED, **{**fields, "message": str(refused)})


class JobHeartbeat:
    """The solve's two hooks and the job's heartbeat. `progress` (called from the solver's threads) and `stop`
    (polled five times a second) only touch memory; one thread of the job's own writes the heartbeat, the
    elapsed time and the best figures every second and reads the cancel flag, from the first second on
    (construction and the bound come before the search). An area's job (`area_job_id`) beats for its area
    and for the whole solve, and leaves the elapsed time and the figures to the whole."""

    def __init__(self, job_id: int, *, began: float | None = None, area_job_id: int | None = None) -> None:
        self.job_id, self.began, self.area_job_id = job_id, began, area_job_id
        self.best: Progress | None = None
        self.cancelled = False
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"solve-job-{job_id}-heartbeat", daemon=True)
        self.thread.start()

    def progress(self, report: Progress) -> None:
        self.best = report

    def stop(self) -> bool:
        return self.cancelled

    def close(self) -> None:
        self.done.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.done.wait(HEARTBEAT_SECONDS):
                try:
                    self._write()
                except DatabaseError as error:  # a busy database must not end the solve
                    logger.warning("solve job progress not written: %s", error)
        finally:
            connections.close_all()  # this thread's own connection: a job leaves none behind

    def _write(self) -> None:
        now = timezone.now()
        fields: dict[str, Any] = {"heartbeat_at": now}
        if self.area_job_id is not None:
            AreaJob.objects.filter(pk=self.area_job_id).update(heartbeat_at=now)
        if self.began is not None:
            fields["elapsed"] = time.monotonic() - self.began
        if self.best is not None:
            fields |= {"best_objective": self.best.objective, "bound": self.best.bound}
        SolveJob.objects.filter(pk=self.job_id).update(**fields)
        self.cancelled = SolveJob.objects.filter(pk=self.job_id, cancel_requested=True).exists()
