"""Load a `kakehashi/week@1` file into a program: its schools (under a board), bells, classes, lessons,
ALTs, travel overrides, fixed and forbidden visits. The core reads the file first, so a bad file is
refused with its JSON path before anything is written; then everything is written in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from kakehashi.timetable.format import instance_to_json, parse_instance
from kakehashi.timetable.instance import Instance, clock_time
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.schools.models import BellPeriod, Homeroom, LessonSlot, School
from kakehashi.web.timetables.models import FixedVisit, ForbiddenSchool, TravelTime, WeekSettings


@transaction.atomic
def week_import(*, program: Program, board: Organization, document: Any, placed_from: dt.date) -> Instance:
    """Create the week's objects; schools become schools of `board`, ALTs participants of `program` placed
    at `board`. Ids already in the database are refused (the file is for a new week, not an update)."""
    instance = parse_instance(document)
    taken = set(School.objects.filter(code__in=[s.id for s in instance.schools]).values_list("code", flat=True))
    taken |= set(Participant.objects.filter(code__in=[a.id for a in instance.alts]).values_list("code", flat=True))
    if taken:
        raise ValueError(f"ids already in use: {', '.join(sorted(taken))} / 既に使われている ID があります")
    canonical = instance_to_json(instance)
    WeekSettings.objects.update_or_create(
        program=program,
        defaults={
            "name": instance.name,
            "days": list(instance.days),
            **canonical["weights"],
            "detour": instance.travel.detour,
            "travel_modes": canonical["travel"]["modes"],
        },
    )
    schools: dict[str, School] = {}
    for item in instance.schools:
        organization = Organization.objects.create(
            name=item.name,
            name_ja=item.name_ja or "",
            kind=Organization.Kind.SCHOOL,
            parent=board,
            municipality_code=board.municipality_code,
        )
        school = schools[item.id] = School.objects.create(
            organization=organization,
            code=item.id,
            level=item.level,
            lat=item.location.lat,
            lon=item.location.lon,
            visit_days_min=item.visit_days.min,
            visit_days_max=item.visit_days.max,
            max_alts=item.max_alts,
        )
        for variant, periods in item.bells.items():
            for p in periods:
                BellPeriod.objects.create(
                    school=school, variant=variant, period=p.period, start=clock_time(p.start), end=clock_time(p.end)
                )
        rooms = {
            h.id: Homeroom.objects.create(school=school, name=h.id, grade=h.grade, weight=h.weight)
            for h in item.homerooms
        }
        for lesson in item.lessons:
            LessonSlot.objects.create(
                school=school,
                homeroom=rooms[lesson.homeroom],
                day=lesson.day,
                period=lesson.period,
                teacher=lesson.teacher or "",
                code=lesson.id,
            )
    alts: dict[str, Participant] = {}
    for alt in instance.alts:
        person = alts[alt.id] = Participant.objects.create(
            program=program,
            code=alt.id,
            kind=Participant.Kind.ALT,
            name=alt.name,
            home_lat=alt.home.lat,
            home_lon=alt.home.lon,
            travel_mode=alt.mode,
            levels=list(alt.levels),
            classes_min=alt.classes_per_week.min,
            classes_max=alt.classes_per_week.max,
            max_classes_per_day=alt.max_classes_per_day,
            max_schools_per_day=alt.max_schools_per_day,
            max_schools_per_week=alt.max_schools_per_week,
            max_commute_minutes=alt.max_commute_minutes,
            unavailable_days=list(alt.unavailable_days),
        )
        places = [schools[code].organization for code in alt.schools] if alt.schools is not None else [board]
        for place in places:
            Placement.objects.create(participant=person, organization=place, starts=placed_from)
    for override in instance.travel.minutes:
        TravelTime.objects.create(
            program=program,
            origin=override.origin,
            destination=override.destination,
            mode=override.mode,
            minutes=override.minutes,
        )
    for fixed in instance.fixed:
        FixedVisit.objects.create(participant=alts[fixed.alt], day=fixed.day, school=schools[fixed.school])
    for forbidden in instance.forbidden:
        ForbiddenSchool.objects.create(participant=alts[forbidden.alt], school=schools[forbidden.school])
    return instance
