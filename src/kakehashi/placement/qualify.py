"""Who may take which post: the hard qualification rules, with the reason when one fails.

One place decides this for the model (it creates no variable for an unqualified pair), the checker
and the explanations, so they cannot disagree."""

from __future__ import annotations

from enum import StrEnum

from kakehashi.placement.instance import Participant, Request
from kakehashi.placement.words import Said, levels
from kakehashi.recruitment.applicant import japanese_rank, same_sport


class Gap(StrEnum):
    """Why a participant does not qualify for a request, in the order they are looked at."""

    POSITION = "position"
    SPORT = "sport"
    JAPANESE = "japanese"
    LEVELS = "levels"


def gaps(participant: Participant, request: Request) -> tuple[Gap, ...]:
    """Every qualification `participant` lacks for `request`; empty if they qualify."""
    found: list[Gap] = []
    if participant.position is not request.position:
        found.append(Gap.POSITION)
    if request.sport is not None and not any(same_sport(s, request.sport) for s in participant.coaching):
        found.append(Gap.SPORT)
    if japanese_rank(participant.japanese) < japanese_rank(request.japanese):
        found.append(Gap.JAPANESE)
    if not set(request.levels) <= set(participant.levels):
        found.append(Gap.LEVELS)
    return tuple(found)


def qualifies(participant: Participant, request: Request) -> bool:
    return not gaps(participant, request)


def gap_phrase(gap: Gap, participant: Participant, request: Request) -> str:
    """One gap in words, e.g. `Japanese N4, below N2` or `cannot teach high`."""
    return gap_said(gap, participant, request).en


def gap_said(gap: Gap, participant: Participant, request: Request) -> Said:
    """One gap in English and Japanese."""
    if gap is Gap.POSITION:
        return Said(
            f"is a {participant.position}, not a {request.position}",
            f"{participant.position}であり、{request.position}ではありません",
        )
    if gap is Gap.SPORT:
        return Said(f"holds no {request.sport} coaching qualification", f"{request.sport}の指導資格がありません")
    if gap is Gap.JAPANESE:
        return Said(
            f"Japanese {participant.japanese or 'no recorded level'}, below {request.japanese}",
            f"日本語{participant.japanese or '（記録なし）'}で、{request.japanese}に届きません",
        )
    missing = levels(tuple(level for level in request.levels if level not in participant.levels))
    return Said(f"cannot teach {missing.en}", f"{missing.ja}を担当できません")
