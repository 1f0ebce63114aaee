"""What every eligibility rule is made of, so that a rule is data a program can switch and tune.

A rule module defines its parameters as a frozen dataclass and one `Rule` holding: its id, the
positions it concerns, how to read and write its parameters, and `check`, which returns a
bilingual `Failure` or None. The registry (`rules/__init__.py`) lists the modules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kakehashi.recruitment.applicant import Applicant, Position
from kakehashi.timetable.reader import Obj


@dataclass(frozen=True)
class Failure:
    """A rule the applicant does not meet, in English and Japanese: shown to coordinators and applicants."""

    rule: str
    english: str
    japanese: str

    @property
    def text(self) -> str:
        """Both languages on one line, as notices and exports show them."""
        return f"{self.english} / {self.japanese}"


@dataclass(frozen=True)
class Rule[P]:
    """One eligibility rule.

    `parameters` names the JSON fields `read` accepts (besides "on"); `read` returns `base` with the
    fields given in the object replaced; `write` is its inverse; `incomplete` says why a switched-on
    rule cannot run with these values (None if it can)."""

    id: str
    summary: str
    positions: frozenset[Position]
    parameters: tuple[str, ...]
    default: P
    read: Callable[[Obj, P], P]
    write: Callable[[P], dict[str, Any]]
    check: Callable[[Applicant, P, date], Failure | None]
    incomplete: Callable[[P], str | None] = lambda params: None

    def applies_to(self, position: Position) -> bool:
        return position in self.positions


ALL_POSITIONS = frozenset(Position)


def english_list(items: Sequence[str], conjunction: str) -> str:
    """`["GB", "IE", "NZ"]` → `GB, IE or NZ`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def japanese_list(items: Sequence[str]) -> str:
    """`["GB", "IE"]` → `GB、IE`: the Japanese enumeration comma."""
    return "、".join(items)
