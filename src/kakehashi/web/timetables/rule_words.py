"""A broken timetable rule in the reader's words: names, not ids; days and limits in plain language.

The core checker (kakehashi.timetable.check) gives each violation a `kind` and its `parts` (ids and
numbers); here each kind has one function that makes a sentence of them in the active language, e.g.
"Anh Nguyen visits 2 schools on Monday (Nagano JHS and Kita ES), but may visit only 1 a day."
The core's own English message (for the command line) is the last resort for a kind not known here.
Why a class has no ALT (the core's explain) is worded here the same way, one function per reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from kakehashi.timetable.check import KINDS, Violation
from kakehashi.timetable.explain import UncoveredClass
from kakehashi.timetable.instance import Instance
from kakehashi.web.schools.models import School, Weekday
from kakehashi.web.timetables.rotation import rotation_week_name


@dataclass(frozen=True)
class LessonName:
    school: str
    homeroom: str
    day: str
    period: str


@dataclass(frozen=True)
class Names:
    """How the reader knows the ALTs, schools and lessons the core names by id."""

    alts: Mapping[str, str] = field(default_factory=dict)
    schools: Mapping[str, str] = field(default_factory=dict)
    lessons: Mapping[str, LessonName] = field(default_factory=dict)

    def alt(self, code: str) -> str:
        return self.alts.get(code) or code

    def school(self, code: str) -> str:
        return self.schools.get(code) or code


def names_of(instance: Instance) -> Names:
    """The week's names in the reader's language."""
    lessons = {
        code: LessonName(lesson.school, lesson.homeroom, lesson.day, lesson.period)
        for code, lesson in instance.lesson_by_id.items()
    }
    return names_from({a.id: a.name for a in instance.alts}, {s.id: s.name for s in instance.schools}, lessons)


def names_from(alts: Mapping[str, str], schools: Mapping[str, str], lessons: Mapping[str, LessonName]) -> Names:
    """For a Japanese reader, schools by their Japanese names where they have one."""
    said = dict(schools)
    if (get_language() or "").startswith("ja"):
        for school in School.objects.filter(code__in=said).select_related("organization"):
            said[school.code] = school.name_ja or said[school.code]
    return Names(alts, said, lessons)


def sentence(violation: Violation, names: Names) -> str:
    """The violation as one sentence in the active language."""
    words = _WORDS.get(violation.kind)
    if words is None:
        return violation.message
    said = words(_Parts(violation.parts, names))
    week = violation.parts.get("week")
    if isinstance(week, int) and violation.kind in KINDS and week >= 1:
        # A week's rule broken in one week of a rotation (the cycle checker adds the week to its parts).
        return _("In %(week)s: %(rule)s") % {"week": rotation_week_name(week), "rule": said}
    return said


def sentences(violations: Iterable[Violation], names: Names) -> list[str]:
    return [sentence(v, names) for v in violations]


def reason_sentence(uncovered: UncoveredClass, names: Names) -> str:
    """Why a class has no ALT, as one sentence in the active language (the class and its school are the
    row's own columns, so the sentence does not repeat them)."""
    words = _REASONS.get(uncovered.kind)
    if words is None:
        japanese = (get_language() or "").startswith("ja") and uncovered.reason_ja
        return uncovered.reason_ja if japanese else uncovered.reason
    return words(_Parts(uncovered.parts, names))


# -- how parts are said ------------------------------------------------------------------------


def _day(code: str) -> str:
    try:
        return str(Weekday(code).label)
    except ValueError:
        return code


def _listed(items: Iterable[str]) -> str:
    # Translators: the separator between names in a list, e.g. "Kita ES, Minami ES".
    return _(", ").join(items)


def _level(code: str) -> str:
    try:
        return str(School.Level(code).label)
    except ValueError:
        return code


class _Parts:
    """A violation's parts as the words that go into its sentence."""

    def __init__(self, parts: Mapping[str, Any], names: Names) -> None:
        self.parts = parts
        self.names = names

    def __getitem__(self, key: str) -> str:
        value = self.parts.get(key, "")
        if key == "alt":
            return self.names.alt(value)
        if key in ("school", "other_school"):
            return self.names.school(value)
        if key == "schools":
            return _listed(self.names.school(code) for code in value)
        if key == "alts":
            return _listed(self.names.alt(code) for code in value)
        if key in ("lesson", "other"):
            return self.lesson(value)
        if key == "day":
            return _day(value)
        if key == "days":
            return _listed(_day(day) for day in value)
        if key == "level":
            return _level(value)
        return str(value)

    def lesson(self, code: str) -> str:
        lesson = self.names.lessons.get(code)
        if lesson is None:
            return code
        return _("class %(homeroom)s at %(school)s, %(day)s period %(period)s") % {
            "homeroom": lesson.homeroom,
            "school": self.names.school(lesson.school),
            "day": _day(lesson.day),
            "period": lesson.period,
        }

    def of(self, *keys: str) -> dict[str, str]:
        return {key: self[key] for key in keys}


# -- one function per kind of violation (the kinds are kakehashi.timetable.check.KINDS) -----------


def lesson_has_several_alts(p: _Parts) -> str:
    return _("%(lesson)s has %(count)s ALTs (%(alts)s), but a lesson takes one ALT.") % p.of("lesson", "count", "alts")


def lesson_without_visit(p: _Parts) -> str:
    return _("%(alt)s joins %(lesson)s, but does not visit %(school)s on %(day)s.") % p.of(
        "alt", "lesson", "school", "day"
    )


def school_of_another_level(p: _Parts) -> str:
    return _("%(alt)s visits %(school)s on %(day)s, but does not teach at this kind of school (%(level)s).") % p.of(
        "alt", "school", "day", "level"
    )


def school_not_on_their_list(p: _Parts) -> str:
    return _("%(alt)s visits %(school)s on %(day)s, which is not one of their schools.") % p.of(
        "alt", "school", "day"
    )


def forbidden_school(p: _Parts) -> str:
    return _("%(alt)s visits %(school)s on %(day)s, but may not visit that school.") % p.of("alt", "school", "day")


def day_outside_the_week(p: _Parts) -> str:
    return _("%(alt)s visits %(school)s on %(day)s, which is not a school day of this week.") % p.of(
        "alt", "school", "day"
    )


def unavailable_day(p: _Parts) -> str:
    return _("%(alt)s visits %(school)s on %(day)s, a day they cannot work.") % p.of("alt", "school", "day")


def lessons_at_once(p: _Parts) -> str:
    return _("%(alt)s has two lessons at the same time: %(lesson)s and %(other)s.") % p.of("alt", "lesson", "other")


def too_many_schools_a_day(p: _Parts) -> str:
    return _("%(alt)s visits %(count)s schools on %(day)s (%(schools)s), but may visit only %(limit)s a day.") % p.of(
        "alt", "count", "day", "schools", "limit"
    )


def no_lesson_at_one_of_two_schools(p: _Parts) -> str:
    return _(
        "%(alt)s visits two schools on %(day)s, but has no lesson at %(school)s; on a two-school day each "
        "school needs a lesson."
    ) % p.of("alt", "day", "school")


def lessons_interleave_at_two_schools(p: _Parts) -> str:
    return _("%(alt)s cannot be in two places: %(lesson)s starts before %(other)s ends.") % p.of(
        "alt", "lesson", "other"
    )


def too_little_time_to_travel(p: _Parts) -> str:
    return _(
        "%(alt)s has %(count)s minutes on %(day)s to get from %(school)s to %(other_school)s, but the journey "
        "takes %(limit)s minutes."
    ) % _with(p, other_school=p.names.school(p.parts.get("other", "")))


def too_many_lessons_a_day(p: _Parts) -> str:
    return ngettext(
        "%(alt)s has %(count)s lesson on %(day)s, but may teach only %(limit)s a day.",
        "%(alt)s has %(count)s lessons on %(day)s, but may teach only %(limit)s a day.",
        _count(p),
    ) % p.of("alt", "count", "day", "limit")


def too_many_lessons_a_week(p: _Parts) -> str:
    return ngettext(
        "%(alt)s has %(count)s lesson this week, but may teach only %(limit)s a week.",
        "%(alt)s has %(count)s lessons this week, but may teach only %(limit)s a week.",
        _count(p),
    ) % p.of("alt", "count", "limit")


def too_many_schools_a_week(p: _Parts) -> str:
    return _("%(alt)s visits %(count)s schools this week (%(schools)s), but may visit only %(limit)s.") % p.of(
        "alt", "count", "schools", "limit"
    )


def commute_too_long(p: _Parts) -> str:
    return _(
        "%(alt)s would need %(count)s minutes to get from home to %(school)s, but may commute %(limit)s minutes "
        "at most."
    ) % p.of("alt", "count", "school", "limit")


def too_few_alt_days(p: _Parts) -> str:
    return ngettext(
        "%(school)s gets %(count)s ALT day this week, fewer than the %(limit)s its contract asks for.",
        "%(school)s gets %(count)s ALT days this week, fewer than the %(limit)s its contract asks for.",
        _count(p),
    ) % p.of("school", "count", "limit")


def too_many_alt_days(p: _Parts) -> str:
    return ngettext(
        "%(school)s gets %(count)s ALT day this week, more than the %(limit)s its contract allows.",
        "%(school)s gets %(count)s ALT days this week, more than the %(limit)s its contract allows.",
        _count(p),
    ) % p.of("school", "count", "limit")


def too_many_alts_at_a_school(p: _Parts) -> str:
    return _("%(school)s is visited by %(count)s ALTs (%(alts)s), but takes at most %(limit)s.") % p.of(
        "school", "count", "alts", "limit"
    )


def fixed_visit_missing(p: _Parts) -> str:
    return _("%(alt)s must visit %(school)s on %(day)s (a fixed visit), but does not.") % p.of("alt", "school", "day")


def unknown_alt(p: _Parts) -> str:
    return _("The timetable names an ALT who is not in this program (%(alt)s).") % p.of("alt")


def unknown_school(p: _Parts) -> str:
    return _("The timetable names a school that is not in this program (%(school)s).") % p.of("school")


def unknown_lesson(p: _Parts) -> str:
    return _("The timetable names a lesson that is in no school's timetable (%(lesson)s).") % p.of("lesson")


def visit_listed_twice(p: _Parts) -> str:
    return _("The visit of %(alt)s to %(school)s on %(day)s is listed %(count)s times.") % p.of(
        "alt", "school", "day", "count"
    )


def lesson_listed_twice(p: _Parts) -> str:
    return _("%(alt)s in %(lesson)s is listed %(count)s times.") % p.of("alt", "lesson", "count")


# -- the kinds a rotation adds (kakehashi.timetable.cycle.check.CYCLE_KINDS) -------------------------


def too_few_alt_days_in_cycle(p: _Parts) -> str:
    return ngettext(
        "%(school)s gets %(count)s ALT day over the rotation, fewer than the %(limit)s its contract asks for.",
        "%(school)s gets %(count)s ALT days over the rotation, fewer than the %(limit)s its contract asks for.",
        _count(p),
    ) % p.of("school", "count", "limit")


def too_many_alt_days_in_cycle(p: _Parts) -> str:
    return ngettext(
        "%(school)s gets %(count)s ALT day over the rotation, more than the %(limit)s its contract allows.",
        "%(school)s gets %(count)s ALT days over the rotation, more than the %(limit)s its contract allows.",
        _count(p),
    ) % p.of("school", "count", "limit")


def too_many_alts_in_cycle(p: _Parts) -> str:
    return _("%(school)s is visited by %(count)s ALTs over the rotation (%(alts)s), but takes at most %(limit)s.") % (
        p.of("school", "count", "alts", "limit")
    )


def week_outside_the_cycle(p: _Parts) -> str:
    # The week is outside the rotation, so it has no letter: it is said by its number.
    if "lesson" in p.parts:
        return _(
            "The timetable puts %(alt)s in %(lesson)s in week %(week)s, but the rotation has %(limit)s weeks."
        ) % p.of("alt", "lesson", "week", "limit")
    return _(
        "The timetable puts a visit of %(alt)s to %(school)s in week %(week)s, but the rotation has %(limit)s weeks."
    ) % p.of("alt", "school", "week", "limit")


def lesson_not_held_that_week(p: _Parts) -> str:
    return _("%(alt)s joins %(lesson)s in %(week)s, but that class is not held in %(week)s.") % {
        **p.of("alt", "lesson"),
        "week": rotation_week_name(int(p.parts.get("week", 1))),
    }


def _count(p: _Parts) -> int:
    count = p.parts.get("count", 0)
    return count if isinstance(count, int) else 0


def _with(p: _Parts, **extra: str) -> dict[str, str]:
    return {**p.of("alt", "count", "day", "school", "limit"), **extra}


# -- one function per reason a class has no ALT (kakehashi.timetable.explain.REASON_KINDS) ----------


def no_eligible_alt(p: _Parts) -> str:
    return _("No ALT who teaches at this kind of school (%(level)s) lives within commuting distance.") % p.of("level")


def contract_limit(p: _Parts) -> str:
    return _(
        "The school already has the most ALT days its contract allows (%(limit)s), none of them on this "
        "class's days (%(days)s)."
    ) % p.of("limit", "days")


def no_alt_available(p: _Parts) -> str:
    return _("No ALT who could come works on this class's days (%(days)s).") % p.of("days")


def no_visit_those_days(p: _Parts) -> str:
    return _(
        "No ALT visits on this class's days (%(days)s): the ALTs who could come were needed more at other "
        "schools."
    ) % p.of("days")


def clash(p: _Parts) -> str:
    return _("%(alt)s was at the school on %(day)s, but teaches %(other)s at the same time.") % p.of(
        "alt", "day", "other"
    )


def daily_cap(p: _Parts) -> str:
    return _("%(alt)s was at the school on %(day)s, but already teaches their most lessons for a day (%(limit)s).") % (
        p.of("alt", "day", "limit")
    )


def weekly_cap(p: _Parts) -> str:
    return _(
        "%(alt)s was at the school on %(day)s, but already teaches their most lessons for the week (%(limit)s)."
    ) % p.of("alt", "day", "limit")


def two_school_day(p: _Parts) -> str:
    return _("%(alt)s visits two schools on %(day)s and is not at this one at the time of %(lesson)s.") % p.of(
        "alt", "day", "lesson"
    )


def other_classes_first(p: _Parts) -> str:
    return _(
        "An ALT was at the school on this class's days, but their lessons went to other classes, so that ALT "
        "time is spread over all classes."
    )


_REASONS: dict[str, Callable[[_Parts], str]] = {
    words.__name__: words
    for words in (
        no_eligible_alt,
        contract_limit,
        no_alt_available,
        no_visit_those_days,
        clash,
        daily_cap,
        weekly_cap,
        two_school_day,
        other_classes_first,
    )
}

_WORDS: dict[str, Callable[[_Parts], str]] = {
    words.__name__: words
    for words in (
        lesson_has_several_alts,
        lesson_without_visit,
        school_of_another_level,
        school_not_on_their_list,
        forbidden_school,
        day_outside_the_week,
        unavailable_day,
        lessons_at_once,
        too_many_schools_a_day,
        no_lesson_at_one_of_two_schools,
        lessons_interleave_at_two_schools,
        too_little_time_to_travel,
        too_many_lessons_a_day,
        too_many_lessons_a_week,
        too_many_schools_a_week,
        commute_too_long,
        too_few_alt_days,
        too_many_alt_days,
        too_many_alts_at_a_school,
        fixed_visit_missing,
        too_few_alt_days_in_cycle,
        too_many_alt_days_in_cycle,
        too_many_alts_in_cycle,
        week_outside_the_cycle,
        lesson_not_held_that_week,
        unknown_alt,
        unknown_school,
        unknown_lesson,
        visit_listed_twice,
        lesson_listed_twice,
    )
}
