"""Make a generated week solvable, and add the few special terms a real program has.

Contracts are drawn school by school, so together they may ask for more ALT-days than the ALTs
have. `settle_minimums` lowers them until a simple plan (the *witness*: ALT, day, school visits)
meets every `visit_days.min` under the hard rules that concern visits: level, commute, unavailable
days, one school a day, `max_schools_per_week`, `max_alts`. Fixed visits are then taken from the
witness and forbidden pairs from outside it, so neither can make the week infeasible.
"""

from __future__ import annotations

import random
from typing import Any

from kakehashi.timetable.generate_people import spec_minutes
from kakehashi.timetable.instance import WORKING_DAYS, Location
from kakehashi.timetable.travel import haversine_km

# A board keeps some slack: contracts should not need more than this share of all ALT-days,
# or a single sick day breaks them.
MAX_SHARE_OF_ALT_DAYS = 0.8

Document = dict[str, Any]


def _location(place: Document) -> Location:
    return Location(place["lat"], place["lon"])


def eligibility(schools: list[Document], alts: list[Document]) -> dict[str, list[tuple[str, int]]]:
    """School id → (ALT id, commute minutes) for every ALT who may work there (level and commute)."""
    table: dict[str, list[tuple[str, int]]] = {}
    for school in schools:
        where = _location(school["location"])
        table[school["id"]] = []
        for alt in alts:
            if school["level"] not in alt["levels"]:
                continue
            minutes = spec_minutes(_location(alt["home"]), where, alt["mode"])
            if minutes <= alt["max_commute_minutes"]:
                table[school["id"]].append((alt["id"], minutes))
    return table


def settle_minimums(rng: random.Random, schools: list[Document], alts: list[Document],
                    eligible: dict[str, list[tuple[str, int]]]) -> list[dict[str, str]]:
    """Lower `visit_days.min` where needed (in place) and return the witness visits."""
    mins = [school["visit_days"]["min"] for school in schools]
    alt_days = sum(len(WORKING_DAYS) - len(alt["unavailable_days"]) for alt in alts)
    budget = int(MAX_SHARE_OF_ALT_DAYS * alt_days)
    while sum(mins) > budget:
        # Take from the biggest asks first, so a junior high goes from 3 days to 2 before an
        # elementary school loses its only day.
        top = max(mins)
        mins[rng.choice([i for i, m in enumerate(mins) if m == top])] -= 1

    free: dict[str, list[str]] = {}
    for alt in alts:
        days = [day for day in WORKING_DAYS if day not in alt["unavailable_days"]]
        rng.shuffle(days)  # so that the witness, and the fixed visits taken from it, are not all Mondays
        free[alt["id"]] = days
    week_limit = {alt["id"]: alt["max_schools_per_week"] for alt in alts}
    schools_of: dict[str, int] = {alt["id"]: 0 for alt in alts}
    witness: list[dict[str, str]] = []
    # Schools that few ALTs can reach go first, while those ALTs still have days.
    order = sorted(range(len(schools)), key=lambda i: (len(eligible[schools[i]["id"]]), -mins[i], i))
    for index in order:
        school = schools[index]
        need = mins[index]
        # ALTs with the most free days first: one ALT for several days is what schools prefer.
        candidates = sorted(eligible[school["id"]], key=lambda pair: (-len(free[pair[0]]), pair[1], pair[0]))
        used = 0
        for alt_id, _ in candidates:
            if need == 0 or used == school["max_alts"]:
                break
            if not free[alt_id] or schools_of[alt_id] >= week_limit[alt_id]:
                continue
            take = min(need, len(free[alt_id]))
            days, free[alt_id] = free[alt_id][:take], free[alt_id][take:]
            witness.extend({"alt": alt_id, "day": day, "school": school["id"]} for day in days)
            schools_of[alt_id] += 1
            used += 1
            need -= take
        mins[index] -= need
    for school, low in zip(schools, mins, strict=True):
        school["visit_days"]["min"] = low
    return witness


def fixed_visits(rng: random.Random, witness: list[dict[str, str]], schools: int) -> list[dict[str, str]]:
    """A handful of visits fixed for the year (a school's standing day), taken from the witness."""
    if not witness:
        return []
    chosen = rng.sample(witness, min(len(witness), max(1, schools // 15)))
    return sorted(chosen, key=lambda v: (v["alt"], WORKING_DAYS.index(v["day"]), v["school"]))


def forbidden_pairs(rng: random.Random, eligible: dict[str, list[tuple[str, int]]],
                    witness: list[dict[str, str]], schools: int) -> list[Document]:
    """A few ALT-school pairs a board has ruled out (say, after a complaint), never ones the witness uses."""
    if schools < 5:
        return []
    used = {(visit["alt"], visit["school"]) for visit in witness}
    candidates = [(alt_id, school_id) for school_id, pairs in eligible.items() for alt_id, _ in pairs
                  if (alt_id, school_id) not in used]
    chosen = rng.sample(candidates, min(len(candidates), max(1, schools // 20)))
    return [{"alt": alt_id, "school": school_id} for alt_id, school_id in sorted(chosen)]


def travel_overrides(rng: random.Random, schools: list[Document], alts: list[Document]) -> list[Document]:
    """A few school-to-school times longer than the formula: the bus goes round by the station, or
    a river with one bridge lies between. Homes are never overridden, so commutes stay as planned."""
    if len(schools) < 2 or not alts:
        return []
    # Only ALTs with two schools a day travel between schools, so their modes are the ones that matter.
    movers = [alt["mode"] for alt in alts if alt["max_schools_per_day"] == 2] or [alt["mode"] for alt in alts]
    modes = list(dict.fromkeys(movers))
    places = [_location(school["location"]) for school in schools]
    wanted = min(3, 1 + len(schools) // 30)
    overrides: list[Document] = []
    seen: set[tuple[int, int, str]] = set()
    for _ in range(20 * wanted):
        if len(overrides) == wanted:
            break
        first = rng.randrange(len(schools))
        nearest = sorted((i for i in range(len(schools)) if i != first),
                         key=lambda i: (haversine_km(places[first], places[i]), i))[:3]
        second = rng.choice(nearest)
        mode = rng.choice(modes)
        key = (min(first, second), max(first, second), mode)
        if key in seen:
            continue
        seen.add(key)
        minutes = spec_minutes(places[first], places[second], mode) + rng.randint(8, 20)
        overrides.append({"from": schools[first]["id"], "to": schools[second]["id"], "mode": mode,
                          "minutes": minutes})
    return overrides
