"""Objective term `extra_alt_cost`: `extra_alt` per ALT beyond the first at a school."""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> Any:
    for school_id, extra in variables.extra_alts.items():
        used = variables.used_at_school[school_id]
        # An equality, not just a lower bound, so that every solution's objective is the spec's; in a
        # part of the week, the frozen rest's ALTs at the school count too.
        model.add_max_equality(extra, [sum(used) + variables.alts_before.get(school_id, 0) - 1, 0])
    return instance.weights.extra_alt * sum(variables.extra_alts.values())
