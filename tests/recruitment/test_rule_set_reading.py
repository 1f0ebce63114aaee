"""A program's rule set as JSON: defaults per position, changes applied, and every refusal naming
its JSON path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kakehashi.recruitment import RULES, Position, default_rules, parse_rule_set
from kakehashi.timetable.reader import FormatError


def refusal(data: Any, position: Position = Position.ALT) -> str:
    with pytest.raises(FormatError) as caught:
        parse_rule_set(data, position)
    return str(caught.value)


def test_every_rule_has_a_setting_in_every_default_rule_set() -> None:
    for position in Position:
        assert list(default_rules(position)) == list(RULES)


def test_the_defaults_switch_on_each_positions_own_rules() -> None:
    on = {p: {key for key, s in default_rules(p, countries=("US",)).items() if s.on} for p in Position}
    common = {"degree_by_departure", "citizenship", "previous_participation"}
    assert on[Position.ALT] == common
    assert on[Position.CIR] == common | {"cir_japanese"}
    assert on[Position.SEA] == common | {"sea_coaching"}


def test_a_rule_set_round_trips_through_json() -> None:
    rules = parse_rule_set(
        {"citizenship": {"on": True, "countries": ["GB", "IE"]}, "cir_japanese": {"minimum": "N1"}}, Position.CIR
    )
    document = json.loads(json.dumps(rules.to_json()))
    assert document["citizenship"] == {"on": True, "countries": ["GB", "IE"]}
    assert document["cir_japanese"] == {"on": True, "minimum": "N1"}
    assert parse_rule_set(document, Position.ALT) == rules


def test_values_left_out_keep_their_defaults() -> None:
    rules = parse_rule_set({"previous_participation": {"on": False}}, Position.ALT)
    assert not rules.is_on("previous_participation")
    assert rules["previous_participation"].params.max_years == 5


def test_an_unknown_rule_is_refused_with_its_path() -> None:
    assert refusal({"age_limit": {"on": True}}).startswith(
        "age_limit: unknown field (allowed here: degree_by_departure"
    )


def test_an_unknown_value_is_refused_with_its_path() -> None:
    assert refusal({"cir_japanese": {"level": "N1"}}) == "cir_japanese.level: unknown field (allowed here: on, minimum)"


def test_a_switch_that_is_not_a_boolean_is_refused() -> None:
    assert refusal({"citizenship": {"on": "yes"}}) == 'citizenship.on: expected true or false, found "yes"'


def test_a_japanese_level_outside_the_jlpt_is_refused() -> None:
    assert refusal({"cir_japanese": {"minimum": "N0"}}) == (
        'cir_japanese.minimum: "N0" is not one of N5, N4, N3, N2, N1, native'
    )


def test_a_malformed_country_code_is_refused_at_its_index() -> None:
    assert refusal({"citizenship": {"countries": ["GB", "usa"]}}) == (
        'citizenship.countries[1]: "usa" is not an ISO 3166 country code like "US" (two capital letters)'
    )


def test_citizenship_cannot_be_switched_on_without_countries() -> None:
    assert refusal({"citizenship": {"on": True}}) == (
        "citizenship: name at least one country in countries while the rule is on"
    )


def test_a_limit_of_earlier_years_must_be_a_whole_number_of_at_least_one() -> None:
    assert refusal({"previous_participation": {"max_years": 0}}) == (
        "previous_participation.max_years: 0 is below the minimum of 1"
    )
    assert refusal({"previous_participation": {"max_years": "5"}}) == (
        'previous_participation.max_years: expected a whole number, found "5"'
    )


def test_a_rule_set_must_be_an_object() -> None:
    assert refusal([]) == "expected an object, found []"
