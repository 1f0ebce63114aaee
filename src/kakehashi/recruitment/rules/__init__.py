"""The registry of eligibility rules, in the order their failures are reported.

Adding a rule: a module beside these with its `Params`, `check` and `RULE`, one line here, a test
file and a row in docs/recruitment.md."""

from __future__ import annotations

from typing import Any

from kakehashi.recruitment.rules import citizenship, coaching, degree, japanese, participation
from kakehashi.recruitment.rules.base import Failure, Rule

RULES: dict[str, Rule[Any]] = {
    rule.id: rule for rule in (degree.RULE, citizenship.RULE, participation.RULE, japanese.RULE, coaching.RULE)
}

__all__ = ["RULES", "Failure", "Rule"]
