"""Training sessions and meetings: a coordinator schedules one, invites participants (each told at once), they
answer, and the coordinator records who came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.web.core import dates
from kakehashi.web.duties.models import Invitation, TrainingSession
from kakehashi.web.notices.services import notify
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant


def session_create(
    *,
    program: Program,
    title: str,
    kind: str,
    starts: dt.datetime,
    ends: dt.datetime,
    place: str = "",
    link: str = "",
    user: Any = None,
) -> TrainingSession:
    if ends <= starts:
        raise ValidationError({"ends": _("The session ends before it starts.")})
    if not place.strip() and not link.strip():
        raise ValidationError(
            {"place": _("Give a place or an online link.")}
        )
    session = TrainingSession(
        program=program, title=title, kind=kind, starts=starts, ends=ends, place=place, link=link, created_by=user
    )
    session.full_clean()
    session.save()
    return session


def _when(session: TrainingSession) -> str:
    """Mon 30 Nov 2026 14:00–16:00, as the active language writes dates."""
    return f"{dates.when(session.starts)}–{timezone.localtime(session.ends):%H:%M}"


def session_invite(*, session: TrainingSession, participants: Iterable[Participant]) -> int:
    """Invite each participant not yet invited; returns how many were newly invited (and told)."""
    people = list(participants)
    if any(p.program_id != session.program_id for p in people):
        raise ValidationError(
            _("Only the program's own participants can be invited.")
        )
    already = set(session.invitations.values_list("participant_id", flat=True))
    new = [p for p in people if p.pk not in already]
    with transaction.atomic():
        for person in new:
            Invitation.objects.create(session=session, participant=person)
    where = " · ".join(x for x in (session.place, session.link) if x)
    notify(
        [p.user for p in new],
        lambda: _("[Kakehashi] Invitation: %(title)s (%(when)s)") % {"title": session.title, "when": _when(session)},
        lambda: _(
            "You are invited to %(title)s (%(kind)s), %(when)s, %(where)s.\n"
            "Please answer on Kakehashi whether you will attend."
        )
        % {"title": session.title, "kind": session.get_kind_display(), "when": _when(session), "where": where},
    )
    return len(new)


def invitation_respond(*, invitation: Invitation, attending: bool) -> Invitation:
    if invitation.session.ends <= timezone.now():
        raise ValidationError(_("This session is over."))
    invitation.response = Invitation.Response.ATTENDING if attending else Invitation.Response.NOT_ATTENDING
    invitation.responded_at = timezone.now()
    invitation.save()
    return invitation


def attendance_record(*, session: TrainingSession, marks: Mapping[int, str]) -> int:
    """`marks` maps an invitation's id to present, absent or excused; returns how many changed."""
    if session.starts > timezone.now():
        raise ValidationError(
            _("Attendance is recorded once the session has begun.")
        )
    allowed = set(Invitation.Attendance.values)
    if set(marks.values()) - allowed:
        raise ValidationError(_("Choose present, absent or excused."))
    changed = 0
    with transaction.atomic():
        for invitation in session.invitations.filter(pk__in=list(marks)):
            if invitation.attendance != marks[invitation.pk]:
                invitation.attendance = marks[invitation.pk]
                invitation.save()
                changed += 1
    return changed
