"""One list page shape for every app: scoped queryset → FilterSet → page; the htmx request gets the
`results` partial of the same template, a full request the whole page (the NetBox habit)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kakehashi.web.accounts.scope import has_role

PAGE_SIZE = 30


def filtered_list(
    request: HttpRequest, *, roles: tuple[str, ...], filterset: Any, queryset: QuerySet[Any], template: str
) -> HttpResponse:
    if not has_role(request.user, *roles):
        raise PermissionDenied
    found = filterset(request.GET, queryset=queryset, request=request)
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    name = f"{template}#results" if getattr(request, "htmx", False) else template
    return render(request, name, {"filter": found, "page": page})
