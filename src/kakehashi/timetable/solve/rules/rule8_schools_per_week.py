"""Rule 8: an ALT visits at most `max_schools_per_week` distinct schools in the week.

`used[a, s]` is exactly "a visits s at least once": it is implied by every visit and implies one, so
rule 10's `max_alts` and the extra-ALT term can count distinct ALTs with it too.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import BoolVar, ContractTerm, Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    visits_of: dict[tuple[str, str], list[BoolVar]] = defaultdict(list)
    for (alt_id, _day, school_id), visit in variables.visit.items():
        visits_of[(alt_id, school_id)].append(visit)
    for key, used in variables.used.items():
        for visit in visits_of[key]:
            model.add_implication(visit, used)
        model.add_bool_or(visits_of[key]).only_enforce_if(used)

    for alt in instance.alts:
        used_by_alt = variables.used_by_alt.get(alt.id, [])
        if len(used_by_alt) > alt.max_schools_per_week:
            model.add(sum(used_by_alt) <= alt.max_schools_per_week).only_enforce_if(
                variables.guard(ContractTerm("schools_per_week", alt.id)))
