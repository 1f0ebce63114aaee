"""Objective term `coverage`: per class, the D'Hondt sum of its covered lessons.

`covered[h][k-1]` means "class h has at least k ALT lessons". The booleans are ordered
(`covered[k] → covered[k-1]`) and sum to the class's covered lessons, so they are always exactly a
prefix, and `sum_k floor(scale * w / k) * covered[k-1]` is the spec's value for every timetable the
solver finds, not only at the optimum. The gain per extra lesson falls with k, so the LP relaxation
is tight too.
"""

from __future__ import annotations

import itertools
from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import BoolVar, Variables
from kakehashi.timetable.travel import TravelTimes


def lesson_value(scale: int, weight: int, k: int) -> int:
    """What the k-th ALT lesson of a class in the week adds (the spec's D'Hondt share)."""
    return (scale * weight) // k


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> Any:
    joins_of_class: dict[tuple[str, str], list[BoolVar]] = {key: [] for key in variables.covered}
    for lesson_id, joins in variables.joins_of_lesson.items():
        lesson = instance.lesson_by_id[lesson_id]
        joins_of_class[(lesson.school, lesson.homeroom)].extend(joins)

    terms: list[Any] = []
    scale = instance.weights.coverage_scale
    for key, covered in variables.covered.items():
        model.add(sum(covered) == sum(joins_of_class[key]))
        for more, fewer in itertools.pairwise(covered):
            model.add_implication(fewer, more)
        weight = instance.homeroom_weight[key]
        # In a part of the week, the class's lessons in the frozen rest come first in the count.
        before = variables.covered_before.get(key, 0)
        terms.extend(lesson_value(scale, weight, before + k) * at_least_k
                     for k, at_least_k in enumerate(covered, start=1))
    return sum(terms)
