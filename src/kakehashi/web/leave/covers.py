"""Substitute cover on the platform: propose with the engine's repair, confirm in one click, tell everyone
concerned at once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.cover import propose_cover
from kakehashi.timetable.instance import ALL_DAYS, format_clock
from kakehashi.timetable.solve.repair import RepairError
from kakehashi.web.calendars.selectors import school_calendars
from kakehashi.web.core import dates
from kakehashi.web.leave.cover_words import lesson_words
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.pool import substitute_pool
from kakehashi.web.leave.selectors import confirmed_covers, day_change, program_away
from kakehashi.web.notices.services import coordinators_of, notify, school_staff_of
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.door import version_instance, version_solution
from kakehashi.web.timetables.selectors import program_schools, published_version

# Seconds the engine may spend on one date's cover; the repair usually answers in well under one.
COVER_SECONDS = 2.0


def cover_propose(*, program: Program, date: dt.date) -> Cover | None:
    """A proposed cover for the date's absences not yet covered; None when there is nothing new to cover."""
    version = published_version(program)
    if version is None:
        raise ValidationError(_("There is no published timetable to cover from."))
    current = confirmed_covers(program, date, date).get(date)
    already = sorted(set(current.absent) | set(current.already_absent)) if current else []
    instance = version_instance(version)
    away_that_day = program_away(program, date, date).get(date, set())
    # A substitute away that date is left out of the pool, unless the date's cover already calls them in:
    # then their lessons need cover in turn.
    called_in = {alt for alt, _school in current.visits} if current else set()
    pool = substitute_pool(program, instance, away=away_that_day - called_in)
    away = sorted(a for a in away_that_day if a in instance.alt_by_id or a in called_in)
    if not set(away) - set(already):
        return None
    schools = program_schools(program).select_related("organization").prefetch_related("bells")
    year = SchoolYear.of(date)
    calendars = school_calendars(schools, year)
    try:
        proposal = propose_cover(
            instance,
            version_solution(version),
            calendars,
            date,
            away,
            already_absent=already,
            current=day_change(current) if current else None,
            substitutes=pool,
            time_limit=COVER_SECONDS,
        )
    except RepairError as error:
        raise ValidationError(_("The engine could not propose cover: %(error)s") % {"error": error}) from error
    names = {s.code: s.organization.name for s in schools}
    names_ja = {s.code: s.organization.name_ja for s in schools}
    people = dict(Participant.objects.filter(program=program).values_list("code", "name"))
    with transaction.atomic():
        Cover.objects.filter(program=program, date=date, status=Cover.Status.PROPOSED).update(
            status=Cover.Status.SUPERSEDED
        )
        return Cover.objects.create(
            program=program,
            date=date,
            version=version,
            absent=list(proposal.absent),
            already_absent=already,
            visits=[[v.alt, v.school] for v in proposal.change.visits],
            lessons=[[a.alt, a.lesson] for a in proposal.change.lessons],
            needed=[
                {
                    "lesson": x.lesson.lesson,
                    "alt": x.lesson.alt,
                    "school": x.lesson.school,
                    "homeroom": x.lesson.homeroom,
                    "period": x.lesson.period,
                    "start": format_clock(x.lesson.start),
                    "end": format_clock(x.lesson.end),
                    "substitute": x.substitute,
                    # Names as they were when proposed, for the coordinator's page and the notices.
                    "school_name": names.get(x.lesson.school, x.lesson.school),
                    "school_name_ja": names_ja.get(x.lesson.school, ""),
                    "alt_name": people.get(x.lesson.alt, x.lesson.alt),
                    "substitute_name": people.get(x.substitute, x.substitute) if x.substitute else "",
                    # Why no one takes it, as data: each reader's page says it in their language.
                    "reasons": [
                        {"group": str(r.group), "kind": str(r.kind), "parts": _named(r.parts, names, people)}
                        for r in x.reasons
                    ],
                }
                # By time, as the day runs (the engine lists them by lesson id).
                for x in sorted(proposal.lessons, key=lambda x: (x.lesson.start, x.lesson.school, x.lesson.homeroom))
            ],
            moves=list(proposal.moves),
            seconds=round(proposal.seconds, 3),
        )


def _named(parts: Mapping[str, str | int], schools: dict[str, str], people: dict[str, str]) -> dict[str, Any]:
    """A reason's parts with the names of the person and school it points at, as they are when proposed."""
    named: dict[str, Any] = dict(parts)
    if "person" in parts:
        named["person_name"] = people.get(str(parts["person"]), str(parts["person"]))
    if "school" in parts:
        named["school_name"] = ", ".join(schools.get(code, code) for code in str(parts["school"]).split(", "))
    return named


def cover_confirm(*, cover: Cover, user: Any, accept_partial: bool = True) -> int:
    """Put the cover in force for its date and tell the ALTs and schools concerned; returns how many people
    were told. The coordinator's page passes `accept_partial` only when its warning naming the lessons left
    without an ALT was ticked; otherwise such a cover is refused with those lessons named."""
    left = [row for row in cover.needed if not row.get("substitute")]
    if left and not accept_partial:
        raise ValidationError(
            ngettext(
                "%(count)d lesson stays without an ALT: %(lessons)s. Tick the box under the list to confirm anyway.",
                "%(count)d lessons stay without an ALT: %(lessons)s. Tick the box under the list to confirm anyway.",
                len(left),
            )
            % {"count": len(left), "lessons": "; ".join(lesson_words(row) for row in left)}
        )
    with transaction.atomic():
        locked = Cover.objects.select_for_update().get(pk=cover.pk)
        if locked.status != Cover.Status.PROPOSED:
            raise ValidationError(_("This proposal is no longer open (confirmed or replaced)."))
        before = confirmed_covers(cover.program, cover.date, cover.date).get(cover.date)
        Cover.objects.filter(program=cover.program, date=cover.date, status=Cover.Status.CONFIRMED).update(
            status=Cover.Status.SUPERSEDED
        )
        locked.status = Cover.Status.CONFIRMED
        locked.confirmed_by = user
        locked.confirmed_at = timezone.now()
        locked.save()
    cover.refresh_from_db()
    return _announce(cover, before)


def _announce(cover: Cover, before: Cover | None) -> int:
    program = cover.program
    weekday = ALL_DAYS[cover.date.weekday()]
    if before is not None:
        old_visits = {(a, s) for a, s in before.visits}
    else:
        version = cover.version
        old_visits = {(v.alt, v.school) for v in version_solution(version).visits if v.day == weekday}
    new_visits = {(a, s) for a, s in cover.visits}
    schools = {s.code: s.organization for s in program_schools(program).select_related("organization")}
    people = {p.code: p for p in Participant.objects.filter(program=program).select_related("user")}
    lessons_by_alt: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cover.needed:
        if row["substitute"]:
            lessons_by_alt[row["substitute"]].append(row)

    def name(code: str) -> str:
        return schools[code].display_name if code in schools else code

    def subject() -> str:
        return _("[Kakehashi] Cover for %(date)s") % {"date": dates.day(cover.date)}

    def alt_body(code: str) -> str:
        day = dates.day(cover.date)
        if code in cover.absent:
            return _("Your lessons on %(date)s are covered as far as possible. Get well soon.") % {"date": day} + "\n"
        going = sorted(name(s) for a, s in new_visits if a == code)
        body = _("On %(date)s you go to: %(schools)s.") % {"date": day, "schools": ", ".join(going) or _("no school")}
        for row in lessons_by_alt.get(code, []):
            body += "\n  " + _("%(school)s %(class)s %(start)s-%(end)s (for %(alt)s)") % {
                "school": name(row["school"]),
                "class": row["homeroom"],
                "start": row["start"],
                "end": row["end"],
                "alt": row["alt"],
            }
        return body + "\n"

    def named(code: str) -> str:
        return people[code].name if code in people else code

    def school_body(school: str) -> str:
        # By name, as the JTE knows them; the codes are the program's bookkeeping.
        coming = sorted(named(a) for a, s in new_visits if s == school)
        lines = [
            _("On %(date)s, ALTs at %(school)s: %(alts)s.")
            % {"date": dates.day(cover.date), "school": name(school), "alts": ", ".join(coming) or _("none")}
        ]
        for row in cover.needed:
            if row["school"] == school:
                lines.append(
                    "  "
                    + _("%(class)s %(start)s-%(end)s: %(who)s instead of %(alt)s")
                    % {
                        "class": row["homeroom"],
                        "start": row["start"],
                        "end": row["end"],
                        "who": named(row["substitute"]) if row["substitute"] else _("no ALT (not covered)"),
                        "alt": named(row["alt"]),
                    }
                )
        left = [row for row in cover.needed if row["school"] == school and not row.get("substitute")]
        if left:
            # The school plans those lessons without an ALT: each class and period named.
            lines.append(
                _("Classes with no ALT that day: %(lessons)s.") % {"lessons": "; ".join(lesson_words(r) for r in left)}
            )
        return "\n".join(lines)

    told = 0
    changed_alts = {a for a, _s in old_visits ^ new_visits} | set(cover.absent) | set(lessons_by_alt)
    for code in sorted(changed_alts):
        person = people.get(code)
        if person is None or person.user is None:
            continue
        told += notify([person.user], subject, lambda code=code: alt_body(code))  # type: ignore[misc]
    changed_schools = {s for _a, s in old_visits ^ new_visits} | {row["school"] for row in cover.needed}
    for school, staff in school_staff_of(changed_schools).items():
        told += notify(staff, subject, lambda school=school: school_body(school))  # type: ignore[misc]
    covered = cover.covered
    told += notify(
        coordinators_of(program),
        subject,
        lambda: (
            _("Cover confirmed for %(date)s: %(covered)s of %(needed)s lesson(s) covered.")
            % {"date": dates.day(cover.date), "covered": covered, "needed": len(cover.needed)}
            + "\n"
            + "".join(
                _("Left without an ALT: %(lesson)s") % {"lesson": lesson_words(row)} + "\n"
                for row in cover.needed
                if not row.get("substitute")
            )
            + "\n".join(cover.moves)
        ),
    )
    return told
