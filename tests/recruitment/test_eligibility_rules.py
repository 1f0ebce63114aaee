"""Each eligibility rule: an applicant who passes, one who fails with the exact sentence in both
languages, the rule switched off, and the rule with its values changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kakehashi.recruitment import Applicant, Failure, Position, check_eligibility, default_rules

DEPARTURE = date(2026, 7, 26)
GOOD = Applicant(
    id="A1",
    name="Jamie Smith",
    degree_date=date(2026, 5, 20),
    citizenships=("GB",),
    previous_years=0,
    japanese_level="N2",
    coaching_qualifications=("judo",),
)


def failures(applicant: Applicant, position: Position = Position.ALT, **changes: object) -> list[Failure]:
    rules = default_rules(position, countries=("GB", "IE"), sport="judo" if position is Position.SEA else None)
    return check_eligibility(applicant, position, rules.with_changes(changes), departure=DEPARTURE)


def only(found: list[Failure]) -> Failure:
    assert len(found) == 1, found
    return found[0]


def test_a_well_qualified_applicant_passes_every_position() -> None:
    for position in Position:
        assert failures(GOOD, position) == []


# -- degree_by_departure ------------------------------------------------------------------------


def test_a_degree_conferred_on_the_departure_day_is_in_time() -> None:
    assert failures(replace(GOOD, degree_date=DEPARTURE)) == []


def test_a_degree_conferred_after_departure_fails_with_both_sentences() -> None:
    failure = only(failures(replace(GOOD, degree_date=date(2026, 8, 15))))
    assert failure == Failure(
        "degree_by_departure",
        "The bachelor's degree is conferred on 2026-08-15; it must be held by the departure date, 2026-07-26.",
        "学士号の取得日（2026-08-15）が期限より後です。出発日（2026-07-26）までに取得している必要があります。",
    )
    assert failure.text == f"{failure.english} / {failure.japanese}"


def test_an_applicant_without_a_degree_fails_the_degree_rule() -> None:
    assert only(failures(replace(GOOD, degree_date=None))).english == (
        "No bachelor's degree is recorded; one must be held by the departure date, 2026-07-26."
    )


def test_the_degree_rule_switched_off_lets_a_late_degree_through() -> None:
    assert failures(replace(GOOD, degree_date=None), degree_by_departure={"on": False}) == []


def test_a_program_can_ask_for_the_degree_days_before_departure() -> None:
    applicant = replace(GOOD, degree_date=date(2026, 7, 1))
    failure = only(failures(applicant, degree_by_departure={"days_before": 30}))
    assert failure.english == (
        "The bachelor's degree is conferred on 2026-07-01; it must be held by 2026-06-26, "
        "30 days before the departure date, 2026-07-26."
    )
    assert failure.japanese == (
        "学士号の取得日（2026-07-01）が期限より後です。出発日（2026-07-26）の30日前（2026-06-26）までに取得している必要があります。"
    )
    assert failures(applicant, degree_by_departure={"days_before": 25}) == []


# -- citizenship --------------------------------------------------------------------------------


def test_a_citizen_of_any_recruiting_country_passes() -> None:
    assert failures(replace(GOOD, citizenships=("US", "IE"))) == []


def test_a_citizen_of_another_country_fails_with_both_sentences() -> None:
    assert only(failures(replace(GOOD, citizenships=("US",)))) == Failure(
        "citizenship",
        "Applicants must be citizens of GB or IE; the recorded citizenship is US.",
        "応募にはGB、IEのいずれかの国籍が必要です（記録された国籍：US）。",
    )


def test_an_applicant_without_a_recorded_citizenship_fails() -> None:
    assert only(failures(replace(GOOD, citizenships=()))).japanese == (
        "応募にはGB、IEのいずれかの国籍が必要です（国籍の記録なし）。"
    )


def test_citizenship_switched_off_admits_any_country() -> None:
    assert failures(replace(GOOD, citizenships=("US",)), citizenship={"on": False}) == []


def test_the_recruiting_countries_are_the_programs_values() -> None:
    failure = only(failures(GOOD, citizenship={"countries": ["US"]}))
    assert failure.english == "Applicants must be citizens of US; the recorded citizenship is GB."
    assert failure.japanese == "応募にはUSの国籍が必要です（記録された国籍：GB）。"


def test_without_recruiting_countries_citizenship_starts_switched_off() -> None:
    assert not default_rules(Position.ALT).is_on("citizenship")
    assert default_rules(Position.ALT, countries=("JM",)).is_on("citizenship")


# -- previous_participation ---------------------------------------------------------------------


def test_four_earlier_years_are_fewer_than_five() -> None:
    assert failures(replace(GOOD, previous_years=4)) == []


def test_five_earlier_years_reach_the_limit_with_both_sentences() -> None:
    assert only(failures(replace(GOOD, previous_years=5))) == Failure(
        "previous_participation",
        "Applicants must have fewer than 5 years of earlier JET or ALT participation; the applicant has 5.",
        "過去のJET・ALTとしての参加が5年未満である必要があります（応募者の参加年数：5年）。",
    )


def test_previous_participation_switched_off_ignores_earlier_years() -> None:
    assert failures(replace(GOOD, previous_years=9), previous_participation={"on": False}) == []


def test_a_program_can_lower_the_limit_on_earlier_years() -> None:
    failure = only(failures(replace(GOOD, previous_years=3), previous_participation={"max_years": 3}))
    assert failure.english.startswith("Applicants must have fewer than 3 years")
    assert failures(replace(GOOD, previous_years=2), previous_participation={"max_years": 3}) == []


# -- cir_japanese -------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["N2", "N1", "native"])
def test_a_cir_applicant_at_n2_or_above_passes(level: str) -> None:
    assert failures(replace(GOOD, japanese_level=level), Position.CIR) == []


def test_a_cir_applicant_at_n3_fails_with_both_sentences() -> None:
    assert only(failures(replace(GOOD, japanese_level="N3"), Position.CIR)) == Failure(
        "cir_japanese",
        "CIR applicants need Japanese at JLPT N2 or above; the recorded level is JLPT N3.",
        "CIRの応募には日本語能力試験N2以上の日本語力が必要です（記録された級：N3）。",
    )


def test_a_cir_applicant_without_japanese_fails() -> None:
    assert only(failures(replace(GOOD, japanese_level=None), Position.CIR)).english == (
        "CIR applicants need Japanese at JLPT N2 or above; no Japanese level is recorded."
    )


def test_the_cir_japanese_rule_does_not_concern_alts_even_when_switched_on() -> None:
    assert failures(replace(GOOD, japanese_level=None), Position.ALT, cir_japanese={"on": True}) == []


def test_cir_japanese_switched_off_admits_any_level() -> None:
    assert failures(replace(GOOD, japanese_level="N5"), Position.CIR, cir_japanese={"on": False}) == []


def test_a_program_can_ask_cirs_for_n1() -> None:
    failure = only(failures(GOOD, Position.CIR, cir_japanese={"minimum": "N1"}))
    assert failure.english == "CIR applicants need Japanese at JLPT N1 or above; the recorded level is JLPT N2."
    assert failures(replace(GOOD, japanese_level="native"), Position.CIR, cir_japanese={"minimum": "N1"}) == []


def test_a_program_can_ask_cirs_for_native_japanese() -> None:
    failure = only(failures(replace(GOOD, japanese_level="N1"), Position.CIR, cir_japanese={"minimum": "native"}))
    assert failure.english == "CIR applicants need native Japanese; the recorded level is JLPT N1."
    assert failure.japanese == "CIRの応募には母語話者レベルの日本語力が必要です（記録された級：N1）。"


# -- sea_coaching -------------------------------------------------------------------------------


def test_an_sea_applicant_qualified_in_the_sport_passes_whatever_its_capitals() -> None:
    assert failures(replace(GOOD, coaching_qualifications=("Kendo", " Judo")), Position.SEA) == []


def test_an_sea_applicant_qualified_in_another_sport_fails_with_both_sentences() -> None:
    assert only(failures(replace(GOOD, coaching_qualifications=("kendo", "swimming")), Position.SEA)) == Failure(
        "sea_coaching",
        "SEA applicants for judo need a judo coaching qualification; the recorded qualifications are: "
        "kendo and swimming.",
        "judoのSEAの応募にはjudoの指導資格が必要です（記録された資格：kendo、swimming）。",
    )


def test_an_sea_applicant_without_qualifications_fails() -> None:
    assert only(failures(replace(GOOD, coaching_qualifications=()), Position.SEA)).english == (
        "SEA applicants for judo need a judo coaching qualification; none is recorded."
    )


def test_sea_coaching_switched_off_admits_any_applicant() -> None:
    assert failures(replace(GOOD, coaching_qualifications=()), Position.SEA, sea_coaching={"on": False}) == []


def test_the_sport_is_the_requests_value() -> None:
    failure = only(failures(GOOD, Position.SEA, sea_coaching={"sport": "skiing"}))
    assert failure.english == (
        "SEA applicants for skiing need a skiing coaching qualification; the recorded qualifications are: judo."
    )


def test_without_a_sport_any_coaching_qualification_will_do() -> None:
    assert failures(GOOD, Position.SEA, sea_coaching={"sport": None}) == []
    failure = only(failures(replace(GOOD, coaching_qualifications=()), Position.SEA, sea_coaching={"sport": None}))
    assert failure.japanese == "SEAの応募にはスポーツの指導資格が必要です（資格の記録なし）。"


# -- together -----------------------------------------------------------------------------------


def test_every_failed_rule_is_reported_in_registry_order() -> None:
    applicant = Applicant(previous_years=6, japanese_level="N4")
    found = failures(applicant, Position.CIR)
    assert [f.rule for f in found] == ["degree_by_departure", "citizenship", "previous_participation", "cir_japanese"]


def test_an_applicant_refuses_an_unknown_japanese_level_or_country_code() -> None:
    with pytest.raises(ValueError, match="not a Japanese level"):
        Applicant(japanese_level="N6")
    with pytest.raises(ValueError, match="ISO 3166"):
        Applicant(citizenships=("usa",))
