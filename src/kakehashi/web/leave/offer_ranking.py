"""Who is offered an absent ALT's day, and in what order (ADR 0013): the lessons left to cover, each
substitute's share of them, and the ranking a coordinator can read (preferred, travel, lessons, familiarity)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.substitutes import Substitute
from kakehashi.timetable.instance import ALL_DAYS, Instance, format_clock
from kakehashi.timetable.travel import TravelTimes
from kakehashi.web.calendars.selectors import school_calendars
from kakehashi.web.leave.models import Cover, SchoolSubstitute
from kakehashi.web.leave.pool import substitute_pool
from kakehashi.web.leave.selectors import confirmed_covers, program_away
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.door import version_dated_plan, version_instance, version_week_of
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import program_schools

# Travel times within the same band count as equal, so that lessons and familiarity can decide between them.
TRAVEL_BAND_MINUTES = 10


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def lessons_to_offer(version: TimetableVersion, absent: Participant, date: dt.date) -> list[dict[str, Any]]:
    """The absent ALT's lessons that date (school calendar applied) that the date's confirmed cover does not
    already give to someone, as rows shaped like Cover.needed (without a substitute)."""
    program = absent.program
    schools = list(program_schools(program).select_related("organization").prefetch_related("bells"))
    calendars = school_calendars(schools, SchoolYear.of(date))
    names = {s.code: (s.organization.name, s.organization.name_ja) for s in schools}
    planned = version_dated_plan(version, calendars, starts=date, ends=date)
    current = confirmed_covers(program, date, date).get(date)
    taken = {lesson for alt, lesson in current.lessons if alt != absent.code} if current else set()
    return [
        {
            "lesson": x.lesson,
            "alt": x.alt,
            "alt_name": absent.name,
            "school": x.school,
            "school_name": names[x.school][0] if x.school in names else x.school,
            "school_name_ja": names[x.school][1] if x.school in names else "",
            "homeroom": x.homeroom,
            "period": x.period,
            "start": format_clock(x.start),
            "end": format_clock(x.end),
        }
        for x in sorted(planned.lessons, key=lambda x: (x.start, x.school))
        if x.alt == absent.code and x.lesson not in taken
    ]


@dataclass(frozen=True)
class Ranked:
    participant: Participant
    lessons: list[dict[str, Any]]  # the offered lessons this person can take
    travel_minutes: int
    preferred: bool
    familiar: bool

    def key(self) -> tuple[object, ...]:
        band = math.ceil(self.travel_minutes / TRAVEL_BAND_MINUTES)
        return (not self.preferred, band, -len(self.lessons), not self.familiar, self.travel_minutes,
                self.participant.name)


def share(
    substitute: Substitute, instance: Instance, travel: TravelTimes, lessons: list[dict[str, Any]], excluded: set[str]
) -> tuple[list[dict[str, Any]], int]:
    """The offered lessons the substitute can take (their hours, levels, schools, commute, the schools that do
    not exclude them, one school a day unless their contract says more), and their longest commute."""
    alt = substitute.as_alt(instance.days)
    by_school: dict[str, list[dict[str, Any]]] = {}
    for row in lessons:
        school = instance.school_by_id.get(row["school"])
        if school is None or school.id in excluded or not instance.school_level_allowed(alt, school):
            continue
        if not (substitute.hours[0] <= _clock(row["start"]) and _clock(row["end"]) <= substitute.hours[1]):
            continue
        if travel.commute(alt, school.id) > substitute.max_commute_minutes:
            continue
        by_school.setdefault(school.id, []).append(row)
    # The schools with the most lessons first, as many as the person may go to in a day.
    chosen = sorted(by_school, key=lambda code: (-len(by_school[code]), code))[: substitute.max_schools_per_day]
    taken = [row for row in lessons if row["school"] in chosen][: substitute.max_classes_per_day]
    minutes = max((travel.commute(alt, code) for code in chosen), default=0)
    return taken, minutes


def rank_candidates(
    version: TimetableVersion, program: Program, date: dt.date, lessons: list[dict[str, Any]]
) -> list[Ranked]:
    """The program's substitutes who can take at least one of the lessons, best first."""
    instance = version_instance(version, version_week_of(version, date))
    weekday = ALL_DAYS[date.weekday()]
    current = confirmed_covers(program, date, date).get(date)
    called_in = {alt for alt, _school in current.visits} if current else set()
    away = program_away(program, date, date).get(date, set())
    schools = sorted({row["school"] for row in lessons})
    stances = SchoolSubstitute.objects.filter(school__code__in=schools).values_list(
        "participant__code", "school__code", "stance"
    )
    excluded: dict[str, set[str]] = {}
    preferred: set[str] = set()
    for code, school, stance in stances:
        if stance == SchoolSubstitute.Stance.EXCLUDED:
            excluded.setdefault(code, set()).add(school)
        else:
            preferred.add(code)
    familiar = _been_to(program, date, set(schools))
    people = {p.code: p for p in program.participants.filter(substitute__gt="")}
    travel = TravelTimes(instance)
    ranked = []
    for substitute in substitute_pool(program, instance, away=away | called_in):
        if not substitute.works_on(weekday) or substitute.id not in people:
            continue
        taken, minutes = share(substitute, instance, travel, lessons, excluded.get(substitute.id, set()))
        if taken:
            ranked.append(
                Ranked(people[substitute.id], taken, minutes, substitute.id in preferred, substitute.id in familiar)
            )
    return sorted(ranked, key=Ranked.key)


def _been_to(program: Program, date: dt.date, schools: set[str]) -> set[str]:
    """Codes of the people a confirmed cover before the date sent to one of the schools."""
    been: set[str] = set()
    earlier = Cover.objects.filter(program=program, date__lt=date, confirmed_at__isnull=False)
    for visits in earlier.values_list("visits", flat=True):
        been |= {alt for alt, school in visits if school in schools}
    return been
