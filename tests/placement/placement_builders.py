"""Small placement documents for the tests, written the way a coordinator's file would be."""

from __future__ import annotations

from typing import Any

from kakehashi.placement import PlacementInstance, parse_instance

ORGANIZATION_NAMES = {
    "O1": "Takasaki City Board of Education",
    "O2": "Maebashi City Board of Education",
    "O3": "Minakami Town Board of Education",
}


def request(
    request_id: str,
    organization: str,
    position: str = "ALT",
    *,
    count: int = 1,
    levels: tuple[str, ...] | None = None,
    japanese: str | None = None,
    sport: str | None = None,
) -> dict[str, Any]:
    if levels is None:
        levels = ("elementary",) if position == "ALT" else ()
    return {
        "id": request_id,
        "organization": {
            "id": organization,
            "name": ORGANIZATION_NAMES.get(organization, f"Organization {organization}"),
        },
        "position": position,
        "count": count,
        "levels": list(levels),
        "japanese": japanese,
        "sport": sport,
    }


def participant(
    participant_id: str,
    position: str = "ALT",
    *,
    preferences: tuple[str, ...] = (),
    japanese: str | None = None,
    coaching: tuple[str, ...] = (),
    levels: tuple[str, ...] = ("elementary", "junior_high"),
    renewing_at: str | None = None,
    wants_transfer: bool = False,
) -> dict[str, Any]:
    return {
        "id": participant_id,
        "name": f"Participant {participant_id}",
        "position": position,
        "preferences": list(preferences),
        "japanese": japanese,
        "coaching": list(coaching),
        "levels": list(levels),
        "renewing_at": renewing_at,
        "wants_transfer": wants_transfer,
    }


def document(requests: list[dict[str, Any]], participants: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "kakehashi/placement@1", "name": "Test", "requests": requests, "participants": participants}


def instance(requests: list[dict[str, Any]], participants: list[dict[str, Any]]) -> PlacementInstance:
    return parse_instance(document(requests, participants))
