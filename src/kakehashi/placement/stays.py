"""Re-contracting participants who did not ask to transfer stay at their organization.

That is a hard rule, but it can only hold as far as the organization's requests allow: a post that
suits them (their position, sport, Japanese, levels) with room for all of them. So for each
organization we compute how many of its stayers *can* stay together (a maximum matching of stayers
to its suitable posts) and require that many to stay. When all fit, all stay; when not, the
shortfall is explained instead of making the whole placement infeasible.
"""

from __future__ import annotations

from dataclasses import dataclass

from kakehashi.placement.instance import PlacementInstance
from kakehashi.placement.qualify import qualifies


@dataclass(frozen=True)
class StayQuota:
    """An organization's stayers, those with a suitable post there, and how many can stay at once."""

    organization: str
    stayers: tuple[str, ...]
    suitable: tuple[str, ...]
    can_stay: int


def stay_quotas(instance: PlacementInstance) -> dict[str, StayQuota]:
    """The quota of every organization that has stayers, keyed by organization id."""
    quotas: dict[str, StayQuota] = {}
    for organization in instance.organizations:
        stayers = [p for p in instance.participants if p.must_stay and p.renewing_at == organization]
        if not stayers:
            continue
        posts = [r for r in instance.requests if r.organization.id == organization]
        options = {p.id: [r.id for r in posts if qualifies(p, r)] for p in stayers}
        capacity = {r.id: r.count for r in posts}
        quotas[organization] = StayQuota(
            organization=organization,
            stayers=tuple(p.id for p in stayers),
            suitable=tuple(p.id for p in stayers if options[p.id]),
            can_stay=_matching_size(options, capacity),
        )
    return quotas


def _matching_size(options: dict[str, list[str]], capacity: dict[str, int]) -> int:
    """The most participants placed at once, each at one of their options, within capacity
    (augmenting paths; stayers per organization are few, so the simple method is plenty)."""
    holders: dict[str, list[str]] = {request: [] for request in capacity}

    def augment(participant: str, seen: set[str]) -> bool:
        for request in options[participant]:
            if request in seen:
                continue
            seen.add(request)
            if len(holders[request]) < capacity[request]:
                holders[request].append(participant)
                return True
            for holder in list(holders[request]):
                if augment(holder, seen):  # the holder moved to another post, freeing this one
                    holders[request].remove(holder)
                    holders[request].append(participant)
                    return True
        return False

    return sum(augment(participant, set()) for participant in options)
