"""The demo's pool of substitute ALTs (代替ALT): one for about every ten ALTs, as dispatch contracts promise,
living near different parts of the city. The weekly solve leaves them out; a cover calls them in."""

from __future__ import annotations

import datetime as dt

from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.schools.models import School

# (code, name, katakana, standby or part-time, days (empty: every day), from, until, near the n-th school)
SUBSTITUTES = [
    ("Z01", "Sam Reyes", "サム・レイエス", "standby", [], None, None, 0),
    ("Z02", "Mia Kato", "ミア・カトウ", "part_time", ["mon", "wed", "thu"], dt.time(8, 30), dt.time(12, 30), 2),
    ("Z03", "Noah Brown", "ノア・ブラウン", "standby", [], None, None, 4),
]


def load_substitutes(program: Program, board: Organization, starts: dt.date) -> None:
    """The pool, placed at the board (so any of its schools), each living near one part of the city."""
    schools = list(School.objects.filter(organization__parent=board).order_by("code"))
    for code, name, katakana, kind, days, begins, ends, part in SUBSTITUTES:
        near = schools[(part * len(schools)) // 5]
        person, _created = Participant.objects.get_or_create(
            code=code,
            defaults={
                "program": program,
                "name": name,
                "name_katakana": katakana,
                "home_lat": near.lat + 0.004,
                "home_lon": near.lon,
                "travel_mode": Participant.TravelMode.CAR,
                "levels": ["elementary", "junior_high"],
                "substitute": kind,
                "cover_days": days,
                "cover_from": begins,
                "cover_until": ends,
                "classes_min": 0,
                "max_commute_minutes": 45,
            },
        )
        Placement.objects.get_or_create(participant=person, organization=board, defaults={"starts": starts})
