"""Each role sees exactly its own objects, on every page that shows them; never the other program's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kakehashi.web.accounts.scope import visible_participants, visible_schools
from kakehashi.web.testing import PASSWORD
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.services import timetable_publish, timetable_store

pytestmark = pytest.mark.django_db


def codes(queryset: Any) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def publish_first_week(side: Any) -> None:
    from kakehashi.timetable.solve import solve

    instance = week_instance(side.program)
    version = timetable_store(program=side.program, instance=instance, solution=solve(instance, time_limit=5))
    timetable_publish(version=version)


def test_a_coordinator_sees_every_school_and_participant_of_their_program_and_nothing_of_another(world: Any) -> None:
    north, south, _ = world
    user = north.users["coordinator"]
    assert codes(visible_schools(user)) == {s.code for s in north.schools}
    assert codes(visible_participants(user)) == {p.code for p in north.alts}
    assert not codes(visible_schools(user)) & {s.code for s in south.schools}


def test_a_board_supervisor_sees_the_boards_schools_and_the_participants_placed_there(world: Any) -> None:
    _, south, _ = world
    user = south.users["supervisor"]
    assert codes(visible_schools(user)) == {s.code for s in south.schools}
    assert codes(visible_participants(user)) == {p.code for p in south.alts}


def test_school_staff_see_their_school_and_only_the_alts_who_visit_it(world: Any) -> None:
    north, _, _ = world
    user = north.users["school_staff"]
    assert codes(visible_schools(user)) == {north.schools[0].code}
    assert codes(visible_participants(user)) == set()  # nothing is published yet
    publish_first_week(north)
    from kakehashi.web.timetables.models import VisitRow

    visiting = {row.participant.code for row in VisitRow.objects.filter(school=north.schools[0])}
    assert codes(visible_participants(user)) == visiting


def test_a_participant_sees_only_themselves_and_the_schools_they_visit(world: Any) -> None:
    north, _, _ = world
    user = north.users["participant"]
    assert codes(visible_participants(user)) == {north.alts[0].code}
    publish_first_week(north)
    from kakehashi.web.timetables.models import VisitRow

    visited = {row.school.code for row in VisitRow.objects.filter(participant=north.alts[0])}
    assert codes(visible_schools(user)) == visited


def test_an_applicant_sees_no_school_and_no_participant(world: Any) -> None:
    north, _, _ = world
    user = north.users["applicant"]
    assert not visible_schools(user).exists()
    assert not visible_participants(user).exists()


def test_the_administrator_sees_everything(world: Any) -> None:
    north, south, root = world
    assert codes(visible_schools(root)) == {s.code for s in north.schools + south.schools}


@pytest.mark.parametrize("role", ["coordinator", "supervisor", "school_staff", "participant", "applicant"])
def test_pages_of_the_other_programs_objects_answer_not_found(world: Any, role: str) -> None:
    north, south, _ = world
    client = Client()
    assert client.login(username=north.users[role].username, password=PASSWORD)
    assert client.get(f"/schools/{south.schools[0].code}/").status_code == 404
    assert client.get(f"/people/{south.alts[0].code}/").status_code == 404


@pytest.mark.parametrize(
    ("role", "schools", "people", "imports", "changes"),
    [
        ("coordinator", 200, 200, 200, 403),
        ("supervisor", 200, 200, 403, 403),
        ("school_staff", 200, 200, 200, 403),
        ("participant", 200, 403, 403, 403),
        ("applicant", 403, 403, 403, 403),
    ],
)
def test_each_role_reaches_exactly_its_pages(
    world: Any, role: str, schools: int, people: int, imports: int, changes: int
) -> None:
    north, _, _ = world
    client = Client()
    assert client.login(username=north.users[role].username, password=PASSWORD)
    assert client.get("/").status_code == 200
    assert client.get("/schools/").status_code == schools
    assert client.get("/people/").status_code == people
    assert client.get("/imports/").status_code == imports
    assert client.get("/changes/").status_code == changes


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(world: Any) -> None:
    north, _, _ = world
    response = Client().get(f"/schools/{north.schools[0].code}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_school_list_shows_only_what_the_role_may_see(world: Any) -> None:
    north, south, _ = world
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    page = client.get("/schools/").content.decode()
    assert north.schools[0].code in page and south.schools[0].code not in page
