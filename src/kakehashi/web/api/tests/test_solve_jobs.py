"""Solve jobs as a resource: POST starts one (the program page's solve form), GET follows its progress (elapsed,
best objective, bound, gap), DELETE cancels it; the version it stores is analysed as on the analysis page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.testing import IMMEDIATE_TASKS
from kakehashi.web.timetables.models import SolveJob

pytestmark = pytest.mark.django_db
IMMEDIATE = IMMEDIATE_TASKS


def test_a_job_started_through_the_api_waits_for_the_worker_shows_its_progress_and_is_cancelled(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    client = script(north.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):  # queued for the database worker, which is not running
        started = client.post(
            "/api/solve-jobs/", {"program": north.program.pk, "time_limit": 30, "keep_locked": True}, format="json"
        )
    assert started.status_code == 201
    job = started.json()
    assert job["state"] == "queued" and job["time_limit"] == 30 and job["keep_locked"] and not job["stay_close"]
    progress = client.get(f"/api/solve-jobs/{job['id']}/").json()
    assert progress["state"] == "queued" and progress["percent"] == 0 and progress["elapsed"] == 0
    assert SolveJob.objects.get(pk=job["id"]).task_id  # it is on the worker's queue
    cancelled = client.delete(f"/api/solve-jobs/{job['id']}/")
    assert cancelled.status_code == 202
    assert cancelled.json()["state"] == "cancelled" and cancelled.json()["finished"]


def test_a_running_job_reports_elapsed_time_best_objective_proven_bound_and_gap(world: Any) -> None:
    north, _, _ = world
    from django.utils import timezone

    job = SolveJob.objects.create(
        program=north.program,
        time_limit=60,
        state=SolveJob.State.RUNNING,
        heartbeat_at=timezone.now(),
        elapsed=15.0,
        best_objective=90_000,
        bound=100_000,
    )
    progress = script(north.users["coordinator"]).get(f"/api/solve-jobs/{job.pk}/").json()
    assert progress["state"] == "running" and progress["elapsed"] == 15.0 and progress["percent"] == 25
    assert progress["best_objective"] == 90_000 and progress["bound"] == 100_000
    assert progress["gap"] == pytest.approx(0.1)


@override_settings(TASKS=IMMEDIATE)
def test_a_finished_job_names_its_version_whose_analysis_breaks_the_objective_down_by_rule(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    client = script(north.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the job at once
        started = client.post("/api/solve-jobs/", {"program": north.program.pk, "time_limit": 5}, format="json")
    job = client.get(f"/api/solve-jobs/{started.json()['id']}/").json()
    assert job["state"] == "succeeded", job["message"]
    assert job["version"] is not None and job["best_objective"] is not None and job["percent"] == 100

    version = client.get(f"/api/timetable-versions/{job['version']}/").json()
    assert version["objective"] == job["best_objective"] and version["state"] == "draft"
    assert version["visits"] and version["lessons"]

    analysis = client.get(f"/api/timetable-versions/{job['version']}/analysis/").json()
    terms = analysis["terms"]
    assert analysis["objective"] == job["best_objective"]
    assert analysis["objective"] == (
        terms["coverage"] - terms["travel_cost"] - terms["shortfall_cost"] - terms["extra_alt_cost"]
    )
    assert {row["school"] for row in analysis["schools"]} == {s.code for s in north.schools}
    assert sum(row["coverage"] for row in analysis["schools"]) == terms["coverage"]
    assert {row["alt"] for row in analysis["alts"]} == {a.code for a in north.alts}
    assert analysis["covered"] == len(version["lessons"])
    assert analysis["classes"] - analysis["classes_with_alt"] == len(analysis["uncovered"])
    assert all(row["reason"] for row in analysis["uncovered"])

    page = client.get(f"/api/timetable-versions/{job['version']}/timetable/").json()
    assert len(page["visits"]) == len(version["visits"])


def test_the_solve_options_are_checked_by_the_page_s_solve_form(world: Any) -> None:
    north, _, _ = world
    refused = script(north.users["coordinator"]).post(
        "/api/solve-jobs/", {"program": north.program.pk, "time_limit": 1}, format="json"
    )
    assert refused.status_code == 400 and "time_limit" in refused.json()
    assert not SolveJob.objects.exists()


def test_another_program_s_job_is_404_and_another_program_cannot_be_solved(world: Any) -> None:
    north, south, _ = world
    job = SolveJob.objects.create(program=south.program)
    client = script(north.users["coordinator"])
    assert client.get(f"/api/solve-jobs/{job.pk}/").status_code == 404
    assert client.delete(f"/api/solve-jobs/{job.pk}/").status_code == 404
    assert (
        client.post("/api/solve-jobs/", {"program": south.program.pk, "time_limit": 5}, format="json").status_code
        == 404
    )
    assert SolveJob.objects.get(pk=job.pk).state == "queued"
