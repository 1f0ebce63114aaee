"""A large program's solve fanned out over the task queue: one job an area, then one job that joins them.

The solve job of a week with more than `KAKEHASHI_AREA_SCHOOLS` schools makes the valid first timetable,
splits the week into areas (kakehashi.timetable.solve.areas) and queues one area job each; any worker on
any machine takes them. The last area to finish queues the join, which lays the areas' results over the
first timetable, improves across the borders and stores the week like any solve (one transaction, the
checker first). Nothing is stored before the join: a worker killed in an area leaves that area running
with a stale heartbeat, and the whole solve is then reported failed with nothing written.

Time: the areas share the time left after the split as if `KAKEHASHI_SOLVE_WORKERS` workers took them
side by side; the join gets what remains of the job's time limit, and at least JOIN_MIN_SECONDS.
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

from kakehashi.timetable.format import parse_instance, parse_solution, solution_to_json
from kakehashi.timetable.instance import Instance, Solution
from kakehashi.timetable.solve import first_timetable
from kakehashi.timetable.solve.areas import AREAS_SHARE, Area, AreaResult, improve_area, join_areas, plan_areas
from kakehashi.web.timetables.models import AreaJob, SolveJob

JOIN_MIN_SECONDS = 5.0
AREA_MIN_SECONDS = 5.0


def area_schools() -> int:
    return int(getattr(settings, "KAKEHASHI_AREA_SCHOOLS", 150))


def split_into_areas(job: SolveJob, document: dict[str, Any], instance: Instance, *, began: float,
                     watcher: Any, queue_area: Callable[[int], None]) -> bool:
    """Make the first timetable and hand each area to `queue_area` once committed; False when there is no first
    timetable (the caller solves whole)."""
    start = first_timetable(instance, time_limit=job.time_limit, workers=2)
    if start is None or watcher.stop():
        return False
    areas = plan_areas(instance, start, area_schools())
    with transaction.atomic():
        SolveJob.objects.filter(pk=job.pk).update(
            week=document, start=solution_to_json(start), areas_total=len(areas), areas_done=0,
            split_at_elapsed=time.monotonic() - began, best_objective=start.objective, heartbeat_at=timezone.now())
        rows = [AreaJob.objects.create(job=job, number=area.number, schools=list(area.schools), alts=list(area.alts))
                for area in areas]

        def enqueue_areas() -> None:
            for row in rows:
                queue_area(row.pk)

        transaction.on_commit(enqueue_areas)
    return True


def _area_result(row: AreaJob) -> AreaResult:
    result = row.result
    assert result is not None  # only finished areas are read
    return AreaResult(row.number, tuple(row.alts), tuple(tuple(v) for v in result["visits"]),
                      tuple(tuple(a) for a in result["lessons"]), row.gain)


def _week_and_start(job: SolveJob) -> tuple[Instance, Solution]:
    return parse_instance(job.week), parse_solution(job.start)


def area_seconds(job: SolveJob) -> float:
    """Each area's share of the time left after the split, with the solve workers taking areas side by side."""
    workers = max(1, int(getattr(settings, "KAKEHASHI_SOLVE_WORKERS", 1)))
    rounds = math.ceil(max(1, job.areas_total) / workers)
    left = max(0.0, job.time_limit - job.split_at_elapsed)
    return max(AREA_MIN_SECONDS, AREAS_SHARE * left / rounds)


def area_job_run(area_job_id: int, *, queue_join: Callable[[int], None]) -> None:
    """The area task's body: improve the area, keep its result, and hand the solve to `queue_join` (tasks.py
    queues the join) when it is the last area."""
    from kakehashi.web.timetables.jobs import JobHeartbeat

    row = AreaJob.objects.select_related("job").get(pk=area_job_id)
    job = row.job
    if row.state != SolveJob.State.QUEUED:
        return  # a retry of an area that already ran
    now = timezone.now()
    AreaJob.objects.filter(pk=row.pk).update(state=SolveJob.State.RUNNING, started_at=now, heartbeat_at=now)
    result: AreaResult | None = None
    if job.state == SolveJob.State.RUNNING and not job.cancel_requested:
        instance, start = _week_and_start(job)
        area = Area(row.number, tuple(row.schools), tuple(row.alts))
        beat = JobHeartbeat(job.pk, began=_began(job), area_job_id=row.pk)
        try:
            result = improve_area(instance, start, area, time_limit=area_seconds(job), workers=2)
        finally:
            beat.close()
    fields: dict[str, Any] = {"state": SolveJob.State.SUCCEEDED, "finished_at": timezone.now()}
    if result is not None:
        fields |= {"result": {"visits": [list(v) for v in result.visits], "lessons": [list(a) for a in result.lessons]},
                   "gain": result.gain}
    with transaction.atomic():
        parent = SolveJob.objects.select_for_update().get(pk=job.pk)
        AreaJob.objects.filter(pk=row.pk).update(**fields)
        SolveJob.objects.filter(pk=parent.pk).update(areas_done=parent.areas_done + 1, heartbeat_at=timezone.now())
        if parent.areas_done + 1 == parent.areas_total:
            transaction.on_commit(lambda: queue_join(parent.pk))


def area_join_run(job_id: int) -> None:
    """The join task's body: every area's result over the first timetable, improved across the borders,
    then stored (or the job ends in words)."""
    from kakehashi.web.timetables.jobs import JobHeartbeat, finish_job, job_failed

    job = SolveJob.objects.get(pk=job_id)
    if job.state != SolveJob.State.RUNNING:
        return
    began = _began(job)
    SolveJob.objects.filter(pk=job.pk).update(joining=True, heartbeat_at=timezone.now())
    try:
        instance, start = _week_and_start(job)
        results = [_area_result(row) for row in job.areas.filter(result__isnull=False).order_by("number")]
        left = job.time_limit - (time.monotonic() - began)
        beat = JobHeartbeat(job.pk, began=began)
        try:
            solution = join_areas(instance, start, results, time_limit=max(JOIN_MIN_SECONDS, left), workers=2)
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
    """An area whose worker stopped answering fails, and with it the whole solve (nothing was stored)."""
    from kakehashi.web.timetables.jobs import STALE_AFTER

    cutoff = (now or timezone.now()) - (stale_after or STALE_AFTER)
    dead = list(AreaJob.objects.filter(state=SolveJob.State.RUNNING, heartbeat_at__lt=cutoff)
                .values_list("pk", "job_id"))
    if not dead:
        return 0
    finished = timezone.now()
    AreaJob.objects.filter(pk__in=[pk for pk, _ in dead]).update(state=SolveJob.State.FAILED, finished_at=finished)
    SolveJob.objects.filter(pk__in={job for _, job in dead}, state=SolveJob.State.RUNNING).update(
        state=SolveJob.State.FAILED, finished_at=finished,
        message="A worker stopped before finishing its area (killed or crashed); nothing was stored. "
                "Start the solve again.")
    return len(dead)
