"""The coordinator's view of offers: for each date with someone away, each absent ALT's latest offer and its
ranked people, next to the engine's proposal."""

from __future__ import annotations

from typing import Any

from kakehashi.web.leave.models import CoverOffer
from kakehashi.web.organizations.models import Program


def with_offers(program: Program, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The absence rows, each with `offers`: one entry per absent ALT (code, name, latest offer or None)."""
    if not rows:
        return rows
    days = [row["date"] for row in rows]
    latest: dict[tuple[Any, str], CoverOffer] = {}
    found = (
        CoverOffer.objects.filter(program=program, date__gte=min(days), date__lte=max(days))
        .select_related("absent", "filled_by")
        .prefetch_related("candidates__participant")
        .order_by("id")
    )
    for offer in found:
        latest[(offer.date, offer.absent.code)] = offer
    names = dict(program.participants.values_list("code", "name"))
    return [
        {
            **row,
            "offers": [
                {"code": code, "name": names.get(code, code), "offer": latest.get((row["date"], code))}
                for code in row["away"]
            ],
        }
        for row in rows
    ]
