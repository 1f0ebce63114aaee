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

from kakehashi.web.core.tests.role_pages import ROLE_PAGES
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.recruitment.models import Cycle
from kakehashi.web.recruitment.tests.recruiting import make_cycle
from kakehashi.web.schools.models import Homeroom, LessonSlot, School
from kakehashi.web.testing import publish_week, side, signed_in
from kakehashi.web.timetables.models import LessonRow

pytestmark = pytest.mark.django_db

PAGES = ROLE_PAGES
# Written in Latin letters in Japanese too: roles, programs, file kinds, time zones' abbreviations, keys.
ABBREVIATIONS = {
    *("ALT", "ALTs", "JTE", "CIR", "SEA", "JET", "JLPT", "ID"),
    *("PDF", "Excel", "CSV", "JSON", "iCal", "API", "JPEG", "PNG", "MB"),
    *("UTC",),
    *("Ctrl", "Mac"),  # a key and a computer, as their Japanese users write them
}
# Names that are not in the database: the platform's own, a file format's. Countries and time zones are not
# among them: a reader sees アメリカ合衆国 and ホノルル, not US and Pacific/Honolulu.
OTHER_NAMES = ["架け橋", "Kakehashi", "kakehashi/week@1"]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")


def _world() -> tuple[Any, dict[str, Any]]:
    north = side("North", prefix="N", seed=11)
    Organization.objects.filter(pk=north.schools[0].organization_id).update(name_ja="北中学校")
    Organization.objects.filter(pk=north.board.pk).update(name_ja="北市教育委員会")
    Program.objects.filter(pk=north.program.pk).update(name_ja="北ALTプログラム")
    publish_week(north.program)
    today = timezone.localdate()
    make_cycle(north.program, opens_on=today - dt.timedelta(days=10), deadline_date=today + dt.timedelta(days=20))
    visited = LessonRow.objects.filter(version__program=north.program, participant=north.alts[0]).first()
    assert visited is not None
    codes = {
        "alt": north.alts[0].code,
        "school": north.schools[0].code,
        "alt_school": visited.lesson.school.code,
        "program": north.program.pk,
        "board": north.board.pk,
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


def test_a_japanese_reader_sees_the_japanese_names_of_schools_boards_and_programs() -> None:
    pages = _pages("ja")
    # The English names of everything that has a Japanese one: a page that shows one has read `name`, not
    # `display_name`.
    english_names = [
        name
        for model in (Organization, Program)
        for name, name_ja in model.objects.values_list("name", "name_ja")
        if name_ja
    ]
    assert len(english_names) >= 3
    shown = {where: [n for n in english_names if n in text] for where, text in pages.items()}
    assert not any(shown.values()), "English names on Japanese pages:\n" + "\n".join(
        f"{where}: {names}" for where, names in shown.items() if names
    )
