"""A balance in the coordinator's words: schools and ALTs by name, dates in the reader's format, each moved or
dropped visit in a sentence of the reader's language. The core's own account (the moves' `reason`, the schools'
`obstacles`) names them by id, in English: it stays in the job's stored result, not on the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kakehashi.web.calendars import words as calendar_words
from kakehashi.web.calendars.contracts import AnnualDays
from kakehashi.web.calendars.selectors import school_calendar
from kakehashi.web.core import dates
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.selectors import program_schools
from kakehashi.web.yearbalance.models import BalanceJob


@dataclass
class SchoolYearRow:
    code: str
    name: str
    contracted: int | None
    before: int
    after: int
    delivered: int | None  # planned visits up to today in the dated plan in force (None: no contract on file)
    met: bool | None
    changes: list[str] = field(default_factory=list)
    in_the_way: list[str] = field(default_factory=list)


def _why_no_lessons(calendars: Mapping[str, Any], school: str, date: dt.date) -> str:
    calendar = calendars.get(school)
    if calendar is None:
        return ""
    day = calendar.day(date)
    return calendar_words.reason(day.reason or day.kind.value)


def move_sentence(move: Mapping[str, Any], said: Mapping[str, Any]) -> str:
    """One moved or dropped visit; `said` holds the names, dates and counts it speaks of."""
    if move["kind"] == "moved":
        if move["to"]["alt"] == move["alt"]:
            text = _("%(alt)s's visit on %(date)s moves to %(to_date)s: the school has no lessons that day "
                     "(%(why)s) and was planned %(before)s of its %(contracted)s days.")
        else:
            text = _("%(alt)s's visit on %(date)s moves to %(to_date)s, with %(to_alt)s: the school has no lessons "
                     "that day (%(why)s) and was planned %(before)s of its %(contracted)s days.")
        return text % said
    if said["over_contract"]:
        text = _("%(alt)s's visit on %(date)s is dropped: the school was planned %(before)s days, over its "
                 "contract of %(contracted)s.")
    else:
        text = _("%(alt)s's visit on %(date)s is dropped: %(alt)s was planned more days than their yearly limit.")
    sentence = text % said
    if said.get("freed"):
        sentence += " " + _("%(alt)s goes to %(freed)s that day instead.") % said
    return sentence


def in_the_way(row: Mapping[str, Any], lost: Mapping[str, Any], school: str, calendars: Mapping[str, Any],
               changes_from: dt.date) -> list[str]:
    """What stands in the way of a contract the balance could not meet."""
    if row["planned_after"] > row["contracted"]:
        return [_("%(after)s days for its contract of %(contracted)s: %(over)s over, since the days before "
                  "%(date)s already happened and only later visits are dropped.") % {
            "after": row["planned_after"], "contracted": row["contracted"],
            "over": row["planned_after"] - row["contracted"], "date": dates.day(changes_from)}]
    sentences = [_("%(after)s of its %(contracted)s days after balancing: %(short)s short.") % {
        "after": row["planned_after"], "contracted": row["contracted"],
        "short": row["contracted"] - row["planned_after"]}]
    most = row["planned_before"] + lost.get("count", 0)
    if most < row["contracted"]:
        sentences.append(_("Even with every lost visit given back, the week gives it at most %(most)s days: it "
                           "needs more visit days in the week.") % {"most": most})
    for iso in lost.get("dates", []):
        date = dt.date.fromisoformat(iso)
        sentences.append(_("%(date)s (%(why)s): no ALT who may teach there was free on another lesson day of that "
                           "week.") % {"date": dates.day(date), "why": _why_no_lessons(calendars, school, date)})
    return sentences


def balance_in_words(job: BalanceJob, delivered: list[AnnualDays], japanese: bool) -> list[SchoolYearRow]:
    """Per school of the result: its year, its changed visits in sentences and, if short, what stands in the way."""
    result: dict[str, Any] = job.result or {}
    program: Program = job.program
    schools = {s.code: s for s in program_schools(program)}
    names = {code: (s.name_ja if japanese and s.name_ja else s.name) for code, s in schools.items()}
    people = dict(program.participants.values_list("code", "name"))
    calendars = {code: school_calendar(s, job.year) for code, s in schools.items()}
    rows_by_school = {row["school"]: row for row in result.get("schools", [])}
    arriving = {(m["to"]["alt"], m["to"]["date"]): m["school"] for m in result.get("moves", []) if m["kind"] == "moved"}
    delivered_by = {d.school: d.delivered for d in delivered}
    rows = []
    for code, row in rows_by_school.items():
        year_row = SchoolYearRow(code, names.get(code, code), row["contracted"], row["planned_before"],
                                 row["planned_after"], delivered_by.get(code), row["met"])
        for move in (m for m in result.get("moves", []) if m["school"] == code):
            date = dt.date.fromisoformat(move["date"])
            said = {
                "alt": people.get(move["alt"], move["alt"]),
                "date": dates.day(date),
                "before": row["planned_before"],
                "contracted": row["contracted"],
                "over_contract": row["contracted"] is not None and row["planned_before"] > row["contracted"],
                "freed": names.get(arriving.get((move["alt"], move["date"]), ""), ""),
            }
            if move["kind"] == "moved":
                said |= {"to_date": dates.day(dt.date.fromisoformat(move["to"]["date"])),
                         "to_alt": people.get(move["to"]["alt"], move["to"]["alt"]),
                         "why": _why_no_lessons(calendars, code, date)}
            year_row.changes.append(move_sentence(move, said))
        if row["met"] is False:
            year_row.in_the_way = in_the_way(
                row, result.get("lost", {}).get(code, {}), code, calendars, job.changes_from)
        rows.append(year_row)
    rows.sort(key=lambda r: (r.met is not False, r.name))
    return rows
