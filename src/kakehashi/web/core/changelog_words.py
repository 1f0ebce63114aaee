"""The change log as people read it: each changed field by its name in words, each value readable (a linked
object by its name, a choice by its label, yes/no, a date as a date), each object by its name.

The log itself (changelog.py) keeps raw, JSON-ready snapshots, so that it stays exact whatever the models
become; the words are made here, when the page is shown, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kakehashi.web.core.changelog import SECRET
from kakehashi.web.core.models import Change

# What Django calls an object without a name of its own: "ApplicationDocument object (1)".
_NAMELESS = re.compile(r"^\w+ object \((\w+)\)$")


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeInWords:
    change: Change
    kind: str
    name: str
    fields: list[FieldChange]


def in_words(changes: Iterable[Change]) -> list[ChangeInWords]:
    names = _Names()
    return [_one(change, names) for change in changes]


class Wording:
    """Changes put in words one at a time (a list's rows), sharing the look-ups of linked objects' names."""

    def __init__(self) -> None:
        self._names = _Names()

    def __call__(self, change: Change) -> ChangeInWords:
        return _one(change, self._names)


def kind_label(label: str) -> str:
    """"schools.school" as the reader says it: "school" (the model's own name), else the label itself."""
    model = _model(label)
    return str(model._meta.verbose_name) if model is not None else label


def _one(change: Change, names: _Names) -> ChangeInWords:
    model = _model(change.model)
    before, after = change.before or {}, change.after or {}
    if change.action == Change.Action.UPDATE:
        keys = [key for key in _ordered(model, before, after) if before.get(key) != after.get(key)]
    else:  # a creation or a deletion: what the object was, its empty fields left out
        keys = [key for key in _ordered(model, before, after) if (after or before).get(key) not in (None, "", [], {})]
    fields = [
        FieldChange(
            _field_label(model, key),
            names.value(model, key, before[key]) if key in before else "",
            names.value(model, key, after[key]) if key in after else "",
        )
        for key in keys
        if key != "id"
    ]
    return ChangeInWords(change, kind_label(change.model), _object_name(change, model), fields)


def _ordered(model: type[models.Model] | None, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The keys in the model's field order (the order of its forms), then any the model no longer has."""
    keys = list(dict.fromkeys([*before, *after]))
    if model is None:
        return keys
    order = {field.name: index for index, field in enumerate(model._meta.concrete_fields)}
    return sorted(keys, key=lambda key: order.get(key, len(order)))


def _object_name(change: Change, model: type[models.Model] | None) -> str:
    nameless = _NAMELESS.match(change.object_repr)
    if nameless is None:
        return change.object_repr
    # Logged before the model had a name for its objects: say what it is, and its number.
    return f"{kind_label(change.model)} #{nameless.group(1)}"


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except Exception:
        return None
    return field if isinstance(field, models.Field) else None


def _field_label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    if field is None:
        return key.replace("_", " ")
    unnamed = str(field.verbose_name) == field.name.replace("_", " ")
    if unnamed and field.is_relation and field.related_model is not None:
        # A link given no name of its own ("program") is called by what it links to, in the reader's words.
        return str(field.related_model._meta.verbose_name)
    return str(field.verbose_name)


class _Names:
    """Linked objects by name, each looked up once per page."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, Any], str] = {}

    def value(self, model: type[models.Model] | None, key: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if value == SECRET:
            return _("(secret, not shown)")
        field = _field(model, key)
        if field is not None and field.is_relation and field.related_model is not None:
            return self.related(field.related_model, value)
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return pgettext("a yes/no value", "yes") if value else pgettext("a yes/no value", "no")
        if isinstance(value, str):
            return _readable_time(value, field)
        if isinstance(value, list):
            return _(", ").join(self.value(None, key, item) for item in value)
        if isinstance(value, dict):
            return "; ".join(f"{k.replace('_', ' ')}: {self.value(None, k, v)}" for k, v in value.items())
        return str(value)

    def related(self, related: Any, pk: Any) -> str:
        key = (related._meta.label_lower, pk)
        if key not in self.known:
            found = related._default_manager.filter(pk=pk).first()
            self.known[key] = str(found) if found is not None else f"{related._meta.verbose_name} #{pk}"
        return self.known[key]


def _readable_time(value: str, field: models.Field[Any, Any] | None) -> str:
    """Dates and times were logged as ISO text: shown as the reader's dates."""
    if isinstance(field, models.DateTimeField):
        try:
            return formats.date_format(dt.datetime.fromisoformat(value), "DATETIME_FORMAT")
        except ValueError:
            return value
    if isinstance(field, models.DateField):
        try:
            return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return value
