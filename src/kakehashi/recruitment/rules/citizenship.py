"""`citizenship`: a citizen of (one of) the recruiting countries.

Each embassy recruits its own country's citizens, so the countries are a program's value, not ours:
the rule cannot be switched on without them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kakehashi.recruitment.applicant import Applicant, is_country_code
from kakehashi.recruitment.rules.base import ALL_POSITIONS, Failure, english_list, japanese_list, one_parameter_rule
from kakehashi.timetable.reader import Node, show

ID = "citizenship"


@dataclass(frozen=True)
class Params:
    countries: tuple[str, ...] = ()


def check(applicant: Applicant, params: Params, departure: date) -> Failure | None:
    if any(country in params.countries for country in applicant.citizenships):
        return None
    allowed_en = english_list(params.countries, "or")
    allowed_ja = japanese_list(params.countries) + ("のいずれか" if len(params.countries) > 1 else "")
    if not applicant.citizenships:
        held_en, held_ja = "no citizenship is recorded", "国籍の記録なし"
    else:
        held_en = f"the recorded citizenship is {english_list(applicant.citizenships, 'and')}"
        held_ja = f"記録された国籍：{japanese_list(applicant.citizenships)}"
    return Failure(
        ID,
        f"Applicants must be citizens of {allowed_en}; {held_en}.",
        f"応募には{allowed_ja}の国籍が必要です（{held_ja}）。",
    )


def _parse(node: Node) -> tuple[str, ...]:
    countries: list[str] = []
    for item in node.items():
        code = item.text()
        if not is_country_code(code):
            item.fail(f'{show(code)} is not an ISO 3166 country code like "US" (two capital letters)')
        if code in countries:
            item.fail(f"{show(code)} is listed twice")
        countries.append(code)
    return tuple(countries)


def incomplete(params: Params) -> str | None:
    return None if params.countries else "name at least one country in countries while the rule is on"


RULE = one_parameter_rule(
    id=ID,
    summary="A citizen of one of the recruiting countries (ISO 3166 codes).",
    positions=ALL_POSITIONS,
    default=Params(),
    parameter="countries",
    parse=_parse,
    check=check,
    incomplete=incomplete,
)
