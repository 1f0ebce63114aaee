"""What every eligibility rule is made of, so that a rule is data a program can switch and tune.

A rule module defines its parameters as a frozen dataclass and one `Rule` holding: its id, the
positions it concerns, how to read and write its parameters, and `check`, which returns a
bilingual `Failure` or None. The registry (`rules/__init__.py`) lists the modules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kakehashi.recruitment.applicant import Applicant, Position
from kakehashi.timetable.reader import Node, Obj

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


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


def one_parameter_rule[P: DataclassInstance](
    *,
    id: str,
    summary: str,
    positions: frozenset[Position],
    default: P,
    parameter: str,
    parse: Callable[[Node], object],
    check: Callable[[Applicant, P, date], Failure | None],
    incomplete: Callable[[P], str | None] = lambda params: None,
) -> Rule[P]:
    """A rule tuned by one parameter (every rule so far): `parse` reads its JSON value (and names the path of a
    bad one); a rule's object without the field keeps `base`'s value; written back as it is, a tuple as a list."""

    def read(obj: Obj, base: P) -> P:
        node = obj.get(parameter)
        return base if node is None else replace(base, **{parameter: parse(node)})

    def write(params: P) -> dict[str, Any]:
        value = getattr(params, parameter)
        return {parameter: list(value) if isinstance(value, tuple) else value}

    return Rule(id, summary, positions, (parameter,), default, read, write, check, incomplete)


ALL_POSITIONS = frozenset(Position)


def english_list(items: Sequence[str], conjunction: str) -> str:
    """`["GB", "IE", "NZ"]` → `GB, IE or NZ`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def japanese_list(items: Sequence[str]) -> str:
    """`["GB", "IE"]` → `GB、IE`: the Japanese enumeration comma."""
    return "、".join(items)
