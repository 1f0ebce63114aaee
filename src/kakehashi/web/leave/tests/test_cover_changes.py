"""A proposed cover on the coordinator's page in words (cover_changes.py): who is away by name, and how the
other ALTs' visits change, in English and Japanese; never the engine's lines with ids
("S077/2-1/thu/3: left without an ALT")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import translation

from kakehashi.web.leave.cover_changes import visit_changes
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.services import absence_report
from kakehashi.web.leave.tasks import propose_covers
from kakehashi.web.leave.tests.test_absence_cover import _busy_day
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db

PEOPLE = {"A01": "Anh Nguyen", "A02": "Ben Ito", "A03": "Chris Sato"}
SCHOOLS = {"S01": "Kita ES", "S02": "Minami JHS", "S03": "Higashi ES"}


def test_each_other_alts_change_of_visits_is_said_with_names_in_english_and_japanese() -> None:
    before = Cover(date=dt.date(2026, 12, 3), visits=[["A01", "S01"], ["A02", "S02"], ["A03", "S03"]])
    cover = Cover(
        date=dt.date(2026, 12, 3), absent=["A01"], already_absent=[], visits=[["A02", "S01"], ["A03", "S03"]]
    )
    with translation.override("en"):
        assert visit_changes(cover, before, PEOPLE, SCHOOLS) == ["Ben Ito goes to Kita ES instead of Minami JHS."]
    with translation.override("ja"):
        assert visit_changes(cover, before, PEOPLE, SCHOOLS) == ["Ben ItoさんはMinami JHSの代わりにKita ESへ行きます。"]


def test_a_visit_added_or_dropped_is_said_too() -> None:
    before = Cover(date=dt.date(2026, 12, 3), visits=[["A02", "S02"]])
    cover = Cover(date=dt.date(2026, 12, 3), absent=[], already_absent=[], visits=[["A03", "S03"]])
    with translation.override("en"):
        assert visit_changes(cover, before, PEOPLE, SCHOOLS) == [
            "Ben Ito no longer goes to Minami JHS that day.",
            "Chris Sato also goes to Higashi ES.",
        ]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_absences_on_the_coordinators_page_name_people_and_never_show_the_engines_ids(
    published: Any, language: str
) -> None:
    north, _, _ = published
    alt = north.alts[0]
    day = _busy_day(north.program, alt.code)
    absence_report(participant=alt, date=day, kind="sick", reason="Fever")
    propose_covers.call(north.program.pk, [day.isoformat()])
    cover = Cover.objects.get(program=north.program, date=day)
    assert cover.moves, "the engine gave its account of the changes"
    page = signed_in(north.users["coordinator"]).get(
        f"/leave/programs/{north.program.pk}/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert alt.name in said
    assert not any(move.strip() in said for move in cover.moves)
    assert f"away: {alt.code}" not in said and ": left without an ALT" not in said  # the engine's line format
    assert not re.search(r"\b[A-Z]+\d+/\S+/(mon|tue|wed|thu|fri)/\d", said)  # no lesson id like S077/2-1/thu/3
    # Each school of the proposed cover by the name the reader uses (長野郷中学校 to a reader of Japanese).
    schools = {(x["school_name"], x["school_name_ja"]) for x in cover.needed}
    assert schools and all(x[1] for x in schools)
    shown, hidden = (1, 0) if language == "ja" else (0, 1)
    assert all(school[shown] in said for school in schools)
    assert not any(school[hidden] in said for school in schools)
