"""Re-planning the lessons of a timetable's visits keeps every rule and never scores less."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from random_weeks import weeks

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import Instance, Solution, Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.construct import construct
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.fill_lessons import polish_lessons

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _stripped(solution: Solution) -> Solution:
    """The timetable's visits with none of its lessons: the worst start a polish can get."""
    return Solution(Status.FEASIBLE, solution.visits, (), instance=solution.instance, objective=None)


@SETTINGS
@given(weeks(two_school_days=True))
def test_polished_lessons_keep_every_rule_and_never_score_less(week: Instance) -> None:
    found = solve(week, time_limit=1.0, workers=1)
    if found.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return
    polished = polish_lessons(week, Eligibility(week), found, time_limit=2, workers=1, seed=0)
    assert check(week, polished) == []
    assert polished.objective == score(week, polished).objective
    assert (polished.objective or 0) >= (found.objective or 0)


def test_visits_without_lessons_get_lessons_as_good_as_the_construction_gave() -> None:
    week = parse_instance(generate_synthetic(schools=12, alts=4, seed=2))
    eligibility = Eligibility(week)
    greedy = construct(week, eligibility)
    assert greedy is not None and greedy.objective is not None
    bare = _stripped(greedy)
    bare = Solution(bare.status, bare.visits, (), instance=bare.instance, objective=score(week, bare).objective)
    polished = polish_lessons(week, eligibility, bare, time_limit=10, workers=1, seed=0)
    assert check(week, polished) == []
    # The lessons model is exact for fixed visits, so it is at least as good as the greedy fill.
    assert (polished.objective or 0) >= greedy.objective
