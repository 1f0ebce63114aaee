"""A *Balance the year* job, and the balance a coordinator published: its dated changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import QueuedJob, Tracked
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.models import TimetableVersion


class BalanceJob(QueuedJob):
    """One run of the year plan for a program's published week. Not `Tracked`: its progress fields change
    while it runs; what reaches ALTs and schools is the `PublishedBalance`, which is."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("balancing")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="balance_jobs")
    version = models.ForeignKey(TimetableVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField(_("school year"))
    # The first date the balance may change, the day after the job was started: earlier visits stay as they were.
    changes_from = models.DateField(_("changes from"))
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=30)
    state = models.CharField(_("state"), max_length=9, choices=State.choices, default=State.QUEUED)
    step = models.CharField(max_length=200, blank=True)  # what the job is doing now, in English for the log
    # The year plan as `kakehashi/year-plan@1` (docs/year-plan.md), without its dated visits: the page words it.
    result = models.JSONField(null=True, blank=True)

    class Meta(QueuedJob.Meta):
        verbose_name = _("year balance job")
        verbose_name_plural = _("year balance jobs")

    def __str__(self) -> str:
        return f"{self.program} year balance #{self.pk} ({self.state})"


class PublishedBalance(Tracked):
    """The balance in force for a program (one at most): publishing another replaces it and its changes."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="published_balance")
    job = models.ForeignKey(BalanceJob, on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("published year balance")
        verbose_name_plural = _("published year balances")

    def __str__(self) -> str:
        return f"{self.program} balance #{self.job_id}"


class BalanceChange(models.Model):
    """One dated visit the balance changes: `dropped` removes the ALT's visit at the school that date; `added`
    brings the ALT to the school that date (the moved visit's new date). Codes, as the dated plan speaks them."""

    class Kind(models.TextChoices):
        DROPPED = "dropped", _("dropped")
        ADDED = "added", _("added")

    balance = models.ForeignKey(PublishedBalance, on_delete=models.CASCADE, related_name="changes")
    date = models.DateField()
    kind = models.CharField(max_length=7, choices=Kind.choices)
    alt = models.CharField(max_length=64)
    school = models.CharField(max_length=64)

    class Meta:
        ordering = ["date", "alt", "school"]
        indexes = [models.Index(fields=["balance", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.alt} at {self.school}"
