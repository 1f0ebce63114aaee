"""A program's eligibility rules as data: which rules are on and with which values.

In JSON a rule set is an object keyed by rule id; each entry may switch the rule (`"on"`) and set
any of its values, and whatever is left out keeps the position's default:

    {"citizenship": {"on": true, "countries": ["GB", "IE"]}, "previous_participation": {"max_years": 3}}

Reading is strict like the file formats: an unknown rule or value, or a wrong type, is refused with
its JSON path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kakehashi.recruitment.applicant import Position
from kakehashi.recruitment.rules import RULES, Rule
from kakehashi.timetable.reader import Node, show


@dataclass(frozen=True)
class RuleSetting:
    """One rule's switch and values (the rule's own `Params` dataclass)."""

    on: bool
    params: Any


@dataclass(frozen=True)
class RuleSet(Mapping[str, RuleSetting]):
    """Every registered rule's setting, keyed by rule id. Build one with `default_rules` and change it
    with `with_changes`; both go through the same strict reader as JSON does."""

    settings: tuple[tuple[str, RuleSetting], ...]

    def __getitem__(self, rule_id: str) -> RuleSetting:
        for key, setting in self.settings:
            if key == rule_id:
                return setting
        raise KeyError(rule_id)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.settings)

    def __len__(self) -> int:
        return len(self.settings)

    def is_on(self, rule_id: str) -> bool:
        return self[rule_id].on

    def with_changes(self, changes: Any) -> RuleSet:
        """This rule set with the changes of a JSON-shaped dict applied (see the module docstring)."""
        return read_rule_set(changes, base=self)

    def to_json(self) -> dict[str, Any]:
        return {key: {"on": s.on, **RULES[key].write(s.params)} for key, s in self.settings}


def default_rules(position: Position, *, countries: Sequence[str] = (), sport: str | None = None) -> RuleSet:
    """JET's rules for a position: degree by departure and fewer than five earlier years for all;
    citizenship once the recruiting `countries` are given; N2 Japanese for CIRs; a coaching
    qualification (for `sport`, if given) for SEAs."""
    settings = {key: RuleSetting(rule.applies_to(position), rule.default) for key, rule in RULES.items()}
    base = RuleSet(tuple(settings.items()))
    changes: dict[str, Any] = {"citizenship": {"on": bool(countries), "countries": list(countries)}}
    if position is Position.SEA:
        changes["sea_coaching"] = {"sport": sport}
    return base.with_changes(changes)


def parse_rule_set(data: Any, position: Position, *, countries: Sequence[str] = ()) -> RuleSet:
    """A program's rule set from JSON: the position's defaults with the document's changes."""
    return read_rule_set(data, base=default_rules(position, countries=countries))


def read_rule_set(data: Any, *, base: RuleSet, path: str = "") -> RuleSet:
    """`base` with the changes in `data` applied; raises FormatError naming the JSON path."""
    settings = dict(base.settings)
    root = Node(data, path).obj((), tuple(RULES))
    for key in root.fields():
        rule: Rule[Any] = RULES[key]
        entry = root[key].obj((), ("on", *rule.parameters))
        on_node = entry.get("on")
        if on_node is not None and not isinstance(on_node.value, bool):
            on_node.fail(f"expected true or false, found {show(on_node.value)}")
        on = settings[key].on if on_node is None else bool(on_node.value)
        params = rule.read(entry, settings[key].params)
        if on and (problem := rule.incomplete(params)) is not None:
            entry.fail(problem)
        settings[key] = replace(settings[key], on=on, params=params)
    return RuleSet(tuple(settings.items()))
