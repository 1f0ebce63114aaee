"""The base of every list filter: a filter that names an object (a program, a board, a cycle) accepts only
objects the reader may know of.

Without it, `?program=<another program's id>` answers an empty list while an id that does not exist
answers 400, so anyone could learn which ids exist in other programs. With it both are the same 400
("Select a valid choice"), and the choices a page offers are the reader's own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import Model, Q, QuerySet
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings
from django_filters.rest_framework import DjangoFilterBackend

from kakehashi.web.accounts.scope import visible_organizations, visible_programs
from kakehashi.web.organizations.models import Organization, Program

capitalized = lazy(capfirst, str)

# Models whose visibility the scope module decides on its own; for any other model a filter accepts the
# objects the (already scoped) list refers to.
VISIBLE: dict[type[Model], Callable[[Any], QuerySet[Any]]] = {
    Program: visible_programs,
    Organization: visible_organizations,
}


class ScopedFilterSet(django_filters.FilterSet):
    @classmethod
    def filter_for_field(cls, field: Any, field_name: str, lookup_expr: str | None = None) -> Any:
        """A filter made from a model field (`Meta.fields`) is labelled by the field's verbose name, kept lazy.
        django-filter writes its own label out once, in the language of whichever request asked first, so a
        Japanese page showed "Status" after an English one had."""
        made = super().filter_for_field(field, field_name, lookup_expr)
        if made._label is None and "__" not in field_name and lookup_expr in (None, "exact"):
            made.label = capitalized(field.verbose_name)
        return made

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for chooser in self.filters.values():
            # A form field built before (the API's schema builds them on the class's filters, which every
            # filter set copies) would keep its first choices: each list builds its own from what is set here.
            vars(chooser).pop("_field", None)
            if isinstance(chooser, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
                chooser.queryset = self._choices(chooser, user)
            unset = chooser.extra.get("empty_label", filter_settings.EMPTY_CHOICE_LABEL)
            if isinstance(chooser, django_filters.ChoiceFilter) and unset == filter_settings.EMPTY_CHOICE_LABEL:
                # A choice not made reads "all" in the reader's language, not django-filter's "---------".
                chooser.extra["empty_label"] = _("all")

    def _choices(self, chooser: Any, user: Any) -> QuerySet[Model]:
        offered: QuerySet[Model] = chooser.queryset
        model = offered.model
        allowed = Q(pk__in=self.queryset.values(chooser.field_name))
        visible = VISIBLE.get(model)
        if visible is not None and user is not None:
            allowed |= Q(pk__in=visible(user).values("pk"))
        return offered.filter(allowed)


class ScopedFilterBackend(DjangoFilterBackend):
    """The API's filter backend: lists declared with `filterset_fields` get the same scoped choices."""

    filterset_base = ScopedFilterSet


class ParticipantRowsFilterSet(ScopedFilterSet):
    """Filters of a list whose rows each belong to a participant: by the participant's id and by program."""

    participant = django_filters.CharFilter(label=_("Participant (timetable id)"), field_name="participant__code")
    program = django_filters.ModelChoiceFilter(
        label=_("Program"), field_name="participant__program", queryset=Program.objects.all()
    )


class WordsFilter(django_filters.CharFilter):
    """A search box: the rows whose `fields` (a name and its other spelling, a subject and its message) hold
    the words typed, in any of them, whatever their case."""

    def __init__(self, *, fields: tuple[str, ...], **kwargs: Any) -> None:
        self.fields = fields
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        found = Q()
        for field in self.fields:
            found |= Q(**{f"{field}__icontains": value})
        return qs.filter(found)
