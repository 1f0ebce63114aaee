"""Weeks written around a planted timetable: the timetable is valid and the contracts are what it got."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.generate import generate_from_sites, generate_synthetic, load_school_sites
from kakehashi.timetable.generate_planted import TIGHTNESS, Tightness, plant
from kakehashi.timetable.score import score


def _got(planted_visits: list[tuple[str, str]]) -> tuple[Counter[str], dict[str, set[str]]]:
    days = Counter(school for _alt, school in planted_visits)
    alts: dict[str, set[str]] = defaultdict(set)
    for alt, school in planted_visits:
        alts[school].add(alt)
    return days, alts


@pytest.mark.parametrize("tightness", TIGHTNESS)
@pytest.mark.parametrize(("schools", "spread", "seed"), [(20, 1.0, 1), (45, 3.0, 2)])
def test_the_planted_timetable_keeps_every_rule_and_states_its_true_objective(
        tightness: Tightness, schools: int, spread: float, seed: int) -> None:
    document = generate_synthetic(schools=schools, alts=round(schools / 3.3), seed=seed, spread=spread)
    week, planted = plant(document, tightness=tightness, seed=seed)
    instance, solution = parse_instance(week), parse_solution(planted)
    assert check(instance, solution) == []
    assert solution.objective == score(instance, solution).objective
    assert solution.lessons


def test_exact_contracts_are_the_days_and_alts_each_school_got() -> None:
    week, planted = plant(generate_synthetic(schools=30, alts=9, seed=4), tightness="exact", seed=1)
    solution = parse_solution(planted)
    days, alts = _got([(v.alt, v.school) for v in solution.visits])
    for school in parse_instance(week).schools:
        assert school.visit_days.min == school.visit_days.max == days[school.id]
        assert school.max_alts == max(1, len(alts[school.id]))


def test_normal_contracts_ask_for_what_was_got_or_one_day_less_and_allow_one_more() -> None:
    week, planted = plant(generate_synthetic(schools=60, alts=18, seed=5), tightness="normal", seed=2)
    days, _alts = _got([(v.alt, v.school) for v in parse_solution(planted).visits])
    schools = parse_instance(week).schools
    assert all(s.visit_days.max == days[s.id] + 1 for s in schools)
    assert all(s.visit_days.min in (days[s.id], days[s.id] - 1) for s in schools)
    # Most schools ask for exactly what they got: little slack, as in a real program.
    assert sum(s.visit_days.min == days[s.id] for s in schools) >= 0.6 * len(schools)


def test_a_real_municipality_can_be_planted_too() -> None:
    document = generate_from_sites(load_school_sites(), municipality="10203", alts=8, seed=1)
    week, planted = plant(document, tightness="normal", seed=1)
    assert check(parse_instance(week), parse_solution(planted)) == []


def test_the_same_seed_plants_the_same_week() -> None:
    document = generate_synthetic(schools=15, alts=5, seed=9)
    assert plant(document, tightness="normal", seed=3) == plant(document, tightness="normal", seed=3)
