"""Putting an accepted offer in force: the date's day re-planned with the substitute in the absent ALT's place,
confirmed through covers.cover_confirm so the school, the ALT's week and iCal, and the monthly report see it
as any confirmed cover, and everyone concerned is told."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.timetable.travel import TravelTimes
from kakehashi.web.leave.covers import cover_confirm
from kakehashi.web.leave.models import Cover, CoverOffer, SchoolSubstitute
from kakehashi.web.leave.offer_ranking import share
from kakehashi.web.leave.pool import substitute_pool
from kakehashi.web.leave.selectors import confirmed_covers
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.door import version_instance, version_solution, version_week_of
from kakehashi.web.timetables.selectors import published_version


def taken_lessons(offer: CoverOffer, person: Participant) -> list[dict[str, Any]]:
    """The offered lessons the person takes, by the same rules that ranked them."""
    version = published_version(offer.program)
    if version is None:
        raise ValidationError(_("There is no published timetable to cover from."))
    instance = version_instance(version, version_week_of(version, offer.date))
    pool = {s.id: s for s in substitute_pool(offer.program, instance, away=set())}
    substitute = pool.get(person.code)
    if substitute is None:
        return []
    stances = person.school_stances.filter(stance=SchoolSubstitute.Stance.EXCLUDED)
    excluded = set(stances.values_list("school__code", flat=True))
    lessons, _minutes = share(substitute, instance, TravelTimes(instance), offer.lessons, excluded)
    return lessons


def fill_with(offer: CoverOffer, person: Participant, user: Any) -> Cover:
    """The confirmed cover that sends `person` to the absent ALT's lessons they can take. Call inside the
    transaction that won the offer: the program's row is locked so two offers of one date filled at the same
    moment re-plan the day one after the other, each on the other's result."""
    Program.objects.select_for_update().filter(pk=offer.program_id).first()
    version = published_version(offer.program)
    if version is None:
        raise ValidationError(_("There is no published timetable to cover from."))
    lessons = taken_lessons(offer, person)
    if not lessons:
        raise ValidationError(_("%(name)s can no longer take any of these lessons.") % {"name": person.name})
    absent = offer.absent.code
    current = confirmed_covers(offer.program, offer.date, offer.date).get(offer.date)
    if current is not None:
        visits = [tuple(v) for v in current.visits]
        assigned = [tuple(a) for a in current.lessons]
        needed = [row for row in current.needed if row["alt"] != absent or row.get("substitute")]
        already = sorted(set(current.absent) | set(current.already_absent))
    else:
        weekday = ALL_DAYS[offer.date.weekday()]
        week = version_week_of(version, offer.date)  # a rotation's week of that date
        solution = version_solution(version, week)
        visits = [(v.alt, v.school) for v in solution.visits if v.day == weekday]
        lesson_day = {x.id: x.day for x in version_instance(version, week).lesson_by_id.values()}
        assigned = [(a.alt, a.lesson) for a in solution.lessons if lesson_day.get(a.lesson) == weekday]
        needed, already = [], []
    taken = {row["lesson"] for row in lessons}
    visits = [v for v in visits if v[0] != absent] + sorted({(person.code, row["school"]) for row in lessons})
    assigned = [a for a in assigned if a[0] != absent] + [(person.code, row["lesson"]) for row in lessons]
    for row in offer.lessons:
        mine = row["lesson"] in taken
        needed.append(
            {
                **row,
                "substitute": person.code if mine else None,
                "substitute_name": person.name if mine else "",
                "reasons": [],
            }
        )
    Cover.objects.filter(program=offer.program, date=offer.date, status=Cover.Status.PROPOSED).update(
        status=Cover.Status.SUPERSEDED
    )
    cover = Cover.objects.create(
        program=offer.program,
        date=offer.date,
        version=version,
        absent=[absent],
        already_absent=[code for code in already if code != absent],
        visits=[list(v) for v in sorted(set(visits))],
        lessons=[list(a) for a in assigned],
        needed=sorted(needed, key=lambda row: (row["start"], row["school"], row["homeroom"])),
        moves=[f"{person.code} takes {len(lessons)} of {len(offer.lessons)} lesson(s) of {absent} (offer {offer.pk})"],
    )
    cover_confirm(cover=cover, user=user, accept_partial=True)
    cover.refresh_from_db()
    return cover
