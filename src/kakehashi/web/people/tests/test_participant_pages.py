"""A coordinator corrects a participant; romaji from katakana; the participant's own week page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kakehashi.timetable.solve import solve
from kakehashi.web.core.testing import PASSWORD
from kakehashi.web.timetables.selectors import week_instance
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
