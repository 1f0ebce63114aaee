"""`previous_participation`: fewer than `max_years` years of earlier JET or ALT participation.

Five is JET's limit on years in total; a program that counts differently changes the value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kakehashi.recruitment.applicant import Applicant
from kakehashi.recruitment.rules.base import ALL_POSITIONS, Failure, one_parameter_rule
from kakehashi.timetable.reader import Node

ID = "previous_participation"


@dataclass(frozen=True)
class Params:
    max_years: int = 5


def check(applicant: Applicant, params: Params, departure: date) -> Failure | None:
    if applicant.previous_years < params.max_years:
        return None
    return Failure(
        ID,
        f"Applicants must have fewer than {params.max_years} years of earlier JET or ALT participation; "
        f"the applicant has {applicant.previous_years}.",
        f"過去のJET・ALTとしての参加が{params.max_years}年未満である必要があります"
        f"（応募者の参加年数：{applicant.previous_years}年）。",
    )


def _parse(node: Node) -> int:
    return node.integer(minimum=1, maximum=50)


RULE = one_parameter_rule(
    id=ID,
    summary="Fewer than max_years (default 5) years of earlier JET or ALT participation.",
    positions=ALL_POSITIONS,
    default=Params(),
    parameter="max_years",
    parse=_parse,
    check=check,
)
