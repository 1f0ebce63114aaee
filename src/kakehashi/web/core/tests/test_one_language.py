"""Every main page of every role reads in one language: a Japanese page has no English words outside names
(and a few abbreviations everyone writes in Latin letters), and an English page has no Japanese outside names."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.recruitment.models import Cycle
from kakehashi.web.recruitment.tests.recruiting import make_cycle
from kakehashi.web.schools.models import Homeroom, LessonSlot, School
from kakehashi.web.testing import publish_week, side, signed_in

pytestmark = pytest.mark.django_db

WEEK = "2026-12-07"
MONTH = "2026-11"
# The pages each role opens most, with {alt}, {school}, {program} and {cycle} to fill in.
PAGES = {
    "participant": ["/", f"/people/{{alt}}/?week={WEEK}", "/leave/", "/duties/report/", "/year/people/{alt}/"],
    "coordinator": [
        "/",
        "/programs/{program}/",
        "/people/{alt}/week-edit/",
        "/schools/",
        f"/schools/{{school}}/?week={WEEK}",
        "/people/",
        "/leave/programs/{program}/",
        f"/duties/schools/{{school}}/monthly/?month={MONTH}",
        "/recruit/{cycle}/",
    ],
    "supervisor": ["/", "/schools/", f"/schools/{{school}}/?week={WEEK}"],
    "school_staff": ["/", f"/schools/{{school}}/?week={WEEK}"],
    "applicant": ["/", "/recruit/{cycle}/"],
}
# Written in Latin letters in Japanese too: roles, programs, file kinds, time zones, country codes.
ABBREVIATIONS = {
    *("ALT", "ALTs", "JTE", "CIR", "SEA", "JET", "JLPT", "ID"),
    *("PDF", "Excel", "CSV", "JSON", "iCal", "API"),
    *("UTC", "JST", "HST", "US"),
}
# Names that are not in the database: the platform's own, a file format's, the time zones' (IANA).
OTHER_NAMES = ["架け橋", "Kakehashi", "kakehashi/week@1", "Asia/Tokyo", "Pacific/Honolulu"]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def _world() -> tuple[Any, dict[str, Any]]:
    north = side("North", prefix="N", seed=11)
    Organization.objects.filter(pk=north.schools[0].organization_id).update(name_ja="北中学校")
    Organization.objects.filter(pk=north.board.pk).update(name_ja="北市教育委員会")
    publish_week(north.program)
    today = timezone.localdate()
    make_cycle(north.program, opens_on=today - dt.timedelta(days=10), deadline_date=today + dt.timedelta(days=20))
    codes = {
        "alt": north.alts[0].code,
        "school": north.schools[0].code,
        "program": north.program.pk,
        "cycle": Cycle.objects.get(program=north.program).pk,
    }
    return north, codes


def _names() -> list[str]:
    """Everything on a page that is a name or a code, longest first (a name may contain a shorter one)."""
    found: set[str] = set()
    for model in (Organization, Program):
        for name, name_ja in model.objects.values_list("name", "name_ja"):
            found |= {name, name_ja}
    found |= set(Participant.objects.values_list("name", flat=True))
    found |= set(Participant.objects.values_list("code", flat=True))
    found |= set(School.objects.values_list("code", flat=True))
    found |= set(Homeroom.objects.values_list("name", flat=True))
    found |= set(Cycle.objects.values_list("name", flat=True))
    found |= set(Cycle.objects.values_list("description", flat=True))  # as the coordinator wrote it
    found |= set(LessonSlot.objects.values_list("teacher", flat=True))
    found |= set(OTHER_NAMES)
    for account in get_user_model().objects.all():
        found |= {account.username, account.get_full_name(), account.email}
    return sorted((n for n in found if n), key=len, reverse=True)


def _visible_text(page: str, language: str) -> str:
    """The words a reader sees, less what the page marks as written in the other language (`lang="en"` on a
    solver's own sentence, which the platform does not translate)."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r'(?is)<(p|span|div|li)\b[^>]*\blang="(?!' + language + r')[a-z]+"[^>]*>.*?</\1>', " ", page)
    shown = " ".join(re.findall(r'(?:placeholder|aria-label)="([^"]*)"', page))
    page = re.sub(r'(?is)<form[^>]*class="lang".*?</form>', " ", page)  # the switch names the other language
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page + " " + shown)


def _outside_names(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text


def _pages(language: str) -> dict[str, str]:
    north, codes = _world()
    texts = {}
    for role, paths in PAGES.items():
        client = signed_in(north.users[role])
        for path in paths:
            url = path.format(**codes)
            answer = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert answer.status_code == 200, f"{role} {url} answered {answer.status_code}"
            texts[f"{role} {url}"] = _visible_text(answer.content.decode(), language)
    return texts


def test_a_japanese_reader_sees_no_english_words_outside_names() -> None:
    pages = _pages("ja")
    names = _names()
    english = {}
    for where, text in pages.items():
        words = sorted({w for w in WORD.findall(_outside_names(text, names)) if w not in ABBREVIATIONS})
        if words:
            english[where] = words
    assert not english, "English on Japanese pages:\n" + "\n".join(f"{k}: {v}" for k, v in english.items())


def test_an_english_reader_sees_no_japanese_outside_names() -> None:
    pages = _pages("en")
    names = _names()
    japanese = {}
    for where, text in pages.items():
        found = sorted(set(JAPANESE.findall(_outside_names(text, names))))
        if found:
            japanese[where] = found
    assert not japanese, "Japanese on English pages:\n" + "\n".join(f"{k}: {v}" for k, v in japanese.items())
