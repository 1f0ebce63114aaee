"""SEA requests open posts; a placement run fills the requests and its result flows into the timetable;
renewals keep the five-year limit."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.models import Role
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.recruitment.models import Application, Cycle, PlacementRequest, PlacementRun, RenewalIntent
from kakehashi.web.recruitment.services_placement import placement_apply, placement_instance, placement_run
from kakehashi.web.testing import signed_in, user
from kakehashi.web.timetables.door import week_document

pytestmark = pytest.mark.django_db


def _cycle(program: Any) -> Cycle:
    return Cycle.objects.create(
        program=program,
        position="alt",
        name="ALT 2027",
        opens_on=dt.date(2026, 10, 1),
        deadline_date=dt.date(2026, 11, 30),
        time_zone="Pacific/Honolulu",
        departure_on=dt.date(2027, 4, 1),
    )


def _accepted(cycle: Cycle, name: str, preferences: list[str]) -> Application:
    applicant = user(name.lower().replace(" ", ""), {"kind": Role.Kind.APPLICANT})
    return Application.objects.create(
        cycle=cycle,
        applicant=applicant,
        status=Application.Status.ACCEPTED,
        submitted_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        full_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        birth_date=dt.date(2000, 1, 1),
        gender="woman",
        citizenships="US",
        japanese_level="N3",
        preferences=preferences,
        levels=["elementary"],
    )


def test_a_boards_sea_request_opens_a_post_for_that_sport(world: Any) -> None:
    north, _, _ = world
    board = signed_in(north.users["supervisor"])
    filed = board.post(
        "/recruit/sea-requests/",
        {
            "organization": north.board.pk,
            "sport": "Judo",
            "qualifications": "Kodokan 3rd dan, coaching licence",
            "posts": 1,
            "starts": "2027-04-01",
            "ends": "2028-03-31",
        },
    )
    assert filed.status_code == 302
    request = north.program.sea_requests.get()
    assert request.status == "filed" and request.filed_by == north.users["supervisor"]
    assert not Cycle.objects.filter(position="sea").exists()  # no SEA post before the coordinator opens it
    coordinator = signed_in(north.users["coordinator"])
    opened = coordinator.post(
        f"/recruit/sea-requests/{request.pk}/open/",
        {
            "opens_on": "2026-12-01",
            "deadline_date": "2027-01-15",
            "deadline_time": "23:59",
            "time_zone": "Pacific/Honolulu",
            "departure_on": "2027-04-01",
            "recruiting_country": "US",
        },
    )
    assert opened.status_code == 302
    cycle = Cycle.objects.get(position="sea")
    assert cycle.sea_request == request and cycle.rules["sea_coaching"]["sport"] == "Judo"
    assert PlacementRequest.objects.filter(position="sea", sport="Judo", count=1, organization=north.board).exists()
    request.refresh_from_db()
    assert request.status == "opened"


def test_another_programs_coordinator_cannot_open_the_request_or_see_the_placement_page(world: Any) -> None:
    north, south, _ = world
    signed_in(north.users["supervisor"]).post(
        "/recruit/sea-requests/",
        {
            "organization": north.board.pk,
            "sport": "Kendo",
            "qualifications": "-",
            "posts": 1,
            "starts": "2027-04-01",
            "ends": "2028-03-31",
        },
    )
    request = north.program.sea_requests.get()
    other = signed_in(south.users["coordinator"])
    assert other.get(f"/recruit/sea-requests/{request.pk}/open/").status_code == 404
    assert other.get(f"/recruit/programs/{north.program.pk}/placement/").status_code == 404
    assert signed_in(north.users["school_staff"]).get("/recruit/sea-requests/").status_code == 404


def test_a_placement_run_fills_the_requests_and_the_result_flows_into_the_timetable(world: Any) -> None:
    north, _, _ = world
    school = north.schools[1]
    cycle = _cycle(north.program)
    first = _accepted(cycle, "Ada Lovelace", [f"O{school.organization.pk}"])
    second = _accepted(cycle, "Grace Hopper", [])
    PlacementRequest.objects.create(
        program=north.program,
        organization=school.organization,
        year=2027,
        position="alt",
        count=1,
        levels=[school.level],
    )
    PlacementRequest.objects.create(program=north.program, organization=north.board, year=2027, position="alt", count=1)
    coordinator = signed_in(north.users["coordinator"])
    coordinator.post(f"/recruit/programs/{north.program.pk}/placement/run/?year=2027")
    run = PlacementRun.objects.get(program=north.program, year=2027)
    page = coordinator.get(f"/recruit/programs/{north.program.pk}/placement/?year=2027").content.decode()
    assert "Ada Lovelace" in page and "Grace Hopper" in page
    assert run.result["score"]["filled"] == 2
    coordinator.post(f"/recruit/programs/{north.program.pk}/placement/{run.pk}/apply/")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "placed" and first.participant is not None
    assert Placement.objects.get(participant=first.participant).organization == school.organization
    assert Role.objects.filter(user=first.applicant, kind="participant", participant=first.participant).exists()
    alts = {a["id"]: a for a in week_document(north.program)["alts"]}
    assert alts[first.participant.code]["schools"] == [school.code]  # her timetable is her placed school's
    assert "schools" not in alts[second.participant.code]  # the board: any of its schools
    again = coordinator.post(f"/recruit/programs/{north.program.pk}/placement/{run.pk}/apply/", follow=True)
    assert "already been applied" in again.content.decode()


def test_a_recontracting_participant_stays_and_a_transfer_may_move(world: Any) -> None:
    north, _, _ = world
    stay, move = north.alts[0], north.alts[1]
    for person in (stay, move):
        Placement.objects.filter(participant=person).delete()
        Placement.objects.create(participant=person, organization=north.board, starts=dt.date(2026, 4, 1))
    RenewalIntent.objects.create(participant=stay, year=2027, choice="recontract")
    RenewalIntent.objects.create(participant=move, year=2027, choice="transfer")
    PlacementRequest.objects.create(program=north.program, organization=north.board, year=2027, position="alt", count=2)
    instance = placement_instance(north.program, 2027)
    by_id = instance.participant_by_id
    assert by_id[stay.code].must_stay and by_id[move.code].wants_transfer
    run = placement_run(program=north.program, year=2027, time_limit=2)
    stays = {a["participant"]: a["stays"] for a in run.result["assignments"]}
    assert stays[stay.code] is True
    placement_apply(run=run)
    assert Placement.objects.filter(participant=stay).count() == 1  # same organization: nothing new


def test_the_five_year_limit_refuses_a_sixth_year_on_the_renewal_page(world: Any) -> None:
    north, _, _ = world
    person: Participant = north.alts[0]
    year = SchoolYear.of(timezone.localdate()) + 1  # the page asks about the coming school year
    person.start_date = dt.date(year - 5, 8, 1)  # five school years served before it
    person.save()
    page = signed_in(north.users["participant"])
    response = page.post("/recruit/renewal/", {"choice": "recontract"}, follow=True)
    assert "Cannot recontract: 5 years served reach the limit of 5" in response.content.decode()
    assert not RenewalIntent.objects.exists()
    page.post("/recruit/renewal/", {"choice": "leave"})
    assert RenewalIntent.objects.get(participant=person, year=year).choice == "leave"


def test_a_fourth_year_participant_may_recontract(world: Any) -> None:
    north, _, _ = world
    person: Participant = north.alts[0]
    year = SchoolYear.of(timezone.localdate()) + 1
    person.start_date = dt.date(year - 3, 8, 1)
    person.save()
    signed_in(north.users["participant"]).post("/recruit/renewal/", {"choice": "recontract", "note": "Happy here"})
    assert RenewalIntent.objects.get(participant=person, year=year).choice == "recontract"


def test_the_placement_page_says_why_a_post_stays_empty_in_the_readers_language(world: Any) -> None:
    north, _, _ = world
    cycle = _cycle(north.program)
    _accepted(cycle, "Ada Lovelace", [])
    PlacementRequest.objects.create(
        program=north.program, organization=north.board, year=2027, position="alt", count=1, levels=["high"]
    )
    coordinator = signed_in(north.users["coordinator"])
    coordinator.post(f"/recruit/programs/{north.program.pk}/placement/run/?year=2027")
    run = PlacementRun.objects.get(program=north.program, year=2027)
    [empty] = run.result["unfilled"]
    assert empty["reason"].endswith("no ALT participant can teach high")
    url = f"/recruit/programs/{north.program.pk}/placement/?year=2027"
    assert empty["reason"] in html.unescape(coordinator.get(url).content.decode())
    coordinator.cookies["django_language"] = "ja"
    in_japanese = html.unescape(coordinator.get(url).content.decode())
    assert empty["reason"] not in in_japanese
    assert "高校を担当できるALTの参加者がいません" in in_japanese  # the empty post
    assert f"条件を満たすALTの依頼がありません：{empty['request']}（高校を担当できません）" in in_japanese  # Ada
