"""The import pages as a coordinator and a JTE use them: preview, then confirm; problems shown, nothing written."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kakehashi.web.schools.models import School
from kakehashi.web.testing import PASSWORD

pytestmark = pytest.mark.django_db

GOOD = b"code,name,level,lat,lon\nT10,Minami Elementary School,elementary,36.3,139.0\n"
BAD = b"code,name,level,lat,lon\nT10,,elementary,36.3,139.0\n"


def logged_in(side: Any, role: str) -> Client:
    client = Client()
    assert client.login(username=side.users[role].username, password=PASSWORD)
    return client


def test_a_coordinator_previews_then_confirms_a_school_file(world: Any) -> None:
    north, _, _ = world
    client = logged_in(north, "coordinator")
    page = client.post(
        "/imports/", {"kind": "schools", "board": north.board.pk, "file": SimpleUploadedFile("s.csv", GOOD)}
    )
    assert page.status_code == 200 and b"Minami Elementary School" in page.content
    assert not School.objects.filter(code="T10").exists()  # a preview writes nothing
    done = client.post("/imports/confirm/", follow=True)
    assert School.objects.get(code="T10").board == north.board
    assert "Imported s.csv" in done.content.decode()


def test_a_bad_file_shows_each_problem_and_writes_nothing(world: Any) -> None:
    north, _, _ = world
    page = logged_in(north, "coordinator").post(
        "/imports/", {"kind": "schools", "board": north.board.pk, "file": SimpleUploadedFile("s.csv", BAD)}
    )
    text = page.content.decode()
    assert "Nothing was imported" in text and "row 2" in text and "is empty" in text and "空欄です" not in text
    assert not School.objects.filter(code="T10").exists()


def test_a_coordinator_cannot_import_schools_into_another_programs_board(world: Any) -> None:
    north, south, _ = world
    page = logged_in(north, "coordinator").post(
        "/imports/", {"kind": "schools", "board": south.board.pk, "file": SimpleUploadedFile("s.csv", GOOD)}
    )
    assert page.status_code == 200 and b"Select a valid choice" in page.content
    assert not School.objects.filter(code="T10").exists()


def test_the_jte_downloads_the_lesson_grid_template_as_excel(world: Any) -> None:
    north, _, _ = world
    response = logged_in(north, "school_staff").get("/imports/template/lessons.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["period", "mon", "tue", "wed", "thu", "fri"]


def test_the_pages_speak_japanese_after_the_switch(world: Any) -> None:
    north, _, _ = world
    client = logged_in(north, "coordinator")
    client.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    text = client.get("/schools/").content.decode()
    assert "学校" in text and "教育委員会" in text and 'lang="ja"' in text
