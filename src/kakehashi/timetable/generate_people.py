"""Generated ALTs: where they live, how they travel, and what their contracts allow."""

from __future__ import annotations

import math
import random
from typing import Any

from kakehashi.timetable.generate_names import ALT_FIRST_NAMES, ALT_LAST_NAMES
from kakehashi.timetable.instance import WORKING_DAYS, Location, TravelSettings
from kakehashi.timetable.travel import haversine_km

# The spec's default travel settings; generated instances use them unchanged.
TRAVEL = TravelSettings()
KM_PER_DEGREE_LAT = 111.32

# How ALTs get to school, by the kind of area they live in: in a city centre bicycles, trains and
# buses work and some walk; outside it nearly everyone drives (weights, not percentages).
MODE_WEIGHTS: dict[str, dict[str, int]] = {
    "urban": {"bicycle": 35, "car": 30, "transit": 20, "walk": 15},
    "suburban": {"car": 55, "bicycle": 30, "transit": 15},
    "rural": {"car": 85, "bicycle": 10, "transit": 5},
}

# How far from their anchor school an ALT lives (km): a walker's flat is close by.
HOME_DISTANCE_KM: dict[str, tuple[float, float]] = {
    "walk": (0.4, 1.5), "bicycle": (1.0, 3.0), "car": (1.0, 4.0), "transit": (1.0, 4.0),
}


def spec_minutes(origin: Location, destination: Location, mode: str) -> int:
    """The spec's travel formula, without overrides (generated files never override a home's commute)."""
    travel = TRAVEL.modes[mode]
    return math.ceil(60 * haversine_km(origin, destination) * TRAVEL.detour / travel.kmh) + travel.overhead_min


def offset(origin: Location, km: float, bearing: float) -> Location:
    """The point `km` away from `origin` towards `bearing` (radians from north), to 6 decimals (~0.1 m)."""
    lat = origin.lat + km * math.cos(bearing) / KM_PER_DEGREE_LAT
    lon = origin.lon + km * math.sin(bearing) / (KM_PER_DEGREE_LAT * math.cos(math.radians(origin.lat)))
    return Location(round(lat, 6), round(lon, 6))


def alt_names(rng: random.Random, count: int) -> list[str]:
    """`count` different full names; numbered once every combination is used."""
    combinations = len(ALT_FIRST_NAMES) * len(ALT_LAST_NAMES)
    picks = rng.sample(range(combinations), min(count, combinations))
    names = [f"{ALT_FIRST_NAMES[p // len(ALT_LAST_NAMES)]} {ALT_LAST_NAMES[p % len(ALT_LAST_NAMES)]}" for p in picks]
    names += [f"ALT {index + 1}" for index in range(len(names), count)]
    return names


def choose_anchors(rng: random.Random, locations: list[Location], count: int) -> list[int]:
    """A school near each ALT's home: each is the farthest from earlier homes among a few random
    schools, so that ALTs spread over the area as a board would hire them, not all in one ward."""
    anchors: list[int] = []
    for _ in range(count):
        candidates = [rng.randrange(len(locations)) for _ in range(4)]
        if not anchors:
            anchors.append(candidates[0])
            continue
        anchors.append(max(candidates, key=lambda c: min(
            haversine_km(locations[c], locations[a]) for a in anchors)))
    return anchors


def build_alt(rng: random.Random, alt_id: str, name: str, anchor: Location, area: str) -> dict[str, Any]:
    weights = MODE_WEIGHTS[area]
    mode = rng.choices(list(weights), weights=list(weights.values()))[0]
    near, far = HOME_DISTANCE_KM[mode]
    home = offset(anchor, rng.uniform(near, far), rng.uniform(0, 2 * math.pi))
    draw = rng.random()
    levels = ["elementary", "junior_high"] if draw < 0.75 else ["elementary"] if draw < 0.9 else ["junior_high"]
    # Most ALTs are full-time (20-25 classes a week); some are part-timers on fewer hours.
    classes = {"min": 20, "max": 25} if rng.random() < 0.85 else {"min": 15, "max": 20}
    max_commute = rng.choice((45, 50, 60, 60, 75))
    # Their own school must be reachable, or the anchor would mean nothing.
    max_commute = max(max_commute, spec_minutes(home, anchor, mode))
    unavailable = [rng.choice(WORKING_DAYS)] if rng.random() < 0.1 else []
    return {
        "id": alt_id,
        "name": name,
        "home": {"lat": home.lat, "lon": home.lon},
        "mode": mode,
        "levels": levels,
        "classes_per_week": classes,
        "max_classes_per_day": rng.choice((5, 6, 6)),
        "max_schools_per_day": 2 if rng.random() < 1 / 3 else 1,
        "max_schools_per_week": rng.choice((3, 4, 4, 5, 5, 6)),
        "max_commute_minutes": max_commute,
        "unavailable_days": unavailable,
    }
