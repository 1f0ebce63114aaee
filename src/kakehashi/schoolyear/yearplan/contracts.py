"""Annual contracts: each school's contracted ALT-days in the school year, and the most days each ALT works.

They come from the cycle file (`annual_days` on schools and ALTs, cycle@1) or from a file of their own,
`kakehashi/annual-contracts@1`, which a week@1 timetable needs and which overrides the cycle's figures:

    {"format": "kakehashi/annual-contracts@1",
     "schools": [{"school": "S01", "days": 35}], "alts": [{"alt": "A01", "days": 195}]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kakehashi.timetable.cycle.model import Cycle
from kakehashi.timetable.format import read_document
from kakehashi.timetable.reader import FormatError, Node, document_root, show

CONTRACTS_FORMAT = "kakehashi/annual-contracts@1"
# No school year has more days than this.
MAX_DAYS = 366


@dataclass(frozen=True)
class AnnualContracts:
    """School id → contracted ALT-days in the year; ALT id → the most days they work in it."""

    schools: dict[str, int] = field(default_factory=dict)
    alts: dict[str, int] = field(default_factory=dict)

    def over(self, other: AnnualContracts) -> AnnualContracts:
        """These figures, and `other`'s where these have none."""
        return AnnualContracts({**other.schools, **self.schools}, {**other.alts, **self.alts})


def contracts_of(cycle: Cycle) -> AnnualContracts:
    return AnnualContracts(dict(cycle.annual_days), dict(cycle.alt_annual_days))


def load_contracts(path: str | Path, cycle: Cycle) -> AnnualContracts:
    return parse_contracts(read_document(path), cycle)


def parse_contracts(data: Any, cycle: Cycle) -> AnnualContracts:
    root = document_root(data, (CONTRACTS_FORMAT,), ("format",), ("schools", "alts"))
    schools = _entries(root.get("schools"), "school", cycle.base.school_by_id)
    alts = _entries(root.get("alts"), "alt", cycle.base.alt_by_id)
    return AnnualContracts(schools, alts)


def _entries(node: Node | None, key: str, known: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    if node is None:
        return found
    for item in node.items():
        entry = item.obj((key, "days"))
        name = entry[key].text()
        if name not in known:
            entry[key].fail(f"{'ALT' if key == 'alt' else key} {show(name)} does not exist in the timetable's file")
        if name in found:
            entry[key].fail(f"{show(name)} is listed twice")
        found[name] = entry["days"].integer(minimum=0, maximum=MAX_DAYS)
    return found


__all__ = ["CONTRACTS_FORMAT", "AnnualContracts", "FormatError", "contracts_of", "load_contracts",
           "parse_contracts"]
