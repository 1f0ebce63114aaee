"""Events as the pages list them, each with the compensatory weekday off (振替休業日) that the school-year
core gives a weekend event. The rule lives in the core (SchoolCalendar); nothing here decides it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import QuerySet

from kakehashi.schoolyear import EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.owners import Owner


@dataclass(frozen=True)
class EventRow:
    event: Event
    compensatory: dt.date | None
    board_wide: bool  # on a school's page: an event of its whole board


def core_event(event: Event, school: str | None) -> SchoolEvent:
    return SchoolEvent(EventKind(event.kind), event.name, event.starts, event.ends, school=school)


def compensatory_for(events: list[SchoolEvent], year: int, school: str | None) -> list[dt.date | None]:
    """Each event's compensatory day, in order, as the core decides it on the school's calendar for `year`."""
    calendar = SchoolCalendar(SchoolYear(year), events, school=school)
    # The calendar holds copies with `compensatory` filled in; without it they equal what went in.
    decided = {replace(e, compensatory=None): e.compensatory for e in calendar.events}
    return [decided.get(e) for e in events]


def compensatory_day(event: Event) -> dt.date | None:
    school = Owner.of(event).school_code
    return compensatory_for([core_event(event, school)], SchoolYear.of(event.starts), school)[0]


def event_rows(owner: Owner, year: int, events_of_year: QuerySet[Event] | None = None) -> list[EventRow]:
    """The owner's events of the school year (or those of them given), each with its compensatory day."""
    chosen = Owner.in_year(owner.applying_events(), year) if events_of_year is None else events_of_year
    events = list(chosen.select_related("board"))
    days = compensatory_for([core_event(e, owner.school_code) for e in events], year, owner.school_code)
    return [
        EventRow(e, day, owner.school is not None and e.board_id is not None)
        for e, day in zip(events, days, strict=True)
    ]
