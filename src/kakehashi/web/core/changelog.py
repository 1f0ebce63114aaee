"""Every create, update and delete of a `Tracked` model is written to `Change`, with before/after.

Signals are the one place that sees every write, whatever its door (pages, imports, the admin, the
management commands); the business logic itself stays in services. The row is written in the same
transaction as the change, so a rolled-back import leaves no log either.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save

from kakehashi.web.core.actor import current_actor
from kakehashi.web.core.models import Change, Tracked

_SKIPPED = {"created_at", "updated_at"}
# A model names its secrets (a feed's token) in `secret_fields`: the log says that they changed, never what
# they are, since anyone who reads the log could otherwise use them.
SECRET = "(secret, not logged)"


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The model's own fields as JSON-ready values (foreign keys by id)."""
    data: dict[str, Any] = {}
    secrets = getattr(instance, "secret_fields", ())
    for field in instance._meta.concrete_fields:
        if field.name in _SKIPPED:
            continue
        value = getattr(instance, field.attname)
        if field.name in secrets:
            data[field.name] = SECRET if value else ""
            continue
        if isinstance(value, dt.datetime | dt.date | dt.time):
            value = value.isoformat()
        elif isinstance(value, decimal.Decimal):
            value = str(value)
        elif isinstance(value, FieldFile):
            value = value.name or ""  # the stored file's name; its content is not the log's business
        data[field.name] = value
    return data


def _label(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def _record(instance: models.Model, action: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    actor = current_actor()
    Change.objects.create(
        user=actor.user,
        request_id=actor.request_id,
        action=action,
        model=_label(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
    )


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not issubclass(sender, Tracked) or kwargs.get("raw"):
        return
    previous = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._changelog_before = snapshot(previous) if previous else None  # type: ignore[attr-defined]


def _after_save(sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any) -> None:
    if not issubclass(sender, Tracked) or kwargs.get("raw"):
        return
    before = getattr(instance, "_changelog_before", None)
    after = snapshot(instance)
    if not created and before == after:
        return  # a save that changed nothing is not a change
    _record(instance, Change.Action.CREATE if created else Change.Action.UPDATE, None if created else before, after)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if issubclass(sender, Tracked):
        _record(instance, Change.Action.DELETE, snapshot(instance), None)


def connect() -> None:
    pre_save.connect(_before_save, dispatch_uid="kakehashi-changelog-pre")
    post_save.connect(_after_save, dispatch_uid="kakehashi-changelog-post")
    post_delete.connect(_after_delete, dispatch_uid="kakehashi-changelog-delete")
