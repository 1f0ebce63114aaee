"""Autumn renewals: recontract or transfer while under the limit of years, leave any time."""

from __future__ import annotations

import pytest

from kakehashi.recruitment import Intent, recontract_allowed, renewal_decision


@pytest.mark.parametrize(("years", "allowed"), [(1, True), (4, True), (5, False), (6, False)])
def test_a_participant_may_recontract_until_five_years_are_served(years: int, allowed: bool) -> None:
    assert recontract_allowed(years) is allowed


def test_a_program_with_a_three_year_limit_stops_recontracts_after_year_three() -> None:
    assert recontract_allowed(2, limit=3)
    assert not recontract_allowed(3, limit=3)


def test_a_negative_number_of_years_or_a_zero_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        recontract_allowed(-1)
    with pytest.raises(ValueError, match="at least one year"):
        recontract_allowed(1, limit=0)


def test_a_recontract_in_year_five_is_refused_with_the_reason_in_both_languages() -> None:
    decision = renewal_decision(5, "recontract")
    assert not decision.allowed
    assert decision.english == "Cannot recontract: 5 years served reach the limit of 5."
    assert decision.japanese == "再任用できません（任用5年、上限5年に達しています）。"


def test_a_transfer_counts_against_the_same_limit() -> None:
    assert renewal_decision(2, Intent.TRANSFER).english == "May transfer: year 3 of at most 5."
    assert not renewal_decision(5, Intent.TRANSFER).allowed


def test_leaving_is_always_allowed() -> None:
    assert renewal_decision(5, Intent.LEAVE).allowed
