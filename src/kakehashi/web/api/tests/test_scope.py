"""Every list of the API starts from the user's scope, as the pages do: a coordinator lists their program's
objects and never another program's, and another program's object answers 404 as if it did not exist."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import every, script
from kakehashi.web.api.tests.objects import LOOKUP, make_objects

pytestmark = pytest.mark.django_db

RESOURCES = [
    "programs",
    "organizations",
    "contracts",
    "schools",
    "bell-periods",
    "homerooms",
    "lesson-slots",
    "change-requests",
    "participants",
    "placements",
    "timetable-versions",
    "solve-jobs",
    "events",
    "leave-requests",
    "weekend-work",
    "leave-entitlements",
    "notices",
    "covers",
    "cycles",
    "applications",
    "sea-requests",
    "placement-requests",
    "placement-runs",
    "renewal-intents",
    "daily-reports",
    "training-sessions",
]


@pytest.fixture
def both(world: Any) -> tuple[dict[str, Any], dict[str, Any], Any]:
    north, south, _ = world
    return make_objects(north), make_objects(south), north.users["coordinator"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_north_coordinator_lists_north_s_objects_and_never_south_s(both: Any, resource: str) -> None:
    north, south, coordinator = both
    listed = {row[LOOKUP.get(resource, "id")] for row in every(script(coordinator), f"/api/{resource}/")}
    assert north[resource] in listed
    assert south[resource] not in listed


@pytest.mark.parametrize("resource", RESOURCES)
def test_south_s_object_answers_404_to_the_north_coordinator(both: Any, resource: str) -> None:
    north, south, coordinator = both
    client = script(coordinator)
    assert client.get(f"/api/{resource}/{north[resource]}/").status_code == 200
    assert client.get(f"/api/{resource}/{south[resource]}/").status_code == 404


def test_the_administrator_sees_both_programs(world: Any) -> None:
    north, south, root = world
    codes = {row["code"] for row in every(script(root), "/api/participants/")}
    assert {p.code for p in north.alts + south.alts} <= codes


def test_a_school_s_staff_see_their_school_alone_and_a_participant_only_themselves(world: Any) -> None:
    north, _, _ = world
    assert [s["code"] for s in every(script(north.users["school_staff"]), "/api/schools/")] == [north.schools[0].code]
    alt = script(north.users["participant"])
    assert alt.get(f"/api/participants/{north.alts[0].code}/").status_code == 200
    assert alt.get(f"/api/participants/{north.alts[1].code}/").status_code == 404


def test_the_schools_filters_are_the_schools_page_s(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    client = script(north.users["coordinator"])
    assert [s["code"] for s in every(client, "/api/schools/", q=school.code)] == [school.code]
    levels = {s["level"] for s in every(client, "/api/schools/", level=school.level)}
    assert levels == {school.level}
    lessons = every(client, "/api/lesson-slots/", school=school.code)
    assert lessons and {x["school"] for x in lessons} == {school.code}


def test_a_filter_value_no_page_would_accept_is_a_400_and_not_an_error(world: Any) -> None:
    north, _, _ = world
    client = script(north.users["coordinator"])
    assert client.get("/api/events/", {"year": -480046}).status_code == 400
    assert client.get("/api/daily-reports/", {"program": 2**70}).status_code == 400
    assert client.get("/api/leave-requests/", {"program": "north"}).status_code == 400


def _object_filters() -> list[tuple[str, str, type]]:
    """(resource, filter, model) for every list filter of the API that names an object by its id."""
    import django_filters

    from kakehashi.web.accounts.filtersets import ScopedFilterBackend
    from kakehashi.web.site.api_urls import router

    found = []
    for resource, viewset, _ in router.registry:
        view = viewset()
        if not hasattr(view, "list"):
            continue
        filterset = ScopedFilterBackend().get_filterset_class(view, viewset.queryset)
        for name, chooser in filterset.base_filters.items() if filterset else []:
            if isinstance(chooser, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
                found.append((resource, name, chooser.queryset.model))
    return found


OBJECT_FILTERS = _object_filters()


@pytest.mark.parametrize(("resource", "name", "model"), OBJECT_FILTERS, ids=[f"{r}?{n}" for r, n, _ in OBJECT_FILTERS])
def test_a_filter_answers_another_program_s_id_exactly_as_an_id_that_does_not_exist(
    world: Any, resource: str, name: str, model: type
) -> None:
    from kakehashi.web.organizations.models import Organization, Program
    from kakehashi.web.recruitment.models import Cycle

    north, south, _ = world
    north_objects, south_objects = make_objects(north), make_objects(south)
    ids = {
        Program: (north.program.pk, south.program.pk),
        Organization: (north.board.pk, south.board.pk),
        Cycle: (north_objects["cycles"], south_objects["cycles"]),
    }
    assert model in ids, f"/api/{resource}/?{name}= names a {model.__name__}: add its north and south ids here"
    own, others = ids[model]
    client = script(north.users["coordinator"])
    assert client.get(f"/api/{resource}/", {name: own}).status_code == 200
    missing = client.get(f"/api/{resource}/", {name: 2_000_000_000})
    probed = client.get(f"/api/{resource}/", {name: others})
    assert missing.status_code == 400
    assert (probed.status_code, probed.json()) == (400, {**missing.json()})
