"""A stored version analysed: the objective by term, each school's contracted against delivered ALT-days, the
classes with an ALT, and for every class left without one, why (the core's explain). The analysis page and
the API read this one function."""

from __future__ import annotations

from typing import Any

from kakehashi.timetable.explain import explain
from kakehashi.web.core.memo import until_next_change
from kakehashi.web.timetables.door import version_instance, version_solution
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.rule_words import LessonName


def version_analysis(version: TimetableVersion) -> dict[str, Any]:
    """Remembered until the next change: explaining a city's week takes a moment, and nothing in it moves
    without a change-log row."""
    return until_next_change(f"analysis:{version.pk}", lambda: _analysis(version))


def _analysis(version: TimetableVersion) -> dict[str, Any]:
    instance = version_instance(version)
    timetable = version_solution(version)
    analysis = explain(instance, timetable)
    names = {s.id: s.name for s in instance.schools}
    classes = len({(x.school, x.homeroom) for x in instance.lesson_by_id.values()})
    return {
        "terms": analysis.score.terms(),
        "objective": analysis.score.objective,
        "lessons": len(instance.lesson_by_id),
        "covered": len(timetable.lessons),
        "classes": classes,
        "classes_with_alt": classes - len(analysis.uncovered),
        "school_days": [(d, names.get(d.school, d.school)) for d in analysis.school_days],
        "alt_names": {a.id: a.name for a in instance.alts},
        "school_names": names,
        "lesson_names": {
            code: LessonName(x.school, x.homeroom, x.day, x.period) for code, x in instance.lesson_by_id.items()
        },
        "uncovered": [(u, names.get(u.school, u.school)) for u in analysis.uncovered],
        "explanation": analysis,
    }
