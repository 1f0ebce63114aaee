"""The pages' forms as the API's request bodies. Where a page validates through a form (limits, choices, and
`clean()` rules such as "at most ≥ at least"), the API validates the JSON through the very same form, and
the request schema is read off it, so the two doors cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from rest_framework import exceptions, serializers

from kakehashi.web.core.form_fields import offered

NON_FIELD = "__all__"


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if field == NON_FIELD else field): [str(message) for message in messages]
        for field, messages in form.errors.items()
    }


def cleaned(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a 400 naming each field the form refused."""
    if not form.is_valid():
        raise exceptions.ValidationError(form_errors(form))
    return dict(form.cleaned_data)


def as_shown(form_class: type[forms.BaseForm], data: Any, **kwargs: Any) -> dict[str, Any]:
    """The values the page's form shows (a new object's defaults, an edited object's own values), with the
    fields the request sends laid over them: what a browser sends when only those fields were changed."""
    shown = form_class(**kwargs)
    merged = {name: shown[name].value() for name in shown.fields}
    for name, field in shown.fields.items():
        if name not in data:
            continue
        many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
        merged[name] = data.getlist(name) if many and hasattr(data, "getlist") else data[name]
    return merged


def bound[F: forms.BaseForm](form_class: type[F], data: Any, **kwargs: Any) -> F:
    """The page's form filled in from a request: fields left out keep what the page would show. A PATCH is
    this with the object as `instance`; a PUT sends every field and is bound as it comes."""
    return form_class(as_shown(form_class, data, **kwargs), **kwargs)


def edit_form[F: forms.BaseForm](form_class: type[F], data: Any, *, partial: bool, **kwargs: Any) -> F:
    """An edit page's form for a PUT (every field sent) or a PATCH (the others as they are)."""
    return bound(form_class, data, **kwargs) if partial else form_class(data, **kwargs)


def _now(limit: int | Callable[[], int] | None) -> int | None:
    """A form field's limit may be a callable (a year that moves with today): the schema shows today's."""
    return limit() if callable(limit) else limit


def _field(field: forms.Field) -> serializers.Field[Any, Any, Any, Any]:
    common: dict[str, Any] = {"required": field.required, "help_text": str(field.help_text or field.label or "")}
    if isinstance(field, forms.ModelMultipleChoiceField):
        key = getattr(field, "to_field_name", None)
        return serializers.ListField(child=serializers.CharField() if key else serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        nullable: dict[str, Any] = {"allow_null": not field.required}
        if field.to_field_name:
            return serializers.CharField(**common, **nullable)
        return serializers.IntegerField(**common, **nullable)
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=offered(field), **common)
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(choices=offered(field), allow_blank=not field.required, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**{**common, "required": False})
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=_now(field.min_value), max_value=_now(field.max_value), allow_null=not field.required, **common
        )
    if isinstance(field, forms.FloatField):
        return serializers.FloatField(allow_null=not field.required, **common)
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(allow_null=not field.required, **common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=not field.required, **common)
    if isinstance(field, forms.TimeField):
        return serializers.TimeField(allow_null=not field.required, **common)
    if isinstance(field, forms.FileField):
        return serializers.FileField(**common)
    if isinstance(field, forms.URLField):
        return serializers.URLField(allow_blank=not field.required, **common)
    if isinstance(field, forms.EmailField):
        return serializers.EmailField(allow_blank=not field.required, **common)
    if isinstance(field, forms.CharField):
        return serializers.CharField(max_length=field.max_length, allow_blank=not field.required, **common)
    raise TypeError(f"no API field for the form field {type(field).__name__}")


def form_serializer(
    name: str, form_class: type[forms.BaseForm], *, partial: bool = False, **kwargs: Any
) -> type[serializers.Serializer[Any]]:
    """A serializer describing the form's fields (for the schema): `name` is its component's name; `kwargs` are
    what the form needs to be built (its choices); `partial` makes every field optional, as for PATCH."""
    fields = {}
    shown = form_class(**kwargs)
    for key, field in shown.fields.items():
        made = _field(field)
        # A field the page fills in (a default, an initial value) may be left out: `bound` fills it the same way.
        if partial or shown[key].value() not in (None, "", []):
            made.required = False
        fields[key] = made
    return type(name, (serializers.Serializer,), {**fields, "__module__": __name__})
