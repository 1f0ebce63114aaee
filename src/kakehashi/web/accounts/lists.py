"""One list page shape for every app: scoped queryset → FilterSet → table (sorted, one page of it) or the
whole table as CSV or Excel (`?export=csv`, `?export=xlsx`); the htmx request gets the `results` partial of
the same template, a full request the whole page (the NetBox habit)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2 import RequestConfig

from kakehashi.web.accounts.scope import has_role
from kakehashi.web.core.tables import EXPORT_FORMATS, ListTable, export_response

PAGE_SIZE = 30


def filtered_list(
    request: HttpRequest,
    *,
    roles: tuple[str, ...],
    filterset: Any,
    queryset: QuerySet[Any],
    table: type[ListTable],
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    if not has_role(request.user, *roles):
        raise PermissionDenied
    return list_page(
        request, found=filterset(request.GET, queryset=queryset, request=request), table=table, template=template,
        context=context,
    )


def list_page(
    request: HttpRequest,
    *,
    found: Any,
    table: type[ListTable],
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """`found` is the bound FilterSet over the rows the reader may see."""
    shown = table(found.qs, request=request)
    fmt = request.GET.get("export")
    if fmt:
        if fmt not in EXPORT_FORMATS:
            raise Http404
        RequestConfig(request, paginate=False).configure(shown)
        return export_response(shown, fmt)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(shown)
    name = f"{template}#results" if getattr(request, "htmx", False) else template
    return render(request, name, {"filter": found, "table": shown, **(context or {})})
