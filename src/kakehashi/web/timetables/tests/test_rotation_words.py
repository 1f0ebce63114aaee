"""A rule a rotation breaks reads on the page in the reader's words (issue 19): a solve of a two-week rotation
that leaves a school short of its days over the rotation is refused, and the Japanese coordinator who asked for
it reads why in Japanese on the job's page, not the checker's English."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest

from kakehashi.timetable.cycle.solve import solve_cycle
from kakehashi.web.core.models import LanguagePreference
from kakehashi.web.testing import signed_in
from kakehashi.web.timetables.door import program_cycle
from kakehashi.web.timetables.jobs import finish_job
from kakehashi.web.timetables.models import SolveJob
from kakehashi.web.timetables.tests.rotation import two_week_rotation

pytestmark = pytest.mark.django_db


def refused_rotation_job(side: Any) -> SolveJob:
    """A solve job of the side's two-week rotation, asked for by its coordinator, whose timetable leaves one
    school without visits and so is refused for the school's days over the rotation."""
    two_week_rotation(side)
    cycle = program_cycle(side.program)
    solution = solve_cycle(cycle, time_limit=4, workers=1)
    school = next(s for s in cycle.base.schools if s.visit_days.min > 0)
    # The school's visits and lessons taken out: only its days over the rotation fall short.
    held_there = {lesson.id for lesson in school.lessons}
    short = replace(
        solution,
        visits=tuple(v for v in solution.visits if v.school != school.id),
        lessons=tuple(a for a in solution.lessons if a.lesson not in held_there),
    )
    job = SolveJob.objects.create(program=side.program, time_limit=4, requested_by=side.users["coordinator"])
    finish_job(job, cycle, short, time.monotonic())
    job.refresh_from_db()
    return job


def test_a_japanese_coordinator_reads_a_rule_the_rotation_breaks_in_japanese(world: Any) -> None:
    north, _, _ = world
    coordinator = north.users["coordinator"]
    LanguagePreference.objects.create(user=coordinator, language="ja")

    job = refused_rotation_job(north)

    assert job.state == SolveJob.State.FAILED
    page = signed_in(coordinator).get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "ローテーション1周の ALT 訪問日数は0日" in page
    assert "rule 13" not in page and "visit_days" not in page
    assert "よりよい時間割を探しています" not in page  # a refused job is no longer looking for anything
