"""A large program's solve fanned out over the task queue: one job an area, then one job that joins them.

The solve job of a week with more than `KAKEHASHI_AREA_SCHOOLS` schools splits it into areas at once
(kakehashi.timetable.solve.areas: no timetable is made first) and queues one area job each; any worker on
any machine takes them, and each solves its area as a week of its own. The last area to finish queues
the join, which lays the areas' timetables side by side, improves across the borders and stores the week
like any solve (one transaction, the checker first). When an area found no timetable, the join solves the
whole week instead. Nothing is stored before the join: a worker killed in an area leaves that area
running with a stale heartbeat, and the whole solve is then reported failed with nothing written.

Every area job and the join record the id of the task that carries them (tasks.py queues them), so the
queue's row of a dead worker's task is marked failed too, whichever worker had it.

Time: the areas end by `1 - JOIN_SHARE` of the job's limit after it started; an area takes its share of
what is left when it starts, as if `KAKEHASHI_SOLVE_WORKERS` workers took the waiting areas side by side.
The join gets the rest, and at least JOIN_MIN_SECONDS.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.areas import (
    AREA_SCHOOLS,
    JOIN_SHARE,
    MIN_AREA_SECONDS,
    Area,
    AreaResult,
    join_areas,
    plan_areas,
    solve_area,
    whole_week_seconds,
)
from kakehashi.web.timetables.models import AreaJob, SolveJob

JOIN_MIN_SECONDS = 5.0


def area_schools() -> int:
    return int(getattr(settings, "KAKEHASHI_AREA_SCHOOLS", AREA_SCHOOLS))


def split_into_areas(job: SolveJob, document: dict[str, Any], instance: Instance, *, began: float,
                     queue_area: Callable[[int], None]) -> bool:
    """Split the week and hand each area to `queue_area` once committed; False when it stays one area (the
    caller solves it whole)."""
    areas = plan_areas(instance, area_schools())
    if len(areas) < 2:
        return False
    with transaction.atomic():
        SolveJob.objects.filter(pk=job.pk).update(
            week=document, areas_total=len(areas), areas_done=0, split_at_elapsed=time.monotonic() - began,
            heartbeat_at=timezone.now())
        rows = [AreaJob.objects.create(job=job, number=area.number, schools=list(area.schools), alts=list(area.alts))
                for area in areas]

        def enqueue_areas() -> None:
            for row in rows:
                queue_area(row.pk)

        transaction.on_commit(enqueue_areas)
    return True


def _area_result(row: AreaJob) -> AreaResult | None:
    """A finished area's timetable, or None when it found none."""
    if row.result is None:
        return None
    return AreaResult(row.number, tuple(tuple(v) for v in row.result["visits"]),
                      tuple(tuple(a) for a in row.result["lessons"]), row.objective)


def area_seconds(job: SolveJob, waiting: int, now: dt.datetime | None = None) -> float:
    """An area's time: what is left of the areas' share of the job's limit, over the rounds the solve
    workers need for the `waiting` areas not yet started (this one included)."""
    workers = max(1, int(getattr(settings, "KAKEHASHI_SOLVE_WORKERS", 1)))
    started = job.started_at or timezone.now()
    left = (started - (now or timezone.now())).total_seconds() + (1 - JOIN_SHARE) * job.time_limit
    return max(MIN_AREA_SECONDS, left / math.ceil(max(1, waiting) / workers))


def area_job_run(area_job_id: int, *, queue_join: Callable[[int], None]) -> None:
    """The area task's body: solve the area, keep its timetable, and hand the solve to `queue_join` (tasks.py
    queues the join) when it is the last area."""
    from kakehashi.web.timetables.jobs import JobHeartbeat

    row = AreaJob.objects.select_related("job").get(pk=area_job_id)
    job = row.job
    if row.state != SolveJob.State.QUEUED:
        return  # a retry of an area that already ran
    waiting = AreaJob.objects.filter(job=job, state=SolveJob.State.QUEUED).count()
    now = timezone.now()
    AreaJob.objects.filter(pk=row.pk).update(state=SolveJob.State.RUNNING, started_at=now, heartbeat_at=now)
    result: AreaResult | None = None
    if job.state == SolveJob.State.RUNNING and not job.cancel_requested:
        instance = parse_instance(job.week)
        area = Area(row.number, tuple(row.schools), tuple(row.alts))
        beat = JobHeartbeat(job.pk, began=_began(job), area_job_id=row.pk)
        try:
            result = solve_area(instance, area, time_limit=area_seconds(job, waiting, now), workers=2, stop=beat.stop)
        finally:
            beat.close()
    fields: dict[str, Any] = {"state": SolveJob.State.SUCCEEDED, "finished_at": timezone.now()}
    if result is not None:
        fields |= {"result": {"visits": [list(v) for v in result.visits], "lessons": [list(a) for a in result.lessons]},
                   "objective": result.objective}
    with transaction.atomic():
        parent = SolveJob.objects.select_for_update().get(pk=job.pk)
        AreaJob.objects.filter(pk=row.pk).update(**fields)
        SolveJob.objects.filter(pk=parent.pk).update(areas_done=parent.areas_done + 1, heartbeat_at=timezone.now())
        if parent.areas_done + 1 == parent.areas_total:
            transaction.on_commit(lambda: queue_join(parent.pk))


def area_join_run(job_id: int) -> None:
    """The join task's body: the areas' timetables side by side, improved across the borders (or the whole
    week solved when an area found none), then stored; or the job ends in words."""
    from kakehashi.web.timetables.jobs import JobHeartbeat, finish_job, job_failed

    job = SolveJob.objects.get(pk=job_id)
    if job.state != SolveJob.State.RUNNING:
        return
    began = _began(job)
    SolveJob.objects.filter(pk=job.pk).update(joining=True, heartbeat_at=timezone.now())
    try:
        rows = list(job.areas.order_by("number"))
        results = [_area_result(row) for row in rows]
        if job.cancel_requested and None in results:
            SolveJob.objects.filter(pk=job.pk).update(
                state=SolveJob.State.CANCELLED, finished_at=timezone.now(), elapsed=time.monotonic() - began,
                message="Cancelled before every area had a timetable; nothing was stored.")
            return
        instance = parse_instance(job.week)
        elapsed = time.monotonic() - began
        limit = job.time_limit - elapsed if None not in results else whole_week_seconds(job.time_limit, elapsed)
        beat = JobHeartbeat(job.pk, began=began)
        try:
            areas = [Area(row.number, tuple(row.schools), tuple(row.alts)) for row in rows]
            solution = join_areas(instance, areas, results, time_limit=max(JOIN_MIN_SECONDS, limit), workers=2,
                                  stop=beat.stop)
        finally:
            beat.close()
        finish_job(job, instance, solution, began)
    except Exception as error:
        job_failed(job, began, error)
        raise


def _began(job: SolveJob) -> float:
    """The job's start on this process's monotonic clock (its areas and join run on other processes)."""
    return time.monotonic() - (timezone.now() - (job.started_at or timezone.now())).total_seconds()


def area_jobs_fail_stale(now: dt.datetime | None = None, stale_after: dt.timedelta | None = None) -> int:
    """An area whose worker stopped answering fails, and with it the whole solve (nothing was stored) and
    the area's task in the queue."""
    from kakehashi.web.timetables.jobs import STALE_AFTER, tasks_fail

    cutoff = (now or timezone.now()) - (stale_after or STALE_AFTER)
    dead = list(AreaJob.objects.filter(state=SolveJob.State.RUNNING, heartbeat_at__lt=cutoff)
                .values_list("pk", "job_id", "task_id"))
    if not dead:
        return 0
    finished = timezone.now()
    AreaJob.objects.filter(pk__in=[pk for pk, _, _ in dead]).update(state=SolveJob.State.FAILED, finished_at=finished)
    SolveJob.objects.filter(pk__in={job for _, job, _ in dead}, state=SolveJob.State.RUNNING).update(
        state=SolveJob.State.FAILED, finished_at=finished,
        message="A worker stopped before finishing its area (killed or crashed); nothing was stored. "
                "Start the solve again.")
    tasks_fail([task for _, _, task in dead])
    return len(dead)
