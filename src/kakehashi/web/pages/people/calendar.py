"""A participant's year as an iCalendar feed (RFC 5545): each lesson and each trip of the dated plan, from
this week to the end of the school year, in Japan's time zone, as Google Calendar and Outlook subscribe to.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vGeo

from kakehashi.schoolyear.plan import DatedLesson
from kakehashi.timetable.instance import ALL_DAYS, clock_time
from kakehashi.web.calendars.selectors import remembered_dated_plan
from kakehashi.web.pages.people.selectors import participant_version, participant_week_grid
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School

TOKYO = ZoneInfo("Asia/Tokyo")


def school_year_end(today: dt.date) -> dt.date:
    """31 March that ends the Japanese school year containing `today`."""
    return dt.date(today.year + (1 if today.month >= 4 else 0), 3, 31)


def participant_calendar(participant: Participant, today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    version = participant_version(participant)
    calendar = Calendar()
    calendar.add("prodid", "-//Kakehashi//ALT week//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{participant.name} – Kakehashi")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    stamp = timezone.now()
    # The dated plan (the week laid over each school's calendar): no event on a holiday, a vacation day,
    # a sports day or a compensatory day off. A day whose visits all happen gets the template day's lessons
    # and trips; a day that lost one of two schools gets the remaining lessons only.
    plan = remembered_dated_plan(participant.program, starts=monday, ends=school_year_end(today)) if version else None
    mine = plan.for_alt(participant.code) if plan is not None else None
    template = dict(participant_week_grid(participant, version))
    visits_on: dict[dt.date, set[str]] = {}
    for visit in mine.visits if mine is not None else []:
        visits_on.setdefault(visit.date, set()).add(visit.school)
    skipped_on = {s.date for s in mine.skipped} if mine is not None else set()
    lessons_on: dict[dt.date, list[DatedLesson]] = {}
    for lesson in mine.lessons if mine is not None else []:
        lessons_on.setdefault(lesson.date, []).append(lesson)
    substitute_on = {v.date for v in mine.visits if v.substitute} if mine is not None else set()
    names = {block.school.code: block.school for blocks in template.values() for block in blocks if block.school}
    # Every event of this feed is the participant's, from this version, made now.
    event = partial(_event, participant, version, stamp)
    for date in sorted(visits_on):
        day = ALL_DAYS[date.weekday()]
        blocks = template.get(day, [])
        regular = {(b.start, b.end) for b in blocks if b.kind == "lesson"}
        held = lessons_on.get(date, [])
        # The template's blocks (lessons and trips) when the date is an ordinary one; otherwise (a skipped
        # school, a substitute day, shortened bells) the dated lessons as they really are, without trips.
        if date not in skipped_on and date not in substitute_on and {(x.start, x.end) for x in held} == regular:
            for number, block in enumerate(blocks):
                # The block knows its school: a name written for the reader is never parsed back into one.
                school_name = block.school.display_name if block.kind == "lesson" and block.school else block.detail
                calendar.add_component(event(date, number, block.kind, block.label, block.detail, school_name,
                                             block.school, block.start, block.end))
            continue
        for number, lesson in enumerate(sorted(held, key=lambda x: x.start)):
            school = names.get(lesson.school) or _school(lesson.school)
            school_name = school.organization.name if school is not None else lesson.school
            detail = f"{school_name} · period {lesson.period}"
            calendar.add_component(event(date, number, "lesson", lesson.homeroom, detail, school_name, school,
                                         lesson.start, lesson.end))
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _event(
    participant: Participant,
    version: Any,
    stamp: dt.datetime,
    date: dt.date,
    number: int,
    kind: str,
    label: str,
    detail: str,
    school_name: str,
    school: School | None,
    start: int,
    end: int,
) -> Event:
    event = Event()
    if kind == "lesson":
        event.add("summary", f"{label} – {school_name}")
        event.add("description", f"Class {label}, {detail}")
    else:
        event.add("summary", f"Travel ({label})")
        event.add("description", f"Travel: {detail}")
    if school is not None:
        event.add("location", f"{school.organization.name} {school.organization.name_ja}".strip())
        event.add("geo", vGeo((school.lat, school.lon)))
    event.add("dtstart", dt.datetime.combine(date, clock_time(max(0, start)), tzinfo=TOKYO))
    event.add("dtend", dt.datetime.combine(date, clock_time(max(0, end)), tzinfo=TOKYO))
    event.add("dtstamp", stamp)
    event.add("uid", f"{participant.code}-{date.isoformat()}-{number}-v{version.number if version else 0}@kakehashi")
    return event


def _school(code: str) -> School | None:
    return School.objects.filter(code=code).select_related("organization").first()
