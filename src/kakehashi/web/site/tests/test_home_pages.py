"""Each role's home page shows what that role does first, in plain words: no solver internals (its score,
"CP-SAT", the spec's field names) outside the folded "Details for specialists", in English and Japanese."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone, translation

from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.timetables.analysis import version_analysis

pytestmark = pytest.mark.django_db

INTERNAL = ("objective", "CP-SAT", "greedy", "travel_cost", "max_schools_per_day", "object (", "目的関数")


def _page(client: Any, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _outside_details(html: str) -> str:
    """The page as read without opening "Details for specialists"."""
    return re.sub(r"<details class=\"specialists\".*?</details>", "", html, flags=re.S)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _classes(version: Any) -> tuple[int, int]:
    analysis = version_analysis(version)
    return analysis["classes_with_alt"], analysis["classes"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_coordinators_home_says_the_week_in_plain_words(world: Any, language: str) -> None:
    north, _, _ = world
    version = publish_week(north.program)
    page = _page(signed_in(north.users["coordinator"]), "/", language)
    with_alt, classes = _classes(version)
    said = _text(_outside_details(page))
    plain = {
        "en": f"Classes with an ALT: {with_alt} of {classes}.",
        "ja": f"ALT が入るクラス：{classes}クラス中{with_alt}クラス",
    }
    assert plain[language] in said
    assert not [word for word in INTERNAL if word in said]
    assert {"en": "Details for specialists", "ja": "専門家向けの詳細"}[language] in page
    assert f"/leave/programs/{north.program.pk}/" in page  # what waits for them: leave to decide
    assert "/api/token/page/" in page  # a coordinator may use the API


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_alts_home_puts_their_reports_leave_and_week_first_and_no_solver_numbers(
    world: Any, language: str
) -> None:
    north, _, _ = world
    publish_week(north.program)
    page = _page(signed_in(north.users["participant"]), "/", language)
    for link in (f"/people/{north.alts[0].code}/", "/leave/absent/", "/leave/", "/duties/report/"):
        assert f'href="{link}"' in page
    assert not [word for word in INTERNAL if word in page]  # not even folded away: an ALT has no use for them
    assert "<details" not in page and "/api/token/page/" not in page
    # The day's actions, then this week date by date, before anything else.
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    assert f'data-date="{monday:%Y-%m-%d}"' in page
    assert page.index("/duties/report/") < page.index("/leave/absent/") < page.index('class="dated-week"')
    assert page.index('class="dated-week"') < page.index("/recruit/")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_jtes_home_links_to_their_school_and_its_requests_and_not_to_an_api_token(
    world: Any, language: str
) -> None:
    north, _, _ = world
    page = _page(signed_in(north.users["school_staff"]), "/", language)
    school = north.schools[0]
    assert f'href="/schools/{school.code}/"' in page and f'href="/schools/{school.code}/requests/"' in page
    assert "/api/token/page/" not in page
    assert {"en": "0 requests still open.", "ja": "まだ対応されていない依頼：0件"}[language] in _text(page)


def test_an_applicants_home_has_no_api_token_link(world: Any) -> None:
    north, _, _ = world
    page = _page(signed_in(north.users["applicant"]), "/", "en")
    assert "/api/token/page/" not in page and "/recruit/" in page


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_analysis_and_program_pages_say_the_week_without_solver_words(world: Any, language: str) -> None:
    north, _, _ = world
    version = publish_week(north.program)
    client = signed_in(north.users["coordinator"])
    analysis = _page(client, f"/programs/{north.program.pk}/timetables/{version.number}/", language)
    said = _text(_outside_details(analysis))
    with_alt, classes = _classes(version)
    with translation.override(language):
        assert ({"en": f"Classes with an ALT: {with_alt} of {classes}.",
                 "ja": f"ALT が入るクラス：{classes}クラス中{with_alt}クラス"}[language]) in said
    assert not [word for word in (*INTERNAL, "coverage", "extra_alt", "shortfall") if word in said]
    assert any(alt.name in said for alt in north.alts)  # the visit-days table names each school's ALTs
    program = _text(_outside_details(_page(client, f"/programs/{north.program.pk}/", language)))
    assert not [word for word in INTERNAL if word in program]
