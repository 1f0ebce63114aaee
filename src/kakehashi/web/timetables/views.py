"""Solve jobs as pages: start one, follow its progress live (htmx polling), cancel it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.accounts.scope import coordinated_programs, has_role
from kakehashi.web.timetables.forms import SolveForm
from kakehashi.web.timetables.jobs import solve_job_cancel, solve_jobs_fail_stale
from kakehashi.web.timetables.models import SolveJob
from kakehashi.web.timetables.tasks import solve_job_start


def _job(request: HttpRequest, pk: int) -> SolveJob:
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    job: SolveJob = get_object_or_404(
        SolveJob.objects.filter(program__in=coordinated_programs(request.user)).select_related("program", "version"),
        pk=pk,
    )
    return job


@login_required
def solve_start(request: HttpRequest, program_pk: int) -> HttpResponse:
    if request.method != "POST" or not has_role(request.user, "coordinator"):
        raise PermissionDenied
    program = get_object_or_404(coordinated_programs(request.user), pk=program_pk)
    form = SolveForm(request.POST)
    if not form.is_valid():
        return render(request, "timetables/solve_form.html", {"program": program, "form": form}, status=400)
    job = solve_job_start(program=program, user=request.user, **form.cleaned_data)
    return redirect("jobs:detail", pk=job.pk)


@login_required
def job_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    solve_jobs_fail_stale()
    job = _job(request, pk)
    template = "timetables/job.html#progress" if request.htmx else "timetables/job.html"
    return render(request, template, {"job": job})


@login_required
def job_cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise PermissionDenied
    job = _job(request, pk)
    solve_job_cancel(job=job)
    job.refresh_from_db()
    if request.htmx:
        return render(request, "timetables/job.html#progress", {"job": job})
    return redirect("jobs:detail", pk=job.pk)
