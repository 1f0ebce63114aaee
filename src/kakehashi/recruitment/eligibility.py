"""Is an applicant eligible for a position? Every switched-on rule that concerns the position is
checked, and each one failed comes back as a bilingual sentence."""

from __future__ import annotations

from datetime import date

from kakehashi.recruitment.applicant import Applicant, Position
from kakehashi.recruitment.rules import RULES, Failure
from kakehashi.recruitment.ruleset import RuleSet


def check_eligibility(applicant: Applicant, position: Position, rules: RuleSet, *, departure: date) -> list[Failure]:
    """The failures of `applicant` for `position` under `rules`, in registry order; empty if eligible.

    A rule that concerns other positions (the CIR's Japanese for an ALT applicant) is skipped even
    if switched on: one program-wide rule set then serves every position."""
    failures: list[Failure] = []
    for rule_id, setting in rules.items():
        rule = RULES[rule_id]
        if not setting.on or not rule.applies_to(position):
            continue
        failure = rule.check(applicant, setting.params, departure)
        if failure is not None:
            failures.append(failure)
    return failures


def is_eligible(applicant: Applicant, position: Position, rules: RuleSet, *, departure: date) -> bool:
    return not check_eligibility(applicant, position, rules, departure=departure)
