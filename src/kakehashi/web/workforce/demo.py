"""The demo's participants get the facts the workforce figures count (gender, age, citizenship, home region,
start date), drawn from a fixed seed per participant so every demo shows the same numbers."""

from __future__ import annotations

import datetime as dt
import random

from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant

# (citizenship, home regions): where ALTs typically come from.
ORIGINS: list[tuple[str, tuple[str, ...]]] = [
    ("US", ("California", "Texas", "New York", "Ohio", "Washington", "Hawaii")),
    ("GB", ("England", "Scotland", "Wales")),
    ("CA", ("Ontario", "British Columbia", "Quebec")),
    ("AU", ("New South Wales", "Victoria", "Queensland")),
    ("NZ", ("Auckland", "Canterbury")),
    ("IE", ("Leinster", "Munster")),
    ("JM", ("Kingston",)),
    ("PH", ("Metro Manila",)),
    ("ZA", ("Gauteng", "Western Cape")),
]
WEIGHTS = [30, 14, 12, 10, 5, 5, 4, 6, 4]
GENDERS = [Participant.Gender.WOMAN, Participant.Gender.MAN, Participant.Gender.OTHER]


def load_people_facts(program: Program) -> None:
    for person in program.participants.filter(birth_date__isnull=True):
        rng = random.Random(f"kakehashi-demo-{person.code}")
        country, regions = rng.choices(ORIGINS, weights=WEIGHTS)[0]
        person.citizenship = country
        person.origin_region = rng.choice(regions)
        person.gender = rng.choices(GENDERS, weights=[52, 46, 2])[0]
        person.birth_date = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
        if person.start_date is None:
            # Contracts start in August (JET) or April (dispatch); up to four years back.
            year = rng.choice([2022, 2023, 2024, 2025, 2026])
            person.start_date = dt.date(year, rng.choice([4, 8]), 1)
        person.save()
