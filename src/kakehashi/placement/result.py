"""The outcome of a placement (`kakehashi/placement-result@1`), its JSON form, and what the rest of
the platform takes from it: each placed participant's organization, and for the weekly timetable
each ALT's schools."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kakehashi.placement.instance import RESULT_FORMAT
from kakehashi.placement.score import Score
from kakehashi.recruitment.applicant import Position
from kakehashi.timetable.reader import document_root, show


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    UNKNOWN = "unknown"  # the search ended before finding any placement


@dataclass(frozen=True)
class Placement:
    """One participant placed at one request. `rank` is where they ranked it (None: unranked);
    `stays` is true for a re-contracting participant kept at their own organization."""

    participant: str
    request: str
    organization: str
    position: Position
    rank: int | None
    stays: bool


@dataclass(frozen=True)
class Unplaced:
    participant: str
    reason: str


@dataclass(frozen=True)
class Unfilled:
    """`posts` of `request` left empty, and why."""

    request: str
    organization: str
    posts: int
    reason: str


@dataclass(frozen=True)
class PlacementResult:
    instance: str
    status: Status
    score: Score
    objective: int
    assignments: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    unfilled: tuple[Unfilled, ...]
    notes: tuple[str, ...] = ()
    stats: Mapping[str, Any] = field(default_factory=dict)

    @property
    def assignment(self) -> dict[str, str]:
        """Participant id → request id, the shape `score.score` and `score.violations` take."""
        return {a.participant: a.request for a in self.assignments}


def placed_organizations(result: PlacementResult, *, position: Position | None = None) -> dict[str, str]:
    """Participant id → organization id for every placed participant (only `position`'s, if given)."""
    return {a.participant: a.organization for a in result.assignments if position is None or a.position is position}


def schools_for_timetable(
    result: PlacementResult, schools_of: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """Each placed ALT's allowed schools for the weekly timetable (the `schools` list of an ALT in
    `kakehashi/week@1`): the schools of the organization they were placed at, in the order given.
    An organization missing from `schools_of` gives an empty list, so the gap shows rather than
    letting the ALT visit any school."""
    placed = placed_organizations(result, position=Position.ALT)
    return {alt: tuple(schools_of.get(organization, ())) for alt, organization in placed.items()}


def result_to_json(result: PlacementResult) -> dict[str, Any]:
    return {
        "format": RESULT_FORMAT,
        "instance": result.instance,
        "status": str(result.status),
        "objective": result.objective,
        "score": {
            "filled": result.score.filled,
            "preference": result.score.preference,
            "continuity": result.score.continuity,
        },
        "assignments": [
            {
                "participant": a.participant,
                "request": a.request,
                "organization": a.organization,
                "position": str(a.position),
                "rank": a.rank,
                "stays": a.stays,
            }
            for a in result.assignments
        ],
        "unplaced": [{"participant": u.participant, "reason": u.reason} for u in result.unplaced],
        "unfilled": [
            {"request": u.request, "organization": u.organization, "posts": u.posts, "reason": u.reason}
            for u in result.unfilled
        ],
        "notes": list(result.notes),
        "stats": dict(result.stats),
    }


def parse_result(data: Any) -> PlacementResult:
    """Read a stored result strictly (the web app keeps results as JSON)."""
    root = document_root(data, (RESULT_FORMAT,),
                         ("format", "instance", "status", "objective", "score", "assignments", "unplaced", "unfilled"),
                         ("notes", "stats"))
    score_obj = root["score"].obj(("filled", "preference", "continuity"))
    assignments: list[Placement] = []
    seen: dict[str, str] = {}
    for item in root["assignments"].items():
        entry = item.obj(("participant", "request", "organization", "position", "rank", "stays"))
        participant = entry["participant"].text()
        if participant in seen:
            entry["participant"].fail(f"{show(participant)} is already placed at {seen[participant]}")
        seen[participant] = entry.path
        rank = entry["rank"]
        stays = entry["stays"]
        if not isinstance(stays.value, bool):
            stays.fail(f"expected true or false, found {show(stays.value)}")
        assignments.append(
            Placement(
                participant=participant,
                request=entry["request"].text(),
                organization=entry["organization"].text(),
                position=Position(entry["position"].choice(tuple(Position))),
                rank=None if rank.value is None else rank.integer(minimum=1),
                stays=stays.value,
            )
        )
    unplaced = tuple(
        Unplaced(e["participant"].text(), e["reason"].text())
        for e in (item.obj(("participant", "reason")) for item in root["unplaced"].items())
    )
    unfilled = tuple(
        Unfilled(e["request"].text(), e["organization"].text(), e["posts"].integer(minimum=1), e["reason"].text())
        for e in (item.obj(("request", "organization", "posts", "reason")) for item in root["unfilled"].items())
    )
    notes = tuple(item.text() for item in root["notes"].items()) if "notes" in root.value else ()
    stats_node = root.get("stats")
    stats = dict(stats_node.entries()) if stats_node is not None else {}
    return PlacementResult(
        instance=root["instance"].text(),
        status=Status(root["status"].choice(tuple(Status))),
        score=Score(*(score_obj[key].integer(minimum=0) for key in ("filled", "preference", "continuity"))),
        objective=root["objective"].integer(minimum=0),
        assignments=tuple(assignments),
        unplaced=unplaced,
        unfilled=unfilled,
        notes=notes,
        stats={key: node.value for key, node in stats.items()},
    )
