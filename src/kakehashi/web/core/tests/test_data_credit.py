"""The MLIT school data's credit is on every page, in the Japanese its terms ask for, whatever the language."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

CREDIT = "出典：国土数値情報（学校データ）（国土交通省）を加工して作成"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_school_data_credit_is_on_the_page_in_japanese_in_either_language(
    world: Any, client: Any, language: str
) -> None:
    north, _, _ = world
    client.force_login(north.users["coordinator"])
    page = client.get("/schools/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert CREDIT in page
    assert ("School locations: MLIT" in page) == (language == "en")
