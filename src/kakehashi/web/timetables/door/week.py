"""A program's week, database → core: the `kakehashi/week@1` document its schools, ALTs and settings make, and
that document read by the core (which validates it and names the JSON path of anything wrong). The one writer of
the document from the database; `door/week_import.py` is its reverse."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch

from kakehashi.timetable.format import instance_to_json, parse_instance
from kakehashi.timetable.instance import ALL_DAYS, INSTANCE_FORMAT, Instance, clock_minutes, format_clock
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import SHORTENED_BELLS, LessonSlot, School
from kakehashi.web.timetables.models import WeekSettings
from kakehashi.web.timetables.selectors import allowed_schools, program_alts, program_schools


def _school_document(school: School) -> dict[str, Any]:
    bells: dict[str, list[dict[str, str]]] = defaultdict(list)
    for bell in sorted(school.bells.all(), key=lambda b: b.start):
        if bell.variant == SHORTENED_BELLS:
            continue  # a shortened day is a dated event, not part of the weekly timetable
        start, end = format_clock(clock_minutes(bell.start)), format_clock(clock_minutes(bell.end))
        bells[bell.variant].append({"period": bell.period, "start": start, "end": end})
    variants = sorted(bells, key=lambda key: -1 if key == "default" else ALL_DAYS.index(key))
    document: dict[str, Any] = {"id": school.code, "name": school.organization.name}
    if school.organization.name_ja:
        document["name_ja"] = school.organization.name_ja
    document.update(
        {
            "level": school.level,
            "location": {"lat": school.lat, "lon": school.lon},
            "bells": {key: bells[key] for key in variants},
            "visit_days": {"min": school.visit_days_min, "max": school.visit_days_max},
            "max_alts": school.max_alts,
            "homerooms": [{"id": h.name, "grade": h.grade, "weight": h.weight} for h in school.homerooms.all()],
            "lessons": [
                {
                    "id": x.code,
                    "homeroom": x.homeroom.name,
                    "day": x.day,
                    "period": x.period,
                    **({"teacher": x.teacher} if x.teacher else {}),
                }
                for x in sorted(school.lessons.all(), key=lambda x: x.pk)
                if x.active
            ],
        }
    )
    return document


def _alt_document(alt: Participant, all_codes: set[str]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": alt.code,
        "name": alt.name,
        "home": {"lat": alt.home_lat, "lon": alt.home_lon},
        "mode": alt.travel_mode,
        "levels": list(alt.levels),
        "classes_per_week": {"min": alt.classes_min, "max": alt.classes_max},
        "max_classes_per_day": alt.max_classes_per_day,
        "max_schools_per_day": alt.max_schools_per_day,
        "max_schools_per_week": alt.max_schools_per_week,
        "max_commute_minutes": alt.max_commute_minutes,
        "unavailable_days": list(alt.unavailable_days),
    }
    allowed = allowed_schools(alt, all_codes)
    if allowed is not None:
        document["schools"] = allowed
    return document


def week_document(program: Program) -> dict[str, Any]:
    """The program's week as the raw document the core reads (not yet validated)."""
    settings, _ = WeekSettings.objects.get_or_create(program=program, defaults={"name": f"{program.name}: week"})
    schools = list(
        program_schools(program).prefetch_related(
            "bells", "homerooms", Prefetch("lessons", queryset=LessonSlot.objects.select_related("homeroom"))
        )
    )
    codes = {school.code for school in schools}
    alts = list(program_alts(program).prefetch_related("placements"))
    travel: dict[str, Any] = {
        "detour": settings.detour,
        "minutes": [
            {"from": t.origin, "to": t.destination, "mode": t.mode, "minutes": t.minutes}
            for t in program.travel_times.all()
        ],
    }
    if settings.travel_modes:
        travel["modes"] = settings.travel_modes
    return {
        "format": INSTANCE_FORMAT,
        "name": settings.name,
        "days": list(settings.days),
        "weights": {
            "coverage_scale": settings.coverage_scale,
            "travel_minute": settings.travel_minute,
            "shortfall_class": settings.shortfall_class,
            "extra_alt": settings.extra_alt,
        },
        "travel": travel,
        "schools": [_school_document(school) for school in schools],
        "alts": [_alt_document(alt, codes) for alt in alts],
        "fixed": [
            {"alt": f.participant.code, "day": f.day, "school": f.school.code}
            for alt in alts
            for f in alt.fixed_visits.select_related("school").order_by("id")
        ],
        "forbidden": [
            {"alt": f.participant.code, "school": f.school.code}
            for alt in alts
            for f in alt.forbidden_schools.select_related("school").order_by("id")
        ],
    }


def week_instance(program: Program) -> Instance:
    """The program's week as a core Instance; raises the core's FormatError when the data breaks the format."""
    return parse_instance(week_document(program))


def week_instance_json(program: Program) -> dict[str, Any]:
    """The canonical `kakehashi/week@1` file of the program's week (every default written out)."""
    return instance_to_json(week_instance(program))


