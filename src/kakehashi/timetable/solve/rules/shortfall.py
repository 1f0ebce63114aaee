"""Objective term `shortfall_cost`: `shortfall_class` per lesson an ALT falls short of `classes_per_week.min`."""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> Any:
    for alt_id, shortfall in variables.shortfall.items():
        alt = instance.alt_by_id[alt_id]
        joined = sum(variables.joins_of_alt.get(alt_id, []))
        # An equality, not just a lower bound, so that every solution's objective is the spec's.
        model.add_max_equality(shortfall, [alt.classes_per_week.min - joined, 0])
    return instance.weights.shortfall_class * sum(variables.shortfall.values())

