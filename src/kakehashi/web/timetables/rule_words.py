"""A broken timetable rule in the reader's language: the core words the details in English and names each
rule in Japanese (規則5（授業の時間の重なり）), so a Japanese reader gets the rule by name."""

from __future__ import annotations

from django.utils.translation import get_language

from kakehashi.timetable.check import Violation


def violation_text(violation: Violation) -> str:
    if (get_language() or "").startswith("ja"):
        return f"{violation.rule_ja}に違反しています。"
    return violation.message
