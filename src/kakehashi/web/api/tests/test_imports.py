"""Imports through the API: plan, then apply with confirm; a bad file is a 400 naming row and column and
writes nothing; another program's board is refused; only coordinators and school staff may import."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kakehashi.web.api.tokens import token_issue
from kakehashi.web.pages.imports.schools import SCHOOL_COLUMNS
from kakehashi.web.schools.models import School

pytestmark = pytest.mark.django_db


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
    return client


def _schools_csv(*rows: list[str]) -> SimpleUploadedFile:
    lines = [",".join(SCHOOL_COLUMNS), *(",".join(row) for row in rows)]
    return SimpleUploadedFile("schools.csv", ("\n".join(lines) + "\n").encode("utf-8"), content_type="text/csv")


ROW = ["NEW1", "Kita Elementary School", "北小学校", "elementary", "36.33", "139.01", "1", "2", "1", "", "", "35"]


def test_a_script_plans_then_imports_schools_and_a_bad_file_writes_nothing(world: Any) -> None:
    north, south, _ = world
    client = _client(north.users["coordinator"])
    before = School.objects.count()
    plan = client.post("/api/imports/", {"kind": "schools", "board": north.board.pk, "file": _schools_csv(ROW)})
    assert plan.status_code == 200, plan.content
    assert plan.json()["applied"] is False and School.objects.count() == before
    done = client.post(
        "/api/imports/", {"kind": "schools", "board": north.board.pk, "confirm": True, "file": _schools_csv(ROW)}
    )
    assert done.status_code == 200 and done.json()["applied"] is True
    assert School.objects.filter(code="NEW1", organization__parent=north.board).exists()
    bad = client.post(
        "/api/imports/",
        {
            "kind": "schools",
            "board": north.board.pk,
            "confirm": True,
            "file": _schools_csv([*ROW[:4], "north", *ROW[5:]]),
        },
    )
    assert bad.status_code == 400 and any("row 2" in p and "lat" in p for p in bad.json()["problems"])
    other = client.post("/api/imports/", {"kind": "schools", "board": south.board.pk, "file": _schools_csv(ROW)})
    assert other.status_code == 400 and "board" in other.json()


def test_only_coordinators_and_school_staff_may_import(world: Any) -> None:
    north, _, _ = world
    for role in ("participant", "supervisor", "applicant"):
        answer = _client(north.users[role]).post("/api/imports/", {"kind": "schools", "file": _schools_csv(ROW)})
        assert answer.status_code == 403, role
