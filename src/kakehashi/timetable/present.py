"""Timetables as text a coordinator can read in a terminal: one block per ALT, one line per day."""

from __future__ import annotations

from kakehashi.timetable.instance import Instance, Solution, format_clock
from kakehashi.timetable.score import Score
from kakehashi.timetable.timetable_view import TimetableView
from kakehashi.timetable.travel import TravelTimes


def school_label(instance: Instance, school_id: str) -> str:
    school = instance.school_by_id[school_id]
    japanese = f" {school.name_ja}" if school.name_ja and school.name_ja not in school.name else ""
    return f"{school.id} {school.name}{japanese}"


def alt_weeks(instance: Instance, solution: Solution) -> str:
    """Each ALT's week: where they are each day, and which classes they join at what time."""
    view = TimetableView.of(instance, solution)
    travel = TravelTimes(instance)
    blocks: list[str] = []
    for alt in instance.alts:
        lessons = view.lessons_by_alt.get(alt.id, [])
        schools = {s for (a, _), day_schools in view.schools_by_alt_day.items() if a == alt.id for s in day_schools}
        header = (f"{alt.id} {alt.name} · {alt.mode} · {len(lessons)} lessons "
                  f"(aim {alt.classes_per_week.min}-{alt.classes_per_week.max}) · {len(schools)} schools")
        lines = [header]
        for day in instance.days:
            lines.append(f"  {day}  {_day_line(instance, view, travel, alt.id, day)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _day_line(instance: Instance, view: TimetableView, travel: TravelTimes, alt_id: str, day: str) -> str:
    alt = instance.alt_by_id[alt_id]
    if day in alt.unavailable_days:
        return "— unavailable"
    schools = view.schools_in_order(alt_id, day)
    if not schools:
        return "—"
    lessons = sorted(view.lessons_on(alt_id, day), key=lambda lesson: lesson.start)
    parts: list[str] = []
    for index, school in enumerate(schools):
        if index:
            parts.append(f"→ {travel.between(alt, schools[index - 1], school)} min →")
        here = [lesson for lesson in lessons if lesson.school == school]
        classes = "  ".join(f"{format_clock(lesson.start)} {lesson.homeroom}" for lesson in here) or "no lessons"
        parts.append(f"{school_label(instance, school)}: {classes}")
    return "  ".join(parts) + f"  (commute {travel.commute(alt, schools[0])} min)"


def score_lines(score: Score) -> str:
    return "\n".join([
        f"objective      {score.objective:>10}",
        f"  coverage     {score.coverage:>10}",
        f"  travel       {-score.travel_cost:>10}",
        f"  shortfall    {-score.shortfall_cost:>10}",
        f"  extra ALTs   {-score.extra_alt_cost:>10}",
    ])


def summary(instance: Instance, solution: Solution, score: Score) -> str:
    view = TimetableView.of(instance, solution)
    lessons = sum(len(school.lessons) for school in instance.schools)
    covered = len(view.alts_by_lesson)
    alt_days = sum(len(days) for days in view.alt_days_by_school().values())
    bound = f", bound {solution.bound}" if solution.bound is not None else ""
    return (f"{instance.name}: status {solution.status.value}, objective {score.objective}{bound}\n"
            f"{len(instance.schools)} schools, {len(instance.alts)} ALTs, {alt_days} ALT-days, "
            f"{covered} of {lessons} lessons with an ALT")
