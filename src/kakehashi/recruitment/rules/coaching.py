"""`sea_coaching`: SEA applicants need a coaching qualification for the requested sport.

SEAs are recruited only when a contracting organization asks for a sport, so the sport is the
rule's value; without one, any coaching qualification will do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kakehashi.recruitment.applicant import Applicant, Position, same_sport
from kakehashi.recruitment.rules.base import Failure, english_list, japanese_list, one_parameter_rule
from kakehashi.timetable.reader import Node

ID = "sea_coaching"


@dataclass(frozen=True)
class Params:
    sport: str | None = None


def check(applicant: Applicant, params: Params, departure: date) -> Failure | None:
    held = applicant.coaching_qualifications
    sport = params.sport
    if sport is None and held:
        return None
    if sport is not None and any(same_sport(q, sport) for q in held):
        return None
    held_en = f"the recorded qualifications are: {english_list(held, 'and')}" if held else "none is recorded"
    held_ja = f"記録された資格：{japanese_list(held)}" if held else "資格の記録なし"
    if sport is None:
        return Failure(
            ID,
            f"SEA applicants need a sports coaching qualification; {held_en}.",
            f"SEAの応募にはスポーツの指導資格が必要です（{held_ja}）。",
        )
    return Failure(
        ID,
        f"SEA applicants for {sport} need a {sport} coaching qualification; {held_en}.",
        f"{sport}のSEAの応募には{sport}の指導資格が必要です（{held_ja}）。",
    )


def _parse(node: Node) -> str | None:
    return None if node.value is None else node.text().strip()


RULE = one_parameter_rule(
    id=ID,
    summary="SEA applicants need a coaching qualification for `sport` (null: any sport).",
    positions=frozenset({Position.SEA}),
    default=Params(),
    parameter="sport",
    parse=_parse,
    check=check,
)
