"""Rule 10: each school gets `visit_days.min`..`max` ALT-days from at most `max_alts` distinct ALTs.

These are contract terms: when the model is built to explain infeasibility, each sits behind its own
enforcement literal (`Variables.guard`), so the solver can name the ones that cannot hold together.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import ContractTerm, Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    for school in instance.schools:
        visits = [visit for _alt, _day, visit in variables.visits_to.get(school.id, ())]
        wanted = school.visit_days
        if wanted.min > 0:
            guard = variables.guard(ContractTerm("min", school.id))
            if len(visits) < wanted.min:
                # Not enough ALT-days exist at all: an empty clause is the constant "false".
                model.add_bool_or([]).only_enforce_if(guard)
            else:
                model.add(sum(visits) >= wanted.min).only_enforce_if(guard)
        if len(visits) > wanted.max:
            model.add(sum(visits) <= wanted.max).only_enforce_if(variables.guard(ContractTerm("max", school.id)))
        used = variables.used_at_school.get(school.id, [])
        if len(used) > school.max_alts:
            model.add(sum(used) <= school.max_alts).only_enforce_if(
                variables.guard(ContractTerm("max_alts", school.id)))
