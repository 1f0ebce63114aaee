"""A proposed cover in the coordinator's words: who is away by name, and how the other ALTs' visits that date
change ("Ben Ito goes to Kita ES instead of Minami JHS"). The engine's own account (Cover.moves) names ALTs,
schools and lessons by their ids, in English: it stays in the notices' record and the API, not on the page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.leave.models import Cover
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.door import version_solution, version_week_of
from kakehashi.web.timetables.selectors import program_schools


def _listed(names: Iterable[str]) -> str:
    return _(", ").join(names)


def visit_changes(
    cover: Cover, before: Cover | None, people: Mapping[str, str], schools: Mapping[str, str]
) -> list[str]:
    """How each ALT other than the absent ones visits differently that date, next to the date's confirmed
    cover (`before`) or else the week the cover was made on."""
    if before is not None:
        was = {(alt, school) for alt, school in before.visits}
    else:
        weekday = ALL_DAYS[cover.date.weekday()]
        week = version_solution(cover.version, version_week_of(cover.version, cover.date))
        was = {(v.alt, v.school) for v in week.visits if v.day == weekday}
    now = {(alt, school) for alt, school in cover.visits}
    away = set(cover.absent) | set(cover.already_absent)
    went: dict[str, set[str]] = defaultdict(set)
    goes: dict[str, set[str]] = defaultdict(set)
    for alt, school in was:
        went[alt].add(school)
    for alt, school in now:
        goes[alt].add(school)
    lines = []
    for alt in sorted(set(went) | set(goes), key=lambda code: people.get(code, code)):
        if alt in away or went[alt] == goes[alt]:
            continue
        said = {
            "alt": people.get(alt, alt),
            "schools": _listed(sorted(schools.get(s, s) for s in goes[alt])),
            "before": _listed(sorted(schools.get(s, s) for s in went[alt])),
        }
        if went[alt] and goes[alt]:
            lines.append(_("%(alt)s goes to %(schools)s instead of %(before)s.") % said)
        elif goes[alt]:
            lines.append(_("%(alt)s also goes to %(schools)s.") % said)
        else:
            lines.append(_("%(alt)s no longer goes to %(before)s that day.") % said)
    return lines


def in_words(program: Program, rows: list[dict[str, Any]], japanese: bool) -> list[dict[str, Any]]:
    """The page's rows (selectors.absence_dates) with the absent ALTs by name and each proposal's changes."""
    people = dict(program.participants.values_list("code", "name"))
    schools = {
        s.code: (s.name_ja if japanese and s.name_ja else s.name)
        for s in program_schools(program).select_related("organization")
    }
    worded = []
    for row in rows:
        proposed: Cover | None = row["proposed"]
        changes = visit_changes(proposed, row["confirmed"], people, schools) if proposed is not None else []
        worded.append({**row, "away_names": [people.get(code, code) for code in row["away"]], "changes": changes})
    return worded
