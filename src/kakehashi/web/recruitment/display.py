"""How recruitment pages and emails show times and rules: an instant on the recruiting office's clock, on
Tokyo's, and in UTC for the viewer's own clock; each eligibility rule of a cycle as a sentence in English
and Japanese."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from kakehashi.recruitment import RULES, Position, RuleSet
from kakehashi.recruitment.rules.base import english_list, japanese_list

TOKYO = "Asia/Tokyo"


def on_clock(moment: dt.datetime, zone: str) -> str:
    """`2024-04-05 23:59 HST (Pacific/Honolulu)`: the abbreviation alone is ambiguous (CST), the zone name is not."""
    shown = moment.astimezone(ZoneInfo(zone))
    return f"{shown:%Y-%m-%d %H:%M} {shown.tzname()} ({zone})"


@dataclass(frozen=True)
class Moment:
    """One instant as a page shows it: the office's clock, Tokyo's, and UTC — the `<time datetime>` value a
    script turns into the viewer's own clock, and the text shown where scripts do not run."""

    office: str
    tokyo: str
    utc_iso: str
    utc: str


def moment(at: dt.datetime, office_zone: str) -> Moment:
    utc = at.astimezone(dt.UTC)
    return Moment(
        office=on_clock(at, office_zone),
        tokyo=on_clock(at, TOKYO),
        utc_iso=f"{utc:%Y-%m-%dT%H:%M:%S}Z",
        utc=f"{utc:%Y-%m-%d %H:%M} UTC",
    )


def rule_sentences(rules: RuleSet, position: Position, departure: dt.date) -> list[str]:
    """The rules an applicant for `position` must meet, each as `English / 日本語`, in the core's order.

    The core words a rule only when it fails (for that applicant); a cycle's page states it beforehand,
    with the cycle's own values (countries, years, level, sport)."""
    sentences = []
    for rule_id, setting in rules.items():
        rule = RULES[rule_id]
        if setting.on and rule.applies_to(position):
            sentences.append(_sentence(rule_id, setting.params, departure) or rule.summary)
    return sentences


def _sentence(rule_id: str, params: Any, departure: dt.date) -> str | None:
    if rule_id == "degree_by_departure":
        days = params.days_before
        if not days:
            return (
                f"A bachelor's degree held by the departure date, {departure}. "
                f"/ 出発日（{departure}）までに学士号を取得していること。"
            )
        by = departure - dt.timedelta(days=days)
        return (
            f"A bachelor's degree held by {by}, {days} days before the departure date ({departure}). "
            f"/ 出発日（{departure}）の{days}日前（{by}）までに学士号を取得していること。"
        )
    if rule_id == "citizenship":
        countries = params.countries
        return (
            f"Citizenship of {english_list(countries, 'or')}. "
            f"/ {japanese_list(countries)}{'のいずれか' if len(countries) > 1 else ''}の国籍を有すること。"
        )
    if rule_id == "previous_participation":
        years = params.max_years
        return (
            f"Fewer than {years} years of earlier JET or ALT participation. "
            f"/ 過去のJET・ALTとしての参加が{years}年未満であること。"
        )
    if rule_id == "cir_japanese":
        level = params.minimum
        if level == "native":
            return "Native Japanese. / 母語話者レベルの日本語力があること。"
        return f"Japanese at JLPT {level} or above. / 日本語能力試験{level}以上の日本語力があること。"
    if rule_id == "sea_coaching":
        sport = params.sport
        if sport is None:
            return "A sports coaching qualification. / スポーツの指導資格を有すること。"
        return f"A coaching qualification for {sport}. / {sport}の指導資格を有すること。"
    return None  # a rule added to the core later: its summary (English) until it is worded here
