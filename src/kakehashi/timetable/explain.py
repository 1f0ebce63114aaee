"""Why a timetable looks the way it does, in words a coordinator can act on.

`explain(instance, solution)` gives the objective by term, by school and by ALT; each school's
contracted against delivered ALT-days; and for every class left without an ALT all week, why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kakehashi.timetable.instance import DAY_NAMES_JA, Alt, Homeroom, Instance, Lesson, School, Solution
from kakehashi.timetable.score import Score, score_view
from kakehashi.timetable.timetable_view import TimetableView
from kakehashi.timetable.travel import TravelTimes


@dataclass(frozen=True)
class SchoolDays:
    school: str
    contracted_min: int
    contracted_max: int
    delivered: int
    alts: tuple[str, ...]

    @property
    def status(self) -> str:
        if self.delivered < self.contracted_min:
            return "short"
        if self.delivered >= self.contracted_max:
            return "full"
        return "met"


@dataclass(frozen=True)
class UncoveredClass:
    school: str
    homeroom: str
    lessons: int
    reason: str
    reason_ja: str = ""  # the same reason in Japanese, for the coordinator's screens
    # What the reason is, for screens that word it themselves with names (the web's timetables/why_words.py):
    # e.g. "clash" with parts {"alt": "A01", "day": "mon", "lesson": "S01/2-1/mon/3", "other": "S01/3-1/mon/3"}.
    kind: str = ""
    parts: dict[str, Any] = field(default_factory=dict)


class Reason(NamedTuple):
    english: str
    japanese: str
    kind: str
    parts: dict[str, Any]


# Every kind of reason a class has no ALT, as `Reason.kind` names it.
REASON_KINDS = (
    "no_eligible_alt", "contract_limit", "no_alt_available", "no_visit_those_days", "clash", "daily_cap",
    "weekly_cap", "two_school_day", "other_classes_first",
)


@dataclass
class Explanation:
    score: Score
    school_days: list[SchoolDays] = field(default_factory=list)
    uncovered: list[UncoveredClass] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "objective": self.score.objective,
            "terms": self.score.terms(),
            "by_school": {
                d.school: {"coverage": self.score.coverage_by_school.get(d.school, 0),
                           "extra_alts": self.score.extra_alts_by_school.get(d.school, 0),
                           "visit_days": {"min": d.contracted_min, "max": d.contracted_max,
                                          "delivered": d.delivered},
                           "alts": list(d.alts)}
                for d in self.school_days
            },
            "by_alt": {
                alt: {"travel_minutes": minutes, "shortfall_classes": self.score.shortfall_by_alt.get(alt, 0)}
                for alt, minutes in sorted(self.score.travel_minutes_by_alt.items())
            },
            "uncovered_classes": [u.__dict__ for u in self.uncovered],
        }


def explain(instance: Instance, solution: Solution) -> Explanation:
    view = TimetableView.of(instance, solution)
    travel = TravelTimes(instance)
    explanation = Explanation(score=score_view(view, travel))
    alt_days = view.alt_days_by_school()
    for school in instance.schools:
        days = alt_days.get(school.id, [])
        explanation.school_days.append(SchoolDays(
            school.id, school.visit_days.min, school.visit_days.max, len(days),
            tuple(sorted({alt for alt, _ in days}))))
    reasons = _Reasons(instance, view, travel)
    covered = {(instance.lesson_by_id[lid].school, instance.lesson_by_id[lid].homeroom) for lid in view.alts_by_lesson}
    for school in instance.schools:
        for homeroom in school.homerooms:
            lessons = [lesson for lesson in school.lessons if lesson.homeroom == homeroom.id]
            if lessons and (school.id, homeroom.id) not in covered:
                why = reasons.why(school, homeroom, lessons)
                explanation.uncovered.append(UncoveredClass(
                    school.id, homeroom.id, len(lessons), why.english, why.japanese, why.kind, why.parts))
    return explanation


class _Reasons:
    """Finds the first reason, in the order a coordinator would check them, that a class got no ALT."""

    def __init__(self, instance: Instance, view: TimetableView, travel: TravelTimes) -> None:
        self.instance = instance
        self.view = view
        self.travel = travel
        self.alt_days = view.alt_days_by_school()
        self.lessons_per_alt = {alt: len(lessons) for alt, lessons in view.lessons_by_alt.items()}

    def eligible(self, alt: Alt, school: School) -> bool:
        return (self.instance.school_level_allowed(alt, school)
                and self.travel.commute(alt, school.id) <= alt.max_commute_minutes)

    def why(self, school: School, homeroom: Homeroom, lessons: list[Lesson]) -> Reason:
        """The first reason, in English and in Japanese."""
        name = f"Class {homeroom.id} at {school.name} ({school.id})"
        name_ja = f"{school.name}（{school.id}）の{homeroom.id}"
        eligible = [alt for alt in self.instance.alts if self.eligible(alt, school)]
        if not eligible:
            return Reason(f"{name}: no eligible ALT within commute — no ALT teaches at {school.level} level here, "
                          f"may work at this school and lives within their commute limit.",
                          f"{name_ja}: 通勤圏内に担当できるALTがいません（この校種を担当し、この学校で勤務でき、"
                          f"通勤時間の上限内に住むALTがいません）。", "no_eligible_alt", {"level": school.level})
        lesson_days = sorted({lesson.day for lesson in lessons}, key=self.instance.days.index)
        days, days_ja = ", ".join(lesson_days), "・".join(DAY_NAMES_JA.get(day, day) for day in lesson_days)
        here = [(alt, day) for alt, day in self.alt_days.get(school.id, []) if day in lesson_days]
        if not here:
            delivered = len(self.alt_days.get(school.id, []))
            if delivered >= school.visit_days.max:
                return Reason(f"{name}: contract limit — the school already has its maximum of "
                              f"{school.visit_days.max} ALT-days, none on this class's lesson days ({days}).",
                              f"{name_ja}: 契約上限 — この学校はALT訪問日数の上限（{school.visit_days.max}日）に達して"
                              f"おり、このクラスの授業曜日（{days_ja}）には訪問がありません。",
                              "contract_limit", {"days": lesson_days, "limit": school.visit_days.max})
            available = [a for a in eligible if any(d not in a.unavailable_days for d in lesson_days)]
            if not available:
                return Reason(f"{name}: no eligible ALT is available on this class's lesson days ({days}).",
                              f"{name_ja}: このクラスの授業曜日（{days_ja}）に勤務できるALTがいません。",
                              "no_alt_available", {"days": lesson_days})
            return Reason(f"{name}: capacity — no ALT visits on this class's lesson days ({days}); "
                          f"the {len(eligible)} eligible ALT(s) were worth more at other schools those days.",
                          f"{name_ja}: 人員 — このクラスの授業曜日（{days_ja}）にALTの訪問がありません。"
                          f"担当できるALT{len(eligible)}人は、その曜日は他校に配置した方が効果的でした。",
                          "no_visit_those_days", {"days": lesson_days, "count": len(eligible)})
        english, japanese, kind, parts = self._why_not_joined(lessons, here)
        return Reason(f"{name}: {english}", f"{name_ja}: {japanese}", kind, parts)

    def _why_not_joined(self, lessons: list[Lesson], here: list[tuple[str, str]]) -> Reason:
        for alt_id, day in here:
            alt = self.instance.alt_by_id[alt_id]
            day_ja = DAY_NAMES_JA.get(day, day)
            todays = self.view.lessons_on(alt_id, day)
            for lesson in (lesson for lesson in lessons if lesson.day == day):
                clash = next((other for other in todays if other.overlaps(lesson)), None)
                if clash is not None:
                    return Reason(f"clash — ALT {alt_id} was at the school on {day} but teaches {clash.id} "
                                  f"at the same time as {lesson.id}.",
                                  f"時間の重複 — ALT {alt_id}は{day_ja}曜日に学校にいましたが、{lesson.id}と同じ時間に"
                                  f"{clash.id}を担当しています。",
                                  "clash", {"alt": alt_id, "day": day, "lesson": lesson.id, "other": clash.id})
                if len(todays) >= alt.max_classes_per_day:
                    return Reason(f"capacity — ALT {alt_id} was at the school on {day} but already joins "
                                  f"{len(todays)} lessons that day (max_classes_per_day {alt.max_classes_per_day}).",
                                  f"担当数の上限 — ALT {alt_id}は{day_ja}曜日に学校にいましたが、その日すでに"
                                  f"{len(todays)}コマを担当しています（1日の上限 {alt.max_classes_per_day}コマ）。",
                                  "daily_cap", {"alt": alt_id, "day": day, "count": len(todays),
                                                "limit": alt.max_classes_per_day})
                if self.lessons_per_alt.get(alt_id, 0) >= alt.classes_per_week.max:
                    return Reason(f"capacity — ALT {alt_id} was at the school on {day} but already joins "
                                  f"{alt.classes_per_week.max} lessons this week (classes_per_week.max).",
                                  f"担当数の上限 — ALT {alt_id}は{day_ja}曜日に学校にいましたが、今週すでに"
                                  f"{alt.classes_per_week.max}コマを担当しています（週の上限）。",
                                  "weekly_cap", {"alt": alt_id, "day": day, "limit": alt.classes_per_week.max})
                if len(self.view.schools_by_alt_day.get((alt_id, day), [])) > 1:
                    return Reason(f"travel — ALT {alt_id} spends only part of {day} at the school (a two-school "
                                  f"day) and {lesson.id} falls outside that part.",
                                  f"移動 — ALT {alt_id}は{day_ja}曜日に2校を回るため、この学校にいるのは一部の時間"
                                  f"だけで、{lesson.id}はその時間外です。",
                                  "two_school_day", {"alt": alt_id, "day": day, "lesson": lesson.id})
        return Reason("other classes were worth more — an ALT was at the school on this class's lesson days but "
                      "spreading lessons over classes (and the caps) favoured other classes.",
                      "他のクラスが優先されました — 授業曜日にALTは学校にいましたが、クラス間の均等な配分と上限により"
                      "他のクラスが選ばれました。", "other_classes_first", {})


def explanation_text(instance: Instance, explanation: Explanation) -> str:
    score = explanation.score
    lines = [
        f"objective {score.objective} = coverage {score.coverage} - travel {score.travel_cost} "
        f"- shortfall {score.shortfall_cost} - extra ALTs {score.extra_alt_cost}",
        "",
        "Schools: contracted ALT-days (min-max) vs delivered",
    ]
    for days in explanation.school_days:
        school = instance.school_by_id[days.school]
        lines.append(
            f"  {school.id:<6} {school.name:<40} {days.contracted_min}-{days.contracted_max}  delivered "
            f"{days.delivered}  {days.status:<5}  coverage {score.coverage_by_school.get(school.id, 0):>7}  "
            f"ALTs {', '.join(days.alts) or '—'}")
    lines += ["", "ALTs: travel and shortfall"]
    for alt in instance.alts:
        lines.append(
            f"  {alt.id:<6} {alt.name:<28} travel {score.travel_minutes_by_alt.get(alt.id, 0):>4} min  "
            f"shortfall {score.shortfall_by_alt.get(alt.id, 0)} classes")
    lines += ["", f"Classes left without an ALT all week: {len(explanation.uncovered)}"]
    grouped: dict[str, list[UncoveredClass]] = defaultdict(list)
    for item in explanation.uncovered:
        grouped[item.school].append(item)
    for items in grouped.values():
        lines.extend(f"  {item.reason}" for item in items)
    return "\n".join(lines)
