"""The optimizer on instances whose best placement is obvious: qualifications, preferences, posts
filled first, re-contracting participants staying, and continuity as the last tie-break."""

from __future__ import annotations

from placement_builders import instance, participant, request

from kakehashi.placement import PlacementInstance, PlacementResult, Status, place, violations


def solve(problem: PlacementInstance) -> PlacementResult:
    result = place(problem, time_limit=2, workers=1)
    assert result.status is Status.OPTIMAL
    assert violations(problem, result.assignment) == []
    return result


def test_each_participant_gets_their_first_choice_when_the_choices_differ() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2")],
            [participant("P1", preferences=("R2", "R1")), participant("P2", preferences=("O1",))],
        )
    )
    assert result.assignment == {"P1": "R2", "P2": "R1"}
    assert [a.rank for a in result.assignments] == [1, 1]


def test_filling_a_post_comes_before_a_first_choice() -> None:
    # P2 can teach only elementary; P1 can teach both and ranks R1 (elementary) first.
    result = solve(
        instance(
            [request("R1", "O1", levels=("elementary",)), request("R2", "O2", levels=("junior_high",))],
            [participant("P1", preferences=("R1",)), participant("P2", levels=("elementary",), preferences=("R2",))],
        )
    )
    assert result.assignment == {"P1": "R2", "P2": "R1"}
    assert result.score.filled == 2


def test_a_participant_never_takes_a_post_of_another_position_or_sport() -> None:
    result = solve(
        instance(
            [request("R1", "O1", "SEA", sport="judo"), request("R2", "O2", "CIR", japanese="N2")],
            [participant("P1", "SEA", coaching=("kendo",)), participant("P2", "ALT", japanese="N1")],
        )
    )
    assert result.assignment == {}


def test_a_cir_post_takes_only_japanese_at_its_level_or_above() -> None:
    result = solve(
        instance(
            [request("R1", "O1", "CIR", japanese="N2")],
            [participant("P1", "CIR", japanese="N3", preferences=("R1",)), participant("P2", "CIR", japanese="native")],
        )
    )
    assert result.assignment == {"P2": "R1"}


def test_a_request_for_two_levels_takes_only_those_who_teach_both() -> None:
    result = solve(
        instance(
            [request("R1", "O1", levels=("elementary", "high"))],
            [participant("P1", levels=("elementary", "junior_high")), participant("P2", levels=("high", "elementary"))],
        )
    )
    assert result.assignment == {"P2": "R1"}


def test_a_re_contracting_participant_stays_even_when_they_rank_elsewhere_first() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2")],
            [participant("P1", preferences=("O2",), renewing_at="O1"), participant("P2", preferences=("O1",))],
        )
    )
    assert result.assignment == {"P1": "R1", "P2": "R2"}
    assert result.assignments[0].stays


def test_a_participant_who_asked_to_transfer_moves_to_their_preference() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2")],
            [participant("P1", preferences=("O2",), renewing_at="O1", wants_transfer=True)],
        )
    )
    assert result.assignment == {"P1": "R2"}
    assert not result.assignments[0].stays


def test_a_transfer_that_finds_no_other_post_stays_and_says_so() -> None:
    # P2 teaches only junior high, so R2 is theirs if both posts are to be filled; P1 stays at O1.
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2", levels=("junior_high",))],
            [
                participant("P1", preferences=("O2",), renewing_at="O1", wants_transfer=True),
                participant("P2", levels=("junior_high",)),
            ],
        )
    )
    assert result.assignment == {"P1": "R1", "P2": "R2"}
    assert result.notes == ("P1 asked to transfer from O1 but stays there (R1): no better placement was found",)
    assert not result.assignments[0].stays  # they did not choose to stay


def test_continuity_breaks_a_tie_in_favour_of_a_participant_already_on_the_programme() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2", levels=("high",))],
            [participant("P1"), participant("P2", renewing_at="O2", wants_transfer=True)],
        )
    )
    assert result.assignment == {"P2": "R1"}
    assert result.score.continuity == 1


def test_a_re_contracting_participant_without_a_suitable_post_at_home_is_placed_elsewhere_with_a_note() -> None:
    result = solve(
        instance(
            [request("R1", "O1", levels=("high",)), request("R2", "O2")],
            [participant("P1", renewing_at="O1")],
        )
    )
    assert result.assignment == {"P1": "R2"}
    assert result.notes == (
        "P1 re-contracts with O1, but no post there suits them (R1: cannot teach high); placed at R2 (O2) instead",
    )


def test_two_re_contracting_participants_for_one_post_one_stays_and_the_other_is_explained() -> None:
    result = solve(
        instance(
            [request("R1", "O1")],
            [participant("P1", renewing_at="O1"), participant("P2", renewing_at="O1", preferences=("O1",))],
        )
    )
    assert result.assignment == {"P2": "R1"}
    assert result.notes == (
        "P1 re-contracts with O1, whose suitable posts hold only 1 of its 2 re-contracting participants; left unplaced",
    )
    assert [(u.participant, u.reason) for u in result.unplaced] == [
        ("P1", "every request they qualify for is full: R1 (1 post)")
    ]


def test_the_same_instance_and_seed_give_the_same_placement() -> None:
    problem = instance(
        [request("R1", "O1", count=2), request("R2", "O2", count=2)],
        [participant(f"P{i}") for i in range(1, 6)],
    )
    first, second = place(problem, time_limit=2, seed=7), place(problem, time_limit=2, seed=7)
    assert first.assignments == second.assignments
