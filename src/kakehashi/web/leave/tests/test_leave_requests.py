"""Paid leave within its balance, compensatory days within four weeks of weekend work, sick leave, approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kakehashi.web.core import dates
from kakehashi.web.core.models import LanguagePreference
from kakehashi.web.leave.models import LeaveEntitlement, LeaveRequest
from kakehashi.web.leave.selectors import leave_balance, owed_compensatory_days
from kakehashi.web.leave.services import leave_request_create, leave_request_decide, weekend_work_record
from kakehashi.web.notices.models import Notice
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def test_paid_leave_counts_working_days_and_stops_at_the_balance(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    LeaveEntitlement.objects.create(participant=alt, year=2026, days=3)
    # Thu 2026-04-30 to Wed 2026-05-06: Golden Week leaves two working days (4/30, 5/1).
    first = leave_request_create(participant=alt, kind="annual", starts=dt.date(2026, 4, 30), ends=dt.date(2026, 5, 6))
    assert leave_balance(alt, 2026).requested == 2
    leave_request_decide(request=first, approve=True, user=north.users["coordinator"])
    balance = leave_balance(alt, 2026)
    assert (balance.granted, balance.taken, balance.remaining) == (3, 2, 1)
    with pytest.raises(ValidationError, match="Paid leave left: 1 day"):
        leave_request_create(participant=alt, kind="annual", starts=dt.date(2026, 6, 1), ends=dt.date(2026, 6, 2))


def test_leave_over_dates_already_taken_is_refused(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    leave_request_create(participant=alt, kind="sick", starts=dt.date(2026, 6, 1), ends=dt.date(2026, 6, 3))
    with pytest.raises(ValidationError, match="already have leave"):
        leave_request_create(participant=alt, kind="sick", starts=dt.date(2026, 6, 3), ends=dt.date(2026, 6, 4))


def test_a_compensatory_day_is_taken_within_four_weeks_of_the_weekend_work(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    contest = weekend_work_record(participant=alt, date=dt.date(2026, 10, 17), description="Speech contest")
    assert contest.compensatory_by == dt.date(2026, 11, 14)
    with pytest.raises(ValidationError, match="within four"):
        leave_request_create(
            participant=alt,
            kind="compensatory",
            starts=dt.date(2026, 11, 16),
            ends=dt.date(2026, 11, 16),
            weekend_work=contest,
        )
    assert list(owed_compensatory_days(alt)) == [contest]
    leave_request_create(
        participant=alt,
        kind="compensatory",
        starts=dt.date(2026, 10, 19),
        ends=dt.date(2026, 10, 19),
        weekend_work=contest,
    )
    assert list(owed_compensatory_days(alt)) == []


def test_weekend_work_must_be_on_a_weekend(world: Any) -> None:
    north, _, _ = world
    with pytest.raises(ValidationError, match="Saturday or Sunday"):
        weekend_work_record(participant=north.alts[0], date=dt.date(2026, 10, 16), description="Friday")


def test_leave_on_weekends_and_holidays_only_is_refused(world: Any) -> None:
    north, _, _ = world
    with pytest.raises(ValidationError, match="no working day"):
        leave_request_create(
            participant=north.alts[0], kind="sick", starts=dt.date(2026, 5, 3), ends=dt.date(2026, 5, 6)
        )


def test_an_alt_asks_on_the_page_and_the_coordinator_approves_and_the_alt_is_told(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    LeaveEntitlement.objects.create(participant=alt, year=2026, days=10)
    page = signed_in(north.users["participant"])
    response = page.post(
        "/leave/",
        {"leave-kind": "annual", "leave-starts": "2026-12-03", "leave-ends": "2026-12-04", "leave-reason": "Family"},
    )
    assert response.status_code == 302
    request = LeaveRequest.objects.get(participant=alt)
    assert request.status == "requested"
    coordinator = signed_in(north.users["coordinator"])
    assert "Family" in coordinator.get(f"/leave/programs/{north.program.pk}/").content.decode()
    coordinator.post(f"/leave/requests/{request.pk}/approve/")
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == north.users["coordinator"]
    assert Notice.objects.filter(user=north.users["participant"], subject__contains="approved").exists()
    assert any(north.users["participant"].email in m.to for m in mail.outbox)
    assert "8 taken" not in page.get("/leave/").content.decode()
    assert leave_balance(alt, 2026).taken == 2


def test_a_coordinator_of_another_program_cannot_decide_and_a_participant_cannot_see_the_coordinator_page(
    world: Any,
) -> None:
    north, south, _ = world
    request = leave_request_create(
        participant=north.alts[0], kind="sick", starts=dt.date(2026, 12, 3), ends=dt.date(2026, 12, 3)
    )
    other = signed_in(south.users["coordinator"])
    assert other.post(f"/leave/requests/{request.pk}/approve/").status_code == 404
    assert other.get(f"/leave/programs/{north.program.pk}/").status_code == 404
    assert signed_in(north.users["participant"]).get(f"/leave/programs/{north.program.pk}/").status_code == 404
    request.refresh_from_db()
    assert request.status == "requested"


def test_a_school_staff_member_has_no_leave_page_of_their_own(world: Any) -> None:
    north, _, _ = world
    assert signed_in(north.users["school_staff"]).get("/leave/").status_code == 404


def test_a_date_far_outside_the_programmes_years_is_refused_with_the_field_named(world: Any) -> None:
    north, _, _ = world
    with pytest.raises(ValidationError, match="between 2000 and 2100"):
        leave_request_create(participant=north.alts[0], kind="sick", starts=dt.date(1, 1, 1), ends=dt.date(1, 1, 2))


def test_an_error_in_ask_for_leave_leaves_the_weekend_work_form_alone(world: Any) -> None:
    north, _, _ = world
    page = signed_in(north.users["participant"]).post("/leave/", {"leave-kind": "annual", "leave-starts": ""})
    assert page.status_code == 200
    assert page.context["leave_form"].errors["starts"]  # the form sent names its missing field
    assert not page.context["work_form"].is_bound  # the other form is not marked "required"
    assert page.content.decode().count('class="errorlist') == 2  # first and last day, nothing below


def test_approving_or_refusing_leave_says_so_to_the_coordinator(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    coordinator = signed_in(north.users["coordinator"])
    for decision, starts in (("approve", dt.date(2026, 6, 1)), ("refuse", dt.date(2026, 6, 8))):
        leave = leave_request_create(participant=alt, kind="sick", starts=starts, ends=starts)
        page = coordinator.post(f"/leave/requests/{leave.pk}/{decision}/", follow=True).content.decode()
        word = "approved" if decision == "approve" else "refused"
        assert f"Leave {word} for {alt.name}, {dates.day(starts)} to {dates.day(starts)}" in page


def test_a_decision_is_told_in_the_language_each_reader_chose(world: Any) -> None:
    north, _, _ = world
    alt, coordinator = north.alts[0], north.users["coordinator"]
    chose = signed_in(north.users["participant"]).post("/i18n/setlang/", {"language": "ja", "next": "/"})
    assert chose.status_code == 302 and LanguagePreference.objects.get(user=north.users["participant"]).language == "ja"

    request = leave_request_create(participant=alt, kind="sick", starts=dt.date(2026, 6, 1), ends=dt.date(2026, 6, 1))
    to_coordinator = Notice.objects.get(user=coordinator)
    assert to_coordinator.subject == f"[Kakehashi] Leave request: {alt.name}"  # no choice: the site's language
    leave_request_decide(request=request, approve=True, user=coordinator)

    told = Notice.objects.get(user=north.users["participant"])
    assert told.subject == "[架け橋] 休暇 2026年6月1日（月）～2026年6月1日（月）：承認"
    assert "病気休暇" in told.body and "approved" not in told.body and "sick" not in told.body
    assert mail.outbox[-1].subject == told.subject
