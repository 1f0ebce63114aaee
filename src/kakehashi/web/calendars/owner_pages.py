"""Each events page exists twice: for a school (named by its code) and for a board of education (by its id,
its events applying to every school of it). A page is written once, for an Owner; this makes its two views
and their two URLs."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from kakehashi.web.calendars.owners import Owner
from kakehashi.web.calendars.permissions import board_owner, school_owner


class OwnerViews(NamedTuple):
    of_school: Callable[..., HttpResponse]
    of_board: Callable[..., HttpResponse]


def owner_views(page: Callable[[HttpRequest, Owner], HttpResponse], *, edit: bool) -> OwnerViews:
    """The page for a school the user sees (`edit`: and may change) and for a board the user edits."""

    @login_required
    def of_school(request: HttpRequest, code: str) -> HttpResponse:
        return page(request, school_owner(request.user, code, edit=edit))

    @login_required
    def of_board(request: HttpRequest, pk: int) -> HttpResponse:
        return page(request, board_owner(request.user, pk))

    return OwnerViews(of_school, of_board)


def owner_paths(route: str, name: str, views: OwnerViews) -> list[URLPattern]:
    """`schools/<code>/<route>` named `school_<name>`, and `boards/<pk>/<route>` named `board_<name>`."""
    return [
        path(f"schools/<str:code>/{route}", views.of_school, name=f"school_{name}"),
        path(f"boards/<int:pk>/{route}", views.of_board, name=f"board_{name}"),
    ]
