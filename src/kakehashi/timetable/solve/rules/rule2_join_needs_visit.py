"""Rule 2: an ALT joins a lesson only on a day they visit that lesson's school."""

from __future__ import annotations

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    # A join variable exists only where its visit does (variables.py), so one implication per join
    # is all rule 2 needs; rule 5 tightens it to "one lesson per time slot, and only if visiting".
    for (alt, day, school), joins in variables.joins_at.items():
        visit = variables.visit[(alt, day, school)]
        for _lesson, join in joins:
            model.add_implication(join, visit)
