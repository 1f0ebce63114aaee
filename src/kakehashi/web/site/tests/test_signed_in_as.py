"""The header and the home page name the person signed in as their colleagues know them: the participant's name
(in katakana on a Japanese page), else the full name, else the email address; never the login name."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kakehashi.web.testing import side, signed_in

pytestmark = pytest.mark.django_db


def _header_and_welcome(user: Any, language: str) -> tuple[str, str]:
    page = signed_in(user).get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    logout = re.search(r'<button class="link">([^<]*)</button>', page)
    welcome = re.search(r"<h1>([^<]*)</h1>", page)
    assert logout is not None and welcome is not None
    return logout.group(1), welcome.group(1)


def test_the_header_names_a_coordinator_by_full_name_and_never_by_login() -> None:
    north = side("North", prefix="N", seed=11)
    coordinator = north.users["coordinator"]
    coordinator.first_name, coordinator.last_name = "Aiko", "Sato"
    coordinator.save()
    logout, welcome = _header_and_welcome(coordinator, "en")
    assert logout == "Log out (Aiko Sato)" and "Aiko Sato" in welcome
    assert coordinator.username not in logout + welcome


def test_the_header_names_a_person_without_a_name_by_email() -> None:
    north = side("North", prefix="N", seed=11)
    manager = north.users["supervisor"]
    logout, welcome = _header_and_welcome(manager, "ja")
    assert logout == f"ログアウト ({manager.email})" and manager.email in welcome


def test_the_header_names_an_alt_in_katakana_on_a_japanese_page_and_in_latin_letters_on_an_english_one() -> None:
    north = side("North", prefix="N", seed=11)
    alt = north.alts[0]
    alt.name, alt.name_katakana = "Mary Smith", "メアリー・スミス"
    alt.save()
    assert _header_and_welcome(north.users["participant"], "ja")[0] == "ログアウト (メアリー・スミス)"
    assert _header_and_welcome(north.users["participant"], "en")[0] == "Log out (Mary Smith)"
