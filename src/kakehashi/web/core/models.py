"""Shared base models and the change log."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.tasks import Task
    from django_stubs_ext import StrOrPromise


def acted_by(
    verbose_name: StrOrPromise | None = None, *, blank: bool = True
) -> models.ForeignKey[User | Combinable | None, User | None]:
    """The user who did something to a record (filed, decided, confirmed, assigned it). The record outlives
    the account: deleting a user empties the link, and a user has no list of everything they ever touched."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


def when(verbose_name: StrOrPromise) -> models.DateTimeField[dt.datetime | Combinable | None, dt.datetime | None]:
    """The moment something happened to a record (submitted, decided, read), empty until it has."""
    return models.DateTimeField(verbose_name, null=True, blank=True)


class Tracked(models.Model):
    """A model whose every create, update and delete goes into the change log (changelog.py)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class QueuedJob(models.Model):
    """A long piece of work a coordinator started and a task worker runs (a solve, a year balance): the row the
    task reads, and where the pages follow it."""

    requested_by = acted_by()
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)

    # Each job declares its own states; every job's starts "queued", then "running", and any other state (done,
    # failed, cancelled) is an end.
    state: str
    UNFINISHED_STATES = ("queued", "running")

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        return self.state not in self.UNFINISHED_STATES

    def enqueue_when_committed(self, task: Task[[int], None]) -> None:
        """Queue `task` for this job once its row is committed (the worker must find it), and keep the task's id."""

        def enqueue() -> None:
            result = task.enqueue(self.pk)
            type(self)._default_manager.filter(pk=self.pk).update(task_id=str(result.id))

        transaction.on_commit(enqueue)


class Change(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = acted_by(_("user"))
    request_id = models.CharField(_("request"), max_length=36, blank=True)
    action = models.CharField(_("action"), max_length=6, choices=Action.choices)
    model = models.CharField(_("kind"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("change log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model} {self.object_repr}"


class LanguagePreference(models.Model):
    """The language a user last chose to read in: notices and emails to them are written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference", verbose_name=_("user")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self) -> str:
        return f"{self.user} {self.language}"
