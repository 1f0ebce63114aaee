"""The school page's contract card of a rotation (issue 19): a school on a two-week rotation reads its contracted
ALT-days and the days delivered per rotation ("every 2 weeks"), not a week's figure beside week A's visits."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.timetables.door import version_cycle_solution
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.yearbalance.tests.test_balance_rotation import published_rotation

pytestmark = pytest.mark.django_db


def _cards(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<div class="muted">([^<]+)</div><div class="figure">([^<]+)</div>', page)


def test_a_rotations_school_page_says_its_contract_and_visits_per_rotation(world: Any) -> None:
    north, _, _ = world
    published_rotation(north)
    school = north.schools[0]
    school.cycle_days_min, school.cycle_days_max = 1, 3
    school.save()
    version = published_version(north.program)
    assert version is not None
    visits = sum(1 for v in version_cycle_solution(version).visits if v.school == school.code)
    reader = signed_in(north.users["coordinator"])

    english = _cards(reader.get(f"/schools/{school.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    japanese = _cards(reader.get(f"/schools/{school.code}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode())

    assert english[:2] == [
        ("Contracted ALT-days every 2 weeks", "1–3"),
        ("Delivered every 2 weeks in the published timetable", str(visits)),
    ]
    assert japanese[:2] == [("契約上の 2週ごとの ALT 日数", "1–3"), ("公開時間割での 2週ごとの訪問日数", str(visits))]


def test_a_one_week_programs_school_page_still_says_days_a_week(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    school = north.schools[0]
    page = signed_in(north.users["coordinator"]).get(f"/schools/{school.code}/", HTTP_ACCEPT_LANGUAGE="en")
    low, high = school.visit_days_min, school.visit_days_max
    figure = f"{low}–{high}" if low != high else str(low)
    assert _cards(page.content.decode())[0] == ("Contracted visit days a week", figure)
