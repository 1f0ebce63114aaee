"""The words of a cover in the reader's language: a lesson in words, and why a lesson has no ALT.

The engine gives each uncovered lesson its reasons as data (`schoolyear.cover_reasons`: a group, a kind and
parts); a proposal stores them so, and this module turns them into sentences when a page or a notice is
written, each in the language of its reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kakehashi.web.organizations.models import in_reader_language
from kakehashi.web.schools.models import School


def school_words(row: Mapping[str, Any]) -> str:
    """A lesson's school as the reader names it."""
    # A row keeps the school's Japanese name too (offers, and proposals since they do): the reader's is shown.
    return in_reader_language(row.get("school_name") or row["school"], row.get("school_name_ja") or "")


def lesson_words(row: Mapping[str, Any]) -> str:
    """A lesson of a proposal as people say it: its school, class and period with the time."""
    return _("%(school)s, class %(homeroom)s, period %(period)s (%(start)s–%(end)s)") % {
        "school": school_words(row),
        "homeroom": row["homeroom"],
        "period": row["period"],
        "start": row["start"],
        "end": row["end"],
    }


def _level(code: object) -> str:
    return str(dict(School.Level.choices).get(str(code), str(code)))


def reason_sentence(reason: Mapping[str, Any]) -> str:
    """One stored reason (`{"group", "kind", "parts"}`) as a sentence; an unknown kind says only that."""
    parts = dict(reason.get("parts") or {})
    words = {
        "person": parts.get("person_name") or parts.get("person", ""),
        "school": parts.get("school_name") or parts.get("school", ""),
        "minutes": parts.get("minutes", ""),
        "limit": parts.get("limit", ""),
        "gap": parts.get("gap", ""),
        "level": _level(parts.get("level", "")),
    }
    people = int(parts.get("people") or 0)
    kind = reason.get("kind")
    if reason.get("group") == "substitutes":
        return _substitute_sentence(kind, words, people)
    return _alt_sentence(kind, words, people)


def _alt_sentence(kind: object, words: dict[str, Any], people: int) -> str:
    if kind == "nobody_working":
        return _("No other ALT works that day.")
    if kind == "level":
        return _("No ALT working that day teaches at this level (%(level)s).") % words
    if kind == "not_allowed":
        return ngettext(
            "%(count)d ALT teaches this level but is not placed at this school.",
            "%(count)d ALTs teach this level but are not placed at this school.",
            people,
        ) % {"count": people}
    if kind == "commute":
        return (
            _("Too far for every ALT: %(person)s would need %(minutes)s minutes (longest commute %(limit)s).")
            % words
        )
    if kind == "busy":
        return ngettext(
            "The one ALT who could come teaches elsewhere at that time.",
            "All %(count)d ALTs who could come teach elsewhere at that time.",
            people,
        ) % {"count": people}
    if kind == "one_school_a_day":
        return _("%(person)s is free then but at %(school)s that day, and goes to one school a day.") % words
    if kind == "travel":
        return (
            _(
                "%(person)s cannot get here in time from %(school)s: %(minutes)s minutes of travel, "
                "%(gap)s minutes between the lessons."
            )
            % words
        )
    if kind == "limits":
        return _("%(person)s could come, but the week's limits (classes a day or a week) leave no room.") % words
    return _("No ALT could be found.")


def _substitute_sentence(kind: object, words: dict[str, Any], people: int) -> str:
    if kind == "no_substitutes":
        return _("The program has no substitute ALTs.")
    if kind == "nobody_working":
        return _("No substitute works on that day at that hour.")
    if kind == "level":
        return _("No substitute working then teaches at this level (%(level)s).") % words
    if kind == "not_allowed":
        return _("No substitute who teaches this level may go to this school.")
    if kind == "commute":
        return (
            _("Too far for every substitute: %(person)s would need %(minutes)s minutes (longest commute %(limit)s).")
            % words
        )
    if kind == "busy":
        return _("Every substitute who could come is teaching elsewhere at that time.")
    if kind == "one_school_a_day":
        return _("Substitute %(person)s is at %(school)s that day and goes to one school a day.") % words
    if kind == "travel":
        return (
            _(
                "Substitute %(person)s cannot get here in time from %(school)s: %(minutes)s minutes of travel, "
                "%(gap)s minutes between the lessons."
            )
            % words
        )
    if kind == "limits":
        return _("Substitute %(person)s could come, but their limits for the day leave no room.") % words
    return _("No substitute could be found.")


def reasons_in_words(row: Mapping[str, Any]) -> list[str]:
    """Every reason of a proposal's lesson, as sentences (empty for a covered lesson)."""
    return [reason_sentence(reason) for reason in row.get("reasons") or []]
