"""A large program's solve fanned out over the queue: one job an area, a join that stores the week once,
and a dead area worker that fails the whole solve with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from kakehashi.timetable.check import check
from kakehashi.web import queues
from kakehashi.web.testing import signed_in
from kakehashi.web.testing import world as build_world
from kakehashi.web.timetables import jobs, tasks
from kakehashi.web.timetables.door import version_instance, version_solution
from kakehashi.web.timetables.models import AreaJob, SolveJob, TimetableVersion


@pytest.mark.django_db(transaction=True)  # the workers commit, as in production
@override_settings(KAKEHASHI_AREA_SCHOOLS=2)
def test_a_week_above_the_area_size_is_solved_as_area_jobs_and_joined_into_one_stored_timetable() -> None:
    north, _, _ = build_world()
    job = tasks.solve_job_start(program=north.program, user=north.users["coordinator"], time_limit=12,
                               keep_locked=True, stay_close=False)
    # One worker in batch mode runs the solve, then every area it queued, then the join it queued last.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", queues.SOLVES)
    job.refresh_from_db()
    assert job.state == SolveJob.State.SUCCEEDED, job.message
    areas = list(AreaJob.objects.filter(job=job))
    assert job.areas_total == len(areas) >= 2 and job.areas_done == len(areas)
    assert all(area.state == SolveJob.State.SUCCEEDED for area in areas)
    version = job.version
    assert version is not None and TimetableVersion.objects.filter(program=north.program).count() == 1
    assert check(version_instance(version), version_solution(version)) == []
    assert "areas of nearby schools" in job.message


@pytest.mark.django_db(transaction=True)
@override_settings(KAKEHASHI_AREA_SCHOOLS=2)
def test_an_area_whose_worker_died_fails_the_whole_solve_and_nothing_is_stored() -> None:
    north, _, _ = build_world()
    job = SolveJob.objects.create(program=north.program, time_limit=10)
    # The solve splits the week and queues its areas (no worker takes them here).
    tasks.run_solve_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == SolveJob.State.RUNNING and job.areas_total >= 2
    first = AreaJob.objects.filter(job=job).first()
    assert first is not None
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    AreaJob.objects.filter(pk=first.pk).update(state=SolveJob.State.RUNNING, heartbeat_at=long_ago)
    SolveJob.objects.filter(pk=job.pk).update(heartbeat_at=long_ago)
    jobs.solve_jobs_fail_stale()
    job.refresh_from_db()
    assert job.state == SolveJob.State.FAILED and "area" in job.message
    assert not TimetableVersion.objects.filter(program=north.program).exists()


@pytest.mark.django_db(transaction=True)
@override_settings(KAKEHASHI_AREA_SCHOOLS=2)
def test_a_solve_waiting_for_workers_to_take_its_areas_is_not_taken_for_dead() -> None:
    north, _, _ = build_world()
    job = SolveJob.objects.create(program=north.program, time_limit=10)
    tasks.run_solve_job.call(job.pk)
    SolveJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
    jobs.solve_jobs_fail_stale()
    job.refresh_from_db()
    assert job.state == SolveJob.State.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_week_below_the_area_size_is_solved_in_one_piece() -> None:
    north, _, _ = build_world()
    job = SolveJob.objects.create(program=north.program, time_limit=5)
    tasks.run_solve_job.call(job.pk)
    job.refresh_from_db()
    assert job.state == SolveJob.State.SUCCEEDED and job.areas_total == 0
    assert not AreaJob.objects.filter(job=job).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "words"), [("ja", "4 地域のうち 1 地域が完了"), ("en", "1 of 4 areas done")])
def test_the_job_page_shows_how_many_areas_are_done_in_the_readers_language(language: str, words: str) -> None:
    north, _, _ = build_world()
    job = SolveJob.objects.create(program=north.program, time_limit=60, state=SolveJob.State.RUNNING,
                                  areas_total=4, areas_done=1)
    page = signed_in(north.users["coordinator"]).get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert words in page.content.decode()
