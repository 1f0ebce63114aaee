"""A stored version analysed: the objective by term, each school's contracted against delivered ALT-days, the
classes with an ALT, and for every class left without one, why (the core's explain). The analysis page and
the API read this one function."""

from __future__ import annotations

from typing import Any

from kakehashi.timetable.explain import SchoolDays, explain
from kakehashi.web.core.memo import until_next_change
from kakehashi.web.timetables.door import (
    version_cycle,
    version_cycle_solution,
    version_cycle_weeks,
    version_instance,
    version_solution,
)
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.rule_words import LessonName


def version_analysis(version: TimetableVersion, cycle_week: int = 1) -> dict[str, Any]:
    """Remembered until the next change: explaining a city's week takes a moment, and nothing in it moves
    without a change-log row. A rotation is analysed a week at a time (`cycle_week`), except the schools' days,
    which count over the whole rotation as its contracts do."""
    return until_next_change(f"analysis:{version.pk}:{cycle_week}", lambda: _analysis(version, cycle_week))


def _rotation_days(version: TimetableVersion) -> list[SchoolDays]:
    """Each school's ALT-days over the whole rotation against its contract over the rotation (rule 13)."""
    cycle, timetable = version_cycle(version), version_cycle_solution(version)
    return [
        SchoolDays(
            school.id,
            school.visit_days.min,
            school.visit_days.max,
            sum(1 for v in timetable.visits if v.school == school.id),
            tuple(sorted({v.alt for v in timetable.visits if v.school == school.id})),
        )
        for school in cycle.base.schools
    ]


def _analysis(version: TimetableVersion, cycle_week: int) -> dict[str, Any]:
    instance = version_instance(version, cycle_week)
    timetable = version_solution(version, cycle_week)
    analysis = explain(instance, timetable)
    names = {s.id: s.name for s in instance.schools}
    school_days = analysis.school_days if version_cycle_weeks(version) == 1 else _rotation_days(version)
    classes = len({(x.school, x.homeroom) for x in instance.lesson_by_id.values()})
    return {
        "terms": analysis.score.terms(),
        "objective": analysis.score.objective,
        "lessons": len(instance.lesson_by_id),
        "covered": len(timetable.lessons),
        "classes": classes,
        "classes_with_alt": classes - len(analysis.uncovered),
        "school_days": [(d, names.get(d.school, d.school)) for d in school_days],
        "alt_names": {a.id: a.name for a in instance.alts},
        "school_names": names,
        "lesson_names": {
            code: LessonName(x.school, x.homeroom, x.day, x.period) for code, x in instance.lesson_by_id.items()
        },
        "uncovered": [(u, names.get(u.school, u.school)) for u in analysis.uncovered],
        "explanation": analysis,
    }
