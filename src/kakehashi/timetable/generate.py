"""Realistic `kakehashi/week@1` instances from real school locations (MLIT P29) or an invented city.

Everything random comes from one `random.Random(seed)` drawn in a fixed order, so the same seed
gives the same file byte for byte. Each result is read back with `parse_instance` before it is
returned, and is solvable by construction: see `generate_plan` for how contracts are kept within
what the ALTs can reach.

Parts: `generate_sites` (reading school data), `generate_school` (bells, classes, lessons,
contracts), `generate_people` (ALTs), `generate_plan` (feasibility, fixed and forbidden terms,
travel overrides), `generate_names` (name lists).
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass
from typing import Any

from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate_names import GUNMA_MUNICIPALITIES, ORDINALS, PLACE_PARTS, romanized_school_name
from kakehashi.timetable.generate_people import TRAVEL, alt_names, build_alt, choose_anchors, offset
from kakehashi.timetable.generate_plan import (
    eligibility,
    fixed_visits,
    forbidden_pairs,
    settle_minimums,
    travel_overrides,
)
from kakehashi.timetable.generate_school import Place, area_kind, build_school
from kakehashi.timetable.generate_sites import GenerateError, SchoolSite, load_school_sites
from kakehashi.timetable.instance import INSTANCE_FORMAT, LEVELS, WORKING_DAYS, Location, Weights
from kakehashi.timetable.travel import haversine_km

__all__ = [
    "GenerateError", "SchoolSite", "Week", "generate_from_sites", "generate_synthetic", "load_school_sites",
    "municipal_week", "synthetic_week",
]

# Limits that keep a mistyped count from running for minutes: eligibility is schools x ALTs and
# school density is schools x schools. Gunma's largest city has 83 schools.
MAX_SCHOOLS = 2000
MAX_ALTS = 1000

# A school with this many others within NEIGHBOUR_KM is in a town centre (see `area_kind`).
NEIGHBOUR_KM = 2.0

SYNTHETIC_CENTRE = Location(36.3, 139.0)
SYNTHETIC_JUNIOR_HIGH_SHARE = 0.3
# Schools of an invented city: most around the centre, the rest in a few satellite towns.
CENTRE_SPREAD_KM = 2.5
TOWN_SPREAD_KM = 1.2
MIN_SCHOOL_GAP_KM = 0.4
# How far the map of an invented city may be stretched (see `generate_synthetic`).
MIN_SPREAD, MAX_SPREAD = 0.5, 10.0

ENGLISH_KIND = {
    "elementary": "Elementary School",
    "junior_high": "Junior High School",
    "compulsory": "Compulsory Education School",
}
JAPANESE_KIND = {"elementary": "小学校", "junior_high": "中学校"}


@dataclass(frozen=True)
class Week:
    """A generated instance and the plan that proves it solvable.

    `witness` lists ALT-day visits (`{"alt", "day", "school"}`) that meet every school's
    `visit_days.min` and every fixed visit under the visit rules; it joins no lessons, so it is a
    starting point for a solver, not a good timetable."""

    document: dict[str, Any]
    witness: list[dict[str, str]]


def generate_from_sites(sites: list[SchoolSite], *, municipality: str, alts: int, seed: int,
                        name: str | None = None) -> dict[str, Any]:
    """A week for every school of `municipality` (a 5-digit code, e.g. "10202" for Takasaki)."""
    return municipal_week(sites, municipality=municipality, alts=alts, seed=seed, name=name).document


def generate_synthetic(*, schools: int, alts: int, seed: int, name: str | None = None,
                       spread: float = 1.0) -> dict[str, Any]:
    """A week for an invented city of `schools` schools (70% elementary, 30% junior high); `spread`
    stretches its map (1: a dense city, about 100 schools in 50 km²; 3: a spread-out rural town)."""
    return synthetic_week(schools=schools, alts=alts, seed=seed, name=name, spread=spread).document


def municipal_week(sites: list[SchoolSite], *, municipality: str, alts: int, seed: int,
                   name: str | None = None) -> Week:
    """`generate_from_sites`, with its witness."""
    _check_count("alts", alts, MAX_ALTS)
    code = str(municipality).strip()
    chosen = [site for site in sites if site.municipality == code]
    if not chosen:
        known = list(dict.fromkeys(site.municipality for site in sites))
        examples = ", ".join(known[:3])
        raise GenerateError(
            f"municipality {code!r} has no municipal elementary or junior high schools in the school data "
            f"({len(known)} municipalities there, e.g. {examples})")
    label = f"{GUNMA_MUNICIPALITIES[code]} ({code})" if code in GUNMA_MUNICIPALITIES else f"Municipality {code}"
    title = _title(name, f"{label}, week of ALT visits, seed {seed}")
    return _generate([_site_place(site) for site in chosen], alts=alts, seed=seed, name=title)


def synthetic_week(*, schools: int, alts: int, seed: int, name: str | None = None, spread: float = 1.0) -> Week:
    """`generate_synthetic`, with its witness."""
    _check_count("schools", schools, MAX_SCHOOLS)
    _check_count("alts", alts, MAX_ALTS)
    if not MIN_SPREAD <= spread <= MAX_SPREAD:
        raise GenerateError(f"spread must be between {MIN_SPREAD:g} and {MAX_SPREAD:g}, not {spread!r}")
    spread_note = "" if spread == 1.0 else f", spread {spread:g}"
    title = _title(name, f"Synthetic {schools} schools{spread_note}, seed {seed}")
    rng = random.Random(seed)
    places = _synthetic_places(rng, schools, spread)
    # The places take their own draws first; a second generator keeps the week's draws the same
    # shape as for real data, while still depending only on the seed.
    return _generate(places, alts=alts, seed=rng.randrange(2**32), name=title)


def _check_count(what: str, value: int, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise GenerateError(f"{what} must be a whole number of at least 1, not {value!r}")
    if value > maximum:
        raise GenerateError(f"{what} must be at most {maximum}, not {value}")


def _title(name: str | None, default: str) -> str:
    if name is None:
        return default
    if not name.strip():
        raise GenerateError("the instance name is empty")
    return name


def _site_place(site: SchoolSite) -> Place:
    # A compulsory-education school (義務教育学校) teaches grades 1-9. It is emitted as one
    # elementary-level school with grades 1-6: its upper grades would need a second school record
    # at the same place, which the format can hold but no board's contract is written that way.
    level = "junior_high" if site.kind == "junior_high" else "elementary"
    return Place(name=romanized_school_name(site.name_ja, ENGLISH_KIND[site.kind]), name_ja=site.name_ja, level=level,
                 lat=site.lat, lon=site.lon)


def _synthetic_places(rng: random.Random, count: int, spread: float = 1.0) -> list[Place]:
    juniors = round(SYNTHETIC_JUNIOR_HIGH_SHARE * count)
    levels = ["junior_high"] * juniors + ["elementary"] * (count - juniors)
    rng.shuffle(levels)
    satellites = [offset(SYNTHETIC_CENTRE, spread * rng.uniform(6, 12), rng.uniform(0, 2 * math.pi))
                  for _ in range(0 if count < 8 else min(3, 1 + count // 20))]
    points: list[Location] = []
    for _ in levels:
        point = SYNTHETIC_CENTRE
        for _attempt in range(30):
            if satellites and rng.random() < 0.3:
                centre, radius = rng.choice(satellites), spread * TOWN_SPREAD_KM
            else:
                centre, radius = SYNTHETIC_CENTRE, spread * CENTRE_SPREAD_KM
            point = offset(centre, abs(rng.gauss(0, radius)), rng.uniform(0, 2 * math.pi))
            # Two schools of one city are rarely closer than a few hundred metres.
            if all(haversine_km(point, other) >= MIN_SCHOOL_GAP_KM for other in points):
                break
        points.append(point)
    names = {level: _school_names(rng, level, levels.count(level)) for level in ("elementary", "junior_high")}
    taken = {"elementary": 0, "junior_high": 0}
    places = []
    for level, point in zip(levels, points, strict=True):
        english, japanese = names[level][taken[level]]
        taken[level] += 1
        places.append(Place(name=english, name_ja=japanese, level=level, lat=point.lat, lon=point.lon))
    return places


def _school_names(rng: random.Random, level: str, count: int) -> list[tuple[str, str]]:
    """(English, Japanese) names, all different: "Higashi Elementary School", 東小学校; once every
    part is used, the second school of a district: "Higashi Daini ...", 東第二小学校."""
    parts = list(PLACE_PARTS)
    rng.shuffle(parts)
    names = []
    for index in range(count):
        japanese, romaji = parts[index % len(parts)]
        round_ = index // len(parts)
        if round_ < len(ORDINALS):
            ordinal_ja, ordinal_en = ORDINALS[round_]
        else:
            ordinal_ja, ordinal_en = f"第{round_ + 1}", f"No. {round_ + 1}"
        english = " ".join(word for word in (romaji, ordinal_en, ENGLISH_KIND[level]) if word)
        names.append((english, f"{japanese}{ordinal_ja}{JAPANESE_KIND[level]}"))
    return names


def _generate(places: list[Place], *, alts: int, seed: int, name: str) -> Week:
    rng = random.Random(seed)
    locations = [Location(place.lat, place.lon) for place in places]
    areas = [
        area_kind(sum(1 for j, other in enumerate(locations) if j != i and haversine_km(here, other) <= NEIGHBOUR_KM))
        for i, here in enumerate(locations)
    ]
    width = max(3, len(str(len(places))))
    schools = [build_school(rng, f"S{i + 1:0{width}d}", place, area)
               for i, (place, area) in enumerate(zip(places, areas, strict=True))]
    present = [level for level in LEVELS if any(place.level == level for place in places)]
    alt_width = max(2, len(str(alts)))
    people = []
    for index, (anchor, full_name) in enumerate(zip(choose_anchors(rng, locations, alts), alt_names(rng, alts),
                                                    strict=True)):
        alt = build_alt(rng, f"A{index + 1:0{alt_width}d}", full_name, locations[anchor], areas[anchor])
        # A board hires for the schools it has: a junior-high-only ALT in a town of elementary
        # schools would be a contract nobody signs.
        alt["levels"] = [level for level in alt["levels"] if level in present] or present
        people.append(alt)
    eligible = eligibility(schools, people)
    witness = settle_minimums(rng, schools, people, eligible)
    document: dict[str, Any] = {
        "format": INSTANCE_FORMAT,
        "name": name,
        "days": list(WORKING_DAYS),
        "weights": asdict(Weights()),
        "travel": {
            "detour": TRAVEL.detour,
            "modes": {mode: asdict(settings) for mode, settings in TRAVEL.modes.items()},
            "minutes": travel_overrides(rng, schools, people),
        },
        "schools": schools,
        "alts": people,
        "fixed": fixed_visits(rng, witness, len(schools)),
        "forbidden": forbidden_pairs(rng, eligible, witness, len(schools)),
    }
    # A self-check: a generated week that the strict reader refuses is a bug here, not bad input.
    parse_instance(document)
    return Week(document, witness)
