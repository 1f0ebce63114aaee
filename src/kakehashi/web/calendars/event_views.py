"""School events on pages: a school's or a board's events of one school year with their compensatory days,
and creating, editing, deleting and rained-out moves (see permissions.py for who may)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.schoolyear import EventKind, SchoolYear
from kakehashi.web.accounts.scope import visible_schools
from kakehashi.web.calendars.forms import EventForm, RainedOutForm
from kakehashi.web.calendars.listing import compensatory_day, event_rows
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.owner_pages import owner_views
from kakehashi.web.calendars.owners import Owner
from kakehashi.web.calendars.permissions import (
    can_edit_owner,
    editable_boards,
    event_for,
)
from kakehashi.web.calendars.services import event_rained_out
from kakehashi.web.core import dates

# ?year= outside these is a typo or a probe; the current school year is shown instead.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def requested_year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return SchoolYear.of(timezone.localdate())
    return year if FIRST_YEAR <= year <= LAST_YEAR else SchoolYear.of(timezone.localdate())


def _dated(day: dt.date | None) -> str:
    """Sat 30 May 2026, or 2026年5月30日（土）: the reader's language, as the message around it."""
    return dates.day(day)


def _events_page(request: HttpRequest, owner: Owner) -> HttpResponse:
    year = requested_year(request)
    can_edit = can_edit_owner(request.user, owner)
    # Board events on a school's page are edited by whoever edits the board, not by the school's editors.
    boards = set(editable_boards(request.user).values_list("pk", flat=True))
    rows = [(row, row.event.board_id in boards if row.board_wide else can_edit) for row in event_rows(owner, year)]
    board = owner.school.organization.parent if owner.school is not None else None
    return render(
        request,
        "calendars/events.html",
        {
            "owner": owner,
            "subject": owner.subject,
            "year": SchoolYear(year),
            "rows": rows,
            "can_edit": can_edit,
            "board": board if board is not None and board.pk in boards else None,
            "schools": visible_schools(request.user).filter(organization__parent=owner.board) if owner.board else [],
            "sports_day": EventKind.SPORTS_DAY.value,
        },
    )


events = owner_views(_events_page, edit=False)


def _event_form(request: HttpRequest, owner: Owner, event: Event | None) -> HttpResponse:
    """The event form, for a new event of `owner` (event None) or for `event`; once saved, back to the owner's
    events of the event's school year."""
    form = EventForm(request.POST or None, instance=event or owner.new_event())
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Saved."))
        return redirect(owner.list_url(SchoolYear.of(saved.starts)))
    return render(request, "calendars/event_form.html", {"form": form, "owner": owner, "event": event})


event_new = owner_views(lambda request, owner: _event_form(request, owner, None), edit=True)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request.user, pk, edit=True)
    return _event_form(request, Owner.of(event), event)


@login_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request.user, pk, edit=True)
    owner = Owner.of(event)
    if request.method == "POST":
        year = SchoolYear.of(event.starts)
        event.delete()
        messages.success(request, _("Deleted."))
        return redirect(owner.list_url(year))
    return render(request, "calendars/event_delete.html", {"event": event, "owner": owner})


@login_required
def event_rained_out_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for(request.user, pk, edit=True)
    if event.kind != EventKind.SPORTS_DAY:
        raise Http404
    owner = Owner.of(event)
    before = compensatory_day(event)
    form = RainedOutForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        event = event_rained_out(event=event, moved_to=form.cleaned_data["moved_to"])
        after = compensatory_day(event)
        if after is None:
            text = _(
                "%(name)s moved to %(date)s, a weekday: no compensatory day off."
            )
        else:
            text = _(
                "%(name)s moved to %(date)s; compensatory day off: %(day)s."
            )
        words = {"name": event.display_name, "date": _dated(event.starts), "day": _dated(after)}
        messages.success(request, text % words)
        return redirect(owner.list_url(SchoolYear.of(event.starts)))
    return render(
        request, "calendars/event_move.html", {"event": event, "owner": owner, "form": form, "compensatory": before}
    )
