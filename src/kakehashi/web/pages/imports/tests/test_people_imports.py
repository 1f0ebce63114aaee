"""Participants from a spreadsheet: codes update, errors name row and column, romaji is suggested."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from kakehashi.web.core.tabular import ImportRefusedError
from kakehashi.web.pages.imports.people import plan_participants
from kakehashi.web.people.models import Participant
from kakehashi.web.people.romaji import katakana_to_romaji

pytestmark = pytest.mark.django_db

HEADER = (
    "code,kind,name,name_katakana,gender,birth_date,home_lat,home_lon,levels,classes_min,classes_max,unavailable_days\n"
)


def test_a_participant_file_creates_new_people_and_updates_known_codes(world: Any) -> None:
    north, _, _ = world
    known = north.alts[0].code
    text = HEADER + (
        f"{known},alt,Renamed Person,,woman,1990-01-02,36.3,139.0,elementary,18,24,fri\n"
        'C01,cir,Jane Smith,ジェーン・スミス,女性,,36.3,139.0,"elementary; 中学校",,,\n'
    )
    plan = plan_participants("people.csv", text.encode(), program=north.program)
    assert plan.summary == {"create": 1, "update": 1}
    assert plan.preview[1]["romaji"] == "Jen Sumisu"
    with transaction.atomic():
        plan.apply()
    renamed = Participant.objects.get(code=known)
    assert (renamed.name, renamed.classes_min, renamed.unavailable_days) == ("Renamed Person", 18, ["fri"])
    jane = Participant.objects.get(code="C01")
    assert (jane.kind, jane.gender, jane.levels, jane.program) == (
        "cir",
        "woman",
        ["elementary", "junior_high"],
        north.program,
    )


def test_bad_participant_rows_are_named_and_nothing_is_written(world: Any) -> None:
    north, south, _ = world
    text = HEADER + (
        f"{south.alts[0].code},alt,Taken,,,,36.3,139.0,elementary,,,\n"
        "Z01,teacher,Bad Row,,,01/02/1990,36.3,139.0,university,26,20,someday\n"
    )
    with pytest.raises(ImportRefusedError) as error:
        plan_participants("people.csv", text.encode(), program=north.program)
    problems = [str(p) for p in error.value.problems]
    assert any('row 2, column "code"' in p and "another program" in p for p in problems)
    for column in ("kind", "birth_date", "levels", "classes_max", "unavailable_days"):
        assert any(f'row 3, column "{column}"' in p for p in problems), column
    assert not Participant.objects.filter(code="Z01").exists()


def test_romaji_is_suggested_word_by_word_from_katakana() -> None:
    assert katakana_to_romaji("ジョン・スミス") == "Jon Sumisu"
    assert katakana_to_romaji("") == ""


def test_foreign_sounds_and_long_vowels_get_their_usual_spelling() -> None:
    assert katakana_to_romaji("ジェーン・スミス") == "Jen Sumisu"
    assert katakana_to_romaji("ソフィア　ウィルソン") == "Sofia Wiruson"
