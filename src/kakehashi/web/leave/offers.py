"""Offers of an absent ALT's day to ranked substitutes (ADR 0013): send them in rounds, take the first yes
(atomically), move on when no one answers in time, and let the coordinator pick someone at any time.

People are told inside the transaction that decides (as covers.cover_confirm does), after the last step that
can fail, so a refused step tells no one; only the deadline's task waits for the commit.

Every function takes `now`, so the deadlines are tested with a fixed clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kakehashi.web.core import dates
from kakehashi.web.leave.cover_words import lesson_words
from kakehashi.web.leave.models import CoverOffer, LeaveRequest, OfferCandidate, OfferRule
from kakehashi.web.leave.offer_fill import fill_with
from kakehashi.web.leave.offer_ranking import lessons_to_offer, rank_candidates
from kakehashi.web.leave.selectors import confirmed_covers
from kakehashi.web.notices.services import coordinators_of, notify
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.selectors import published_version

Answer = OfferCandidate.Answer


def clock() -> dt.datetime:
    """Now, for every deadline and answer time here: the one seam a test replaces to fix the clock."""
    return timezone.now()


def offer_rule(program: Program) -> OfferRule:
    """The program's rule, or the defaults when the coordinator has not set one."""
    return OfferRule.objects.filter(program=program).first() or OfferRule(program=program)


def offer_send(
    *, program: Program, date: dt.date, absent: Participant, user: Any = None, automatic: bool = False,
    now: dt.datetime | None = None,
) -> CoverOffer:
    """An offer of the absent ALT's lessons that date not yet covered, to the ranked substitutes; the first
    round is asked at once. With no one to ask, the offer is closed as not filled (no candidate)."""
    now = now or clock()
    version = published_version(program)
    if version is None:
        raise ValidationError(_("There is no published timetable to cover from."))
    # A lesson that has begun cannot be taken any more: only the ones still to come are offered.
    lessons = [row for row in lessons_to_offer(version, absent, date) if _starts(date, row["start"]) > now]
    if not lessons:
        raise ValidationError(
            _("%(name)s has no lessons left to cover on %(date)s.") % {"name": absent.name, "date": dates.day(date)}
        )
    leave = (
        LeaveRequest.objects.filter(participant=absent, status__in=LeaveRequest.AWAY, starts__lte=date, ends__gte=date)
        .order_by("-id")
        .first()
    )
    if leave is None:
        raise ValidationError(_("%(name)s is not away on %(date)s.") % {"name": absent.name, "date": dates.day(date)})
    rule = offer_rule(program)
    ranked = rank_candidates(version, program, date, lessons)
    try:
        with transaction.atomic():
            offer = CoverOffer.objects.create(
                program=program,
                date=date,
                absent=absent,
                leave=leave,
                lessons=lessons,
                schools=sorted({row["school"] for row in lessons}),
                automatic=automatic,
                sent_by=user,
                reported_at=leave.reported_at or leave.decided_at or leave.created_at,
                sent_at=now,
                per_round=rule.per_round,
                answer_minutes=rule.answer_minutes,
            )
            OfferCandidate.objects.bulk_create(
                [
                    OfferCandidate(
                        offer=offer,
                        participant=r.participant,
                        rank=rank,
                        preferred=r.preferred,
                        travel_minutes=r.travel_minutes,
                        familiar=r.familiar,
                        takes=len(r.lessons),
                    )
                    for rank, r in enumerate(ranked, start=1)
                ]
            )
            if not ranked:
                _close(offer, CoverOffer.Unfilled.NO_CANDIDATE, now)
            else:
                _ask_next_round(offer, now)
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s's day is already on offer.") % {"name": absent.name}
        ) from error
    return offer


def _close(offer: CoverOffer, reason: str, now: dt.datetime) -> None:
    offer.status = CoverOffer.Status.UNFILLED
    offer.unfilled_reason = reason
    offer.closed_at = now
    offer.save()
    _tell_coordinators_unfilled(offer)


def _ask_next_round(offer: CoverOffer, now: dt.datetime) -> list[OfferCandidate]:
    """The next `per_round` people not yet asked, asked now, with an answer due `answer_minutes` from now."""
    asked = list(offer.candidates.filter(answer=Answer.QUEUED).select_related("participant__user")[: offer.per_round])
    deadline = now + dt.timedelta(minutes=offer.answer_minutes)
    for candidate in asked:
        candidate.answer, candidate.sent_at, candidate.deadline = Answer.WAITING, now, deadline
        candidate.save()
    if asked:
        _tell_asked(offer, asked)
        transaction.on_commit(lambda: _advance_at(offer, deadline))
    return asked


def _advance_at(offer: CoverOffer, deadline: dt.datetime) -> None:
    from django.tasks import task_backends

    from kakehashi.web.leave.tasks import advance_offers

    # A backend that runs tasks at once cannot wait for the deadline: the coordinator's page moves offers on.
    if task_backends["default"].supports_defer:
        advance_offers.using(run_after=deadline).enqueue(offer.program_id)


def offers_advance(*, now: dt.datetime | None = None, program: Program | None = None) -> int:
    """Move every open offer on: people past their deadline are no longer waited for, the next round is asked
    when no one is waiting, and an offer is closed when no one is left or its day's last lesson has begun.
    Runs in the task worker at each round's deadline and whenever the coordinator's page is shown; returns
    how many offers changed."""
    now = now or clock()
    open_offers = CoverOffer.objects.filter(status=CoverOffer.Status.OPEN)
    if program is not None:
        open_offers = open_offers.filter(program=program)
    changed = 0
    for pk in open_offers.values_list("pk", flat=True):
        with transaction.atomic():
            offer = CoverOffer.objects.select_for_update().filter(pk=pk, status=CoverOffer.Status.OPEN).first()
            if offer is not None:
                changed += _advance(offer, now)
    return changed


def _starts(date: dt.date, clock_time: str) -> dt.datetime:
    hours, minutes = (int(part) for part in clock_time.split(":"))
    return dt.datetime.combine(date, dt.time(hours, minutes), tzinfo=timezone.get_current_timezone())


def _too_late(offer: CoverOffer, now: dt.datetime) -> bool:
    """The day's last offered lesson has begun: asking anyone now is asking too late."""
    return now >= _starts(offer.date, max(row["start"] for row in offer.lessons))


def _no_longer_needed(offer: CoverOffer) -> bool:
    """The absence was cancelled or refused, or a confirmed cover (the engine's proposal, say) gives every
    offered lesson to someone: no one should still be asked."""
    away = LeaveRequest.objects.filter(
        participant=offer.absent, status__in=LeaveRequest.AWAY, starts__lte=offer.date, ends__gte=offer.date
    )
    if not away.exists():
        return True
    current = confirmed_covers(offer.program, offer.date, offer.date).get(offer.date)
    taught = {lesson for alt, lesson in current.lessons if alt != offer.absent.code} if current else set()
    return all(row["lesson"] in taught for row in offer.lessons)


def _advance(offer: CoverOffer, now: dt.datetime) -> int:
    if _no_longer_needed(offer):
        waiting = list(offer.candidates.filter(answer=Answer.WAITING).select_related("participant__user"))
        offer.candidates.filter(answer__in=[Answer.WAITING, Answer.QUEUED]).update(answer=Answer.WITHDRAWN)
        offer.status, offer.closed_at = CoverOffer.Status.WITHDRAWN, now
        offer.save()
        _tell_taken(offer, waiting)
        return 1
    expired = offer.candidates.filter(answer=Answer.WAITING, deadline__lte=now).update(answer=Answer.EXPIRED)
    if _too_late(offer, now):
        offer.candidates.filter(answer=Answer.WAITING).update(answer=Answer.EXPIRED)
        _close(offer, CoverOffer.Unfilled.TOO_LATE, now)
        return 1
    if offer.candidates.filter(answer=Answer.WAITING).exists():
        return int(bool(expired))
    if _ask_next_round(offer, now):
        return 1
    answers = set(offer.candidates.values_list("answer", flat=True))
    _close(offer, CoverOffer.Unfilled.TOO_LATE if Answer.EXPIRED in answers else CoverOffer.Unfilled.DECLINED, now)
    return 1


def offer_decline(*, candidate: OfferCandidate, now: dt.datetime | None = None) -> None:
    """A no: the person is not asked again, and when no one else is waiting the next round is asked at once."""
    now = now or clock()
    with transaction.atomic():
        offer = CoverOffer.objects.select_for_update().get(pk=candidate.offer_id)
        candidate.refresh_from_db()
        if offer.status != CoverOffer.Status.OPEN or candidate.answer not in (Answer.WAITING, Answer.EXPIRED):
            raise ValidationError(_("This offer is no longer open."))
        candidate.answer, candidate.answered_at = Answer.DECLINED, now
        candidate.save()
        _advance(offer, now)


def offer_accept(
    *, candidate: OfferCandidate, user: Any, now: dt.datetime | None = None, picked: bool = False
) -> CoverOffer:
    """A yes: the first one takes the day. The offer is won by a conditional UPDATE (status still open), so of
    two answers at the same moment exactly one changes the row; the other is told the day is taken. The cover
    is confirmed in the same transaction, so a failure there gives the day back to the offer."""
    now = now or clock()
    if not picked and candidate.sent_at is None:
        raise ValidationError(_("This offer has not been sent to you."))
    if candidate.answer == Answer.DECLINED and not picked:
        raise ValidationError(_("You declined this offer."))
    with transaction.atomic():
        won = CoverOffer.objects.filter(pk=candidate.offer_id, status=CoverOffer.Status.OPEN).update(
            status=CoverOffer.Status.FILLED, filled_by=candidate.participant_id, filled_at=now, closed_at=now
        )
        if not won:
            raise ValidationError(_("Someone else has already taken this day. Thank you for answering."))
        offer = CoverOffer.objects.select_related("program", "absent").get(pk=candidate.offer_id)
        candidate.answer, candidate.answered_at, candidate.picked = Answer.ACCEPTED, now, picked
        candidate.save()
        others = list(
            offer.candidates.exclude(pk=candidate.pk)
            .filter(answer__in=[Answer.WAITING, Answer.EXPIRED], sent_at__isnull=False)
            .select_related("participant__user")
        )
        offer.candidates.exclude(pk=candidate.pk).filter(answer__in=[Answer.WAITING, Answer.EXPIRED]).update(
            answer=Answer.TAKEN
        )
        offer.candidates.filter(answer=Answer.QUEUED).update(answer=Answer.WITHDRAWN)
        offer.cover = fill_with(offer, candidate.participant, user)
        offer.save()
        _tell_taken(offer, others)
    return offer


def offer_pick(*, offer: CoverOffer, participant: Participant, user: Any, now: dt.datetime | None = None) -> CoverOffer:
    """The coordinator sends a ranked person without waiting for answers (they agreed by phone, say)."""
    candidate = offer.candidates.filter(participant=participant).first()
    if candidate is None:
        raise ValidationError(
            _("%(name)s is not among the people this day can be offered to.") % {"name": participant.name}
        )
    return offer_accept(candidate=candidate, user=user, now=now, picked=True)


def offer_withdraw(*, offer: CoverOffer, now: dt.datetime | None = None) -> None:
    """The coordinator stops the offer (the absence was cancelled, or cover was arranged another way)."""
    now = now or clock()
    with transaction.atomic():
        if not CoverOffer.objects.filter(pk=offer.pk, status=CoverOffer.Status.OPEN).update(
            status=CoverOffer.Status.WITHDRAWN, closed_at=now
        ):
            raise ValidationError(_("This offer is no longer open."))
        others = list(offer.candidates.filter(answer=Answer.WAITING).select_related("participant__user"))
        offer.candidates.filter(answer__in=[Answer.WAITING, Answer.QUEUED]).update(answer=Answer.WITHDRAWN)
        _tell_taken(offer, others)


def offer_link(candidate: OfferCandidate) -> str:
    return settings.SITE_URL + reverse("leave:offer", args=[candidate.pk])


def _lessons_words(offer: CoverOffer) -> str:
    return "\n".join("  " + lesson_words(row) for row in offer.lessons)


def _tell_asked(offer: CoverOffer, asked: list[OfferCandidate]) -> None:
    for candidate in asked:
        user = candidate.participant.user
        if user is None:
            continue
        day = dates.day(offer.date)
        notify(
            [user],
            lambda day=day: _("[Kakehashi] Can you cover %(date)s?") % {"date": day},  # type: ignore[misc]
            lambda c=candidate, day=day: (  # type: ignore[misc]
                _("Lessons on %(date)s need an ALT. The first to accept takes them:") % {"date": day}
                + "\n" + _lessons_words(offer) + "\n"
                + _("Answer by %(time)s: %(link)s")
                % {"time": timezone.localtime(c.deadline).strftime("%H:%M"), "link": offer_link(c)}
            ),
            link=reverse("leave:offer", args=[candidate.pk]),
        )


def _tell_taken(offer: CoverOffer, others: list[OfferCandidate]) -> None:
    users = [c.participant.user for c in others if c.participant.user is not None]
    day = dates.day(offer.date)
    notify(
        users,
        lambda: _("[Kakehashi] Cover for %(date)s: no longer needed") % {"date": day},
        lambda: _("The lessons on %(date)s you were offered are taken or no longer need cover. Thank you.")
        % {"date": day},
    )


def _tell_coordinators_unfilled(offer: CoverOffer) -> None:
    day = dates.day(offer.date)
    left = len(offer.lessons)
    notify(
        coordinators_of(offer.program),
        lambda: _("[Kakehashi] Cover for %(date)s not filled: %(name)s") % {"date": day, "name": offer.absent.name},
        lambda: ngettext(
            "No one took %(name)s's %(count)d lesson on %(date)s (%(why)s).",
            "No one took %(name)s's %(count)d lessons on %(date)s (%(why)s).",
            left,
        )
        % {"name": offer.absent.name, "count": left, "date": day, "why": offer.get_unfilled_reason_display()},
    )
