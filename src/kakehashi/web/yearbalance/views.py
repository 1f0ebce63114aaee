"""The coordinator's *Balance the year*: start a job, follow it, review the result, publish it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.web.accounts.requests import SignedInRequest
from kakehashi.web.accounts.scope import coordinated_programs, has_role
from kakehashi.web.calendars.selectors import program_annual_days
from kakehashi.web.organizations.models import Program
from kakehashi.web.yearbalance.changes import balance_publish
from kakehashi.web.yearbalance.jobs import NothingPublishedError, balance_jobs_fail_stale
from kakehashi.web.yearbalance.models import BalanceJob, PublishedBalance
from kakehashi.web.yearbalance.notices import tell_balance
from kakehashi.web.yearbalance.tasks import balance_job_start
from kakehashi.web.yearbalance.words import balance_in_words


def _program(request: HttpRequest, pk: int) -> Program:
    if not has_role(request.user, "coordinator"):
        raise PermissionDenied
    program: Program = get_object_or_404(coordinated_programs(request.user), pk=pk)
    return program


def _job(request: HttpRequest, pk: int) -> BalanceJob:
    job = get_object_or_404(BalanceJob.objects.select_related("program"), pk=pk)
    _program(request, job.program_id)  # the coordinator of another program sees a 404, not the job
    return job


@login_required
def balance_start(request: SignedInRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise PermissionDenied
    program = _program(request, pk)
    try:
        job = balance_job_start(program=program, user=request.user, today=timezone.localdate())
    except NothingPublishedError:
        messages.error(request, _("Publish a week first: the year is balanced from the week in force."))
        return redirect("programs:detail", pk=pk)
    return redirect("balance:job", pk=job.pk)


@login_required
def balance_job(request: SignedInRequest, pk: int) -> HttpResponse:
    balance_jobs_fail_stale()
    job = _job(request, pk)
    published = PublishedBalance.objects.filter(program=job.program).first()
    context: dict[str, object] = {"job": job, "published": published, "rows": []}
    if job.state == BalanceJob.State.SUCCEEDED:
        japanese = (getattr(request, "LANGUAGE_CODE", "") or "").startswith("ja")
        delivered = program_annual_days(job.program, timezone.localdate())
        rows = balance_in_words(job, delivered, japanese)
        result = job.result or {}
        contracted = [r for r in rows if r.contracted is not None]
        context |= {
            "rows": rows,
            "moves": len(result.get("moves", [])),
            "met_before": sum(1 for r in contracted if r.before == r.contracted),
            "met_after": sum(1 for r in contracted if r.met),
            "contracted_count": len(contracted),
            "is_published": published is not None and published.job_id == job.pk,
            "balanced": result.get("status") in ("optimal", "feasible"),
        }
    template = "yearbalance/job.html#progress" if request.htmx else "yearbalance/job.html"
    return render(request, template, context)


@login_required
def balance_publish_view(request: SignedInRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise PermissionDenied
    job = _job(request, pk)
    if job.state != BalanceJob.State.SUCCEEDED:
        raise PermissionDenied
    balance = balance_publish(job=job, user=request.user)
    told = tell_balance(job.program, balance.changes.all(), timezone.localdate())
    messages.success(
        request,
        _("The balance is published: %(changes)s dated changes; %(told)s people were told.")
        % {"changes": balance.changes.count(), "told": told},
    )
    return redirect("balance:job", pk=job.pk)
