"""A realistic example placement for Gunma: city boards of education asking for ALTs, the
prefectural board for its high and special-needs schools, town halls for CIRs and two SEA posts,
with participants drawn from a seed. Used by `kakehashi place --example`, the docs and the tests.

On purpose it holds what a real year holds: re-contracting ALTs (some asking to transfer), a CIR
whose Japanese suits only one town hall, and an SEA post for judo that no applicant can coach.
"""

from __future__ import annotations

import random
from typing import Any

from kakehashi.placement.instance import INSTANCE_FORMAT
from kakehashi.timetable.generate_names import GUNMA_MUNICIPALITIES
from kakehashi.timetable.generate_people import alt_names

ELEMENTARY_AND_JUNIOR_HIGH = ["elementary", "junior_high"]

# (organization id, name, position, count, levels, minimum Japanese, sport)
REQUESTS: tuple[tuple[str, str, str, int, list[str], str | None, str | None], ...] = (
    *(
        (f"BOE-{code}", f"{GUNMA_MUNICIPALITIES[code]} City Board of Education", "ALT", count, levels, None, None)
        for code, count, levels in (
            ("10201", 3, ELEMENTARY_AND_JUNIOR_HIGH),
            ("10202", 4, ELEMENTARY_AND_JUNIOR_HIGH),
            ("10203", 2, ELEMENTARY_AND_JUNIOR_HIGH),
            ("10204", 2, ["elementary"]),
            ("10205", 3, ELEMENTARY_AND_JUNIOR_HIGH),
            ("10206", 1, ["junior_high"]),
            ("10207", 1, ["elementary"]),
            ("10208", 2, ELEMENTARY_AND_JUNIOR_HIGH),
            ("10209", 1, ["junior_high"]),
        )
    ),
    # A mountain town with little English support at its schools asks for some Japanese.
    ("BOE-10449", "Minakami Town Board of Education", "ALT", 1, ELEMENTARY_AND_JUNIOR_HIGH, "N4", None),
    ("PREF-BOE", "Gunma Prefectural Board of Education", "ALT", 4, ["high"], None, None),
    ("PREF-BOE", "Gunma Prefectural Board of Education", "ALT", 1, ["special_needs"], None, None),
    ("PREF-GOV", "Gunma Prefectural Government, International Affairs", "CIR", 2, [], "N1", None),
    ("CITY-10201", "Maebashi City Hall", "CIR", 1, [], "N2", None),
    ("CITY-10205", "Ota City Hall", "CIR", 1, [], "N3", None),
    ("BOE-10449", "Minakami Town Board of Education", "SEA", 1, [], None, "skiing"),
    ("BOE-10204", "Isesaki City Board of Education", "SEA", 1, [], None, "judo"),
)

ALT_LEVELS: tuple[tuple[list[str], int], ...] = (
    (ELEMENTARY_AND_JUNIOR_HIGH, 6),
    (["elementary", "junior_high", "high"], 3),
    (["junior_high", "high"], 2),
    (["elementary"], 1),
    (["elementary", "junior_high", "high", "special_needs"], 1),
)
ALT_JAPANESE: tuple[tuple[str | None, int], ...] = ((None, 4), ("N5", 3), ("N4", 3), ("N3", 2), ("N2", 1))
CIR_JAPANESE: tuple[str, ...] = ("N1", "native", "N2", "N3", "N1", "N2")
# The SEAs coach skiing and basketball: the judo post has nobody, the basketball coach no post.
SEA_COACHING: tuple[list[str], ...] = (["skiing", "snowboarding"], ["basketball", "swimming"])


def example_instance(*, participants: int = 32, seed: int = 1) -> dict[str, Any]:
    """A `kakehashi/placement@1` document with 31 posts and `participants` people (at least 4)."""
    if participants < 4:
        raise ValueError("the example needs at least 4 participants (2 SEAs, a CIR and an ALT)")
    rng = random.Random(seed)
    requests = [
        {
            "id": f"R{index:02d}",
            "organization": {"id": org, "name": name},
            "position": position,
            "count": count,
            "levels": levels,
            "japanese": japanese,
            "sport": sport,
        }
        for index, (org, name, position, count, levels, japanese, sport) in enumerate(REQUESTS, start=1)
    ]
    organizations = {position: sorted({r[0] for r in REQUESTS if r[2] == position}) for position in ("ALT", "CIR")}
    cities = [org for org in organizations["ALT"] if org.startswith("BOE-")]
    cirs = max(1, round(participants * 0.12))
    alts = participants - cirs - len(SEA_COACHING)
    names = alt_names(rng, participants)
    people: list[dict[str, Any]] = []
    levels_of = {r[0]: r[4] for r in REQUESTS if r[2] == "ALT"}
    for index in range(alts):
        renewing_at = rng.choice(cities) if rng.random() < 0.2 else None
        levels = _weighted(rng, ALT_LEVELS)
        if renewing_at is not None:
            # A year at their board's schools: they teach its levels, whatever else they can.
            levels = [level for level in ALT_LEVELS[-1][0] if level in levels or level in levels_of[renewing_at]]
        people.append(
            _person(len(people), names, "ALT")
            | {
                "preferences": rng.sample(organizations["ALT"], 3),
                "japanese": _weighted(rng, ALT_JAPANESE),
                "levels": levels,
                "coaching": rng.sample(["baseball", "soccer", "tennis"], rng.choice((0, 0, 1))),
                "renewing_at": renewing_at,
                "wants_transfer": renewing_at is not None and index % 4 == 0,
            }
        )
    for index in range(cirs):
        people.append(
            _person(len(people), names, "CIR")
            | {
                "preferences": rng.sample(organizations["CIR"], 2),
                "japanese": CIR_JAPANESE[index % len(CIR_JAPANESE)],
            }
        )
    for coaching in SEA_COACHING:
        people.append(
            _person(len(people), names, "SEA") | {"preferences": ["BOE-10449"], "coaching": coaching, "japanese": "N5"}
        )
    return {
        "format": INSTANCE_FORMAT,
        "name": f"Gunma placement (example, seed {seed})",
        "requests": requests,
        "participants": people,
    }


def _person(index: int, names: list[str], position: str) -> dict[str, Any]:
    return {"id": f"P{index + 1:03d}", "name": names[index], "position": position}


def _weighted[T](rng: random.Random, choices: tuple[tuple[T, int], ...]) -> T:
    values = [value for value, _ in choices]
    return rng.choices(values, weights=[weight for _, weight in choices])[0]
