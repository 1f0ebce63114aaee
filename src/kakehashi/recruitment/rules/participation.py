"""`previous_participation`: fewer than `max_years` years of earlier JET or ALT participation.

Five is JET's limit on years in total; a program that counts differently changes the value."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kakehashi.recruitment.applicant import Applicant
from kakehashi.recruitment.rules.base import ALL_POSITIONS, Failure, Rule
from kakehashi.timetable.reader import Obj

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


def read(obj: Obj, base: Params) -> Params:
    node = obj.get("max_years")
    return base if node is None else replace(base, max_years=node.integer(minimum=1, maximum=50))


def write(params: Params) -> dict[str, Any]:
    return {"max_years": params.max_years}


RULE = Rule[Params](
    id=ID,
    summary="Fewer than max_years (default 5) years of earlier JET or ALT participation.",
    positions=ALL_POSITIONS,
    parameters=("max_years",),
    default=Params(),
    read=read,
    write=write,
    check=check,
)
