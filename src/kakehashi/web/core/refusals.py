"""A refusal said in one line: the words of a ValidationError (one or several messages) as a page's message or
the reason beside a row a bulk decision left alone."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def in_one_line(error: ValidationError) -> str:
    return " ".join(error.messages)
