"""A coordinator corrects a school; the romaji suggestion; what each role may not do."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kakehashi.web.core.models import Change
from kakehashi.web.testing import PASSWORD

pytestmark = pytest.mark.django_db


def logged_in(side: Any, role: str) -> Client:
    client = Client()
    assert client.login(username=side.users[role].username, password=PASSWORD)
    return client


def form_of(school: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "name_ja": "中央小学校",
        "name": school.organization.name,
        "level": school.level,
        "mext_code": "",
        "address": "",
        "lat": school.lat,
        "lon": school.lon,
        "visit_days_min": school.visit_days_min,
        "visit_days_max": school.visit_days_max,
        "max_alts": school.max_alts,
    }
    return data | changes


def test_a_coordinator_corrects_a_schools_name_and_contract_and_the_change_is_logged(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    client = logged_in(north, "coordinator")
    response = client.post(f"/schools/{school.code}/edit/", form_of(school, name="Chuo Elementary", visit_days_max=4))
    assert response.status_code == 302
    school.refresh_from_db()
    school.organization.refresh_from_db()
    assert (school.organization.name, school.visit_days_max) == ("Chuo Elementary", 4)
    change = Change.objects.filter(model="schools.school", object_id=str(school.pk)).latest("id")
    assert change.user == north.users["coordinator"] and change.after["visit_days_max"] == 4


def test_a_minimum_above_the_maximum_is_shown_next_to_the_field(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    response = logged_in(north, "coordinator").post(
        f"/schools/{school.code}/edit/", form_of(school, visit_days_min=4, visit_days_max=2)
    )
    assert response.status_code == 200 and "At least the minimum, please." in response.content.decode()


@pytest.mark.parametrize("role", ["supervisor", "school_staff", "participant"])
def test_only_coordinators_edit_schools(world: Any, role: str) -> None:
    north, _, _ = world
    assert logged_in(north, role).get(f"/schools/{north.schools[0].code}/edit/").status_code == 403


def test_the_romaji_of_a_japanese_school_name_is_suggested_into_the_name_field(world: Any) -> None:
    north, _, _ = world
    response = logged_in(north, "coordinator").get(
        "/schools/romaji/", {"name_ja": "長野郷中学校", "level": "junior_high"}, HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert 'value="Naganosato Junior High School"' in text and "<html" not in text


def test_in_japanese_a_school_is_named_in_japanese_only(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    client = logged_in(north, "coordinator")
    client.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    text = client.get(f"/schools/{school.code}/").content.decode()
    # One language on the page: the romaji name only a hover away.
    assert f'<h1><span title="{school.organization.name}">{school.organization.name_ja}</span></h1>' in text
    assert "<th>月</th>" in text


def test_the_days_a_form_offers_are_the_core_days_each_named_in_the_readers_language() -> None:
    from django.utils import translation

    from kakehashi.timetable.instance import ALL_DAYS
    from kakehashi.web.schools.models import Weekday

    assert tuple(Weekday.values) == ALL_DAYS
    with translation.override("ja"):
        assert [str(label) for label in Weekday.labels][:5] == ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日"]
