"""The result file and what the platform takes from it: each placed participant's organization and
each placed ALT's schools for the weekly timetable."""

from __future__ import annotations

import json

import pytest
from placement_builders import instance, participant, request

from kakehashi.placement import (
    FormatError,
    PlacementResult,
    parse_result,
    place,
    placed_organizations,
    result_to_json,
    schools_for_timetable,
)
from kakehashi.recruitment import Position


@pytest.fixture(scope="module")
def result() -> PlacementResult:
    problem = instance(
        [
            request("R1", "O1", count=2),
            request("R2", "O2", "CIR", japanese="N2"),
            request("R3", "O3", "SEA", sport="skiing"),
        ],
        [
            participant("P1", preferences=("O1",)),
            participant("P2", renewing_at="O1"),
            participant("P3", "CIR", japanese="N1"),
            participant("P4", "SEA", coaching=("judo",)),
        ],
    )
    return place(problem, time_limit=2, workers=1)


def test_the_result_round_trips_through_json(result: PlacementResult) -> None:
    document = json.loads(json.dumps(result_to_json(result)))
    assert document["format"] == "kakehashi/placement-result@1"
    assert parse_result(document) == result


def test_the_result_lists_assignments_unplaced_and_unfilled(result: PlacementResult) -> None:
    document = result_to_json(result)
    assert document["assignments"][1] == {
        "participant": "P2",
        "request": "R1",
        "organization": "O1",
        "position": "ALT",
        "rank": None,
        "stays": True,
    }
    assert document["unplaced"] == [
        {"participant": "P4", "reason": "qualifies for no SEA request: R3 (holds no skiing coaching qualification)"}
    ]
    assert document["unfilled"] == [
        {
            "request": "R3",
            "organization": "O3",
            "posts": 1,
            "reason": "request R3 (SEA, skiing, 1 post): no participant holds a skiing coaching qualification",
        }
    ]
    assert document["score"] == {"filled": 3, "preference": 1, "continuity": 1}


def test_placed_organizations_maps_each_placed_participant_to_their_organization(result: PlacementResult) -> None:
    assert placed_organizations(result) == {"P1": "O1", "P2": "O1", "P3": "O2"}
    assert placed_organizations(result, position=Position.CIR) == {"P3": "O2"}


def test_each_placed_alt_may_visit_the_schools_of_their_organization(result: PlacementResult) -> None:
    schools = {"O1": ["S01", "S02"], "O2": ["S10"]}
    assert schools_for_timetable(result, schools) == {"P1": ("S01", "S02"), "P2": ("S01", "S02")}


def test_an_alt_at_an_organization_without_schools_gets_none_rather_than_all(result: PlacementResult) -> None:
    assert schools_for_timetable(result, {}) == {"P1": (), "P2": ()}


def test_a_stored_result_is_read_strictly(result: PlacementResult) -> None:
    document = result_to_json(result)
    document["assignments"][0]["rank"] = 0
    with pytest.raises(FormatError, match=r"^assignments\[0\]\.rank: 0 is below the minimum of 1$"):
        parse_result(document)
    document = result_to_json(result)
    document["assignments"].append(dict(document["assignments"][0]))
    with pytest.raises(
        FormatError, match=r'^assignments\[3\]\.participant: "P1" is already placed at assignments\[0\]$'
    ):
        parse_result(document)
