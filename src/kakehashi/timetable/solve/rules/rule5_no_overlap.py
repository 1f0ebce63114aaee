"""Rule 5: an ALT's lessons on a day never overlap in time.

Overlapping lessons form an interval graph, whose maximal cliques are found at lesson start times:
the lessons running at a start time `t` all overlap each other, and every set of mutually overlapping
lessons runs at the latest of their starts. One "at most one" per maximal clique is the tightest
linear form of the rule.

Within one school the clique is bounded by the visit instead of by 1 (`sum ≤ visit[a, d, s]`), which
also implies rule 2 for those lessons and makes the LP relaxation tighter. Lessons at different
schools can only both be joined on a two-school day, so cross-school cliques are posted only for ALTs
with `max_schools_per_day` 2; for the others rule 6's one-visit-a-day already keeps them apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance, Lesson
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def maximal_cliques[T](entries: Sequence[tuple[Lesson, T]]) -> list[list[T]]:
    """The maximal sets of mutually overlapping lessons (two or more), as their payloads."""
    candidates = [frozenset(i for i, (lesson, _) in enumerate(entries) if lesson.start <= t < lesson.end)
                  for t in sorted({lesson.start for lesson, _ in entries})]
    unique = set(candidates)
    maximal = [c for c in unique if len(c) > 1 and not any(c < other for other in unique)]
    return [[entries[i][1] for i in sorted(clique)] for clique in sorted(maximal, key=sorted)]


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    for key, joins in variables.joins_at.items():
        visit = variables.visit[key]
        for clique in maximal_cliques(joins):
            model.add(sum(clique) <= visit)
    for alt in instance.alts:
        if alt.max_schools_per_day < 2:
            continue
        for day in variables.eligibility.days(alt):
            entries = [(lesson, (lesson.school, join)) for lesson, join in variables.joins_on(alt.id, day)]
            for clique in maximal_cliques(entries):
                if len({school for school, _ in clique}) > 1:
                    model.add_at_most_one([join for _, join in clique])
