"""What the pages of every app share about their reader: the participant whose own page it is, the program a
coordinator runs, the rows ticked on a list, the way back to the page that sent a form, and a refusal said."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from kakehashi.web.accounts.scope import coordinated_programs, own_participant
from kakehashi.web.core.refusals import in_one_line
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant


def own_participant_or_404(request: HttpRequest) -> Participant:
    """The reader's own participant record; a user without one has no such page (404)."""
    participant = own_participant(request.user)
    if participant is None:
        raise Http404
    return participant


def coordinated_program_or_404(request: HttpRequest, pk: int) -> Program:
    """One of the programs the reader coordinates; any other is no page (404), not a refusal that shows it exists."""
    program: Program = get_object_or_404(coordinated_programs(request.user), pk=pk)
    return program


def ticked(request: HttpRequest) -> list[str]:
    """The ids of the rows ticked on a list page (its `selected` boxes); anything but a number is ignored."""
    return [pk for pk in request.POST.getlist("selected") if pk.isdigit()]


def back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page that sent the form (its `next`, when it is on this site: never away), else to `fallback`."""
    following = request.POST.get("next", "")
    if following and url_has_allowed_host_and_scheme(following, allowed_hosts={request.get_host()}):
        return redirect(following)
    return redirect(fallback)


@contextmanager
def refusal_said(request: HttpRequest) -> Iterator[None]:
    """A refusal (ValidationError) inside is said as the page's error message, in one line, and goes no further:
    the rest of the block (its success message, its redirect) is for when the service agreed."""
    try:
        yield
    except ValidationError as error:
        messages.error(request, in_one_line(error))
