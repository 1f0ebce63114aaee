"""The validator: hard rules 1-12 of `kakehashi/week@1`, each broken rule as a sentence.

It is independent of any solver: it is both the specification in code and the test oracle.
Every violation message starts with `rule N:` so that people and programs can sort them. Each violation
also carries its `kind` and its `parts` (the ALT, school, lesson, day, the count and the limit, as ids and
numbers), so that a screen can say it in its reader's words and with names instead of ids
(the web platform's timetables/rule_words.py); the kinds are listed in docs/rules.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kakehashi.timetable.instance import ALL_DAYS, Instance, Solution, format_clock
from kakehashi.timetable.score import Score, score_view
from kakehashi.timetable.timetable_view import TimetableView
from kakehashi.timetable.travel import TravelTimes


@dataclass(frozen=True)
class Violation:
    rule: int
    message: str
    # What was broken, for screens that word it themselves: e.g. "too_many_schools_a_day" with parts
    # {"alt": "A01", "day": "mon", "schools": ["S01", "S02"], "count": 2, "limit": 1}.
    kind: str = ""
    parts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def rule_ja(self) -> str:
        """The broken rule named in Japanese, for screens read by Japanese staff: 規則5（授業の時間の重なり）."""
        return f"規則{self.rule}（{RULE_TITLES_JA.get(self.rule, '')}）"

    @property
    def bilingual(self) -> str:
        return f"{self.message} / {self.rule_ja}に違反しています。"

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message, "kind": self.kind, "parts": self.parts}


# The spec's hard rules, named as a coordinator in Japan would say them.
RULE_TITLES_JA = {
    1: "1つの授業に ALT は1人まで",
    2: "訪問する日の学校の授業のみ担当",
    3: "担当できる学校種・担当校・訪問禁止校",
    4: "勤務日以外・勤務できない日は訪問しない",
    5: "授業の時間の重なり",
    6: "1日の学校数と学校間の移動時間",
    7: "1日・1週の授業数の上限",
    8: "1週に訪問する学校数の上限",
    9: "通勤時間の上限",
    10: "学校ごとの訪問日数と ALT の人数",
    11: "固定された訪問",
    12: "存在しない ID・重複した行",
}


@dataclass(frozen=True)
class CheckReport:
    violations: tuple[Violation, ...]
    score: Score
    stated_objective: int | None

    @property
    def valid(self) -> bool:
        return not self.violations

    @property
    def objective_matches(self) -> bool:
        return self.stated_objective == self.score.objective

    @property
    def accepted(self) -> bool:
        """What `kakehashi check` exits 0 on: a valid timetable that states its true objective."""
        return self.valid and self.objective_matches

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "violations": [v.to_json() for v in self.violations],
            "objective": self.score.objective,
            "terms": self.score.terms(),
            "stated_objective": self.stated_objective,
            "objective_matches": self.objective_matches,
        }


@dataclass(frozen=True)
class Context:
    instance: Instance
    solution: Solution
    view: TimetableView
    travel: TravelTimes


class Broken(NamedTuple):
    """One broken rule as a rule function finds it: its kind, its English sentence, and its parts."""

    kind: str
    sentence: str
    parts: dict[str, Any]


def _broken(kind: str, sentence: str, **parts: Any) -> Broken:
    return Broken(kind, sentence, parts)


Rule = Callable[[Context], Iterator[Broken]]


def check(instance: Instance, solution: Solution) -> list[Violation]:
    """Every hard-rule violation of `solution`, in rule order."""
    return list(_violations(_context(instance, solution)))


def check_report(instance: Instance, solution: Solution) -> CheckReport:
    context = _context(instance, solution)
    return CheckReport(
        violations=tuple(_violations(context)),
        score=score_view(context.view, context.travel),
        stated_objective=solution.objective,
    )


def _context(instance: Instance, solution: Solution) -> Context:
    return Context(instance, solution, TimetableView.of(instance, solution), TravelTimes(instance))


def _violations(context: Context) -> Iterator[Violation]:
    for number, rule in RULES:
        for found in rule(context):
            yield Violation(number, f"rule {number}: {found.sentence}", found.kind, found.parts)


# -- the rules, in spec order ------------------------------------------------------------------


def every_lesson_has_at_most_one_alt(c: Context) -> Iterator[Broken]:
    for lesson_id, alts in c.view.alts_by_lesson.items():
        if len(alts) > 1:
            yield _broken("lesson_has_several_alts",
                          f"lesson {lesson_id} has {len(alts)} ALTs ({', '.join(alts)}); a lesson takes at most one.",
                          lesson=lesson_id, alts=list(alts), count=len(alts), limit=1)


def alts_join_lessons_only_where_they_are(c: Context) -> Iterator[Broken]:
    for alt, lessons in c.view.lessons_by_alt.items():
        for lesson in lessons:
            if lesson.school not in c.view.schools_by_alt_day.get((alt, lesson.day), []):
                yield _broken("lesson_without_visit",
                              f"ALT {alt} joins lesson {lesson.id} but does not visit {lesson.school} on {lesson.day}.",
                              alt=alt, lesson=lesson.id, school=lesson.school, day=lesson.day)


def alts_visit_only_schools_open_to_them(c: Context) -> Iterator[Broken]:
    for (alt_id, day), schools in c.view.schools_by_alt_day.items():
        alt = c.instance.alt_by_id[alt_id]
        for school_id in schools:
            school = c.instance.school_by_id[school_id]
            where = f"ALT {alt_id} visits {school_id} on {day}"
            visit = {"alt": alt_id, "school": school_id, "day": day}
            if school.level not in alt.levels:
                yield _broken("school_of_another_level",
                              f"{where}, a {school.level} school, but teaches only at {', '.join(alt.levels)} level.",
                              **visit, level=school.level, levels=list(alt.levels))
            if alt.schools is not None and school_id not in alt.schools:
                yield _broken("school_not_on_their_list",
                              f"{where}, which is not among their schools ({', '.join(alt.schools)}).", **visit)
            if (alt_id, school_id) in c.instance.forbidden_pairs:
                yield _broken("forbidden_school", f"{where}, which is forbidden for them.", **visit)


def alts_visit_only_on_their_days(c: Context) -> Iterator[Broken]:
    for (alt_id, day), schools in c.view.schools_by_alt_day.items():
        alt = c.instance.alt_by_id[alt_id]
        for school_id in schools:
            if day not in c.instance.days:
                yield _broken("day_outside_the_week",
                              f"ALT {alt_id} visits {school_id} on {day!r}, which is not one of the week's days "
                              f"({', '.join(c.instance.days)}).", alt=alt_id, school=school_id, day=day)
            elif day in alt.unavailable_days:
                yield _broken("unavailable_day",
                              f"ALT {alt_id} visits {school_id} on {day}, one of their unavailable days.",
                              alt=alt_id, school=school_id, day=day)


def an_alts_lessons_never_overlap(c: Context) -> Iterator[Broken]:
    for alt, lessons in c.view.lessons_by_alt.items():
        ordered = sorted(lessons, key=lambda lesson: (lesson.day, lesson.start, lesson.id))
        for index, first in enumerate(ordered):
            for second in ordered[index + 1:]:
                if second.day != first.day or second.start >= first.end:
                    break
                yield _broken("lessons_at_once",
                              f"ALT {alt} has two lessons at once on {first.day}: {first.describe()} and "
                              f"{second.describe()}.", alt=alt, day=first.day, lesson=first.id, other=second.id)


def two_school_days_leave_time_to_travel(c: Context) -> Iterator[Broken]:
    for (alt_id, day), schools in c.view.schools_by_alt_day.items():
        alt = c.instance.alt_by_id[alt_id]
        if len(schools) > alt.max_schools_per_day:
            yield _broken("too_many_schools_a_day",
                          f"ALT {alt_id} visits {len(schools)} schools on {day} ({', '.join(schools)}), more than "
                          f"their max_schools_per_day of {alt.max_schools_per_day}.",
                          alt=alt_id, day=day, schools=list(schools), count=len(schools),
                          limit=alt.max_schools_per_day)
            continue
        if len(schools) != 2:
            continue
        lessons = c.view.lessons_on(alt_id, day)
        at = {school: [lesson for lesson in lessons if lesson.school == school] for school in schools}
        idle = [school for school in schools if not at[school]]
        if idle:
            for school in idle:
                yield _broken("no_lesson_at_one_of_two_schools",
                              f"ALT {alt_id} visits two schools on {day} ({' and '.join(schools)}) but joins no "
                              f"lesson at {school}; each school of a two-school day needs at least one.",
                              alt=alt_id, day=day, school=school, schools=list(schools))
            continue
        first, second = c.view.schools_in_order(alt_id, day)
        last_at_first = max(at[first], key=lambda lesson: (lesson.end, lesson.id))
        first_at_second = min(at[second], key=lambda lesson: (lesson.start, lesson.id))
        if first_at_second.start < last_at_first.end:
            yield _broken("lessons_interleave_at_two_schools",
                          f"ALT {alt_id} on {day}: lesson {first_at_second.id} at {second} starts at "
                          f"{format_clock(first_at_second.start)}, before lesson {last_at_first.id} at {first} "
                          f"ends at {format_clock(last_at_first.end)}.",
                          alt=alt_id, day=day, lesson=first_at_second.id, other=last_at_first.id)
            continue
        gap = first_at_second.start - last_at_first.end
        needed = c.travel.between(alt, first, second)
        if gap < needed:
            yield _broken("too_little_time_to_travel",
                          f"ALT {alt_id} on {day} has {gap} minutes between {first} (last lesson ends "
                          f"{format_clock(last_at_first.end)}) and {second} (first lesson starts "
                          f"{format_clock(first_at_second.start)}), less than the {needed}-minute journey.",
                          alt=alt_id, day=day, school=first, other=second, count=gap, limit=needed)


def classes_stay_within_daily_and_weekly_caps(c: Context) -> Iterator[Broken]:
    for alt_id, lessons in c.view.lessons_by_alt.items():
        alt = c.instance.alt_by_id[alt_id]
        per_day = Counter(lesson.day for lesson in lessons)
        for day in sorted(per_day, key=_day_order):
            if per_day[day] > alt.max_classes_per_day:
                yield _broken("too_many_lessons_a_day",
                              f"ALT {alt_id} joins {per_day[day]} lessons on {day}, more than their "
                              f"max_classes_per_day of {alt.max_classes_per_day}.",
                              alt=alt_id, day=day, count=per_day[day], limit=alt.max_classes_per_day)
        if len(lessons) > alt.classes_per_week.max:
            yield _broken("too_many_lessons_a_week",
                          f"ALT {alt_id} joins {len(lessons)} lessons in the week, more than their "
                          f"classes_per_week.max of {alt.classes_per_week.max}.",
                          alt=alt_id, count=len(lessons), limit=alt.classes_per_week.max)


def alts_visit_few_enough_schools_a_week(c: Context) -> Iterator[Broken]:
    schools_by_alt: dict[str, set[str]] = {}
    for (alt_id, _day), day_schools in c.view.schools_by_alt_day.items():
        schools_by_alt.setdefault(alt_id, set()).update(day_schools)
    for alt_id, schools in schools_by_alt.items():
        alt = c.instance.alt_by_id[alt_id]
        if len(schools) > alt.max_schools_per_week:
            yield _broken("too_many_schools_a_week",
                          f"ALT {alt_id} visits {len(schools)} schools in the week ({', '.join(sorted(schools))}), "
                          f"more than their max_schools_per_week of {alt.max_schools_per_week}.",
                          alt=alt_id, schools=sorted(schools), count=len(schools), limit=alt.max_schools_per_week)


def commutes_stay_within_limits(c: Context) -> Iterator[Broken]:
    reported: set[tuple[str, str]] = set()
    for (alt_id, _day), schools in c.view.schools_by_alt_day.items():
        alt = c.instance.alt_by_id[alt_id]
        for school in schools:
            if (alt_id, school) in reported:
                continue
            reported.add((alt_id, school))
            minutes = c.travel.commute(alt, school)
            if minutes > alt.max_commute_minutes:
                yield _broken("commute_too_long",
                              f"ALT {alt_id} commutes {minutes} minutes from home to {school}, more than their "
                              f"max_commute_minutes of {alt.max_commute_minutes}.",
                              alt=alt_id, school=school, count=minutes, limit=alt.max_commute_minutes)


def schools_get_their_contracted_days(c: Context) -> Iterator[Broken]:
    alt_days = c.view.alt_days_by_school()
    for school in c.instance.schools:
        days = alt_days.get(school.id, [])
        wanted = school.visit_days
        if len(days) < wanted.min:
            yield _broken("too_few_alt_days",
                          f"school {school.id} gets {len(days)} ALT-days, fewer than its visit_days.min of "
                          f"{wanted.min}.", school=school.id, count=len(days), limit=wanted.min)
        elif len(days) > wanted.max:
            yield _broken("too_many_alt_days",
                          f"school {school.id} gets {len(days)} ALT-days, more than its visit_days.max of "
                          f"{wanted.max}.", school=school.id, count=len(days), limit=wanted.max)
        alts = sorted({alt for alt, _ in days})
        if len(alts) > school.max_alts:
            yield _broken("too_many_alts_at_a_school",
                          f"school {school.id} is visited by {len(alts)} ALTs ({', '.join(alts)}), more than its "
                          f"max_alts of {school.max_alts}.",
                          school=school.id, alts=alts, count=len(alts), limit=school.max_alts)


def fixed_visits_happen(c: Context) -> Iterator[Broken]:
    for fixed in c.instance.fixed:
        if fixed.school not in c.view.schools_by_alt_day.get((fixed.alt, fixed.day), []):
            yield _broken("fixed_visit_missing",
                          f"ALT {fixed.alt} must be at {fixed.school} on {fixed.day} (a fixed visit), but is not.",
                          alt=fixed.alt, school=fixed.school, day=fixed.day)


def ids_exist_and_entries_are_unique(c: Context) -> Iterator[Broken]:
    instance = c.instance
    for index, visit in enumerate(c.solution.visits):
        if visit.alt not in instance.alt_by_id:
            yield _broken("unknown_alt", f"visits[{index}] names ALT {visit.alt!r}, which does not exist.",
                          alt=visit.alt)
        if visit.school not in instance.school_by_id:
            yield _broken("unknown_school", f"visits[{index}] names school {visit.school!r}, which does not exist.",
                          school=visit.school)
    for index, assignment in enumerate(c.solution.lessons):
        if assignment.alt not in instance.alt_by_id:
            yield _broken("unknown_alt", f"lessons[{index}] names ALT {assignment.alt!r}, which does not exist.",
                          alt=assignment.alt)
        if assignment.lesson not in instance.lesson_by_id:
            yield _broken("unknown_lesson",
                          f"lessons[{index}] names lesson {assignment.lesson!r}, which does not exist.",
                          lesson=assignment.lesson)
    for visit, count in Counter(c.solution.visits).items():
        if count > 1:
            yield _broken("visit_listed_twice",
                          f"the visit of ALT {visit.alt} to {visit.school} on {visit.day} is listed {count} times.",
                          alt=visit.alt, school=visit.school, day=visit.day, count=count)
    for assignment, count in Counter(c.solution.lessons).items():
        if count > 1:
            yield _broken("lesson_listed_twice",
                          f"ALT {assignment.alt} joining lesson {assignment.lesson} is listed {count} times.",
                          alt=assignment.alt, lesson=assignment.lesson, count=count)


RULES: tuple[tuple[int, Rule], ...] = (
    (1, every_lesson_has_at_most_one_alt),
    (2, alts_join_lessons_only_where_they_are),
    (3, alts_visit_only_schools_open_to_them),
    (4, alts_visit_only_on_their_days),
    (5, an_alts_lessons_never_overlap),
    (6, two_school_days_leave_time_to_travel),
    (7, classes_stay_within_daily_and_weekly_caps),
    (8, alts_visit_few_enough_schools_a_week),
    (9, commutes_stay_within_limits),
    (10, schools_get_their_contracted_days),
    (11, fixed_visits_happen),
    (12, ids_exist_and_entries_are_unique),
)


def _day_order(day: str) -> int:
    return ALL_DAYS.index(day) if day in ALL_DAYS else len(ALL_DAYS)


# Every kind of violation with the rule it breaks: screens that word violations themselves (the web
# platform's rule_words.py) test that they know every one of them.
KINDS: dict[str, int] = {
    "lesson_has_several_alts": 1,
    "lesson_without_visit": 2,
    "school_of_another_level": 3,
    "school_not_on_their_list": 3,
    "forbidden_school": 3,
    "day_outside_the_week": 4,
    "unavailable_day": 4,
    "lessons_at_once": 5,
    "too_many_schools_a_day": 6,
    "no_lesson_at_one_of_two_schools": 6,
    "lessons_interleave_at_two_schools": 6,
    "too_little_time_to_travel": 6,
    "too_many_lessons_a_day": 7,
    "too_many_lessons_a_week": 7,
    "too_many_schools_a_week": 8,
    "commute_too_long": 9,
    "too_few_alt_days": 10,
    "too_many_alt_days": 10,
    "too_many_alts_at_a_school": 10,
    "fixed_visit_missing": 11,
    "unknown_alt": 12,
    "unknown_school": 12,
    "unknown_lesson": 12,
    "visit_listed_twice": 12,
    "lesson_listed_twice": 12,
}
