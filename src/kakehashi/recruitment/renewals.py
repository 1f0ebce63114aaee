"""Each autumn a participant says whether they will recontract, transfer or leave.

Contracts run a year and renew up to a limit of years in total (five on JET). A transfer is a new
contract elsewhere, so it counts against the same limit as a recontract.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_LIMIT = 5


class Intent(StrEnum):
    RECONTRACT = "recontract"
    TRANSFER = "transfer"
    LEAVE = "leave"


def recontract_allowed(years_served: int, *, limit: int = DEFAULT_LIMIT) -> bool:
    """Whether one more one-year contract fits: `years_served` (counting the current year) is below
    the limit. A participant in their fifth year of five cannot recontract."""
    if years_served < 0:
        raise ValueError(f"years_served cannot be negative (got {years_served})")
    if limit < 1:
        raise ValueError(f"the limit is at least one year (got {limit})")
    return years_served < limit


@dataclass(frozen=True)
class RenewalDecision:
    allowed: bool
    english: str
    japanese: str


def renewal_decision(years_served: int, intent: Intent | str, *, limit: int = DEFAULT_LIMIT) -> RenewalDecision:
    """Whether a stated intent can stand, with the reason in both languages."""
    intent = Intent(intent)
    if intent is Intent.LEAVE:
        return RenewalDecision(True, "Leaving at the end of the contract.", "任期満了で離任します。")
    word_en, word_ja = ("recontract", "再任用") if intent is Intent.RECONTRACT else ("transfer", "任用団体の変更")
    if recontract_allowed(years_served, limit=limit):
        return RenewalDecision(
            True,
            f"May {word_en}: year {years_served + 1} of at most {limit}.",
            f"{word_ja}可能です（{years_served + 1}年目、上限{limit}年）。",
        )
    return RenewalDecision(
        False,
        f"Cannot {word_en}: {years_served} years served reach the limit of {limit}.",
        f"{word_ja}できません（任用{years_served}年、上限{limit}年に達しています）。",
    )
