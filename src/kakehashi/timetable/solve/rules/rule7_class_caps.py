"""Rule 7: at most `max_classes_per_day` lessons a day and `classes_per_week.max` a week per ALT."""

from __future__ import annotations

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    for alt in instance.alts:
        week = []
        for day in variables.eligibility.days(alt):
            joins = [join for _, join in variables.joins_on(alt.id, day)]
            # A cap no day can reach would only be noise for the solver.
            if len(joins) > alt.max_classes_per_day:
                model.add(sum(joins) <= alt.max_classes_per_day)
            week.extend(joins)
        if len(week) > alt.classes_per_week.max:
            model.add(sum(week) <= alt.classes_per_week.max)
