"""Two substitutes tap Accept at the same moment: exactly one takes the day (a conditional UPDATE; on
PostgreSQL the second waits for the first's row lock, then finds the offer filled). Run on PostgreSQL:
DATABASE_URL=postgres://… pytest this file."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.core.tests.test_lost_updates import at_the_same_moment, postgresql_only
from kakehashi.web.leave.models import Cover, CoverOffer, OfferCandidate
from kakehashi.web.leave.offers import offer_accept, offer_send
from kakehashi.web.leave.tests.offer_world import absent_day, morning, substitute


@pytest.mark.django_db(transaction=True)
@postgresql_only  # SQLite's shared in-memory test database answers "table is locked" instead of waiting
def test_of_three_accepts_at_the_same_moment_exactly_one_takes_the_day(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    people = [substitute(north, f"NZ0{n}", school, km_north=n) for n in (1, 2, 3)]
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    candidates = [OfferCandidate.objects.get(offer=offer, participant=p) for p in people]
    outcomes = at_the_same_moment(
        *[
            (lambda c=c: offer_accept(candidate=c, user=c.participant.user, now=morning(day, 7, 1)))
            for c in candidates
        ]
    )
    assert outcomes == ["applied", "refused", "refused"]
    offer.refresh_from_db()
    answers = sorted(OfferCandidate.objects.filter(offer=offer).values_list("answer", flat=True))
    assert offer.status == CoverOffer.Status.FILLED and answers == ["accepted", "taken", "taken"]
    # One cover in force for the day, sending the winner.
    (cover,) = Cover.objects.filter(date=day, status=Cover.Status.CONFIRMED)
    assert cover == offer.cover and {row["substitute"] for row in cover.needed} == {offer.filled_by.code}
