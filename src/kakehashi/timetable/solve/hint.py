"""A timetable as values for every model variable: a complete hint for CP-SAT.

A complete, consistent hint lets CP-SAT start from the timetable at once instead of repairing a
partial one, so every auxiliary variable (pairs, lesson times, coverage counts, shortfall, extra
ALTs) gets the value the timetable implies. Entries with no variable (a visit rules 3, 4 or 9 forbid,
or a lesson-less visit the model prunes) are left out, which at worst makes the hint partial.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kakehashi.timetable.instance import Solution
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.timetable_view import TimetableView


def hint_values(variables: Variables, solution: Solution) -> list[tuple[Any, int]]:
    """(variable, value) for every variable of the model, read off `solution`."""
    instance = variables.instance
    view = TimetableView.of(instance, solution)
    values: list[tuple[Any, int]] = []

    visited = {key for key in variables.visit
               if key[2] in view.schools_by_alt_day.get((key[0], key[1]), ())}
    values += [(var, int(key in visited)) for key, var in variables.visit.items()]
    used = {(alt, school) for alt, _day, school in visited}
    values += [(var, int(key in used)) for key, var in variables.used.items()]

    joined = {(alt, lesson.id) for alt, lessons in view.lessons_by_alt.items() for lesson in lessons}
    joined &= variables.join.keys()
    values += [(var, int(key in joined)) for key, var in variables.join.items()]

    for (alt, day, one, other), var in variables.pair.items():
        values.append((var, int((alt, day, one) in visited and (alt, day, other) in visited)))
    # (alt, day) → its two schools in order, on the two-school days the model can express
    two_schools: dict[tuple[str, str], list[str]] = {}
    for alt, day in variables.depart:
        order = [school for school in view.schools_in_order(alt, day) if (alt, day, school) in visited]
        if len(order) == 2 and all((alt, day, school) in variables.first for school in order):
            two_schools[(alt, day)] = order
    for (alt, day, school), first in variables.first.items():
        order = two_schools.get((alt, day), [])
        values.append((first, int(order[:1] == [school])))
        values.append((variables.second[(alt, day, school)], int(order[1:] == [school])))
    for (alt, day), depart in variables.depart.items():
        domain = list(depart.proto.domain)
        low, high = domain[0], domain[-1]
        order = two_schools.get((alt, day), [])
        lessons = view.lessons_on(alt, day)
        # Leave when the last lesson at the first school ends; arrive for the first at the second.
        values.append((depart, max([low, *(x.end for x in lessons if order and x.school == order[0])])))
        values.append((variables.arrive[(alt, day)],
                       min([high, *(x.start for x in lessons if order and x.school == order[1])])))

    per_class = Counter((instance.lesson_by_id[lesson].school, instance.lesson_by_id[lesson].homeroom)
                        for _alt, lesson in joined)
    for homeroom, covered in variables.covered.items():
        values += [(var, int(k <= per_class[homeroom])) for k, var in enumerate(covered, start=1)]
    per_alt = Counter(alt for alt, _lesson in joined)
    for alt_id, var in variables.shortfall.items():
        values.append((var, max(0, instance.alt_by_id[alt_id].classes_per_week.min - per_alt[alt_id])))
    alts_at = Counter(school for _alt, school in used)
    for school_id, var in variables.extra_alts.items():
        values.append((var, max(0, alts_at[school_id] + variables.alts_before.get(school_id, 0) - 1)))
    return values
