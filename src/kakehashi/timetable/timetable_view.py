"""A solution seen through its instance: who is where each day and which lessons they join.

The checker and the scorer read the same view, so they can never disagree about what a timetable
says. Entries that name an unknown ALT, school or lesson are left out here (rule 12 reports them),
and an entry listed twice counts once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kakehashi.timetable.instance import Instance, Lesson, Solution


@dataclass
class TimetableView:
    instance: Instance
    # (alt, day) → schools visited that day, in the order first listed
    schools_by_alt_day: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # alt → lessons joined (each once), in the order listed
    lessons_by_alt: dict[str, list[Lesson]] = field(default_factory=dict)
    # lesson id → ALTs joining it
    alts_by_lesson: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, instance: Instance, solution: Solution) -> TimetableView:
        view = cls(instance)
        schools_by_alt_day: dict[tuple[str, str], list[str]] = defaultdict(list)
        for visit in solution.visits:
            if visit.alt not in instance.alt_by_id or visit.school not in instance.school_by_id:
                continue
            schools = schools_by_alt_day[(visit.alt, visit.day)]
            if visit.school not in schools:
                schools.append(visit.school)
        lessons_by_alt: dict[str, list[Lesson]] = defaultdict(list)
        alts_by_lesson: dict[str, list[str]] = defaultdict(list)
        for assignment in solution.lessons:
            lesson = instance.lesson_by_id.get(assignment.lesson)
            if lesson is None or assignment.alt not in instance.alt_by_id:
                continue
            if assignment.alt in alts_by_lesson[lesson.id]:
                continue
            alts_by_lesson[lesson.id].append(assignment.alt)
            lessons_by_alt[assignment.alt].append(lesson)
        view.schools_by_alt_day = dict(schools_by_alt_day)
        view.lessons_by_alt = dict(lessons_by_alt)
        view.alts_by_lesson = dict(alts_by_lesson)
        return view

    def lessons_on(self, alt: str, day: str) -> list[Lesson]:
        return [lesson for lesson in self.lessons_by_alt.get(alt, []) if lesson.day == day]

    def schools_in_order(self, alt: str, day: str) -> list[str]:
        """The day's schools in the order the ALT is at them: by their first joined lesson.

        A school where the ALT joins nothing goes last (that breaks rule 6 on a two-school day)."""
        schools = self.schools_by_alt_day.get((alt, day), [])
        lessons = self.lessons_on(alt, day)

        def first_start(school: str) -> int:
            starts = [lesson.start for lesson in lessons if lesson.school == school]
            return min(starts) if starts else 24 * 60

        return sorted(schools, key=lambda school: (first_start(school), schools.index(school)))

    def alt_days_by_school(self) -> dict[str, list[tuple[str, str]]]:
        """school → the (alt, day) pairs at it: its ALT-days."""
        result: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for (alt, day), schools in self.schools_by_alt_day.items():
            for school in schools:
                result[school].append((alt, day))
        return dict(result)
