"""Why a post stays empty, why a participant is left out, and what became of re-contracting
participants who could not stay: sentences a coordinator can act on.

Everything here reads an instance and an assignment (participant id → request id), never the
solver, so it explains any placement, including one typed in by hand."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kakehashi.placement.instance import Participant, PlacementInstance, Request
from kakehashi.placement.qualify import Gap, gap_said, gaps, qualifies
from kakehashi.placement.result import Unfilled, Unplaced
from kakehashi.placement.score import Assignment
from kakehashi.placement.stays import StayQuota, stay_quotas
from kakehashi.placement.words import Said, all_of, both, count, joined, levels, listed, names, verb
from kakehashi.recruitment.applicant import same_sport


def request_label(request: Request, unfilled: int | None = None) -> str:
    """`request R3 (SEA, judo, 1 post)`; with `unfilled` below the count, `…, 3 posts, 1 unfilled)`."""
    return _request_label(request, unfilled).en


def _request_label(request: Request, unfilled: int | None = None) -> Said:
    parts = [both(str(request.position))]
    if request.sport is not None:
        parts.append(both(request.sport))
    if request.levels:
        parts.append(levels(request.levels))
    if request.japanese is not None:
        parts.append(Said(f"Japanese {request.japanese}", f"日本語{request.japanese}"))
    parts.append(count(request.count, "post", "枠"))
    if unfilled is not None and unfilled < request.count:
        parts.append(Said(f"{unfilled} unfilled", f"うち{unfilled}枠が空き"))
    said = joined(parts, ", ", "・")
    return Said(f"request {request.id} ({said.en})", f"依頼 {request.id}（{said.ja}）")


@dataclass(frozen=True)
class JapaneseReasons:
    """The Japanese of a placement's explanations, for the screens: by participant, by request, notes."""

    unplaced: dict[str, str]
    unfilled: dict[str, str]
    notes: tuple[str, ...]


def explain_unfilled(instance: PlacementInstance, assignment: Assignment) -> tuple[Unfilled, ...]:
    return tuple(
        Unfilled(request.id, request.organization.id, empty, said.en)
        for request, empty, said in _unfilled(instance, assignment)
    )


def explain_unplaced(instance: PlacementInstance, assignment: Assignment) -> tuple[Unplaced, ...]:
    return tuple(Unplaced(participant, said.en) for participant, said in _unplaced(instance, assignment))


def renewal_notes(instance: PlacementInstance, assignment: Assignment, quotas: dict[str, StayQuota]) -> tuple[str, ...]:
    """What happened to each re-contracting participant who could not stay, and to each who asked to
    transfer but stays."""
    return tuple(note.en for note in _renewal_notes(instance, assignment, quotas))


def reasons_in_japanese(instance: PlacementInstance, assignment: Assignment) -> JapaneseReasons:
    """The same explanations as the result's, in Japanese (the result file carries the English)."""
    return JapaneseReasons(
        unplaced={participant: said.ja for participant, said in _unplaced(instance, assignment)},
        unfilled={request.id: said.ja for request, _, said in _unfilled(instance, assignment)},
        notes=tuple(note.ja for note in _renewal_notes(instance, assignment, stay_quotas(instance))),
    )


def _unfilled(instance: PlacementInstance, assignment: Assignment) -> list[tuple[Request, int, Said]]:
    taken = Counter(assignment.values())
    found = []
    for request in instance.requests:
        empty = request.count - taken[request.id]
        if empty > 0:
            found.append(
                (
                    request,
                    empty,
                    _request_label(request, empty) + Said(": ", "：") + _why_unfilled(instance, assignment, request),
                )
            )
    return found


def _why_unfilled(instance: PlacementInstance, assignment: Assignment, request: Request) -> Said:
    eligible = [p for p in instance.participants if qualifies(p, request)]
    if not eligible:
        return _nobody_qualifies(instance, request)
    idle = [p.id for p in eligible if p.id not in assignment]
    if idle:
        # Placing one of them here would fill a post at no cost: only a search cut short leaves this.
        who = names(idle)
        return Said(
            f"{who.en} {verb(len(idle), 'qualify but are', 'qualifies but is')} unplaced; "
            "the search stopped before the best placement",
            f"{who.ja}は条件を満たすのに未配置です。探索が最良の配置に達する前に終わりました",
        )
    elsewhere = [p for p in eligible if assignment[p.id] != request.id]
    if not elsewhere:
        who, many = names([p.id for p in eligible]), count(len(eligible), "participant", "人")
        return Said(
            f"only {many.en} {verb(len(eligible), 'qualify', 'qualifies')} ({who.en}), placed here",
            f"条件を満たすのは{many.ja}（{who.ja}）だけで、ここに配置済みです",
        )
    return Said("no eligible participant is left: ", "条件を満たす参加者が残っていません：") + listed(
        [_elsewhere(instance, p, assignment[p.id], request) for p in elsewhere]
    )


def _nobody_qualifies(instance: PlacementInstance, request: Request) -> Said:
    position = request.position
    same = [p for p in instance.participants if p.position is position]
    if not same:
        return Said(f"no {position} participant is in this placement", f"この配置には{position}の参加者がいません")
    if len(same) == 1 and len(gaps(same[0], request)) > 1:
        # One person short on several counts: name them and every count, which says more than any one.
        only = same[0]
        phrases = joined(gap_said(gap, only, request) for gap in gaps(only, request))
        return Said(
            f"the only {position} participant, {only.id}, does not qualify: {phrases.en}",
            f"{position}の参加者は{only.id}だけで、条件を満たしません：{phrases.ja}",
        )
    lacking = {gap: [p for p in same if gap in gaps(p, request)] for gap in Gap if gap is not Gap.POSITION}
    for gap, who in lacking.items():
        if len(who) == len(same):
            if gap is Gap.SPORT:
                sport = request.sport or ""
                coaches = [p for p in instance.participants if any(same_sport(s, sport) for s in p.coaching)]
                # "No participant" only when true of everyone: a judo-coaching ALT is still no SEA.
                if coaches:
                    return Said(
                        f"no {position} participant holds a {sport} coaching qualification",
                        f"{sport}の指導資格を持つ{position}の参加者がいません",
                    )
                return Said(
                    f"no participant holds a {sport} coaching qualification",
                    f"{sport}の指導資格を持つ参加者がいません",
                )
            if gap is Gap.JAPANESE:
                return Said(
                    f"no {position} participant has Japanese {request.japanese} or above",
                    f"日本語{request.japanese}以上の{position}の参加者がいません",
                )
            every = all_of(request.levels)
            return Said(
                f"no {position} participant can teach {every.en}", f"{every.ja}を担当できる{position}の参加者がいません"
            )
    counts = []
    for gap, who in lacking.items():
        if not who:
            continue
        n = len(who)
        if gap is Gap.SPORT:
            counts.append(
                Said(
                    f"{n} {verb(n, 'hold', 'holds')} no {request.sport} coaching qualification",
                    f"{n}人は{request.sport}の指導資格がありません",
                )
            )
        elif gap is Gap.JAPANESE:
            counts.append(
                Said(
                    f"{n} {verb(n, 'have', 'has')} Japanese below {request.japanese}",
                    f"{n}人は日本語が{request.japanese}に届きません",
                )
            )
        else:
            every = all_of(request.levels)
            counts.append(Said(f"{n} cannot teach {every.en}", f"{n}人は{every.ja}を担当できません"))
    listing = joined(counts)
    return Said(
        f"none of the {len(same)} {position} participants qualifies: {listing.en}",
        f"{position}の参加者{len(same)}人のうち、条件を満たす人はいません：{listing.ja}",
    )


def _elsewhere(instance: PlacementInstance, participant: Participant, request_id: str, here: Request) -> Said:
    there = instance.request_by_id[request_id]
    if participant.must_stay and there.organization.id == participant.renewing_at:
        return Said(
            f"{participant.id} stays at {there.organization.id} (re-contracting)",
            f"{participant.id}は{there.organization.id}に残ります（再任用）",
        )
    rank_there, rank_here = participant.rank_of(there), participant.rank_of(here)
    if rank_there is None and rank_here is None:
        ranks = Said("unranked there and here", "どちらも希望外")
    else:
        ranks = Said(
            f"{_rank(rank_there).en} there, {_rank(rank_here).en} here",
            f"あちらは{_rank(rank_there).ja}、こちらは{_rank(rank_here).ja}",
        )
    return Said(f"{participant.id} at {there.id} ({ranks.en})", f"{participant.id}は{there.id}に配置（{ranks.ja}）")


def _unplaced(instance: PlacementInstance, assignment: Assignment) -> list[tuple[str, Said]]:
    taken = Counter(assignment.values())
    return [
        (participant.id, _why_unplaced(instance, participant, taken))
        for participant in instance.participants
        if participant.id not in assignment
    ]


def _why_unplaced(instance: PlacementInstance, participant: Participant, taken: Counter[str]) -> Said:
    position = participant.position
    same = [r for r in instance.requests if r.position is position]
    if not same:
        return Said(f"no {position} request is in this placement", f"この配置には{position}の依頼がありません")
    options = [r for r in same if qualifies(participant, r)]
    if not options:
        missing = [both(r.id) + _in_brackets(_gaps_of(participant, r)) for r in same]
        return Said(f"qualifies for no {position} request: ", f"条件を満たす{position}の依頼がありません：") + listed(
            missing
        )
    with_room = [r.id for r in options if taken[r.id] < r.count]
    if with_room:
        which = names(with_room)
        return Said(
            f"{which.en} {verb(len(with_room), 'still have', 'still has')} room; "
            "the search stopped before the best placement",
            f"{which.ja}にはまだ空きがあります。探索が最良の配置に達する前に終わりました",
        )
    return Said("every request they qualify for is full: ", "条件を満たす依頼はすべて埋まっています：") + listed(
        [both(r.id) + _in_brackets(count(r.count, "post", "枠")) for r in options]
    )


def _renewal_notes(instance: PlacementInstance, assignment: Assignment, quotas: dict[str, StayQuota]) -> list[Said]:
    notes: list[Said] = []
    for quota in quotas.values():
        organization = quota.organization
        for participant_id in quota.stayers:
            outcome = _outcome(instance, assignment, participant_id)
            if participant_id not in quota.suitable:
                participant = instance.participant_by_id[participant_id]
                posts = [r for r in instance.requests if r.organization.id == organization]
                why = listed([both(r.id) + Said(": ", "：") + _gaps_of(participant, r) for r in posts])
                notes.append(
                    Said(
                        f"{participant_id} re-contracts with {organization}, but no post there suits them "
                        f"({why.en}); {outcome.en}",
                        f"{participant_id}は{organization}と再任用の予定ですが、そこに合う枠がありません"
                        f"（{why.ja}）。{outcome.ja}",
                    )
                )
            elif _organization_of(instance, assignment, participant_id) != organization:
                notes.append(
                    Said(
                        f"{participant_id} re-contracts with {organization}, whose suitable posts hold only "
                        f"{quota.can_stay} of its {len(quota.suitable)} re-contracting participants; {outcome.en}",
                        f"{participant_id}は{organization}と再任用の予定ですが、合う枠に残れるのは再任用者"
                        f"{len(quota.suitable)}人のうち{quota.can_stay}人だけです。{outcome.ja}",
                    )
                )
    for participant in instance.participants:
        if (
            participant.wants_transfer
            and _organization_of(instance, assignment, participant.id) == participant.renewing_at
        ):
            notes.append(
                Said(
                    f"{participant.id} asked to transfer from {participant.renewing_at} but stays there "
                    f"({assignment[participant.id]}): no better placement was found",
                    f"{participant.id}は{participant.renewing_at}からの異動を希望しましたが、そのまま残ります"
                    f"（{assignment[participant.id]}）。より良い配置は見つかりませんでした",
                )
            )
    return notes


def _gaps_of(participant: Participant, request: Request) -> Said:
    return joined(gap_said(g, participant, request) for g in gaps(participant, request))


def _in_brackets(said: Said) -> Said:
    return Said(f" ({said.en})", f"（{said.ja}）")


def _organization_of(instance: PlacementInstance, assignment: Assignment, participant_id: str) -> str | None:
    request = assignment.get(participant_id)
    return None if request is None else instance.request_by_id[request].organization.id


def _outcome(instance: PlacementInstance, assignment: Assignment, participant_id: str) -> Said:
    request_id = assignment.get(participant_id)
    if request_id is None:
        return Said("left unplaced", "未配置になりました")
    organization = instance.request_by_id[request_id].organization.id
    return Said(
        f"placed at {request_id} ({organization}) instead", f"代わりに{request_id}（{organization}）に配置されました"
    )


def _rank(rank: int | None) -> Said:
    return Said("unranked", "希望外") if rank is None else Said(f"ranked {rank}", f"希望{rank}位")
