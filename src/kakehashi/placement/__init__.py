"""Placement, pure (no Django): matching participants to contracting organizations' requests with
CP-SAT — qualifications hard, re-contracting participants kept where they are, then as many posts
filled as possible, preferences, continuity — and every empty post explained.

    instance = load_instance("placement.json")      # kakehashi/placement@1
    result = place(instance, time_limit=10)          # PlacementResult
    result_to_json(result)                           # kakehashi/placement-result@1
    placed_organizations(result)                     # participant id -> organization id
"""

from kakehashi.placement.example import example_instance
from kakehashi.placement.format import FormatError, instance_to_json, load_instance, parse_instance
from kakehashi.placement.instance import Organization, Participant, PlacementInstance, Request
from kakehashi.placement.result import (
    Placement,
    PlacementResult,
    Status,
    Unfilled,
    Unplaced,
    parse_result,
    placed_organizations,
    result_to_json,
    schools_for_timetable,
)
from kakehashi.placement.score import Score, score, violations
from kakehashi.placement.solve import place

__all__ = [
    "FormatError",
    "Organization",
    "Participant",
    "Placement",
    "PlacementInstance",
    "PlacementResult",
    "Request",
    "Score",
    "Status",
    "Unfilled",
    "Unplaced",
    "example_instance",
    "instance_to_json",
    "load_instance",
    "parse_instance",
    "parse_result",
    "place",
    "placed_organizations",
    "result_to_json",
    "schools_for_timetable",
    "score",
    "violations",
]
