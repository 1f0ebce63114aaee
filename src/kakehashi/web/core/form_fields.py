"""A form's field by name, as the kind of field it is. `form.fields[name]` is typed as any Field, so a form that
narrows a field's choices to what this user may pick (their programs, their schools) reaches it through these;
asking for the wrong kind of field fails at once instead of setting an attribute nothing reads."""

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import forms


def choice_field(fields: Mapping[str, forms.Field], name: str) -> forms.ChoiceField:
    field = fields[name]
    assert isinstance(field, forms.ChoiceField), f"{name} is not a choice field"
    return field


def model_choice_field(fields: Mapping[str, forms.Field], name: str) -> forms.ModelChoiceField[Any]:
    field = fields[name]
    assert isinstance(field, forms.ModelChoiceField), f"{name} is not a model choice field"
    return field


def offered(field: forms.ChoiceField) -> list[tuple[Any, Any]]:
    """The (value, label) pairs a choice field offers. Django keeps a field's choices as such a list once set;
    its type allows a callable or grouped choices too, which none of these forms use."""
    return list(cast(Iterable[tuple[Any, Any]], field.choices))


def choices_of(fields: Mapping[str, forms.Field], name: str) -> list[tuple[Any, Any]]:
    return offered(choice_field(fields, name))
