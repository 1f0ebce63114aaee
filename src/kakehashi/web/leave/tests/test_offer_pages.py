"""Offers on pages: the substitute answers with one tap on the phone page the email links to, the coordinator
sends offers and picks from the ranked list, and keeps each school's preferred and excluded substitutes."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.leave.models import CoverOffer, OfferRule, SchoolSubstitute
from kakehashi.web.leave.offers import offer_send
from kakehashi.web.leave.tests.offer_world import absent_day, morning, substitute
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def test_opening_the_offer_link_does_not_answer_one_tap_accepts_and_the_page_says_so(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    sub = substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    candidate = offer.candidates.get()
    phone = signed_in(sub.user)
    page = phone.get(f"/leave/offers/{candidate.pk}/").content.decode()
    assert 'value="accept"' in page and alt.name in page
    offer.refresh_from_db()
    assert offer.status == "open"  # a mail scanner opening the link answers nothing
    answered = phone.post(f"/leave/offers/{candidate.pk}/", {"answer": "accept"}, follow=True).content.decode()
    assert 'data-answer="accepted"' in answered and "You are expected on" in answered
    offer.refresh_from_db()
    assert offer.status == "filled" and offer.filled_by == sub


def test_someone_elses_offer_link_is_not_found(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    other = substitute(north, "NZ02", school, km_north=2)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    theirs = offer.candidates.get(participant__code="NZ01")
    assert signed_in(other.user).get(f"/leave/offers/{theirs.pk}/").status_code == 404
    assert signed_in(other.user).post(f"/leave/offers/{theirs.pk}/", {"answer": "accept"}).status_code == 404


def test_the_coordinator_sends_offers_sees_the_ranking_and_picks_a_person(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1, name="Amy Near")
    substitute(north, "NZ02", school, km_north=3, name="Bo Further")
    coordinator = signed_in(north.users["coordinator"])
    home = f"/leave/programs/{north.program.pk}/"
    assert f"Offer {alt.name}'s lessons to substitutes" in coordinator.get(home).content.decode()
    coordinator.post(f"{home}offers/{day.isoformat()}/{alt.code}/send/")
    offer = CoverOffer.objects.get()
    page = coordinator.get(home).content.decode()
    assert page.index("Amy Near") < page.index("Bo Further") and "waiting for answers" in page
    chosen = offer.candidates.get(participant__code="NZ02")
    coordinator.post(f"{home}offers/{offer.pk}/pick/{chosen.pk}/")
    page = coordinator.get(home).content.decode()
    assert "Bo Further comes for" in page


def test_the_coordinator_keeps_a_schools_lists_and_the_offer_rule(published: Any) -> None:
    north, _, _ = published
    _alt, _day, school = absent_day(north)
    sub = substitute(north, "NZ01", school, km_north=1, name="Amy Near")
    coordinator = signed_in(north.users["coordinator"])
    url = f"/leave/programs/{north.program.pk}/substitute-lists/"
    coordinator.post(url, {"entry": "1", "school": school.pk, "participant": sub.pk, "stance": "excluded"})
    assert SchoolSubstitute.objects.get().stance == "excluded"
    coordinator.post(url, {"entry": "1", "school": school.pk, "participant": sub.pk, "stance": "preferred"})
    assert SchoolSubstitute.objects.get().stance == "preferred"
    refused = coordinator.post(url, {"rule": "1", "automatic": "same_day", "per_round": "0", "answer_minutes": "30"})
    assert "Ask at least one person at a time." in refused.content.decode()
    coordinator.post(url, {"rule": "1", "automatic": "same_day", "per_round": "2", "answer_minutes": "15"})
    rule = OfferRule.objects.get(program=north.program)
    assert (rule.automatic, rule.per_round, rule.answer_minutes) == ("same_day", 2, 15)
    coordinator.post(url, {"remove": SchoolSubstitute.objects.get().pk})
    assert not SchoolSubstitute.objects.exists()
    # Another program's coordinator cannot see the page.
    assert signed_in(published[1].users["coordinator"]).get(url).status_code == 404


def test_the_email_carries_the_full_link_to_the_offer_page(published: Any) -> None:
    from django.core import mail
    from django.test import override_settings

    north, _, _ = published
    alt, day, school = absent_day(north)
    sub = substitute(north, "NZ01", school, km_north=1)
    mail.outbox.clear()
    with override_settings(SITE_URL="https://alt.example.jp"):
        offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    (email,) = [m for m in mail.outbox if sub.user.email in m.to]
    assert f"https://alt.example.jp/leave/offers/{offer.candidates.get().pk}/" in email.body
    assert "Answer by 07:30" in email.body
