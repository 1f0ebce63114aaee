"""Two-school days: the pairs the model may use, found for all pairs at once, are exactly those rule 6 allows."""

from __future__ import annotations

from dataclasses import replace

from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.model import TimetableModel
from kakehashi.timetable.solve.variables import _pair_candidates
from kakehashi.timetable.travel import TravelTimes


def city(seed: int) -> Instance:
    week = parse_instance(generate_synthetic(schools=30, alts=9, seed=seed))
    return replace(week, alts=tuple(replace(alt, max_schools_per_day=2) for alt in week.alts))


def test_the_school_grid_gives_the_specs_minutes_for_every_pair_of_schools() -> None:
    week = city(3)
    travel = TravelTimes(week)
    for mode in {alt.mode for alt in week.alts}:
        index, grid = travel.school_grid(mode)
        someone = next(alt for alt in week.alts if alt.mode == mode)
        for one in week.schools:
            for other in week.schools:
                exact = travel.between(someone, one.id, other.id)
                assert abs(int(grid[index[one.id], index[other.id]]) - exact) <= 1, (one.id, other.id)


def test_every_pair_rule_6_allows_is_a_candidate_and_no_other() -> None:
    for seed in (1, 2):
        week = city(seed)
        model = TimetableModel(week, eligibility=Eligibility(week), pair_budget=None)
        v = model.variables
        found = {c[1:] for c in _pair_candidates(v, None, set())}
        allowed = set()
        for alt in week.alts:
            for day in v.eligibility.days(alt):
                schools = sorted(school for school, _ in v.visits_on.get((alt.id, day), ()))
                for k, one in enumerate(schools):
                    for other in schools[k + 1:]:
                        fits = v.eligibility.order_fits
                        if fits(alt, day, one, other) or fits(alt, day, other, one):
                            allowed.add((alt.id, day, one, other))
        assert allowed and found == allowed


def test_nearness_ranks_count_each_schools_neighbours_by_travel_time_then_id() -> None:
    week = city(4)
    eligibility = Eligibility(week)
    alt = week.alts[0]
    index, ranks = eligibility.partner_ranks(alt)
    schools = sorted(index)
    minutes = eligibility.travel.between
    for one in schools[:8]:
        neighbours = sorted((o for o in schools if o != one), key=lambda o: (minutes(alt, one, o), o))
        for other in neighbours[:5]:
            by_one = neighbours.index(other)
            back = sorted((o for o in schools if o != other),
                          key=lambda o: (minutes(alt, other, o), o)).index(one)
            assert ranks[index[one], index[other]] == min(by_one, back)


def test_beyond_the_budget_only_whole_ranks_of_near_neighbours_stay_and_kept_pairs_always_do() -> None:
    week = city(5)
    model = TimetableModel(week, eligibility=Eligibility(week), pair_budget=None)
    v = model.variables
    every = _pair_candidates(v, None, set())
    far = max(every)
    kept_pair = far[1:]
    trimmed = _pair_candidates(v, len(every) // 4, {kept_pair})
    assert len(trimmed) <= len(every) // 4 + 1
    assert kept_pair in {c[1:] for c in trimmed}
    # Counted among pairs the travel grid lets through, a few of which the exact rule then refuses.
    assert len(every) - len(trimmed) <= v.pairs_left_out <= 1.05 * (len(every) - len(trimmed))
    assert all(c[0] < v.partner_limit for c in trimmed)
