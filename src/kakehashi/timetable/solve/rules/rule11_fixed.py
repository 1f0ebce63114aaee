"""Rule 11: every fixed visit is in the timetable."""

from __future__ import annotations

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import ContractTerm, Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    for index, fixed in enumerate(instance.fixed):
        guard = variables.guard(ContractTerm("fixed", str(index), fixed))
        visit = variables.visit.get((fixed.alt, fixed.day, fixed.school))
        if visit is None:
            # Rules 3, 4 or 9 leave no such visit: the fixed visit cannot happen (an empty clause is false).
            model.add_bool_or([]).only_enforce_if(guard)
        else:
            model.add_bool_or([visit]).only_enforce_if(guard)
