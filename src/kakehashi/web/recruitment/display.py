"""How recruitment pages and emails show times and rules: an instant on the recruiting office's clock, on
Tokyo's, and in UTC for the viewer's own clock; each eligibility rule of a cycle as a sentence in the
reader's language (the core words each rule in English and Japanese; the reader sees one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import get_timezone_location, get_timezone_name
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import get_language

from kakehashi.recruitment import RULES, Position, RuleSet, Stage
from kakehashi.recruitment.pipeline import JAPANESE
from kakehashi.recruitment.rules.base import Failure, english_list, japanese_list
from kakehashi.web.core.dates import day

TOKYO = "Asia/Tokyo"


# Codes in CLDR's territory list that are not countries a person holds citizenship of.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"}


def _reader_locale() -> Locale:
    """The reader's language for CLDR's names (country and time zone names, from Babel)."""
    return Locale.parse((get_language() or "en").split("-")[0])


def country_name(code: str) -> str:
    """`US` → アメリカ合衆国 for a Japanese reader, United States for an English one; an unknown code as is."""
    return str(_reader_locale().territories.get(code.strip().upper(), code))


def country_choices() -> list[tuple[str, str]]:
    """Every country as (ISO code, name in the reader's language), in the order the reader's names sort."""
    names = _reader_locale().territories
    countries = [
        (code, str(name))
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return sorted(countries, key=lambda pair: pair[1])


def on_clock(moment: dt.datetime, zone: str) -> str:
    """`Fri 5 Apr 2024 23:59 Hawaii Time (Honolulu, UTC−10:00)` or `2024年4月5日（金） 23:59 ハワイ時間（ホノルル、
    UTC−10:00）`: the zone as the reader says it, with its city and offset (an abbreviation like CST is ambiguous,
    and an IANA name like Pacific/Honolulu is not words)."""
    shown = moment.astimezone(ZoneInfo(zone))
    locale = _reader_locale()
    name = get_timezone_name(shown, width="long", locale=locale)
    city = get_timezone_location(shown.tzinfo, locale=locale, return_city=True)
    offset = shown.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    utc = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    when = formats.date_format(shown, "DATETIME_FORMAT")
    if locale.language == "ja":
        return f"{when} {name}（{city}、{utc}）"
    return f"{when} {name} ({city}, {utc})"


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
        utc=f"{formats.date_format(utc, 'DATETIME_FORMAT')} UTC",
    )


def in_reader_language(english: str, japanese: str) -> str:
    return japanese if japanese and (get_language() or "").startswith("ja") else english


def failure_text(failure: Failure) -> str:
    """A rule the applicant does not meet, in the reader's language."""
    return in_reader_language(failure.english, failure.japanese)


def rule_sentences(rules: RuleSet, position: Position, departure: dt.date) -> list[str]:
    """The rules an applicant for `position` must meet, each in the reader's language, in the core's order.

    The core words a rule only when it fails (for that applicant); a cycle's page states it beforehand,
    with the cycle's own values (countries, years, level, sport)."""
    sentences = []
    for rule_id, setting in rules.items():
        rule = RULES[rule_id]
        if setting.on and rule.applies_to(position):
            worded = _sentence(rule_id, setting.params, departure)
            sentences.append(in_reader_language(*worded) if worded else rule.summary)
    return sentences


def _sentence(rule_id: str, params: Any, departure: dt.date) -> tuple[str, str] | None:
    """The rule as (English, Japanese)."""
    if rule_id == "degree_by_departure":
        days = params.days_before
        if not days:
            return (
                f"A bachelor's degree held by the departure date, {day(departure)}.",
                f"出発日（{day(departure)}）までに学士号を取得していること。",
            )
        by = departure - dt.timedelta(days=days)
        return (
            f"A bachelor's degree held by {day(by)}, {days} days before the departure date ({day(departure)}).",
            f"出発日（{day(departure)}）の{days}日前（{day(by)}）までに学士号を取得していること。",
        )
    if rule_id == "citizenship":
        countries = [country_name(code) for code in params.countries]
        return (
            f"Citizenship of {english_list(countries, 'or')}.",
            f"{japanese_list(countries)}{'のいずれか' if len(countries) > 1 else ''}の国籍を有すること。",
        )
    if rule_id == "previous_participation":
        years = params.max_years
        return (
            f"Fewer than {years} years of earlier JET or ALT participation.",
            f"過去のJET・ALTとしての参加が{years}年未満であること。",
        )
    if rule_id == "cir_japanese":
        level = params.minimum
        if level == "native":
            return "Native Japanese.", "母語話者レベルの日本語力があること。"
        return f"Japanese at JLPT {level} or above.", f"日本語能力試験{level}以上の日本語力があること。"
    if rule_id == "sea_coaching":
        sport = params.sport
        if sport is None:
            return "A sports coaching qualification.", "スポーツの指導資格を有すること。"
        return f"A coaching qualification for {sport}.", f"{sport}の指導資格を有すること。"
    return None  # a rule added to the core later: its summary (English) until it is worded here


def stage_label(status: str) -> str:
    """A pipeline stage in the reader's language: `interview`, or 面接."""
    stage = Stage(status)
    return in_reader_language(stage.value, JAPANESE[stage])


# For choices made once, at import: worded each time a form is shown.
lazy_stage_label = lazy(stage_label, str)
