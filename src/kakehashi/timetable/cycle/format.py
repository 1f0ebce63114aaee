"""Strict reading and writing of `kakehashi/cycle@1` rotations and `cycle-solution@1` timetables.

A cycle file is a week@1 file with a few more fields (docs/cycle-format.md). The cycle's own fields are
read here, each error naming its JSON path; they are then taken out and the rest is read by the week@1
reader itself, so a bad bell time or an unknown homeroom in a cycle file gets the very error, and the
very path, it gets in a week file.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from kakehashi.timetable.cycle.model import (
    CYCLE_FORMAT,
    CYCLE_SOLUTION_FORMAT,
    MAX_CYCLE_WEEKS,
    Cycle,
    CycleAssignment,
    CycleFixed,
    CycleSolution,
    CycleVisit,
    cycle_of_week,
)
from kakehashi.timetable.format import parse_instance, read_document, solution_document
from kakehashi.timetable.instance import ALL_DAYS, INSTANCE_FORMAT, SOLUTION_FORMAT, Instance, Status
from kakehashi.timetable.reader import FormatError, Node, document_root, show

__all__ = [
    "cycle_solution_to_json",
    "cycle_to_json",
    "load_cycle",
    "load_cycle_solution",
    "parse_cycle",
    "parse_cycle_solution",
]


def load_cycle(path: str | Path) -> Cycle:
    """A cycle@1 file, or a week@1 file read as a one-week cycle."""
    return parse_cycle(read_document(path))


def load_cycle_solution(path: str | Path) -> CycleSolution:
    return parse_cycle_solution(read_document(path))


def is_cycle_document(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == CYCLE_FORMAT


def parse_cycle(data: Any) -> Cycle:
    if isinstance(data, dict) and data.get("format") == INSTANCE_FORMAT:
        return cycle_of_week(parse_instance(data))
    root = document_root(data, (CYCLE_FORMAT, INSTANCE_FORMAT), ("format", "cycle_weeks", "name", "schools", "alts"),
                         ("days", "weights", "travel", "fixed", "forbidden"))
    weeks = root["cycle_weeks"].integer(minimum=1, maximum=MAX_CYCLE_WEEKS)
    week_document = copy.deepcopy(data)
    week_document["format"] = INSTANCE_FORMAT
    del week_document["cycle_weeks"]
    fixed_node = root.get("fixed")
    week_document.pop("fixed", None)
    annual_days = _take_annual_days(root["schools"], week_document["schools"])
    lesson_weeks = _take_lesson_weeks(root["schools"], week_document["schools"], weeks)
    alt_annual_days = _take_annual_days(root["alts"], week_document["alts"])
    try:
        base = parse_instance(week_document)
    except FormatError as error:
        raise _with_cycle_fields(error) from None
    fixed = _fixed(fixed_node, base, weeks)
    for school in base.schools:
        for lesson in school.lessons:
            lesson_weeks.setdefault(lesson.id, tuple(range(1, weeks + 1)))
    return Cycle(base=base, weeks=weeks, lesson_weeks=lesson_weeks, fixed=fixed,
                 annual_days=annual_days, alt_annual_days=alt_annual_days)


# The fields a cycle adds, by the JSON path of the object they belong to (the week reader's list of the
# fields allowed in an object does not know them).
_CYCLE_FIELDS = ((re.compile(r"^[^.\[]+$"), "cycle_weeks"), (re.compile(r"^schools\[\d+\]\.[^.]+$"), "annual_days"),
                 (re.compile(r"^schools\[\d+\]\.lessons\[\d+\]\.[^.]+$"), "weeks"),
                 (re.compile(r"^alts\[\d+\]\.[^.]+$"), "annual_days"))
_UNKNOWN = "unknown field (allowed here: "


def _with_cycle_fields(error: FormatError) -> FormatError:
    """The week reader's error, with the cycle's own fields named among those allowed."""
    if not error.problem.startswith(_UNKNOWN):
        return error
    extra = next((name for pattern, name in _CYCLE_FIELDS if pattern.match(error.path)), None)
    if extra is None:
        return error
    return FormatError(error.path, f"{error.problem[:-1]}, {extra})")


def _take_annual_days(node: Node, copies: Any) -> dict[str, int]:
    """Each entry's `annual_days`, taken out of the copy the week reader gets. Ids are checked by it later."""
    found: dict[str, int] = {}
    if not isinstance(node.value, list):
        return found  # the week reader says what is wrong with it
    for item, entry in zip(node.items(), copies, strict=True):
        if isinstance(entry, dict) and "annual_days" in entry:
            days = Node(entry["annual_days"], item.child_path("annual_days")).integer(minimum=0, maximum=366)
            del entry["annual_days"]
            if isinstance(entry.get("id"), str):
                found[entry["id"]] = days
    return found


def _take_lesson_weeks(node: Node, schools: Any, weeks: int) -> dict[str, tuple[int, ...]]:
    found: dict[str, tuple[int, ...]] = {}
    if not isinstance(node.value, list):
        return found
    for school_node, school in zip(node.items(), schools, strict=True):
        if not isinstance(school, dict) or not isinstance(school.get("lessons"), list):
            continue
        lessons_node = Node(school["lessons"], school_node.child_path("lessons"))
        for lesson_node, lesson in zip(lessons_node.items(), school["lessons"], strict=True):
            if not isinstance(lesson, dict) or "weeks" not in lesson:
                continue
            held: list[int] = []
            for item in Node(lesson["weeks"], lesson_node.child_path("weeks")).items(non_empty=True):
                week = item.integer(minimum=1, maximum=weeks)
                if week in held:
                    item.fail(f"week {week} is listed twice")
                held.append(week)
            del lesson["weeks"]
            if isinstance(lesson.get("id"), str):
                found[lesson["id"]] = tuple(sorted(held))
    return found


def _fixed(node: Node | None, base: Instance, weeks: int) -> tuple[CycleFixed, ...]:
    if node is None:
        return ()
    visits: dict[CycleFixed, str] = {}
    for item in node.items():
        entry = item.obj(("alt", "day", "school"), ("week",))
        alt = entry["alt"].text()
        if alt not in base.alt_by_id:
            entry["alt"].fail(f"ALT {show(alt)} does not exist")
        day = entry["day"].choice(ALL_DAYS)
        if day not in base.days:
            entry["day"].fail(f"{show(day)} is not one of the instance's days ({', '.join(base.days)})")
        school = entry["school"].text()
        if school not in base.school_by_id:
            entry["school"].fail(f"school {show(school)} does not exist")
        if (alt, school) in base.forbidden_pairs:
            item.fail(f"ALT {alt} is fixed at {school} on {day}, but that school is forbidden for them")
        week_node = entry.get("week")
        fixed_weeks = range(1, weeks + 1) if week_node is None else [week_node.integer(minimum=1, maximum=weeks)]
        for week in fixed_weeks:
            visit = CycleFixed(alt, week, day, school)
            if visit in visits:
                item.fail(f"the same fixed visit (cycle week {week}) is already listed at {visits[visit]}")
            visits[visit] = item.path
    return tuple(visits)


def cycle_to_json(cycle: Cycle, week_document: dict[str, Any]) -> dict[str, Any]:
    """`week_document` (the base as week@1) with the cycle's fields put back: what `parse_cycle` reads."""
    document = copy.deepcopy(week_document)
    document["format"] = CYCLE_FORMAT
    document = {"format": CYCLE_FORMAT, "cycle_weeks": cycle.weeks,
                **{key: value for key, value in document.items() if key != "format"}}
    every_week = tuple(cycle.week_numbers)
    for school in document["schools"]:
        if school["id"] in cycle.annual_days:
            school["annual_days"] = cycle.annual_days[school["id"]]
        for lesson in school["lessons"]:
            held = cycle.lesson_weeks.get(lesson["id"], every_week)
            if held != every_week:
                lesson["weeks"] = list(held)
    for alt in document["alts"]:
        if alt["id"] in cycle.alt_annual_days:
            alt["annual_days"] = cycle.alt_annual_days[alt["id"]]
    document["fixed"] = [{"alt": f.alt, "week": f.week, "day": f.day, "school": f.school} for f in cycle.fixed]
    return document


# -- solution -----------------------------------------------------------------------------------


def parse_cycle_solution(data: Any) -> CycleSolution:
    """Read a cycle timetable's shape (or a week@1 timetable, as cycle week 1). Ids are the checker's."""
    if isinstance(data, dict) and data.get("format") == SOLUTION_FORMAT:
        from kakehashi.timetable.cycle.model import cycle_solution_of_week
        from kakehashi.timetable.format import parse_solution

        return cycle_solution_of_week(parse_solution(data))
    root = document_root(data, (CYCLE_SOLUTION_FORMAT, SOLUTION_FORMAT), ("format", "status", "visits", "lessons"),
                         ("instance", "objective", "bound", "explanation", "stats"))
    status = Status(root["status"].choice([s.value for s in Status]))
    visits = []
    for item in root["visits"].items():
        entry = item.obj(("alt", "week", "day", "school"))
        visits.append(CycleVisit(entry["alt"].text(), entry["week"].integer(minimum=1), entry["day"].text(),
                                 entry["school"].text()))
    lessons = []
    for item in root["lessons"].items():
        entry = item.obj(("alt", "week", "lesson"))
        lessons.append(CycleAssignment(entry["alt"].text(), entry["week"].integer(minimum=1), entry["lesson"].text()))
    explanation = tuple(item.text(non_empty=False) for item in root["explanation"].items()) \
        if "explanation" in root.value else ()
    stats = {key: node.value for key, node in root["stats"].entries()} if "stats" in root.value else {}

    def optional_int(key: str) -> int | None:
        node = root.get(key)
        return None if node is None or node.value is None else node.integer()

    instance = root.get("instance")
    return CycleSolution(
        status=status, visits=tuple(visits), lessons=tuple(lessons),
        instance=None if instance is None or instance.value is None else instance.text(non_empty=False),
        objective=optional_int("objective"), bound=optional_int("bound"), explanation=explanation, stats=stats)


def cycle_solution_to_json(solution: CycleSolution) -> dict[str, Any]:
    return solution_document(
        CYCLE_SOLUTION_FORMAT, solution,
        visits=[{"alt": v.alt, "week": v.week, "day": v.day, "school": v.school} for v in solution.visits],
        lessons=[{"alt": a.alt, "week": a.week, "lesson": a.lesson} for a in solution.lessons],
    )
