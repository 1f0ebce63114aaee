"""The in-memory form of a `kakehashi/placement@1` instance: contracting organizations' requests and
the participants to place. Immutable and already validated (`format.parse_instance` is the way in)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from kakehashi.recruitment.applicant import Position

# The timetable's school levels, so that a placed ALT's levels mean the same thing in their week.
from kakehashi.timetable.instance import LEVELS as LEVELS

INSTANCE_FORMAT = "kakehashi/placement@1"
RESULT_FORMAT = "kakehashi/placement-result@1"


@dataclass(frozen=True)
class Organization:
    """A contracting organization: a board of education, a prefecture, a city hall."""

    id: str
    name: str


@dataclass(frozen=True)
class Request:
    """`count` posts of one position that an organization asks for, with what the post needs."""

    id: str
    organization: Organization
    position: Position
    count: int
    levels: tuple[str, ...] = ()
    japanese: str | None = None
    sport: str | None = None


@dataclass(frozen=True)
class Participant:
    """Someone to place. `preferences` ranks request or organization ids (first is best);
    `renewing_at` is the organization they re-contract with, if any, and `wants_transfer` says they
    asked to move from it."""

    id: str
    name: str
    position: Position
    preferences: tuple[str, ...] = ()
    japanese: str | None = None
    coaching: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    renewing_at: str | None = None
    wants_transfer: bool = False

    @property
    def must_stay(self) -> bool:
        """Re-contracting without asking to move: they stay where they are when a post there suits them."""
        return self.renewing_at is not None and not self.wants_transfer

    def rank_of(self, request: Request) -> int | None:
        """1 for the first preference that names the request or its organization; None if unranked."""
        for index, wish in enumerate(self.preferences, start=1):
            if wish in (request.id, request.organization.id):
                return index
        return None


@dataclass(frozen=True)
class PlacementInstance:
    name: str
    requests: tuple[Request, ...]
    participants: tuple[Participant, ...]

    @cached_property
    def request_by_id(self) -> dict[str, Request]:
        return {r.id: r for r in self.requests}

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def organizations(self) -> dict[str, Organization]:
        """Every organization with a request, in order of first appearance."""
        return {r.organization.id: r.organization for r in self.requests}

    @cached_property
    def posts(self) -> int:
        return sum(r.count for r in self.requests)

    @cached_property
    def longest_preferences(self) -> int:
        return max((len(p.preferences) for p in self.participants), default=0)

    def preference_points(self, participant: Participant, request: Request) -> int:
        """What placing `participant` at `request` adds to preference satisfaction: the first of the
        longest list scores that list's length, each later rank one less, unranked nothing."""
        rank = participant.rank_of(request)
        return 0 if rank is None else self.longest_preferences + 1 - rank
