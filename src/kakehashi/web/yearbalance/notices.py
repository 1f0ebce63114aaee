"""Telling the ALTs and schools a published balance changes: which of their dates change, in their language."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kakehashi.web.core import dates
from kakehashi.web.notices.services import notify, school_staff_of
from kakehashi.web.organizations.models import Program
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.selectors import program_schools
from kakehashi.web.yearbalance.models import BalanceChange


def _school_name(school: School | None, code: str) -> str:
    if school is None:
        return code
    return school.name_ja if (get_language() or "").startswith("ja") and school.name_ja else school.name


def _lines(changes: Iterable[BalanceChange], name_of: Callable[[BalanceChange], str]) -> str:
    """One line per change, in the language active when the notice is worded: the date and who or where."""
    lines = []
    for change in sorted(changes, key=lambda c: c.date):
        said = {"date": dates.day(change.date), "name": name_of(change)}
        if change.kind == BalanceChange.Kind.ADDED:
            lines.append(_("%(date)s: an added visit (%(name)s)") % said)
        else:
            lines.append(_("%(date)s: no visit after all (%(name)s)") % said)
    return "\n".join(lines)


def _subject() -> str:
    return _("The year's ALT visits were balanced: some of your dates change")


def tell_balance(program: Program, changes: Iterable[BalanceChange], today: dt.date) -> int:
    """A notice to each ALT and each school's staff whose coming dates the balance changes; returns how many
    were told. A past date changes nothing anyone can act on: it is not told."""
    schools: Mapping[str, School] = {s.code: s for s in program_schools(program)}
    people = {p.code: p for p in program.participants.select_related("user")}
    by_alt: dict[str, list[BalanceChange]] = defaultdict(list)
    by_school: dict[str, list[BalanceChange]] = defaultdict(list)
    for change in changes:
        if change.date >= today:
            by_alt[change.alt].append(change)
            by_school[change.school].append(change)
    told = 0
    for code, mine in by_alt.items():
        participant = people.get(code)
        if participant is not None and participant.user is not None:
            told += notify([participant.user], _subject, lambda mine=mine: _lines(  # type: ignore[misc]
                mine, lambda c: _school_name(schools.get(c.school), c.school)))
    for code, staff in school_staff_of(by_school).items():
        told += notify(staff, _subject, lambda mine=by_school[code]: _lines(  # type: ignore[misc]
            mine, lambda c: people[c.alt].name if c.alt in people else c.alt))
    return told
