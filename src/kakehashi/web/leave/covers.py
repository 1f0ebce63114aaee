"""Substitute cover on the platform: propose with the engine's repair, confirm in one click, tell everyone
concerned at once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.cover import propose_cover
from kakehashi.timetable.instance import ALL_DAYS, format_clock
from kakehashi.timetable.solve.repair import RepairError
from kakehashi.web.calendars.selectors import school_calendar
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.notices import coordinators_of, notify, school_staff_of
from kakehashi.web.leave.selectors import confirmed_covers, day_change, program_away
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.selectors import program_schools, published_version, version_solution, week_instance

# Seconds the engine may spend on one date's cover; the repair usually answers in well under one.
COVER_SECONDS = 2.0


def cover_propose(*, program: Program, date: dt.date) -> Cover | None:
    """A proposed cover for the date's absences not yet covered; None when there is nothing new to cover."""
    version = published_version(program)
    if version is None:
        raise ValidationError(
            _("There is no published timetable to cover from.")
        )
    current = confirmed_covers(program, date, date).get(date)
    already = sorted(set(current.absent) | set(current.already_absent)) if current else []
    instance = week_instance(program)
    away = sorted(a for a in program_away(program, date, date).get(date, set()) if a in instance.alt_by_id)
    if not set(away) - set(already):
        return None
    schools = program_schools(program).select_related("organization").prefetch_related("bells")
    year = SchoolYear.of(date)
    calendars = {s.code: school_calendar(s, year) for s in schools}
    try:
        proposal = propose_cover(
            instance,
            version_solution(version),
            calendars,
            date,
            away,
            already_absent=already,
            current=day_change(current) if current else None,
            time_limit=COVER_SECONDS,
        )
    except RepairError as error:
        raise ValidationError(
            _("The engine could not propose cover: %(error)s") % {"error": error}
        ) from error
    names = {s.code: s.organization.name for s in schools}
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
                    "alt_name": people.get(x.lesson.alt, x.lesson.alt),
                    "substitute_name": people.get(x.substitute, x.substitute) if x.substitute else "",
                }
                # By time, as the day runs (the engine lists them by lesson id).
                for x in sorted(proposal.lessons, key=lambda x: (x.lesson.start, x.lesson.school, x.lesson.homeroom))
            ],
            moves=list(proposal.moves),
            seconds=round(proposal.seconds, 3),
        )


def cover_confirm(*, cover: Cover, user: Any) -> int:
    """Put the cover in force for its date and tell the ALTs and schools concerned; returns how many people
    were told."""
    with transaction.atomic():
        locked = Cover.objects.select_for_update().get(pk=cover.pk)
        if locked.status != Cover.Status.PROPOSED:
            raise ValidationError(
                _("This proposal is no longer open (confirmed or replaced).")
            )
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
    names = {s.code: s.organization.name for s in program_schools(program).select_related("organization")}
    people = {p.code: p for p in Participant.objects.filter(program=program).select_related("user")}
    lessons_by_alt: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cover.needed:
        if row["substitute"]:
            lessons_by_alt[row["substitute"]].append(row)
    subject = f"[Kakehashi] Cover for {cover.date} / {cover.date} の代替"
    told = 0
    changed_alts = {a for a, _s in old_visits ^ new_visits} | set(cover.absent) | set(lessons_by_alt)
    for code in sorted(changed_alts):
        person = people.get(code)
        if person is None or person.user is None:
            continue
        if code in cover.absent:
            body = f"Your lessons on {cover.date} are covered as far as possible. Get well soon.\n"
        else:
            going = sorted(names.get(s, s) for a, s in new_visits if a == code)
            body = f"On {cover.date} you go to: {', '.join(going) or 'no school'}.\n"
            for row in lessons_by_alt.get(code, []):
                where = names.get(row["school"], row["school"])
                body += f"  {where} {row['homeroom']} {row['start']}-{row['end']} (for {row['alt']})\n"
        body += f"\n{cover.date} の予定が変更されました。"
        told += notify([person.user], subject, body)
    changed_schools = {s for _a, s in old_visits ^ new_visits} | {row["school"] for row in cover.needed}
    for school, staff in school_staff_of(changed_schools).items():
        coming = sorted(a for a, s in new_visits if s == school)
        lines = [f"On {cover.date}, ALTs at {names.get(school, school)}: {', '.join(coming) or 'none'}."]
        for row in cover.needed:
            if row["school"] == school:
                who = row["substitute"] or "no ALT (not covered)"
                lines.append(f"  {row['homeroom']} {row['start']}-{row['end']}: {who} instead of {row['alt']}")
        told += notify(staff, subject, "\n".join(lines) + f"\n\n{cover.date} のALT訪問予定が変更されました。")
    covered = cover.covered
    told += notify(
        coordinators_of(program),
        subject,
        f"Cover confirmed for {cover.date}: {covered} of {len(cover.needed)} lesson(s) covered.\n"
        + "\n".join(cover.moves),
    )
    return told
