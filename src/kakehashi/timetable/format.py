"""Strict reading and writing of `kakehashi/week@1` instances and `week-solution@1` solutions.

Reading refuses anything the spec does not allow, and says where: every error names the JSON path
and what was expected. Writing produces files that read back to equal objects.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kakehashi.timetable.instance import (
    ALL_DAYS,
    INSTANCE_FORMAT,
    LEVELS,
    SOLUTION_FORMAT,
    WORKING_DAYS,
    Alt,
    Assignment,
    ClassesPerWeek,
    FixedVisit,
    ForbiddenPair,
    Homeroom,
    Instance,
    Lesson,
    Location,
    Period,
    School,
    Solution,
    Status,
    TravelMode,
    TravelOverride,
    TravelSettings,
    Visit,
    VisitDays,
    Weights,
    default_modes,
    format_clock,
)
from kakehashi.timetable.objective_bound import objective_problem
from kakehashi.timetable.reader import FormatError, Node, Obj, document_root, load_json_text, show

if TYPE_CHECKING:
    from kakehashi.timetable.cycle.model import CycleSolution

__all__ = [
    "FormatError",
    "instance_to_json",
    "load_instance",
    "load_solution",
    "parse_instance",
    "parse_solution",
    "solution_to_json",
    "write_json",
]


# -- files --------------------------------------------------------------------------------------


def read_document(path: str | Path) -> Any:
    """Read a JSON file; any problem becomes a FormatError that names the file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormatError("", f"{path}: no such file") from None
    except IsADirectoryError:
        raise FormatError("", f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError:
        raise FormatError("", f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise FormatError("", f"{path}: cannot be read ({error.strerror})") from None
    try:
        return load_json_text(text)
    except FormatError as error:
        raise FormatError("", f"{path}: {error.problem}") from None


def load_instance(path: str | Path) -> Instance:
    return parse_instance(read_document(path))


def load_solution(path: str | Path) -> Solution:
    return parse_solution(read_document(path))


def write_json(path: str | Path, document: dict[str, Any]) -> None:
    """Write whole or not at all: a half-written timetable is worse than none."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    temporary.replace(target)


# -- instance -----------------------------------------------------------------------------------


def parse_instance(data: Any) -> Instance:
    root = document_root(data, (INSTANCE_FORMAT,), ("format", "name", "schools", "alts"),
                         ("days", "weights", "travel", "fixed", "forbidden"))
    name = root["name"].text()
    days = _days(root.get("days"))
    weights = _weights(root.get("weights"))
    travel = _travel(root.get("travel"))
    schools = _schools(root["schools"], days)
    school_ids = {school.id: school for school in schools}
    alts = _alts(root["alts"], school_ids, travel)
    alt_ids = {alt.id for alt in alts}
    _check_override_places(root.get("travel"), travel, school_ids.keys() | alt_ids)
    forbidden = _forbidden(root.get("forbidden"), alt_ids, school_ids.keys())
    fixed = _fixed(root.get("fixed"), alt_ids, school_ids.keys(), days, {(f.alt, f.school) for f in forbidden})
    instance = Instance(
        name=name, schools=schools, alts=alts, days=days, weights=weights, travel=travel,
        fixed=fixed, forbidden=forbidden,
    )
    # Weights so large that the objective cannot be scored exactly are refused here, not inside a solver.
    if (problem := objective_problem(instance)) is not None:
        raise FormatError(f"weights.{problem[0]}", problem[1])
    return instance


def _days(node: Node | None) -> tuple[str, ...]:
    if node is None:
        return WORKING_DAYS
    return node.choices(ALL_DAYS, non_empty=True)


def _weights(node: Node | None) -> Weights:
    if node is None:
        return Weights()
    names = ("coverage_scale", "travel_minute", "shortfall_class", "extra_alt")
    obj = node.obj((), names)
    values = {key: obj[key].integer(minimum=0) for key in obj.fields()}
    return Weights(**values)


def _travel(node: Node | None) -> TravelSettings:
    if node is None:
        return TravelSettings()
    obj = node.obj((), ("detour", "modes", "minutes"))
    detour = obj["detour"].number(positive=True) if "detour" in obj.value else 1.3
    modes = default_modes()
    if (modes_node := obj.get("modes")) is not None:
        for mode_name, mode_node in modes_node.entries():
            mode = mode_node.obj(("kmh",), ("overhead_min",))
            if not mode_name.strip():
                mode.fail("a travel mode needs a name")
            overhead = mode.get("overhead_min")
            modes[mode_name] = TravelMode(
                kmh=mode["kmh"].number(positive=True),
                overhead_min=overhead.integer(minimum=0) if overhead is not None else 0,
            )
    overrides: list[TravelOverride] = []
    seen: dict[tuple[frozenset[str], str], str] = {}
    if (minutes_node := obj.get("minutes")) is not None:
        for item in minutes_node.items():
            entry = item.obj(("from", "to", "mode", "minutes"))
            override = TravelOverride(
                origin=entry["from"].text(),
                destination=entry["to"].text(),
                mode=entry["mode"].choice(list(modes)),
                minutes=entry["minutes"].integer(minimum=0),
            )
            key = (frozenset((override.origin, override.destination)), override.mode)
            if key in seen:
                item.fail(
                    f"a second travel time for {override.origin}-{override.destination} by {override.mode} "
                    f"(first at {seen[key]}); an entry holds in both directions"
                )
            seen[key] = item.path
            overrides.append(override)
    return TravelSettings(detour=detour, modes=modes, minutes=tuple(overrides))


def _check_override_places(node: Node | None, travel: TravelSettings, places: set[str]) -> None:
    for index, override in enumerate(travel.minutes):
        for field_name, place in (("from", override.origin), ("to", override.destination)):
            if place not in places:
                path = f"travel.minutes[{index}].{field_name}"
                raise FormatError(path, f"{show(place)} is neither a school id nor an ALT id (for their home)")


def _location(node: Node) -> Location:
    obj = node.obj(("lat", "lon"))
    return Location(lat=obj["lat"].number(minimum=-90, maximum=90), lon=obj["lon"].number(minimum=-180, maximum=180))


def _schools(node: Node, days: tuple[str, ...]) -> tuple[School, ...]:
    school_ids: dict[str, str] = {}
    lesson_ids: dict[str, str] = {}
    return tuple(_school(item, days, school_ids, lesson_ids) for item in node.items())


def _school(node: Node, days: tuple[str, ...], school_ids: dict[str, str], lesson_ids: dict[str, str]) -> School:
    obj = node.obj(
        ("id", "name", "level", "location", "bells", "visit_days", "homerooms", "lessons"),
        ("name_ja", "max_alts"),
    )
    school_id = obj["id"].unique_id(school_ids, "school")
    bells = _bells(obj["bells"])
    visit_days_obj = obj["visit_days"].obj(("min", "max"))
    visit_min = visit_days_obj["min"].integer(minimum=0)
    visit_max = visit_days_obj["max"].integer(minimum=0)
    if visit_max < visit_min:
        visit_days_obj["max"].fail(f"{visit_max} is below visit_days.min ({visit_min})")
    homerooms: dict[str, Homeroom] = {}
    homeroom_paths: dict[str, str] = {}
    for item in obj["homerooms"].items():
        room = item.obj(("id", "grade", "weight"))
        room_id = room["id"].unique_id(homeroom_paths, "homeroom")
        homerooms[room_id] = Homeroom(room_id, room["grade"].integer(minimum=1), room["weight"].integer(minimum=1))
    school = School(
        id=school_id,
        name=obj["name"].text(),
        name_ja=obj["name_ja"].text() if "name_ja" in obj.value else None,
        level=obj["level"].choice(LEVELS),
        location=_location(obj["location"]),
        bells=bells,
        visit_days=VisitDays(visit_min, visit_max),
        max_alts=obj["max_alts"].integer(minimum=1) if "max_alts" in obj.value else 2,
        homerooms=tuple(homerooms.values()),
        lessons=(),
    )
    lessons = tuple(_lesson(item, school, homerooms, days, lesson_ids) for item in obj["lessons"].items())
    return replace(school, lessons=lessons)


def _bells(node: Node) -> dict[str, tuple[Period, ...]]:
    keys = ("default", *ALL_DAYS)
    obj: Obj = node.obj((), keys)
    bells: dict[str, tuple[Period, ...]] = {}
    for key in obj.fields():
        periods: list[Period] = []
        names: dict[str, str] = {}
        for item in obj[key].items():
            entry = item.obj(("period", "start", "end"))
            name = entry["period"].text()
            if name in names:
                entry["period"].fail(f"period {show(name)} appears twice on {key} (first at {names[name]})")
            names[name] = entry["period"].path
            start, end = entry["start"].clock(), entry["end"].clock()
            if end <= start:
                entry["end"].fail(f"{format_clock(end)} is not after start {format_clock(start)}")
            for other in periods:
                if start < other.end and other.start < end:
                    item.fail(
                        f"period {show(name)} ({format_clock(start)}-{format_clock(end)}) overlaps period "
                        f"{show(other.period)} ({format_clock(other.start)}-{format_clock(other.end)})"
                    )
            periods.append(Period(name, start, end))
        bells[key] = tuple(periods)
    return bells


def _lesson(node: Node, school: School, homerooms: dict[str, Homeroom], days: tuple[str, ...],
            lesson_ids: dict[str, str]) -> Lesson:
    obj = node.obj(("id", "homeroom", "day", "period"), ("teacher",))
    lesson_id = obj["id"].unique_id(lesson_ids, "lesson")
    homeroom = obj["homeroom"].text()
    if homeroom not in homerooms:
        obj["homeroom"].fail(f"homeroom {show(homeroom)} does not exist in school {school.id}")
    day = obj["day"].choice(ALL_DAYS)
    if day not in days:
        obj["day"].fail(f"{show(day)} is not one of the instance's days ({', '.join(days)})")
    period_name = obj["period"].text()
    period = next((p for p in school.periods_on(day) if p.period == period_name), None)
    if period is None:
        known = ", ".join(p.period for p in school.periods_on(day)) or "none"
        obj["period"].fail(f"period {show(period_name)} does not exist on {day} at {school.id} (periods: {known})")
    teacher = obj["teacher"].text(non_empty=False) if "teacher" in obj.value else None
    return Lesson(lesson_id, school.id, homeroom, day, period_name, period.start, period.end, teacher)


def _alts(node: Node, schools: dict[str, School], travel: TravelSettings) -> tuple[Alt, ...]:
    alt_ids: dict[str, str] = {}
    return tuple(_alt(item, schools, travel, alt_ids) for item in node.items())


def _alt(node: Node, schools: dict[str, School], travel: TravelSettings, alt_ids: dict[str, str]) -> Alt:
    obj = node.obj(
        ("id", "name", "home", "mode", "levels"),
        ("classes_per_week", "max_classes_per_day", "max_schools_per_day", "max_schools_per_week",
         "max_commute_minutes", "unavailable_days", "schools"),
    )
    alt_id = obj["id"].unique_id(alt_ids, "ALT")
    levels = obj["levels"].choices(LEVELS, non_empty=True)
    classes = ClassesPerWeek()
    if (classes_node := obj.get("classes_per_week")) is not None:
        classes_obj = classes_node.obj(("min", "max"))
        classes = ClassesPerWeek(classes_obj["min"].integer(minimum=0), classes_obj["max"].integer(minimum=0))
        if classes.max < classes.min:
            classes_obj["max"].fail(f"{classes.max} is below classes_per_week.min ({classes.min})")

    def optional_int(key: str, default: int, minimum: int, maximum: int | None = None) -> int:
        item = obj.get(key)
        return default if item is None else item.integer(minimum=minimum, maximum=maximum)

    unavailable_node = obj.get("unavailable_days")
    unavailable = () if unavailable_node is None else unavailable_node.choices(ALL_DAYS)
    allowed_schools: list[str] | None = None
    if (schools_node := obj.get("schools")) is not None:
        allowed_schools = []
        for item in schools_node.items():
            school_id = item.text()
            if school_id not in schools:
                item.fail(f"school {show(school_id)} does not exist")
            if school_id in allowed_schools:
                item.fail(f"school {show(school_id)} is listed twice")
            allowed_schools.append(school_id)
    return Alt(
        id=alt_id,
        name=obj["name"].text(),
        home=_location(obj["home"]),
        mode=obj["mode"].choice(list(travel.modes)),
        levels=levels,
        classes_per_week=classes,
        max_classes_per_day=optional_int("max_classes_per_day", 6, 0),
        max_schools_per_day=optional_int("max_schools_per_day", 1, 1, 2),
        max_schools_per_week=optional_int("max_schools_per_week", 5, 0),
        max_commute_minutes=optional_int("max_commute_minutes", 60, 0),
        unavailable_days=unavailable,
        schools=None if allowed_schools is None else tuple(allowed_schools),
    )


def _forbidden(node: Node | None, alt_ids: set[str], school_ids: Any) -> tuple[ForbiddenPair, ...]:
    if node is None:
        return ()
    pairs: dict[ForbiddenPair, str] = {}
    for item in node.items():
        entry = item.obj(("alt", "school"))
        pair = ForbiddenPair(_known(entry["alt"], alt_ids, "ALT"), _known(entry["school"], school_ids, "school"))
        if pair in pairs:
            item.fail(f"ALT {pair.alt} at {pair.school} is already forbidden at {pairs[pair]}")
        pairs[pair] = item.path
    return tuple(pairs)


def _fixed(node: Node | None, alt_ids: set[str], school_ids: Any, days: tuple[str, ...],
           forbidden: set[tuple[str, str]]) -> tuple[FixedVisit, ...]:
    if node is None:
        return ()
    visits: dict[FixedVisit, str] = {}
    for item in node.items():
        entry = item.obj(("alt", "day", "school"))
        alt = _known(entry["alt"], alt_ids, "ALT")
        day = entry["day"].choice(ALL_DAYS)
        if day not in days:
            entry["day"].fail(f"{show(day)} is not one of the instance's days ({', '.join(days)})")
        school = _known(entry["school"], school_ids, "school")
        if (alt, school) in forbidden:
            item.fail(f"ALT {alt} is fixed at {school} on {day}, but that school is forbidden for them")
        visit = FixedVisit(alt, day, school)
        if visit in visits:
            item.fail(f"the same fixed visit is already listed at {visits[visit]}")
        visits[visit] = item.path
    return tuple(visits)


def _known(node: Node, known: Any, what: str) -> str:
    value = node.text()
    if value not in known:
        node.fail(f"{what} {show(value)} does not exist")
    return value


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The instance as a `kakehashi/week@1` document, with every default written out."""
    return {
        "format": INSTANCE_FORMAT,
        "name": instance.name,
        "days": list(instance.days),
        "weights": dict(instance.weights.__dict__),
        "travel": {
            "detour": instance.travel.detour,
            "modes": {name: dict(mode.__dict__) for name, mode in instance.travel.modes.items()},
            "minutes": [
                {"from": o.origin, "to": o.destination, "mode": o.mode, "minutes": o.minutes}
                for o in instance.travel.minutes
            ],
        },
        "schools": [_school_to_json(school) for school in instance.schools],
        "alts": [_alt_to_json(alt) for alt in instance.alts],
        "fixed": [dict(f.__dict__) for f in instance.fixed],
        "forbidden": [dict(f.__dict__) for f in instance.forbidden],
    }


def _school_to_json(school: School) -> dict[str, Any]:
    document: dict[str, Any] = {"id": school.id, "name": school.name}
    if school.name_ja is not None:
        document["name_ja"] = school.name_ja
    document.update({
        "level": school.level,
        "location": {"lat": school.location.lat, "lon": school.location.lon},
        "bells": {
            key: [{"period": p.period, "start": format_clock(p.start), "end": format_clock(p.end)} for p in periods]
            for key, periods in school.bells.items()
        },
        "visit_days": {"min": school.visit_days.min, "max": school.visit_days.max},
        "max_alts": school.max_alts,
        "homerooms": [{"id": h.id, "grade": h.grade, "weight": h.weight} for h in school.homerooms],
        "lessons": [_lesson_to_json(lesson) for lesson in school.lessons],
    })
    return document


def _lesson_to_json(lesson: Lesson) -> dict[str, Any]:
    document = {"id": lesson.id, "homeroom": lesson.homeroom, "day": lesson.day, "period": lesson.period}
    if lesson.teacher is not None:
        document["teacher"] = lesson.teacher
    return document


def _alt_to_json(alt: Alt) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": alt.id,
        "name": alt.name,
        "home": {"lat": alt.home.lat, "lon": alt.home.lon},
        "mode": alt.mode,
        "levels": list(alt.levels),
        "classes_per_week": {"min": alt.classes_per_week.min, "max": alt.classes_per_week.max},
        "max_classes_per_day": alt.max_classes_per_day,
        "max_schools_per_day": alt.max_schools_per_day,
        "max_schools_per_week": alt.max_schools_per_week,
        "max_commute_minutes": alt.max_commute_minutes,
        "unavailable_days": list(alt.unavailable_days),
    }
    if alt.schools is not None:
        document["schools"] = list(alt.schools)
    return document


# -- solution -----------------------------------------------------------------------------------


def parse_solution(data: Any) -> Solution:
    """Read a solution's shape. Whether its ids exist is rule 12, judged by the checker, not here."""
    root = document_root(data, (SOLUTION_FORMAT,), ("format", "status", "visits", "lessons"),
                         ("instance", "objective", "bound", "explanation", "stats"))
    status = Status(root["status"].choice([s.value for s in Status]))
    visits = []
    for item in root["visits"].items():
        entry = item.obj(("alt", "day", "school"))
        visits.append(Visit(entry["alt"].text(), entry["day"].text(), entry["school"].text()))
    lessons = []
    for item in root["lessons"].items():
        entry = item.obj(("alt", "lesson"))
        lessons.append(Assignment(entry["alt"].text(), entry["lesson"].text()))
    explanation = tuple(item.text(non_empty=False) for item in root["explanation"].items()) \
        if "explanation" in root.value else ()
    stats = dict(root["stats"].entries()) if "stats" in root.value else {}
    return Solution(
        status=status,
        visits=tuple(visits),
        lessons=tuple(lessons),
        instance=_optional_text(root.get("instance")),
        objective=_optional_int(root.get("objective")),
        bound=_optional_int(root.get("bound")),
        explanation=explanation,
        stats={key: node.value for key, node in stats.items()},
    )


def _optional_text(node: Node | None) -> str | None:
    if node is None or node.value is None:
        return None
    return node.text(non_empty=False)


def _optional_int(node: Node | None) -> int | None:
    if node is None or node.value is None:
        return None
    return node.integer()


def solution_to_json(solution: Solution) -> dict[str, Any]:
    return solution_document(
        SOLUTION_FORMAT, solution,
        visits=[{"alt": v.alt, "day": v.day, "school": v.school} for v in solution.visits],
        lessons=[{"alt": a.alt, "lesson": a.lesson} for a in solution.lessons],
    )


def solution_document(format_name: str, solution: Solution | CycleSolution, *, visits: list[dict[str, Any]],
                      lessons: list[dict[str, Any]]) -> dict[str, Any]:
    """A timetable document's fields in their order, around its visits and lessons (week@1's and the cycle's
    differ only in those two lists)."""
    document: dict[str, Any] = {"format": format_name}
    if solution.instance is not None:
        document["instance"] = solution.instance
    document["status"] = solution.status.value
    document["objective"] = solution.objective
    if solution.bound is not None:
        document["bound"] = solution.bound
    document["visits"] = visits
    document["lessons"] = lessons
    document["explanation"] = list(solution.explanation)
    if solution.stats:
        document["stats"] = solution.stats
    return document
