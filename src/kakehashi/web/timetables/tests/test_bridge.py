"""The database and the core speak the same week: export → solve → store → export gives the same files."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kakehashi.timetable.check import check
from kakehashi.timetable.format import instance_to_json, solution_to_json
from kakehashi.timetable.instance import Solution, Status, Visit
from kakehashi.timetable.solve import solve
from kakehashi.web.timetables.door import version_solution, week_instance, week_instance_json
from kakehashi.web.timetables.models import TimetableVersion, VisitRow
from kakehashi.web.timetables.services import TimetableRefusedError, timetable_store

pytestmark = pytest.mark.django_db


def test_the_week_exported_from_the_database_is_the_week_that_was_imported(world: Any) -> None:
    north, _, _ = world
    exported = week_instance_json(north.program)
    assert [s["id"] for s in exported["schools"]] == [s.code for s in north.schools]
    assert len(exported["alts"]) == len(north.alts)
    assert exported["fixed"] and exported["travel"]["minutes"]  # the synthetic week has both


def test_export_solve_store_export_gives_the_same_instance_and_the_same_timetable(world: Any) -> None:
    north, _, _ = world
    first = json.dumps(week_instance_json(north.program), sort_keys=True)
    instance = week_instance(north.program)
    solution = solve(instance, time_limit=5, workers=1, seed=0)
    version = timetable_store(program=north.program, instance=instance, solution=solution)
    again = json.dumps(instance_to_json(week_instance(north.program)), sort_keys=True)
    assert again == first
    stored = version_solution(version)
    assert set(stored.visits) == set(solution.visits)
    assert set(stored.lessons) == set(solution.lessons)
    assert check(instance, stored) == []
    assert stored.objective == solution.objective
    document = solution_to_json(stored)
    assert document["objective"] == solution.objective


def test_a_timetable_that_breaks_a_rule_is_refused_and_nothing_is_stored(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    alt, school = instance.alts[0], instance.schools[0]
    broken = Solution(
        Status.FEASIBLE,
        (
            Visit(alt.id, "mon", school.id),
            Visit(alt.id, "mon", instance.schools[1].id),
            Visit(alt.id, "mon", instance.schools[2].id),
        ),
        (),
        objective=0,
    )
    with pytest.raises(TimetableRefusedError, match="rule"):
        timetable_store(program=north.program, instance=instance, solution=broken)
    assert not TimetableVersion.objects.exists() and not VisitRow.objects.exists()


def test_versions_are_numbered_one_after_another_per_program(world: Any) -> None:
    north, south, _ = world
    for side in (north, north, south):
        instance = week_instance(side.program)
        timetable_store(program=side.program, instance=instance, solution=solve(instance, time_limit=3, workers=1))
    assert list(north.program.timetables.values_list("number", flat=True)) == [2, 1]
    assert list(south.program.timetables.values_list("number", flat=True)) == [1]


def test_a_lesson_dropped_from_the_school_timetable_leaves_the_week_but_not_the_stored_versions(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    solution = solve(instance, time_limit=3, workers=1)
    version = timetable_store(program=north.program, instance=instance, solution=solution)
    taken = version.lessons.first()
    assert taken is not None
    taken.lesson.active = False
    taken.lesson.save()
    assert taken.lesson.code not in week_instance(north.program).lesson_by_id
    assert taken.lesson.code in {a.lesson for a in version_solution(version).lessons}
