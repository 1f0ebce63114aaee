"""The week editor and a solve's page in plain words: schools and ALTs by name, how good a timetable is next
to the best possible instead of the solver's score (which stays under "Details for specialists")."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.timetables.models import SolveJob

pytestmark = pytest.mark.django_db


def _outside_details(html: str) -> str:
    return re.sub(r"<details class=\"specialists\".*?</details>", "", html, flags=re.S)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_week_editor_names_schools_and_alts_without_codes_or_the_score(world: Any, language: str) -> None:
    north, _, _ = world
    publish_week(north.program)
    alt = north.alts[0]
    page = signed_in(north.users["coordinator"]).get(
        f"/people/{alt.code}/week-edit/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    options = re.findall(r"<option[^>]*>([^<]*)</option>", page)
    assert options and not any(school.code in text for text in options for school in north.schools)
    assert not any(other.code in text for text in options for other in north.alts)
    assert "objective" not in page and "目的関数" not in page


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_solves_page_says_how_close_to_the_best_it_is(world: Any, language: str) -> None:
    north, _, _ = world
    job = SolveJob.objects.create(
        program=north.program, state=SolveJob.State.SUCCEEDED, best_objective=870, bound=1000, elapsed=3
    )
    page = signed_in(north.users["coordinator"]).get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    said = _outside_details(page.content.decode())
    assert {"en": "at least 87% as good as the best possible", "ja": "87%以上の出来"}[language] in said
    assert "870" not in said and "objective" not in said and "目的関数" not in said
