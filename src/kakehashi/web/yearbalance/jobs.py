"""The *Balance the year* job: a coordinator starts it, the task worker runs the year plan on the published week
(a one-week cycle) over the current school year, and the page words the result for review.

Only the published week is balanced: a program's week is one week today, so the cycle has one week. The
contracts are the schools' `annual_visit_days`; the platform keeps no yearly limit for ALTs yet, so no ALT has
one here. The school events are those of the calendars app (each school's and its board's). A year under way is balanced
from tomorrow on: visits up to today happened (or did not) and count as they are."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.events import SchoolEvent
from kakehashi.schoolyear.yearplan.contracts import AnnualContracts
from kakehashi.schoolyear.yearplan.plan import plan_year
from kakehashi.schoolyear.yearplan.result import YearPlan
from kakehashi.timetable.cycle.model import cycle_of_week, cycle_solution_of_week
from kakehashi.timetable.instance import ALL_DAYS, Solution
from kakehashi.web.calendars.selectors import school_calendar, school_events
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.door import version_instance, version_solution
from kakehashi.web.timetables.selectors import program_schools
from kakehashi.web.yearbalance.models import BalanceJob

# Lost dates kept per school that stays short, for the page to name (the core's own account names five).
LOST_DATES_KEPT = 5
# A balance runs its time limit and a few seconds more (laying the year, reading the calendars); one still
# running this long after its limit lost its worker (killed, crashed, machine restarted).
STALE_AFTER_LIMIT = dt.timedelta(minutes=5)


class NothingPublishedError(Exception):
    """The program has no published week to balance."""


def balance_jobs_fail_stale(now: dt.datetime | None = None) -> int:
    """Mark as failed the running balances whose worker stopped before finishing; nothing was published."""
    now = now or timezone.now()
    stale = [
        job.pk
        for job in BalanceJob.objects.filter(state=BalanceJob.State.RUNNING, started_at__isnull=False)
        if job.started_at is not None
        and job.started_at + dt.timedelta(seconds=job.time_limit) + STALE_AFTER_LIMIT < now
    ]
    return BalanceJob.objects.filter(pk__in=stale).update(
        state=BalanceJob.State.FAILED,
        finished_at=now,
        message="The worker stopped before finishing (killed or crashed). Start the balance again.",
    )


def _step(job: BalanceJob, step: str, **fields: Any) -> None:
    BalanceJob.objects.filter(pk=job.pk).update(step=step, **fields)


def balance_job_run(job_id: int) -> None:
    """The task's body: lay the published week over the year, balance it, keep the result (or say why not)."""
    job = BalanceJob.objects.select_related("program", "version").get(pk=job_id)
    if job.state != BalanceJob.State.QUEUED:
        return  # a retry of a job that already ran
    _step(job, "reading the week and the calendars", state=BalanceJob.State.RUNNING, started_at=timezone.now())
    try:
        if job.version is None:
            raise NothingPublishedError("the week this balance was started on is no longer stored")
        instance, solution = version_instance(job.version), version_solution(job.version)
        year = SchoolYear(job.year)
        schools = [s for s in program_schools(job.program) if s.code in instance.school_by_id]
        contracts = AnnualContracts(
            {s.code: int(s.annual_visit_days) for s in schools if s.annual_visit_days is not None}
        )
        events: list[SchoolEvent] = [event for school in schools for event in school_events(school)]
        _step(job, "balancing the year")
        plan = plan_year(
            cycle_of_week(instance), cycle_solution_of_week(solution), year, contracts,
            events=events, time_limit=job.time_limit, workers=1, changes_from=job.changes_from,
        )
        result = {**plan.to_json(), "lost": lost_not_given_back(plan, solution, schools, year, job.changes_from)}
        del result["visits"]  # every dated visit of the year: the dated plan has them, the review does not
        BalanceJob.objects.filter(pk=job.pk).update(
            state=BalanceJob.State.SUCCEEDED, finished_at=timezone.now(), step="", result=result
        )
    except Exception as error:  # the job must end in words, whatever went wrong
        BalanceJob.objects.filter(pk=job.pk).update(
            state=BalanceJob.State.FAILED, finished_at=timezone.now(), message=str(error)[:2000]
        )
        raise


def lost_not_given_back(
    plan: YearPlan, week: Solution, schools: list[School], year: SchoolYear, changes_from: dt.date
) -> dict[str, dict[str, Any]]:
    """For each school left short: how many of its week's visits fall on term days without lessons from
    `changes_from` on (`count`, the most a balance could give back), and the first such dates no move gives back
    (`dates`, ISO): the page says why each had no lessons, from the school's calendar."""
    short = {row.school for row in plan.schools if row.contracted is not None and row.after < row.contracted}
    moved_from = {(m.school, m.date) for m in plan.moves if m.kind == "moved"}
    found: dict[str, dict[str, Any]] = {}
    for school in schools:
        if school.code not in short:
            continue
        calendar = school_calendar(school, year.year)
        visits_on = Counter(ALL_DAYS.index(v.day) for v in week.visits if v.school == school.code)
        lost = [d.date for d in calendar.days() if d.date >= changes_from and year.term_of(d.date) is not None
                and not d.has_lessons and visits_on[d.date.weekday()]]
        unplaced = [d for d in lost if (school.code, d) not in moved_from]
        found[school.code] = {
            "count": sum(visits_on[d.weekday()] for d in lost),
            "dates": [d.isoformat() for d in unplaced[:LOST_DATES_KEPT]],
        }
    return found
