"""Travel minutes and the objective, on examples worked by hand from the spec's formulas."""

from __future__ import annotations

import math

import pytest
from week_builders import LAT0, LON, STEP, alt, school, timetable, week

from kakehashi.timetable.instance import Location
from kakehashi.timetable.score import dhondt_coverage, score
from kakehashi.timetable.travel import TravelTimes, haversine_km


def chord_distance_km(a: Location, b: Location) -> float:
    """Great-circle distance by the chord formula: an independent route to the same number."""
    r = 6371.0088

    def xyz(p: Location) -> tuple[float, float, float]:
        lat, lon = math.radians(p.lat), math.radians(p.lon)
        return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))

    chord = math.dist(xyz(a), xyz(b))
    return 2 * r * math.asin(chord / 2)


def test_haversine_agrees_with_an_independent_great_circle_formula() -> None:
    tokyo, takasaki = Location(35.6812, 139.7671), Location(36.3219, 139.0033)
    assert haversine_km(tokyo, takasaki) == pytest.approx(chord_distance_km(tokyo, takasaki), abs=1e-6)
    # One degree along a meridian is R·π/180.
    assert haversine_km(Location(36, 139), Location(37, 139)) == pytest.approx(6371.0088 * math.pi / 180, abs=1e-9)


@pytest.mark.parametrize(("mode", "expected"), [
    # 1.0008 km × 1.3 detour: walk 17.35 → 18, bicycle 6.5 → 7, car 2.6 → 3 + 5, transit 4.3 → 5 + 10.
    ("walk", 18), ("bicycle", 7), ("car", 8), ("transit", 15),
])
def test_travel_minutes_follow_the_spec_formula_for_each_mode(mode: str, expected: int) -> None:
    instance = week([school(1), school(2)], [alt(1, mode=mode)])
    distance = chord_distance_km(Location(LAT0, LON), Location(LAT0 + STEP, LON))
    kmh, overhead = {"walk": (4.5, 0), "bicycle": (12, 0), "car": (30, 5), "transit": (18, 10)}[mode]
    assert math.ceil(60 * distance * 1.3 / kmh) + overhead == expected
    assert TravelTimes(instance).between(instance.alts[0], "S01", "S02") == expected


def test_an_override_holds_in_both_directions_and_only_for_its_mode() -> None:
    instance = week([school(1), school(2)], [alt(1, mode="car"), alt(2, mode="walk")],
                    travel={"minutes": [{"from": "S02", "to": "S01", "mode": "car", "minutes": 40}]})
    travel = TravelTimes(instance)
    car, walker = instance.alts
    assert travel.between(car, "S01", "S02") == travel.between(car, "S02", "S01") == 40
    assert travel.between(walker, "S01", "S02") == 18


def test_an_override_may_name_an_alts_home() -> None:
    instance = week([school(1), school(2)], [alt(1, mode="car")],
                    travel={"minutes": [{"from": "A01", "to": "S02", "mode": "car", "minutes": 33}]})
    travel = TravelTimes(instance)
    assert travel.commute(instance.alts[0], "S02") == 33
    assert travel.commute(instance.alts[0], "S01") == 5  # distance 0: only the car's overhead


def test_the_same_school_is_zero_minutes_away() -> None:
    instance = week([school(1)], [alt(1, mode="transit")])
    assert TravelTimes(instance).between(instance.alts[0], "S01", "S01") == 0


def test_a_days_trip_is_home_then_each_school_then_home() -> None:
    instance = week([school(1), school(2), school(3)], [alt(1)])
    travel, a = TravelTimes(instance), instance.alts[0]
    assert travel.day_trip(a, ["S02"]) == 2 * 18
    assert travel.day_trip(a, ["S01", "S03"]) == 0 + 35 + 35


def test_dhondt_coverage_gives_the_kth_lesson_one_kth_of_the_first() -> None:
    assert dhondt_coverage(1000, 10, 0) == 0
    assert dhondt_coverage(1000, 10, 3) == 10000 + 5000 + 3333
    assert dhondt_coverage(1000, 7, 2) == 7000 + 3500


def test_the_objective_adds_coverage_and_subtracts_travel_shortfall_and_extra_alts() -> None:
    lessons = [("5-1", "mon", "1"), ("5-1", "mon", "2"), ("6-1", "tue", "1")]
    instance = week([school(1, lessons=lessons, weight=12), school(2)],
                    [alt(1, classes_per_week={"min": 5, "max": 25}), alt(2)],
                    weights={"coverage_scale": 100, "travel_minute": 3, "shortfall_class": 50, "extra_alt": 70})
    solution = timetable(
        [("A01", "mon", "S01"), ("A02", "tue", "S01"), ("A02", "wed", "S02")],
        [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-1/mon/2"), ("A02", "S01/6-1/tue/1")])
    result = score(instance, solution)
    assert result.coverage == (1200 + 600) + 1200  # 5-1 twice, 6-1 once
    assert result.travel_cost == 3 * (0 + 0 + 2 * 18)  # both live at S01; A02's Wednesday is a walk to S02
    assert result.shortfall_cost == 50 * (5 - 2)  # A01 joins 2 of the 5 they should; A02's minimum is 0
    assert result.extra_alt_cost == 70 * 1  # S01 has two ALTs, S02 one
    assert result.objective == 3000 - 108 - 150 - 70


def test_a_two_school_day_costs_the_round_trip_through_both_schools() -> None:
    instance = week([school(1), school(3)], [alt(1, classes_per_week={"min": 0, "max": 25})])
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S03")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S03/6-1/mon/3")])
    assert score(instance, solution).travel_cost == 2 * (0 + 35 + 35)


def test_a_lesson_listed_for_two_alts_counts_once_and_unknown_ids_count_nothing() -> None:
    instance = week([school(1)], [alt(1), alt(2)])
    solution = timetable([("A01", "mon", "S01"), ("A02", "mon", "S01"), ("A09", "mon", "S01")],
                         [("A01", "S01/5-1/mon/1"), ("A02", "S01/5-1/mon/1"), ("A01", "S01/nope")])
    result = score(instance, solution)
    assert result.coverage == 10000
    assert result.extra_alt_cost == 300
