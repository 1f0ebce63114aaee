"""The placement's objective and its validator, independent of the solver: the specification the
CP-SAT model must meet and the oracle its tests use.

An assignment maps participant ids to request ids; a participant missing from it is unplaced.
The objective is lexicographic: filled posts first, then preference satisfaction, then continuity
(a participant already on the programme keeps a post before a newcomer). It is folded into one
integer with weights large enough that no amount of a later term outweighs one unit of an earlier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kakehashi.placement.instance import PlacementInstance
from kakehashi.placement.qualify import gap_phrase, gaps
from kakehashi.placement.stays import stay_quotas

Assignment = Mapping[str, str]


@dataclass(frozen=True)
class Score:
    filled: int
    preference: int
    continuity: int

    def key(self) -> tuple[int, int, int]:
        """For comparing placements: the lexicographic order of the objective."""
        return (self.filled, self.preference, self.continuity)


@dataclass(frozen=True)
class Weights:
    filled: int
    preference: int
    continuity: int = 1


def weights(instance: PlacementInstance) -> Weights:
    """Continuity counts at most one per participant, preference at most `longest_preferences` per
    participant: each weight exceeds the largest possible sum of the terms below it."""
    participants = len(instance.participants)
    preference = participants + 1
    filled = (participants * instance.longest_preferences + 1) * preference
    return Weights(filled=filled, preference=preference)


def weighted(instance: PlacementInstance, score: Score) -> int:
    w = weights(instance)
    return score.filled * w.filled + score.preference * w.preference + score.continuity * w.continuity


def score(instance: PlacementInstance, assignment: Assignment) -> Score:
    filled = preference = continuity = 0
    for participant_id, request_id in assignment.items():
        participant = instance.participant_by_id[participant_id]
        request = instance.request_by_id[request_id]
        filled += 1
        preference += instance.preference_points(participant, request)
        continuity += participant.renewing_at is not None
    return Score(filled, preference, continuity)


def violations(instance: PlacementInstance, assignment: Assignment) -> list[str]:
    """Every hard rule the assignment breaks, as a sentence; empty if it keeps them all."""
    found: list[str] = []
    for participant_id, request_id in sorted(assignment.items()):
        participant = instance.participant_by_id.get(participant_id)
        request = instance.request_by_id.get(request_id)
        if participant is None or request is None:
            found.append(f"{participant_id} at {request_id}: no such participant or request")
            continue
        for gap in gaps(participant, request):
            found.append(f"{participant_id} at {request_id}: {gap_phrase(gap, participant, request)}")
    taken = Counter(assignment.values())
    for request in instance.requests:
        if taken[request.id] > request.count:
            found.append(f"{request.id} has {taken[request.id]} participants for {request.count} post(s)")
    for quota in stay_quotas(instance).values():
        staying = sum(_stays_at(instance, assignment, p, quota.organization) for p in quota.stayers)
        if staying < quota.can_stay:
            found.append(
                f"{quota.organization}: {staying} of its re-contracting participants stay, but {quota.can_stay} can"
            )
    return found


def _stays_at(instance: PlacementInstance, assignment: Assignment, participant: str, organization: str) -> bool:
    request = instance.request_by_id.get(assignment.get(participant, ""))
    return request is not None and request.organization.id == organization
