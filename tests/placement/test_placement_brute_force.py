"""On small random instances the optimizer's placement is as good as the best one found by trying
every assignment, lexicographically (posts filled, then preferences, then continuity), and never
breaks a rule. The brute force is written from the spec, not from the model or stays.py."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from placement_builders import instance, participant, request

from kakehashi.placement import PlacementInstance, Status, example_instance, parse_instance, place, score, violations
from kakehashi.placement.qualify import qualifies

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ORGANIZATIONS = ("O1", "O2", "O3")
LEVELS = ("elementary", "junior_high")


@st.composite
def small_instances(draw: st.DrawFn) -> PlacementInstance:
    requests: list[dict[str, Any]] = []
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        position = draw(st.sampled_from(("ALT", "ALT", "CIR", "SEA")))
        requests.append(
            request(
                f"R{index + 1}",
                draw(st.sampled_from(ORGANIZATIONS)),
                position,
                count=draw(st.integers(min_value=1, max_value=2)),
                levels=tuple(draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=2, unique=True)))
                if position == "ALT"
                else (),
                japanese=draw(st.sampled_from((None, "N4", "N2"))),
                sport=draw(st.sampled_from(("judo", "skiing"))) if position == "SEA" else None,
            )
        )
    organizations = sorted({r["organization"]["id"] for r in requests})
    wishes = [r["id"] for r in requests] + organizations
    people: list[dict[str, Any]] = []
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        renewing_at = draw(st.sampled_from((None, None, *organizations)))
        people.append(
            participant(
                f"P{index + 1}",
                draw(st.sampled_from(("ALT", "ALT", "CIR", "SEA"))),
                preferences=tuple(draw(st.lists(st.sampled_from(wishes), max_size=3, unique=True))),
                japanese=draw(st.sampled_from((None, "N5", "N3", "N1"))),
                coaching=tuple(draw(st.lists(st.sampled_from(("judo", "skiing")), max_size=2, unique=True))),
                levels=tuple(draw(st.lists(st.sampled_from(LEVELS), max_size=2, unique=True))),
                renewing_at=renewing_at,
                wants_transfer=renewing_at is not None and draw(st.booleans()),
            )
        )
    return instance(requests, people)


def feasible_assignments(problem: PlacementInstance) -> list[dict[str, str]]:
    """Every assignment within qualifications and post counts, ignoring the stay rule."""
    options = [[None, *(r.id for r in problem.requests if qualifies(p, r))] for p in problem.participants]
    found = []
    for choice in itertools.product(*options):
        assignment = {p.id: r for p, r in zip(problem.participants, choice, strict=True) if r is not None}
        taken = list(assignment.values())
        if all(taken.count(r.id) <= r.count for r in problem.requests):
            found.append(assignment)
    return found


def staying(problem: PlacementInstance, assignment: dict[str, str], organization: str) -> int:
    return sum(
        1
        for p in problem.participants
        if p.must_stay
        and p.renewing_at == organization
        and p.id in assignment
        and problem.request_by_id[assignment[p.id]].organization.id == organization
    )


def best_by_brute_force(problem: PlacementInstance) -> tuple[int, int, int]:
    candidates = feasible_assignments(problem)
    # The stay rule: each organization keeps as many of its stayers as any placement could keep.
    for organization in problem.organizations:
        most = max(staying(problem, a, organization) for a in candidates)
        candidates = [a for a in candidates if staying(problem, a, organization) == most]
    return max(score(problem, a).key() for a in candidates)


@SETTINGS
@given(small_instances())
def test_the_optimizer_matches_the_brute_force_optimum(problem: PlacementInstance) -> None:
    result = place(problem, time_limit=2, workers=1)
    assert result.status is Status.OPTIMAL
    assert violations(problem, result.assignment) == []
    assert result.score.key() == best_by_brute_force(problem)


@SETTINGS
@given(small_instances())
def test_every_post_is_either_filled_or_explained_and_every_participant_placed_or_explained(
    problem: PlacementInstance,
) -> None:
    result = place(problem, time_limit=2, workers=1)
    for request_ in problem.requests:
        taken = sum(1 for a in result.assignments if a.request == request_.id)
        empty = [u for u in result.unfilled if u.request == request_.id]
        assert (taken == request_.count and not empty) or (empty and empty[0].posts == request_.count - taken)
    placed = {a.participant for a in result.assignments}
    assert placed | {u.participant for u in result.unplaced} == {p.id for p in problem.participants}
    reasons = [u.reason for u in result.unfilled] + [u.reason for u in result.unplaced]
    assert all(reason and "search stopped" not in reason for reason in reasons)


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=1, max_value=1000))
def test_the_example_places_within_every_rule(seed: int) -> None:
    problem = parse_instance(example_instance(seed=seed))
    result = place(problem, time_limit=2, workers=1)
    assert result.status is Status.OPTIMAL
    assert violations(problem, result.assignment) == []
    assert any("judo" in u.reason for u in result.unfilled)
