"""`place(instance)`: the optimizer end to end — model, solve, score, explain."""

from __future__ import annotations

from kakehashi.placement.explain import explain_unfilled, explain_unplaced, renewal_notes
from kakehashi.placement.instance import PlacementInstance
from kakehashi.placement.model import PlacementModel
from kakehashi.placement.result import Placement, PlacementResult
from kakehashi.placement.score import score, weighted
from kakehashi.placement.stays import stay_quotas


def place(instance: PlacementInstance, *, time_limit: float = 10.0, seed: int = 0, workers: int = 1) -> PlacementResult:
    """The best placement CP-SAT finds within `time_limit` seconds; with `workers=1` (the default)
    the same instance and seed give the same result."""
    model = PlacementModel(instance)
    model.add_rules()
    model.objective()
    solved = model.solve(time_limit=time_limit, seed=seed, workers=workers)
    assignment = solved.assignment
    achieved = score(instance, assignment)
    return PlacementResult(
        instance=instance.name,
        status=solved.status,
        score=achieved,
        objective=weighted(instance, achieved),
        assignments=_placements(instance, assignment),
        unplaced=explain_unplaced(instance, assignment),
        unfilled=explain_unfilled(instance, assignment),
        notes=renewal_notes(instance, assignment, stay_quotas(instance)),
        stats=solved.stats,
    )


def _placements(instance: PlacementInstance, assignment: dict[str, str]) -> tuple[Placement, ...]:
    placements = []
    for participant in instance.participants:
        request_id = assignment.get(participant.id)
        if request_id is None:
            continue
        request = instance.request_by_id[request_id]
        placements.append(
            Placement(
                participant=participant.id,
                request=request.id,
                organization=request.organization.id,
                position=participant.position,
                rank=participant.rank_of(request),
                stays=participant.must_stay and request.organization.id == participant.renewing_at,
            )
        )
    return tuple(placements)
