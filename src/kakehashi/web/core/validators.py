"""One-line text stays on one line. A name, a title or a place with a line break or another control character
in it breaks what is built from it later — an email's subject (Django refuses a header with a line break, so
the request that sent it failed after it was saved), a CSV row, a log line — so it is refused where it is typed.

Every `CharField` of Kakehashi's models (and the user's names) is one line; text that may have several lines is
a `TextField`. The validator is added to each such field once, when the apps are ready: model forms, the API's
model serializers and every `full_clean()` then run it, and no migration changes (a field's default validators
are not part of its definition)."""

from __future__ import annotations

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters (line feed, carriage return, tab, escape …) and the Unicode line separators.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

ONE_LINE = _("One line, please: no line breaks or other control characters.")


def refuse_control_characters(value: object) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            ONE_LINE,
            code="control_characters",
        )


def _ours(model: type[models.Model]) -> bool:
    return model.__module__.startswith("kakehashi.") or model._meta.label == "auth.User"


def make_char_fields_one_line() -> None:
    """Add the validator to every one-line text field of Kakehashi's models (called from CoreConfig.ready)."""
    for model in apps.get_models():
        if not _ours(model):
            continue
        for field in model._meta.local_fields:
            if isinstance(field, models.CharField) and refuse_control_characters not in field.default_validators:
                field.default_validators = [*field.default_validators, refuse_control_characters]
                field.__dict__.pop("validators", None)  # a cached list would not have it


def one_line(text: str) -> str:
    """Text built into an email subject: a name stored before the check existed cannot break the header."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
