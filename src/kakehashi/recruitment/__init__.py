"""Recruitment, pure (no Django): eligibility rules as data, deadlines in the recruiting office's
time zone, the application pipeline and autumn renewals."""

from kakehashi.recruitment.applicant import JAPANESE_LEVELS, Applicant, Position, japanese_rank
from kakehashi.recruitment.deadlines import Deadline, is_open
from kakehashi.recruitment.eligibility import check_eligibility, is_eligible
from kakehashi.recruitment.pipeline import Stage, TransitionError, advance, allowed_next, is_final
from kakehashi.recruitment.renewals import Intent, RenewalDecision, recontract_allowed, renewal_decision
from kakehashi.recruitment.rules import RULES, Failure
from kakehashi.recruitment.ruleset import RuleSet, RuleSetting, default_rules, parse_rule_set, read_rule_set

__all__ = [
    "JAPANESE_LEVELS",
    "RULES",
    "Applicant",
    "Deadline",
    "Failure",
    "Intent",
    "Position",
    "RenewalDecision",
    "RuleSet",
    "RuleSetting",
    "Stage",
    "TransitionError",
    "advance",
    "allowed_next",
    "check_eligibility",
    "default_rules",
    "is_eligible",
    "is_final",
    "is_open",
    "japanese_rank",
    "parse_rule_set",
    "read_rule_set",
    "recontract_allowed",
    "renewal_decision",
]
