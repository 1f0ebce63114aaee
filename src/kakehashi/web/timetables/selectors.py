"""Reads for timetables: a program's week as a `kakehashi/week@1` instance, and stored versions as
solutions. The core validates what the database holds: a week the core refuses is reported with the
JSON path the core names, which points at the school, class or participant to fix."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from kakehashi.timetable.format import instance_to_json, parse_instance
from kakehashi.timetable.instance import ALL_DAYS, Instance, Solution, Status
from kakehashi.timetable.instance import Assignment as CoreAssignment
from kakehashi.timetable.instance import Visit as CoreVisit
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import SHORTENED_BELLS, LessonSlot, School
from kakehashi.web.timetables.models import TimetableVersion, VisitRow, WeekSettings


def program_schools(program: Program) -> QuerySet[School]:
    """The schools of the organizations the program has contracts with (a board brings all its schools)."""
    contracted = Organization.objects.filter(contracts__program=program)
    return (
        School.objects.filter(Q(organization__in=contracted) | Q(organization__parent__in=contracted))
        .select_related("organization")
        .distinct()
        .order_by("code")
    )


def program_alts(program: Program) -> QuerySet[Participant]:
    """The ALTs the weekly timetable plans: substitutes (代替ALT) only cover absences, so they are left out."""
    return program.participants.filter(kind=Participant.Kind.ALT, substitute="").order_by("code")


def program_substitutes(program: Program) -> QuerySet[Participant]:
    """The program's pool of substitute ALTs, whom a cover may call in (never the weekly solve)."""
    return program.participants.filter(kind=Participant.Kind.ALT).exclude(substitute="").order_by("code")


def _clock(value: Any) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _school_document(school: School) -> dict[str, Any]:
    bells: dict[str, list[dict[str, str]]] = defaultdict(list)
    for bell in sorted(school.bells.all(), key=lambda b: b.start):
        if bell.variant == SHORTENED_BELLS:
            continue  # a shortened day is a dated event, not part of the weekly timetable
        bells[bell.variant].append({"period": bell.period, "start": _clock(bell.start), "end": _clock(bell.end)})
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


def allowed_schools(alt: Participant, all_codes: set[str]) -> list[str] | None:
    """Where the ALT's placements let them work; None when that is every school of the week."""
    places = list(alt.placements.select_related("organization"))
    if not places:
        return None
    codes: set[str] = set()
    for place in places:
        codes |= set(
            School.objects.filter(
                Q(organization=place.organization) | Q(organization__parent=place.organization)
            ).values_list("code", flat=True)
        )
    codes &= all_codes
    return None if codes == all_codes else sorted(codes)


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
        "format": "kakehashi/week@1",
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


def version_instance(version: TimetableVersion) -> Instance:
    """The week `version` was made from, as a core Instance: every reader of a stored version (analysis,
    edits, cover, the dated plan and feeds) reads it against this, not against today's week. A version
    kept before weeks were stored (none is, after migration 0005) is read against today's week."""
    cached: Instance | None = getattr(version, "_week_instance", None)
    if cached is None:
        cached = parse_instance(version.week) if version.week else week_instance(version.program)
        version._week_instance = cached  # type: ignore[attr-defined]
    return cached


def week_instance_json(program: Program) -> dict[str, Any]:
    """The canonical `kakehashi/week@1` file of the program's week (every default written out)."""
    return instance_to_json(week_instance(program))


def latest_version(program: Program) -> TimetableVersion | None:
    """The program's newest version, draft or published (what the program's pages list first)."""
    return program.timetables.order_by("-number").first()


def published_versions() -> QuerySet[TimetableVersion]:
    """The week in force of every program: the one published pointer (`in_force`, set by timetable_publish).
    Every reader of "the published week" goes through this, never through `state` or version numbers."""
    return TimetableVersion.objects.filter(in_force=True)


def visits_in_force() -> QuerySet[VisitRow]:
    """The visits of every program's week in force: who may see whom through a visit (accounts/scope.py)."""
    return VisitRow.objects.filter(version__in=published_versions())


def published_version(program: Program) -> TimetableVersion | None:
    """The program's week in force (the version published last), or None before the first publication."""
    return published_versions().filter(program=program).first()


def editable_version(program: Program) -> TimetableVersion | None:
    """The week hand edits start from: the newest version when it is a draft, else the week in force (an
    older draft published after a newer version is the week to edit on), else the newest version."""
    latest = latest_version(program)
    if latest is None or latest.state == TimetableVersion.State.DRAFT:
        return latest
    return published_version(program) or latest


def version_solution(version: TimetableVersion) -> Solution:
    """A stored version as a core Solution, in the core's order (ALT, day, school / lesson start)."""
    visits = [
        CoreVisit(v.participant.code, v.day, v.school.code)
        for v in version.visits.select_related("participant", "school").order_by("id")
    ]
    lessons = [
        CoreAssignment(x.participant.code, x.lesson.code)
        for x in version.lessons.select_related("participant", "lesson").order_by("id")
    ]
    return Solution(
        Status(version.solver_status),
        tuple(visits),
        tuple(lessons),
        instance=None,
        objective=version.objective,
        bound=version.bound,
        explanation=tuple(version.explanation),
    )
