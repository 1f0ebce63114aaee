"""A coordinator corrects a participant; romaji from katakana; the participant's own week page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kakehashi.timetable.solve import solve
from kakehashi.web.testing import PASSWORD
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.services import timetable_publish, timetable_store

pytestmark = pytest.mark.django_db


def logged_in(side: Any, role: str) -> Client:
    client = Client()
    assert client.login(username=side.users[role].username, password=PASSWORD)
    return client


def test_a_coordinator_corrects_a_participants_name_and_levels(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    data = {
        "name_katakana": "ジェーン・スミス",
        "name": "Jane Smith",
        "kind": "alt",
        "gender": "woman",
        "birth_date": "",
        "citizenship": "",
        "origin_region": "",
        "start_date": "",
        "japanese_level": "N3",
        "qualifications": "",
        "home_lat": alt.home_lat,
        "home_lon": alt.home_lon,
        "travel_mode": "car",
        "levels": ["elementary"],
        "classes_min": 18,
        "classes_max": 24,
        "max_classes_per_day": 5,
        "max_schools_per_day": 1,
        "max_schools_per_week": 4,
        "max_commute_minutes": 45,
    }
    assert logged_in(north, "coordinator").post(f"/people/{alt.code}/edit/", data).status_code == 302
    alt.refresh_from_db()
    assert (alt.name, alt.levels, alt.classes_max, alt.japanese_level) == ("Jane Smith", ["elementary"], 24, "N3")


def test_the_romaji_of_a_katakana_name_is_suggested(world: Any) -> None:
    north, _, _ = world
    response = logged_in(north, "coordinator").get(
        "/people/romaji/", {"name_katakana": "ジェーン・スミス"}, HTTP_HX_REQUEST="true"
    )
    assert 'value="Jen Sumisu"' in response.content.decode()


def test_a_participant_cannot_edit_even_themselves_here(world: Any) -> None:
    north, _, _ = world
    assert logged_in(north, "participant").get(f"/people/{north.alts[0].code}/edit/").status_code == 403


def test_the_participant_sees_their_published_week_day_by_day(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    solution = solve(instance, time_limit=5, workers=1)
    timetable_publish(version=timetable_store(program=north.program, instance=instance, solution=solution))
    page = logged_in(north, "participant").get(f"/people/{north.alts[0].code}/").content.decode()
    mine = [a for a in solution.lessons if a.alt == north.alts[0].code]
    assert mine, "the solver gave the first ALT no lesson; the test needs at least one"
    lesson = instance.lesson_by_id[mine[0].lesson]
    assert lesson.homeroom in page and f"{lesson.start // 60:02d}:{lesson.start % 60:02d}" in page


def test_the_week_grid_puts_the_commute_before_the_first_lesson_and_after_the_last(world: Any) -> None:
    from kakehashi.timetable.travel import TravelTimes
    from kakehashi.web.pages.people.selectors import participant_week_grid

    north, _, _ = world
    instance = week_instance(north.program)
    solution = solve(instance, time_limit=5, workers=1)
    version = timetable_store(program=north.program, instance=instance, solution=solution)
    alt = north.alts[0]
    core_alt = instance.alt_by_id[alt.code]
    travel = TravelTimes(instance)
    for day, blocks in participant_week_grid(alt, version):
        lessons = [b for b in blocks if b.kind == "lesson"]
        trips = [b for b in blocks if b.kind == "travel"]
        schools = [v.school for v in solution.visits if v.alt == alt.code and v.day == day]
        if not lessons:
            continue  # a visit day without lessons (rule 10 allows it) has no clock to draw on
        first, last = min(b.start for b in lessons), max(b.end for b in lessons)
        assert trips[0].end == first and trips[-1].start == last
        assert sum(t.end - t.start for t in trips) == travel.day_trip(
            core_alt, _in_order(instance, solution, alt.code, day, schools)
        )


def _in_order(instance: Any, solution: Any, alt: str, day: str, schools: list[str]) -> list[str]:
    starts = {
        s: min(
            instance.lesson_by_id[a.lesson].start
            for a in solution.lessons
            if a.alt == alt
            and instance.lesson_by_id[a.lesson].day == day
            and instance.lesson_by_id[a.lesson].school == s
        )
        for s in schools
    }
    return sorted(schools, key=starts.__getitem__)
