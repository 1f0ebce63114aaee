"""Generated weeks, synthetic and from real Takasaki schools: valid answers with true objectives."""

from __future__ import annotations

import pytest

from kakehashi.timetable import generate
from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.instance import Instance, Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import solve


def assert_sound(week: Instance, time_limit: float) -> None:
    solution = solve(week, time_limit=time_limit, workers=2)
    # The generator makes every week solvable, and the construction should manage these sizes.
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert solution.stats["construction_objective"] is not None
    assert check(week, solution) == []
    assert solution.objective == score(week, solution).objective
    assert solution.objective >= solution.stats["construction_objective"]
    assert solution.bound is None or solution.bound >= solution.objective
    # How long the solve took is a benchmark figure (benchmarks/RESULTS.md), never a test: a busy
    # machine must not fail the suite.


@pytest.mark.slow
@pytest.mark.parametrize(("schools", "alts", "seed"), [(5, 2, 1), (8, 3, 2), (10, 3, 3)])
def test_synthetic_weeks_get_valid_timetables(schools: int, alts: int, seed: int) -> None:
    week = parse_instance(generate.generate_synthetic(schools=schools, alts=alts, seed=seed))
    assert_sound(week, time_limit=3.0)


@pytest.mark.slow
def test_takasaki_gets_a_valid_timetable_with_near_pairs_only() -> None:
    sites = generate.load_school_sites()
    week = parse_instance(generate.generate_from_sites(sites, municipality="10202", alts=25, seed=1))
    assert_sound(week, time_limit=5.0)
