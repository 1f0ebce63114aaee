"""The relaxation's bound (solve/bound.py) must never be below a timetable that keeps the rules."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from random_weeks import brute_force_optimum, weeks
from timetable_builders import alt, instance, school

from kakehashi.timetable.instance import Instance, Lesson, Status
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.bound import BoundModel, busiest_instants, most_disjoint, relaxation_bound

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lesson(lesson_id: str, start: int, end: int) -> Lesson:
    return Lesson(id=lesson_id, school="S1", homeroom="1-1", day="mon", period=lesson_id, start=start, end=end)


def test_one_alt_joins_at_most_the_lessons_that_do_not_overlap() -> None:
    lessons = (lesson("a", 0, 50), lesson("b", 40, 90), lesson("c", 90, 140), lesson("d", 100, 120))
    assert most_disjoint(lessons) == 2
    assert most_disjoint(()) == 0


def test_the_busiest_instants_are_the_sets_of_lessons_running_together() -> None:
    lessons = (lesson("a", 0, 50), lesson("b", 40, 90), lesson("c", 45, 60), lesson("d", 100, 120))
    assert [[x.id for x in clique] for clique in busiest_instants(lessons)] == [["a", "b", "c"], ["d"]]


def test_the_bound_of_a_week_with_one_obvious_timetable_is_its_objective() -> None:
    # One ALT, one school, three lessons of different classes at different times: join all three.
    week = instance([school("S1", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "2"), ("2-1", "mon", "3")],
                            visit_days=(1, 1))],
                    [alt("A1", classes=(0, 25))], travel=[("A1", "S1", 10)], days=["mon"])
    solution = solve(week, time_limit=5, workers=1)
    assert solution.status is Status.OPTIMAL
    assert relaxation_bound(week, time_limit=5) == solution.objective


def test_a_relaxation_that_cannot_keep_the_contracts_proves_no_bound() -> None:
    week = instance([school("S1", lessons=[("1-1", "mon", "1")], visit_days=(3, 3))],
                    [alt("A1")], travel=[("A1", "S1", 10)], days=["mon"])
    assert relaxation_bound(week, time_limit=5) is None


@SETTINGS
@given(weeks(schools=2, alts=1, lessons=3, days=("mon", "tue")))
def test_no_timetable_of_a_tiny_week_beats_the_bound(week: Instance) -> None:
    best = brute_force_optimum(week)
    for linear in (True, False):
        bound = BoundModel(week, linear=linear).prove(time_limit=5, workers=1)
        if best is not None:
            assert bound is not None and bound >= best


@SETTINGS
@given(weeks(two_school_days=True))
def test_the_solvers_timetables_never_beat_the_bound_on_two_school_weeks(week: Instance) -> None:
    solution = solve(week, time_limit=2.0, workers=2)
    bound = relaxation_bound(week, time_limit=5)
    if solution.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert bound is not None and solution.objective is not None
        assert bound >= solution.objective
        assert solution.bound is not None and solution.bound >= solution.objective
