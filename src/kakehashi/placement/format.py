"""Strict reading and writing of `kakehashi/placement@1` instances (docs/placement-format.md).

Like the timetable format: an unknown field, a missing one or a wrong type is refused with the JSON
path and what was expected, and writing gives a file that reads back to an equal instance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kakehashi.placement.instance import INSTANCE_FORMAT, LEVELS, Organization, Participant, PlacementInstance, Request
from kakehashi.recruitment.applicant import JAPANESE_LEVELS, Position
from kakehashi.timetable.format import read_document
from kakehashi.timetable.reader import FormatError, Node, document_root, show

__all__ = ["FormatError", "instance_to_json", "load_instance", "parse_instance"]

POSITIONS: tuple[str, ...] = tuple(Position)


def load_instance(path: str | Path) -> PlacementInstance:
    return parse_instance(read_document(path))


def parse_instance(data: Any) -> PlacementInstance:
    root = document_root(data, (INSTANCE_FORMAT,), ("format", "name", "requests", "participants"))
    name = root["name"].text()
    requests = _requests(root["requests"])
    organizations = {r.organization.id for r in requests}
    for index, request in enumerate(requests):
        # One id must mean one thing in a preference list.
        if request.id in organizations:
            raise FormatError(f"requests[{index}].id", f"{show(request.id)} is also an organization id")
    request_ids = {r.id for r in requests}
    participants = _participants(root["participants"], request_ids, organizations)
    return PlacementInstance(name=name, requests=requests, participants=participants)


# -- requests -----------------------------------------------------------------------------------


def _requests(node: Node) -> tuple[Request, ...]:
    ids: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    return tuple(_request(item, ids, names) for item in node.items())


def _request(node: Node, ids: dict[str, str], names: dict[str, tuple[str, str]]) -> Request:
    obj = node.obj(("id", "organization", "position", "count"), ("levels", "japanese", "sport"))
    request_id = obj["id"].unique_id(ids, "request")
    organization = _organization(obj["organization"], names)
    position = Position(obj["position"].choice(POSITIONS))
    levels = _levels(obj.get("levels"))
    if position is Position.ALT and not levels:
        raise FormatError(
            obj.child_path("levels"), f"an ALT request names at least one school level ({', '.join(LEVELS)})"
        )
    sport_node = obj.get("sport")
    sport = None if sport_node is None or sport_node.value is None else sport_node.text().strip()
    if position is Position.SEA and sport is None:
        raise FormatError(obj.child_path("sport"), "an SEA request names its sport")
    if position is not Position.SEA and sport_node is not None and sport is not None:
        sport_node.fail(f"only SEA requests name a sport; this is an {position} request")
    return Request(
        id=request_id,
        organization=organization,
        position=position,
        count=obj["count"].integer(minimum=1, maximum=10_000),
        levels=levels,
        japanese=_japanese(obj.get("japanese")),
        sport=sport,
    )


def _organization(node: Node, names: dict[str, tuple[str, str]]) -> Organization:
    obj = node.obj(("id", "name"))
    organization = Organization(obj["id"].text(), obj["name"].text())
    if organization.id in names and names[organization.id][0] != organization.name:
        first_name, first_path = names[organization.id]
        obj["name"].fail(f"organization {organization.id} is named {show(first_name)} at {first_path}")
    names.setdefault(organization.id, (organization.name, obj["name"].path))
    return organization


# -- participants -------------------------------------------------------------------------------


def _participants(node: Node, requests: set[str], organizations: set[str]) -> tuple[Participant, ...]:
    ids: dict[str, str] = {}
    return tuple(_participant(item, ids, requests, organizations) for item in node.items())


def _participant(node: Node, ids: dict[str, str], requests: set[str], organizations: set[str]) -> Participant:
    obj = node.obj(
        ("id", "name", "position"),
        ("preferences", "japanese", "coaching", "levels", "renewing_at", "wants_transfer"),
    )
    participant_id = obj["id"].unique_id(ids, "participant")
    renewing_at = _renewing_at(obj.get("renewing_at"), organizations)
    wants_transfer = _boolean(obj.get("wants_transfer"))
    if wants_transfer and renewing_at is None:
        obj["wants_transfer"].fail("only a re-contracting participant (renewing_at) can ask to transfer")
    return Participant(
        id=participant_id,
        name=obj["name"].text(),
        position=Position(obj["position"].choice(POSITIONS)),
        preferences=_preferences(obj.get("preferences"), requests, organizations),
        japanese=_japanese(obj.get("japanese")),
        coaching=_coaching(obj.get("coaching")),
        levels=_levels(obj.get("levels")),
        renewing_at=renewing_at,
        wants_transfer=wants_transfer,
    )


def _preferences(node: Node | None, requests: set[str], organizations: set[str]) -> tuple[str, ...]:
    if node is None:
        return ()
    wishes: list[str] = []
    for item in node.items():
        wish = item.text()
        if wish not in requests and wish not in organizations:
            item.fail(f"{show(wish)} is neither a request id nor an organization id")
        if wish in wishes:
            item.fail(f"{show(wish)} is ranked twice")
        wishes.append(wish)
    return tuple(wishes)


def _renewing_at(node: Node | None, organizations: set[str]) -> str | None:
    if node is None or node.value is None:
        return None
    organization = node.text()
    if organization not in organizations:
        node.fail(f"organization {show(organization)} has no request in this file")
    return organization


def _coaching(node: Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    sports: list[str] = []
    for item in node.items():
        sport = item.text().strip()
        if sport.casefold() in (s.casefold() for s in sports):
            item.fail(f"{show(sport)} is listed twice")
        sports.append(sport)
    return tuple(sports)


# -- shared -------------------------------------------------------------------------------------


def _levels(node: Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    return node.choices(LEVELS)


def _japanese(node: Node | None) -> str | None:
    if node is None or node.value is None:
        return None
    return node.choice(JAPANESE_LEVELS)


def _boolean(node: Node | None) -> bool:
    if node is None:
        return False
    if not isinstance(node.value, bool):
        node.fail(f"expected true or false, found {show(node.value)}")
    return node.value


def instance_to_json(instance: PlacementInstance) -> dict[str, Any]:
    """Every field written out, so the file says what the reader's defaults would have said."""
    return {
        "format": INSTANCE_FORMAT,
        "name": instance.name,
        "requests": [
            {
                "id": r.id,
                "organization": {"id": r.organization.id, "name": r.organization.name},
                "position": str(r.position),
                "count": r.count,
                "levels": list(r.levels),
                "japanese": r.japanese,
                "sport": r.sport,
            }
            for r in instance.requests
        ],
        "participants": [
            {
                "id": p.id,
                "name": p.name,
                "position": str(p.position),
                "preferences": list(p.preferences),
                "japanese": p.japanese,
                "coaching": list(p.coaching),
                "levels": list(p.levels),
                "renewing_at": p.renewing_at,
                "wants_transfer": p.wants_transfer,
            }
            for p in instance.participants
        ],
    }
