"""Every empty post and every participant left out comes with a sentence that says why."""

from __future__ import annotations

from placement_builders import instance, participant, request

from kakehashi.placement import PlacementInstance, PlacementResult, place
from kakehashi.placement.explain import JapaneseReasons, explain_unfilled, explain_unplaced, reasons_in_japanese


def solve(problem: PlacementInstance) -> PlacementResult:
    return place(problem, time_limit=2, workers=1)


def reasons(result: PlacementResult) -> list[str]:
    return [u.reason for u in result.unfilled]


def test_an_sea_post_nobody_can_coach_says_so() -> None:
    result = solve(
        instance(
            [request("R3", "O3", "SEA", sport="judo")],
            [participant("P1", "SEA", coaching=("skiing",)), participant("P2", "SEA", coaching=("kendo",))],
        )
    )
    assert reasons(result) == ["request R3 (SEA, judo, 1 post): no participant holds a judo coaching qualification"]
    assert (result.unfilled[0].organization, result.unfilled[0].posts) == ("O3", 1)


def test_a_post_of_a_position_nobody_holds_says_so() -> None:
    result = solve(instance([request("R1", "O1", "CIR")], [participant("P1")]))
    assert reasons(result) == ["request R1 (CIR, 1 post): no CIR participant is in this placement"]


def test_a_cir_post_above_everyones_japanese_says_so() -> None:
    result = solve(
        instance(
            [request("R1", "O1", "CIR", japanese="N1")],
            [participant("P1", "CIR", japanese="N2"), participant("P2", "CIR")],
        )
    )
    assert reasons(result) == ["request R1 (CIR, Japanese N1, 1 post): no CIR participant has Japanese N1 or above"]


def test_an_alt_post_at_a_level_nobody_teaches_says_so() -> None:
    result = solve(
        instance(
            [request("R1", "O1", count=2, levels=("high", "elementary"))],
            [participant("P1"), participant("P2", levels=("high",))],
        )
    )
    assert reasons(result) == [
        "request R1 (ALT, high and elementary, 2 posts): no ALT participant can teach all of high and elementary"
    ]


def test_mixed_reasons_are_counted() -> None:
    result = solve(
        instance(
            [request("R1", "O1", levels=("high",), japanese="N3")],
            [participant("P1", japanese="N2"), participant("P2", levels=("high",)), participant("P3")],
        )
    )
    assert reasons(result) == [
        "request R1 (ALT, high, Japanese N3, 1 post): none of the 3 ALT participants qualifies: "
        "2 have Japanese below N3; 2 cannot teach high"
    ]


def test_a_single_participant_who_does_not_qualify_is_named() -> None:
    result = solve(instance([request("R1", "O1", levels=("high",), japanese="N3")], [participant("P1", japanese="N5")]))
    assert reasons(result) == [
        "request R1 (ALT, high, Japanese N3, 1 post): the only ALT participant, P1, does not qualify: "
        "Japanese N5, below N3; cannot teach high"
    ]


def test_a_post_left_empty_because_its_candidates_went_where_they_ranked_higher_or_stay_names_them() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2"), request("R3", "O3")],
            [participant("P1", preferences=("R1",)), participant("P3", renewing_at="O2", preferences=("R3",))],
        )
    )
    assert reasons(result) == [
        "request R3 (ALT, elementary, 1 post): no eligible participant is left: "
        "P1 at R1 (ranked 1 there, unranked here); P3 stays at O2 (re-contracting)"
    ]


def test_the_exact_sentence_for_a_post_whose_only_candidate_ranked_another_first() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2")],
            [participant("P1", preferences=("R1", "R2"))],
        )
    )
    assert reasons(result) == [
        "request R2 (ALT, elementary, 1 post): no eligible participant is left: "
        "P1 at R1 (ranked 1 there, ranked 2 here)"
    ]


def test_a_partly_filled_request_says_how_many_posts_are_empty() -> None:
    result = solve(instance([request("R1", "O1", count=3)], [participant("P1"), participant("P2")]))
    assert reasons(result) == [
        "request R1 (ALT, elementary, 3 posts, 1 unfilled): only 2 participants qualify (P1, P2), placed here"
    ]


def test_participants_left_out_are_told_why() -> None:
    result = solve(
        instance(
            [request("R1", "O1"), request("R2", "O2", "CIR", japanese="N2")],
            [participant("P1"), participant("P2"), participant("P3", "CIR", japanese="N4"), participant("P4", "SEA")],
        )
    )
    assert {u.participant: u.reason for u in result.unplaced} == {
        ("P2" if result.assignment.get("P1") == "R1" else "P1"): "every request they qualify for is full: R1 (1 post)",
        "P3": "qualifies for no CIR request: R2 (Japanese N4, below N2)",
        "P4": "no SEA request is in this placement",
    }


def test_a_placement_stopped_early_is_explained_as_such() -> None:
    problem = instance([request("R1", "O1"), request("R2", "O2")], [participant("P1"), participant("P2")])
    partial = {"P1": "R1"}
    assert [u.reason for u in explain_unfilled(problem, partial)] == [
        "request R2 (ALT, elementary, 1 post): P2 qualifies but is unplaced; "
        "the search stopped before the best placement"
    ]
    assert [u.reason for u in explain_unplaced(problem, partial)] == [
        "R2 still has room; the search stopped before the best placement"
    ]


def test_a_coach_of_the_sport_in_another_position_does_not_make_the_sentence_untrue() -> None:
    result = solve(
        instance(
            [request("R1", "O1", "SEA", sport="judo")],
            [participant("P1", "SEA", coaching=("skiing",)), participant("P2", coaching=("judo",))],
        )
    )
    assert reasons(result) == ["request R1 (SEA, judo, 1 post): no SEA participant holds a judo coaching qualification"]


def japanese(problem: PlacementInstance, result: PlacementResult) -> JapaneseReasons:
    found = reasons_in_japanese(problem, result.assignment)
    # The same posts and people are explained in both languages.
    assert set(found.unfilled) == {u.request for u in result.unfilled}
    assert set(found.unplaced) == {u.participant for u in result.unplaced}
    assert len(found.notes) == len(result.notes)
    return found


def test_an_empty_post_is_explained_in_japanese_too() -> None:
    problem = instance(
        [request("R1", "O1", levels=("high",), japanese="N3")],
        [participant("P1", japanese="N2"), participant("P2", levels=("high",)), participant("P3")],
    )
    assert japanese(problem, solve(problem)).unfilled == {
        "R1": "依頼 R1（ALT・高校・日本語N3・1枠）：ALTの参加者3人のうち、条件を満たす人はいません："
        "2人は日本語がN3に届きません；2人は高校を担当できません"
    }


def test_a_post_whose_candidates_went_elsewhere_names_them_in_japanese() -> None:
    problem = instance(
        [request("R1", "O1"), request("R2", "O2"), request("R3", "O3")],
        [participant("P1", preferences=("R1",)), participant("P3", renewing_at="O2", preferences=("R3",))],
    )
    assert japanese(problem, solve(problem)).unfilled == {
        "R3": "依頼 R3（ALT・小学校・1枠）：条件を満たす参加者が残っていません："
        "P1はR1に配置（あちらは希望1位、こちらは希望外）；P3はO2に残ります（再任用）"
    }


def test_participants_left_out_are_told_why_in_japanese() -> None:
    problem = instance(
        [request("R1", "O1"), request("R2", "O2", "CIR", japanese="N2")],
        [participant("P1"), participant("P2"), participant("P3", "CIR", japanese="N4"), participant("P4", "SEA")],
    )
    result = solve(problem)
    left_out = "P2" if result.assignment.get("P1") == "R1" else "P1"
    assert japanese(problem, result).unplaced == {
        left_out: "条件を満たす依頼はすべて埋まっています：R1（1枠）",
        "P3": "条件を満たすCIRの依頼がありません：R2（日本語N4で、N2に届きません）",
        "P4": "この配置にはSEAの依頼がありません",
    }


def test_a_re_contracting_participant_who_cannot_stay_gets_a_japanese_note() -> None:
    problem = instance(
        [request("R1", "O1", levels=("high",)), request("R2", "O2")],
        [participant("P1", renewing_at="O1")],
    )
    assert japanese(problem, solve(problem)).notes == (
        "P1はO1と再任用の予定ですが、そこに合う枠がありません（R1：高校を担当できません）。"
        "代わりにR2（O2）に配置されました",
    )
