"""A program's week, database → core: the `kakehashi/week@1` document its schools, ALTs and settings make, and
that document read by the core (which validates it and names the JSON path of anything wrong); for a program
with a rotation of several weeks, the `kakehashi/cycle@1` document too (docs/cycle-format.md). The one writer of
the documents from the database; `door/week_import.py` is its reverse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch

from kakehashi.timetable.cycle.format import cycle_to_json, parse_cycle
from kakehashi.timetable.cycle.model import CYCLE_FORMAT, Cycle
from kakehashi.timetable.format import instance_to_json, parse_instance
from kakehashi.timetable.instance import ALL_DAYS, INSTANCE_FORMAT, Instance, clock_minutes, format_clock
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import SHORTENED_BELLS, LessonSlot, School
from kakehashi.web.timetables.models import FixedVisit, ForbiddenSchool, WeekSettings
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


def _alt_document(alt: Participant, week_schools: Sequence[School]) -> dict[str, Any]:
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
    allowed = allowed_schools(alt, {s.code for s in week_schools}, week_schools)
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
    # Each ALT's placements, fixed visits and forbidden schools in one query each, not one per ALT.
    alts = list(
        program_alts(program).prefetch_related(
            "placements",
            Prefetch("fixed_visits", queryset=FixedVisit.objects.select_related("school").order_by("id")),
            Prefetch("forbidden_schools", queryset=ForbiddenSchool.objects.select_related("school").order_by("id")),
        )
    )
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
        "alts": [_alt_document(alt, schools) for alt in alts],
        "fixed": [
            {"alt": alt.code, "day": f.day, "school": f.school.code}
            for alt in alts
            for f in alt.fixed_visits.all()
        ],
        "forbidden": [
            {"alt": alt.code, "school": f.school.code}
            for alt in alts
            for f in alt.forbidden_schools.all()
        ],
    }


def rotation_weeks(program: Program) -> int:
    """The weeks of the program's rotation (1: the same week all year)."""
    found = WeekSettings.objects.filter(program=program).values_list("cycle_weeks", flat=True).first()
    return int(found or 1)


def _lesson_weeks(lesson: LessonSlot, weeks: int) -> list[int] | None:
    """The rotation weeks a lesson is held in, within the rotation; None: every week. A lesson whose weeks all
    fall outside a shorter rotation (week 3 of a 2-week one) is held in none: it is left out."""
    if not lesson.weeks:
        return None
    return sorted({int(w) for w in lesson.weeks if 1 <= int(w) <= weeks})


def rotation_days(school: School, weeks: int) -> tuple[int, int]:
    """The school's ALT-days over a rotation of `weeks` weeks, at least and at most: its own figures for a
    rotation, else its days a week times the weeks."""
    low, high = school.cycle_days_min, school.cycle_days_max
    least = low if low is not None and weeks > 1 else school.visit_days_min * weeks
    most = high if high is not None and weeks > 1 else school.visit_days_max * weeks
    return least, max(least, most)  # only the minimum set: at least that, as asked


def cycle_document(program: Program) -> dict[str, Any]:
    """The program's rotation as the raw `kakehashi/cycle@1` document (not yet validated): the week@1 document
    with the rotation's weeks, each lesson's weeks, each school's ALT-days over the rotation (its own, or its
    days a week times the weeks) and its annual days, and each ALT's annual days. A rotation of one week is
    a cycle too (the balance reads every program as one)."""
    weeks = rotation_weeks(program)
    document = week_document(program)
    schools = {s.code: s for s in program_schools(program).prefetch_related("lessons")}
    annual = dict(program_alts(program).filter(annual_days__isnull=False).values_list("code", "annual_days"))
    for item in document["schools"]:
        school = schools[item["id"]]
        low, high = rotation_days(school, weeks)
        item["visit_days"] = {"min": low, "max": high}
        if school.annual_visit_days is not None:
            item["annual_days"] = school.annual_visit_days
        held = {lesson.code: _lesson_weeks(lesson, weeks) for lesson in school.lessons.all()}
        item["lessons"] = [lesson for lesson in item["lessons"] if held.get(lesson["id"]) != []]
        for lesson in item["lessons"]:
            if held.get(lesson["id"]) is not None:
                lesson["weeks"] = held[lesson["id"]]
    for item in document["alts"]:
        if item["id"] in annual:
            item["annual_days"] = annual[item["id"]]
    return {"format": CYCLE_FORMAT, "cycle_weeks": weeks, **{k: v for k, v in document.items() if k != "format"}}


def program_document(program: Program) -> dict[str, Any]:
    """What the program's solve reads: the week@1 document for a one-week program (exactly as before rotations),
    the cycle@1 document for a rotation of several weeks."""
    return cycle_document(program) if rotation_weeks(program) > 1 else week_document(program)


def program_cycle(program: Program) -> Cycle:
    """The program's rotation as a core Cycle; raises the core's FormatError when the data breaks the format."""
    return parse_cycle(cycle_document(program))


def program_cycle_json(program: Program) -> dict[str, Any]:
    """The canonical `kakehashi/cycle@1` file of the program's rotation (every default written out)."""
    cycle = program_cycle(program)
    return cycle_to_json(cycle, instance_to_json(cycle.base))


def week_instance(program: Program) -> Instance:
    """The program's week as a core Instance; raises the core's FormatError when the data breaks the format."""
    return parse_instance(week_document(program))


def week_instance_json(program: Program) -> dict[str, Any]:
    """The canonical `kakehashi/week@1` file of the program's week (every default written out)."""
    return instance_to_json(week_instance(program))


