"""Why a post stays empty, why a participant is left out, and what became of re-contracting
participants who could not stay: sentences a coordinator can act on.

Everything here reads an instance and an assignment (participant id → request id), never the
solver, so it explains any placement, including one typed in by hand."""

from __future__ import annotations

from collections import Counter

from kakehashi.placement.instance import Participant, PlacementInstance, Request
from kakehashi.placement.qualify import Gap, gap_phrase, gaps, qualifies
from kakehashi.placement.result import Unfilled, Unplaced
from kakehashi.placement.score import Assignment
from kakehashi.placement.stays import StayQuota
from kakehashi.recruitment.applicant import same_sport

LISTED = 5  # names in one sentence before "and N more": a sentence, not a report


def request_label(request: Request, unfilled: int | None = None) -> str:
    """`request R3 (SEA, judo, 1 post)`; with `unfilled` below the count, `…, 3 posts, 1 unfilled)`."""
    parts = [str(request.position)]
    if request.sport is not None:
        parts.append(request.sport)
    if request.levels:
        parts.append(" and ".join(request.levels))
    if request.japanese is not None:
        parts.append(f"Japanese {request.japanese}")
    parts.append(_count(request.count, "post"))
    if unfilled is not None and unfilled < request.count:
        parts.append(f"{unfilled} unfilled")
    return f"request {request.id} ({', '.join(parts)})"


def explain_unfilled(instance: PlacementInstance, assignment: Assignment) -> tuple[Unfilled, ...]:
    taken = Counter(assignment.values())
    found: list[Unfilled] = []
    for request in instance.requests:
        empty = request.count - taken[request.id]
        if empty <= 0:
            continue
        reason = f"{request_label(request, empty)}: {_why_unfilled(instance, assignment, request)}"
        found.append(Unfilled(request.id, request.organization.id, empty, reason))
    return tuple(found)


def _why_unfilled(instance: PlacementInstance, assignment: Assignment, request: Request) -> str:
    eligible = [p for p in instance.participants if qualifies(p, request)]
    if not eligible:
        return _nobody_qualifies(instance, request)
    idle = [p.id for p in eligible if p.id not in assignment]
    if idle:
        # Placing one of them here would fill a post at no cost: only a search cut short leaves this.
        verb = _verb(len(idle), "qualify but are", "qualifies but is")
        return f"{_names(idle)} {verb} unplaced; the search stopped before the best placement"
    elsewhere = [p for p in eligible if assignment[p.id] != request.id]
    if not elsewhere:
        return (
            f"only {_count(len(eligible), 'participant')} {_verb(len(eligible), 'qualify', 'qualifies')} "
            f"({_names([p.id for p in eligible])}), placed here"
        )
    return "no eligible participant is left: " + _listed(
        [_elsewhere(instance, p, assignment[p.id], request) for p in elsewhere]
    )


def _nobody_qualifies(instance: PlacementInstance, request: Request) -> str:
    position = request.position
    same = [p for p in instance.participants if p.position is position]
    if not same:
        return f"no {position} participant is in this placement"
    if len(same) == 1 and len(gaps(same[0], request)) > 1:
        # One person short on several counts: name them and every count, which says more than any one.
        only = same[0]
        phrases = "; ".join(gap_phrase(gap, only, request) for gap in gaps(only, request))
        return f"the only {position} participant, {only.id}, does not qualify: {phrases}"
    lacking = {gap: [p for p in same if gap in gaps(p, request)] for gap in Gap if gap is not Gap.POSITION}
    for gap, who in lacking.items():
        if len(who) == len(same):
            if gap is Gap.SPORT:
                sport = request.sport or ""
                coaches = [p for p in instance.participants if any(same_sport(s, sport) for s in p.coaching)]
                # "No participant" only when true of everyone: a judo-coaching ALT is still no SEA.
                nobody = f"no {position} participant" if coaches else "no participant"
                return f"{nobody} holds a {sport} coaching qualification"
            if gap is Gap.JAPANESE:
                return f"no {position} participant has Japanese {request.japanese} or above"
            return f"no {position} participant can teach {_all_of(request.levels)}"
    counts = []
    for gap, who in lacking.items():
        if not who:
            continue
        if gap is Gap.SPORT:
            counts.append(f"{len(who)} {_verb(len(who), 'hold', 'holds')} no {request.sport} coaching qualification")
        elif gap is Gap.JAPANESE:
            counts.append(f"{len(who)} {_verb(len(who), 'have', 'has')} Japanese below {request.japanese}")
        else:
            counts.append(f"{len(who)} cannot teach {_all_of(request.levels)}")
    return f"none of the {len(same)} {position} participants qualifies: {'; '.join(counts)}"


def _elsewhere(instance: PlacementInstance, participant: Participant, request_id: str, here: Request) -> str:
    there = instance.request_by_id[request_id]
    if participant.must_stay and there.organization.id == participant.renewing_at:
        return f"{participant.id} stays at {there.organization.id} (re-contracting)"
    rank_there, rank_here = participant.rank_of(there), participant.rank_of(here)
    if rank_there is None and rank_here is None:
        ranks = "unranked there and here"
    else:
        ranks = f"{_rank(rank_there)} there, {_rank(rank_here)} here"
    return f"{participant.id} at {there.id} ({ranks})"


def explain_unplaced(instance: PlacementInstance, assignment: Assignment) -> tuple[Unplaced, ...]:
    taken = Counter(assignment.values())
    found: list[Unplaced] = []
    for participant in instance.participants:
        if participant.id in assignment:
            continue
        found.append(Unplaced(participant.id, _why_unplaced(instance, participant, taken)))
    return tuple(found)


def _why_unplaced(instance: PlacementInstance, participant: Participant, taken: Counter[str]) -> str:
    position = participant.position
    same = [r for r in instance.requests if r.position is position]
    if not same:
        return f"no {position} request is in this placement"
    options = [r for r in same if qualifies(participant, r)]
    if not options:
        missing = [f"{r.id} ({'; '.join(gap_phrase(g, participant, r) for g in gaps(participant, r))})" for r in same]
        return f"qualifies for no {position} request: {_listed(missing)}"
    with_room = [r.id for r in options if taken[r.id] < r.count]
    if with_room:
        verb = _verb(len(with_room), "still have", "still has")
        return f"{_names(with_room)} {verb} room; the search stopped before the best placement"
    return "every request they qualify for is full: " + _listed(
        [f"{r.id} ({_count(r.count, 'post')})" for r in options]
    )


def renewal_notes(instance: PlacementInstance, assignment: Assignment, quotas: dict[str, StayQuota]) -> tuple[str, ...]:
    """What happened to each re-contracting participant who could not stay, and to each who asked to
    transfer but stays."""
    notes: list[str] = []
    for quota in quotas.values():
        organization = quota.organization
        for participant_id in quota.stayers:
            outcome = _outcome(instance, assignment, participant_id)
            if participant_id not in quota.suitable:
                participant = instance.participant_by_id[participant_id]
                posts = [r for r in instance.requests if r.organization.id == organization]
                why = _listed(
                    [f"{r.id}: {'; '.join(gap_phrase(g, participant, r) for g in gaps(participant, r))}" for r in posts]
                )
                notes.append(
                    f"{participant_id} re-contracts with {organization}, but no post there suits them "
                    f"({why}); {outcome}"
                )
            elif _organization_of(instance, assignment, participant_id) != organization:
                notes.append(
                    f"{participant_id} re-contracts with {organization}, whose suitable posts hold only "
                    f"{quota.can_stay} of its {len(quota.suitable)} re-contracting participants; {outcome}"
                )
    for participant in instance.participants:
        if (
            participant.wants_transfer
            and _organization_of(instance, assignment, participant.id) == participant.renewing_at
        ):
            notes.append(
                f"{participant.id} asked to transfer from {participant.renewing_at} but stays there "
                f"({assignment[participant.id]}): no better placement was found"
            )
    return tuple(notes)


def _organization_of(instance: PlacementInstance, assignment: Assignment, participant_id: str) -> str | None:
    request = assignment.get(participant_id)
    return None if request is None else instance.request_by_id[request].organization.id


def _outcome(instance: PlacementInstance, assignment: Assignment, participant_id: str) -> str:
    request_id = assignment.get(participant_id)
    if request_id is None:
        return "left unplaced"
    return f"placed at {request_id} ({instance.request_by_id[request_id].organization.id}) instead"


def _rank(rank: int | None) -> str:
    return "unranked" if rank is None else f"ranked {rank}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _verb(n: int, plural: str, singular: str) -> str:
    return singular if n == 1 else plural


def _all_of(levels: tuple[str, ...]) -> str:
    return levels[0] if len(levels) == 1 else "all of " + " and ".join(levels)


def _names(ids: list[str]) -> str:
    return _listed(ids, ", ")


def _listed(items: list[str], separator: str = "; ") -> str:
    """Items joined by `separator` (a semicolon by default, as items often hold commas), the first
    few only."""
    shown = separator.join(items[:LISTED])
    return shown if len(items) <= LISTED else f"{shown} and {len(items) - LISTED} more"
