"""Offers of an absent ALT's day (ADR 0013): ranked by the school's lists, travel and familiarity; the first
yes takes the day and is confirmed like any cover; no answer by the deadline asks the next people; the clock
is fixed, never slept on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kakehashi.web.duties.monthly import school_month
from kakehashi.web.leave.models import Cover, CoverOffer, OfferCandidate, OfferRule, SchoolSubstitute
from kakehashi.web.leave.offers import offer_accept, offer_decline, offer_pick, offer_send, offers_advance
from kakehashi.web.leave.tests.offer_world import absent_day, morning, substitute
from kakehashi.web.notices.models import Notice

pytestmark = pytest.mark.django_db


def _ranked(offer: CoverOffer) -> list[str]:
    return list(offer.candidates.order_by("rank").values_list("participant__code", flat=True))


def test_the_schools_preferred_substitute_comes_first_an_excluded_one_never_then_the_nearest(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    near = substitute(north, "NZ01", school, km_north=1)
    far = substitute(north, "NZ02", school, km_north=10)
    substitute(north, "NZ03", school, km_north=0.5)
    preferred = substitute(north, "NZ04", school, km_north=20)
    SchoolSubstitute.objects.create(school=school, participant=preferred, stance="preferred")
    SchoolSubstitute.objects.create(school=school, participant=Participant_of("NZ03"), stance="excluded")
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    assert _ranked(offer) == ["NZ04", "NZ01", "NZ02"]
    first = offer.candidates.get(participant=near)
    assert first.travel_minutes < offer.candidates.get(participant=far).travel_minutes
    assert offer.candidates.get(participant=preferred).preferred


def Participant_of(code: str) -> Any:  # noqa: N802 - reads as the thing it fetches
    from kakehashi.web.people.models import Participant

    return Participant.objects.get(code=code)


def test_of_two_at_the_same_distance_the_one_who_has_been_to_the_school_comes_first(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1, name="Amy New")
    known = substitute(north, "NZ02", school, km_north=1.2, name="Zoe Known")
    earlier = Cover.objects.create(
        program=north.program, date=day - dt.timedelta(days=7), status="superseded",
        version=published_version_of(north), visits=[["NZ02", school.code]], confirmed_at=morning(day),
    )
    assert earlier.pk
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    assert _ranked(offer) == ["NZ02", "NZ01"]
    assert offer.candidates.get(participant=known).familiar


def published_version_of(north: Any) -> Any:
    from kakehashi.web.timetables.selectors import published_version

    return published_version(north.program)


def test_the_first_to_accept_takes_the_day_the_others_are_told_and_the_school_report_counts_it(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    first, second = substitute(north, "NZ01", school, km_north=1), substitute(north, "NZ02", school, km_north=2)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    asked = Notice.objects.filter(user=first.user, subject__contains="Can you cover")
    assert asked.count() == 1 and f"/leave/offers/{offer.candidates.get(participant=first).pk}/" in asked.get().body
    winner = offer.candidates.get(participant=second)
    offer_accept(candidate=winner, user=second.user, now=morning(day, 7, 5))
    with pytest.raises(ValidationError, match="already taken"):
        offer_accept(candidate=offer.candidates.get(participant=first), user=first.user, now=morning(day, 7, 6))
    offer.refresh_from_db()
    assert (offer.status, offer.filled_by, offer.filled_at) == ("filled", second, morning(day, 7, 5))
    assert offer.candidates.get(participant=first).answer == "taken"
    assert Notice.objects.filter(user=first.user, subject__contains="no longer needed").exists()
    # Confirmed as any cover: the school is told who comes, and the monthly report counts the substitute's day.
    assert offer.cover is not None and offer.cover.status == "confirmed"
    assert {row["substitute"] for row in offer.cover.needed} == {"NZ02"}
    report = school_month(school, day.replace(day=1))
    (line,) = [v for v in report.visits if v.date == day and v.alt == "NZ02"]
    assert line.substitute and line.lessons == len(offer.lessons)


def test_no_answer_by_the_deadline_asks_the_next_round_and_then_closes_as_too_late(published: Any) -> None:
    north, _, _ = published
    OfferRule.objects.create(program=north.program, per_round=1, answer_minutes=20)
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    substitute(north, "NZ02", school, km_north=2)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day, 6, 0))

    def answers() -> list[str]:
        return list(offer.candidates.order_by("rank").values_list("answer", flat=True))

    assert answers() == ["waiting", "queued"]
    offers_advance(now=morning(day, 6, 19))  # before the deadline: nothing moves
    assert answers() == ["waiting", "queued"]
    offers_advance(now=morning(day, 6, 20))
    assert answers() == ["expired", "waiting"]
    assert offer.candidates.get(rank=2).deadline == morning(day, 6, 40)
    offers_advance(now=morning(day, 6, 41))
    offer.refresh_from_db()
    assert (offer.status, offer.unfilled_reason, offer.closed_at) == ("unfilled", "too_late", morning(day, 6, 41))


def test_when_everyone_asked_declines_the_day_stays_unfilled_as_declined(published: Any) -> None:
    north, _, _ = published
    OfferRule.objects.create(program=north.program, per_round=1)
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    substitute(north, "NZ02", school, km_north=2)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    offer_decline(candidate=offer.candidates.get(rank=1), now=morning(day, 7, 1))
    assert offer.candidates.get(rank=2).sent_at == morning(day, 7, 1)  # asked at once, not at the deadline
    offer_decline(candidate=offer.candidates.get(rank=2), now=morning(day, 7, 2))
    offer.refresh_from_db()
    assert (offer.status, offer.unfilled_reason) == ("unfilled", "declined")
    assert Notice.objects.filter(user=north.users["coordinator"], subject__contains="not filled").exists()


def test_with_no_substitute_who_can_go_the_offer_closes_at_once_as_no_candidate(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=400, max_commute_minutes=30)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    assert (offer.status, offer.unfilled_reason, offer.candidates.count()) == ("unfilled", "no_candidate", 0)


def test_the_coordinator_picks_someone_from_the_ranked_list_without_waiting(published: Any) -> None:
    north, _, _ = published
    OfferRule.objects.create(program=north.program, per_round=1)
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    last = substitute(north, "NZ02", school, km_north=2)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    offer_pick(offer=offer, participant=last, user=north.users["coordinator"], now=morning(day, 7, 3))
    offer.refresh_from_db()
    picked = offer.candidates.get(participant=last)
    assert (offer.status, offer.filled_by, picked.picked, picked.answer) == ("filled", last, True, "accepted")
    assert offer.candidates.get(rank=1).answer == "taken"


def test_a_second_offer_for_the_same_absent_day_is_refused_while_one_is_open(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    with pytest.raises(ValidationError, match="already on offer"):
        offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    assert OfferCandidate.objects.count() == 1


def test_the_school_is_told_by_name_who_comes_instead_of_whom(published: Any) -> None:
    from kakehashi.web.accounts.models import Role
    from kakehashi.web.testing import user

    north, _, _ = published
    alt, day, school = absent_day(north)
    jte = user("offer-jte", {"kind": Role.Kind.SCHOOL_STAFF, "organization": school.organization})
    sub = substitute(north, "NZ01", school, km_north=1, name="Sam Stand")
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    offer_accept(candidate=offer.candidates.get(participant=sub), user=sub.user, now=morning(day, 7, 1))
    notice = Notice.objects.get(user=jte)
    assert f"ALTs at {school.organization.name}: Sam Stand." in notice.body
    assert f"Sam Stand instead of {alt.name}" in notice.body and "NZ01" not in notice.body


def test_the_same_morning_rule_offers_only_an_absence_reported_for_that_very_day(published: Any) -> None:
    from kakehashi.web.leave.models import LeaveRequest
    from kakehashi.web.leave.services import automatic_offer_days
    from kakehashi.web.leave.tasks import offer_automatically

    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    reported = LeaveRequest.objects.get(participant=alt)
    later = (day + dt.timedelta(days=1)).isoformat()
    rule = OfferRule(program=north.program, automatic="same_day")
    assert automatic_offer_days(rule, reported, [day.isoformat(), later], today=day) == [day.isoformat()]
    assert automatic_offer_days(rule, reported, [day.isoformat()], today=day - dt.timedelta(days=1)) == []
    assert automatic_offer_days(OfferRule(automatic="always"), reported, [later], today=day) == [later]
    assert automatic_offer_days(OfferRule(automatic="never"), reported, [later], today=day) == []
    assert automatic_offer_days(None, reported, [later], today=day) == []
    offer_automatically.call(reported.pk, [day.isoformat()])  # what the task worker does after the report
    offer = CoverOffer.objects.get()
    assert offer.automatic and offer.candidates.get().answer == "waiting"


def test_each_round_queues_the_task_that_moves_on_at_its_deadline(
    published: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    (queued,) = DBTaskResult.objects.filter(task_path__endswith="advance_offers")
    assert queued.run_after == offer.candidates.get().deadline == morning(day, 7, 30)
    assert queued.args_kwargs["args"] == [north.program.pk]


def test_an_offer_is_withdrawn_when_the_absence_is_cancelled_and_those_asked_are_told(published: Any) -> None:
    from kakehashi.web.leave.models import LeaveRequest

    north, _, _ = published
    alt, day, school = absent_day(north)
    asked = substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    LeaveRequest.objects.filter(participant=alt).update(status="cancelled")
    offers_advance(now=morning(day, 7, 5))
    offer.refresh_from_db()
    assert (offer.status, offer.candidates.get().answer) == ("withdrawn", "withdrawn")
    assert Notice.objects.filter(user=asked.user, subject__contains="no longer needed").exists()


def test_an_offer_is_withdrawn_once_a_confirmed_cover_gives_every_lesson_to_someone(published: Any) -> None:
    from kakehashi.web.leave.covers import cover_confirm, cover_propose

    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    proposal = cover_propose(program=north.program, date=day)  # the engine calls the substitute in
    assert proposal is not None and proposal.covered == len(proposal.needed)
    cover_confirm(cover=proposal, user=north.users["coordinator"])
    offers_advance(now=morning(day, 7, 5))
    offer.refresh_from_db()
    assert offer.status == "withdrawn"


def test_an_offer_made_mid_morning_leaves_out_the_lessons_that_have_begun(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    early = offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7, 0))
    CoverOffer.objects.all().delete()
    second_start = sorted(row["start"] for row in early.lessons)[1]
    hour, minute = (int(x) for x in second_start.split(":"))
    just_before = morning(day, hour, minute) - dt.timedelta(minutes=1)
    later = offer_send(program=north.program, date=day, absent=alt, now=just_before)
    assert [row["lesson"] for row in later.lessons] == [row["lesson"] for row in early.lessons[1:]]
    CoverOffer.objects.all().delete()
    with pytest.raises(ValidationError, match="no lessons left to cover"):
        offer_send(program=north.program, date=day, absent=alt, now=morning(day, 18, 0))


def test_an_offers_lessons_name_the_school_in_the_readers_language(published: Any) -> None:
    from django.utils import translation

    from kakehashi.web.leave.cover_words import lesson_words

    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day))
    assert school.organization.name_ja
    with translation.override("ja"):
        assert lesson_words(offer.lessons[0]).startswith(school.organization.name_ja)
    with translation.override("en"):
        assert lesson_words(offer.lessons[0]).startswith(school.organization.name)
