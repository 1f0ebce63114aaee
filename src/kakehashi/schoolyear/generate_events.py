"""A school year of generated events for a week's schools, as a board's calendars have them: a Saturday
sports day at each school (so a 振替休業日 the Monday after), tests at junior and senior highs, a weekday
culture festival and ceremonies. Each school draws its own dates, so days fall unevenly across schools,
as they do. The result is the JSON list `events_file.load_events` reads (`kakehashi plan-year --events`)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kakehashi.timetable.instance import Instance

# Test periods (定期テスト), each two weekdays, in these months of the school year.
TEST_MONTHS = (5, 7, 10, 12, 2)
TESTING_LEVELS = ("junior_high", "high")


def generate_events(instance: Instance, year: int, *, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    events: list[dict[str, Any]] = []
    for school in instance.schools:
        autumn = rng.random() < 0.5
        sports = _weekday_in(rng, year, 9 if autumn else 5, 5, weeks=(3, 4))
        events.append(_event("sports_day", "運動会", sports, school.id))
        festival = _weekday_in(rng, year, rng.choice((10, 11)), rng.randint(0, 4), weeks=(1, 2, 3))
        events.append(_event("culture_festival", "学習発表会" if school.level == "elementary" else "文化祭",
                             festival, school.id))
        if school.level in TESTING_LEVELS:
            for month in TEST_MONTHS:
                first = _weekday_in(rng, year, month, rng.randint(0, 3), weeks=(2, 3))
                events.append(_event("test", "定期テスト", first, school.id, first + dt.timedelta(days=1)))
        ceremony = _weekday_in(rng, year, 3, rng.randint(0, 4), weeks=(2,))
        events.append(_event("ceremony", "卒業式", ceremony, school.id))
    return events


def _weekday_in(rng: random.Random, year: int, month: int, weekday: int, *, weeks: tuple[int, ...]) -> dt.date:
    """The `weekday` (0 Monday, 5 Saturday) of a week of `month` drawn from `weeks` (1 = the first)."""
    calendar_year = year if month >= 4 else year + 1
    first = dt.date(calendar_year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    return day + dt.timedelta(weeks=rng.choice(weeks) - 1)


def _event(kind: str, name: str, starts: dt.date, school: str, ends: dt.date | None = None) -> dict[str, Any]:
    event = {"kind": kind, "name": name, "starts": starts.isoformat(), "school": school}
    if ends is not None:
        event["ends"] = ends.isoformat()
    return event
