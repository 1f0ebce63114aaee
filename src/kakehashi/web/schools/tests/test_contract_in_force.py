"""The contract that decides who may instruct whom is the one in force on the day in question: a contract that
has not started yet, or that has ended, changes nothing (issue 16, finding 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.organizations.models import Contract
from kakehashi.web.people.models import Placement
from kakehashi.web.schools.contracts import school_contract
from kakehashi.web.schools.models import BlockedInstruction, ChangeRequest
from kakehashi.web.testing import side

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def not_in_force(when: str) -> tuple[dt.date, dt.date]:
    """Dates of a contract that has not started (signed for later) or has ended, seen from today."""
    today = timezone.localdate()
    if when == "not started":
        return today + DAY, today + 365 * DAY
    # Starts after the one in force, so "the latest-starting contract" would pick it.
    return today - 365 * DAY, today - DAY


def other_type(kind: str) -> str:
    """A contract type that routes the other way: outsourcing blocks a direct message, the others allow it."""
    return Contract.Type.DISPATCH if kind == Contract.Type.OUTSOURCING else Contract.Type.OUTSOURCING


def east_with(kind: str, when: str) -> Any:
    """East's board under a contract of `kind` in force today, and another of the other type not in force."""
    east = side("East", prefix="E", seed=3, contract=kind)
    today = timezone.localdate()
    Contract.objects.filter(program=east.program).update(starts=today - 3650 * DAY, ends=today + 30 * DAY)
    starts, ends = not_in_force(when)
    Contract.objects.create(
        program=east.program,
        organization=east.board,
        type=other_type(kind),
        starts=starts,
        ends=ends,
        responsible_manager=east.users["coordinator"],
    )
    Placement.objects.create(
        participant=east.alts[0], organization=east.schools[0].organization, starts=today - 30 * DAY
    )
    return east


@pytest.mark.parametrize("when", ["not started", "ended"])
@pytest.mark.parametrize("kind", list(Contract.Type))
def test_a_direct_message_to_the_alt_follows_the_contract_in_force_today(kind: str, when: str) -> None:
    east = east_with(kind, when)
    school, alt = east.schools[0], east.alts[0]
    direct = {
        "school": school.code,
        "kind": "message",
        "message": "Please come early tomorrow.",
        "about": alt.code,
        "tell_participant": True,
    }
    answer = script(east.users["school_staff"]).post("/api/change-requests/", direct, format="json")
    if kind == Contract.Type.OUTSOURCING:
        assert answer.status_code == 400 and "Outsourcing contract" in answer.json()["non_field_errors"][0]
        assert BlockedInstruction.objects.filter(school=school).exists() and not ChangeRequest.objects.exists()
    else:
        assert answer.status_code == 201 and answer.json()["participant_told"] is True
        assert not BlockedInstruction.objects.exists()


@pytest.mark.parametrize("when", ["not started", "ended"])
@pytest.mark.parametrize("kind", list(Contract.Type))
def test_the_request_page_offers_telling_the_alt_by_the_contract_in_force_today(
    client: Any, kind: str, when: str
) -> None:
    east = east_with(kind, when)
    client.force_login(east.users["school_staff"])
    page = client.get(f"/schools/{east.schools[0].code}/requests/").content.decode()
    assert ("Also tell the ALT directly" in page) == (kind != Contract.Type.OUTSOURCING)


@pytest.mark.parametrize("when", ["not started", "ended"])
def test_a_school_whose_only_contract_is_not_in_force_has_no_contract_that_day(when: str) -> None:
    east = side("East", prefix="E", seed=3)
    starts, ends = not_in_force(when)
    Contract.objects.filter(program=east.program).update(starts=starts, ends=ends)
    school = east.schools[0]
    assert school_contract(school, timezone.localdate()) is None
    assert school_contract(school, starts) is not None and school_contract(school, ends) is not None
    body = {"school": school.code, "kind": "timetable", "message": "Please swap Tuesday and Thursday."}
    answer = script(east.users["school_staff"]).post("/api/change-requests/", body, format="json")
    assert answer.status_code == 400 and "No contract covers this school" in answer.json()["non_field_errors"][0]


def test_an_sea_request_goes_to_the_program_whose_contract_is_in_force_when_the_sea_starts() -> None:
    from kakehashi.web.recruitment.services_placement import sea_request_file

    east = side("East", prefix="E", seed=3)
    west = side("West", prefix="W", seed=4)
    today = timezone.localdate()
    Contract.objects.filter(program=east.program).update(starts=today - 3650 * DAY, ends=today + 30 * DAY)
    # West's contract with the same board is signed for later, and starts later than East's.
    Contract.objects.filter(program=west.program).update(
        organization=east.board, starts=today + 31 * DAY, ends=today + 400 * DAY
    )
    asked = {"organization": east.board, "sport": "judo", "qualifications": "shodan", "posts": 1}
    by = east.users["supervisor"]
    now = sea_request_file(**asked, starts=today, ends=today + 20 * DAY, by=by)
    later = sea_request_file(**asked, starts=today + 60 * DAY, ends=today + 90 * DAY, by=by)
    assert (now.program, later.program) == (east.program, west.program)


def test_an_sea_request_from_a_board_whose_only_contract_has_ended_is_refused() -> None:
    from django.core.exceptions import ValidationError

    from kakehashi.web.recruitment.services_placement import sea_request_file

    east = side("East", prefix="E", seed=3)
    today = timezone.localdate()
    Contract.objects.filter(program=east.program).update(starts=today - 365 * DAY, ends=today - DAY)
    with pytest.raises(ValidationError, match="no contract"):
        sea_request_file(
            organization=east.board,
            sport="judo",
            qualifications="shodan",
            posts=1,
            starts=today + 60 * DAY,
            ends=today + 90 * DAY,
            by=east.users["supervisor"],
        )
