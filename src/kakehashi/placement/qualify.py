"""Who may take which post: the hard qualification rules, with the reason when one fails.

One place decides this for the model (it creates no variable for an unqualified pair), the checker
and the explanations, so they cannot disagree."""

from __future__ import annotations

from enum import StrEnum

from kakehashi.placement.instance import Participant, Request
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
    if gap is Gap.POSITION:
        return f"is a {participant.position}, not a {request.position}"
    if gap is Gap.SPORT:
        return f"holds no {request.sport} coaching qualification"
    if gap is Gap.JAPANESE:
        held = participant.japanese or "no recorded level"
        return f"Japanese {held}, below {request.japanese}"
    missing = [level for level in request.levels if level not in participant.levels]
    return f"cannot teach {' and '.join(missing)}"
