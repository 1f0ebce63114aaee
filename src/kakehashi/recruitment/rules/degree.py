"""`degree_by_departure`: a bachelor's degree held by the departure date.

JET asks for the degree by arrival in Japan; `days_before` lets a program ask for it earlier, e.g.
when the visa application needs the certificate weeks before the flight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kakehashi.recruitment.applicant import Applicant
from kakehashi.recruitment.rules.base import ALL_POSITIONS, Failure, one_parameter_rule
from kakehashi.timetable.reader import Node

ID = "degree_by_departure"


@dataclass(frozen=True)
class Params:
    days_before: int = 0


def check(applicant: Applicant, params: Params, departure: date) -> Failure | None:
    needed_by = departure - timedelta(days=params.days_before)
    if applicant.degree_date is not None and applicant.degree_date <= needed_by:
        return None
    if params.days_before == 0:
        by_en = f"by the departure date, {departure}"
        by_ja = f"出発日（{departure}）まで"
    else:
        by_en = f"by {needed_by}, {params.days_before} days before the departure date, {departure}"
        by_ja = f"出発日（{departure}）の{params.days_before}日前（{needed_by}）まで"
    if applicant.degree_date is None:
        return Failure(
            ID,
            f"No bachelor's degree is recorded; one must be held {by_en}.",
            f"学士号の記録がありません。{by_ja}に学士号を取得している必要があります。",
        )
    return Failure(
        ID,
        f"The bachelor's degree is conferred on {applicant.degree_date}; it must be held {by_en}.",
        f"学士号の取得日（{applicant.degree_date}）が期限より後です。{by_ja}に取得している必要があります。",
    )


def _parse(node: Node) -> int:
    return node.integer(minimum=0, maximum=365)


RULE = one_parameter_rule(
    id=ID,
    summary="A bachelor's degree held by the departure date (degree date <= departure - days_before).",
    positions=ALL_POSITIONS,
    default=Params(),
    parameter="days_before",
    parse=_parse,
    check=check,
)
