"""Rule 1: every lesson has at most one ALT."""

from __future__ import annotations

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    for joins in variables.joins_of_lesson.values():
        if len(joins) > 1:
            model.add_at_most_one(joins)
