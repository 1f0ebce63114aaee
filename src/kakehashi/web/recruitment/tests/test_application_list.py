"""A cycle's applications list sorts, filters, pages and downloads; only the cycle's coordinators get it."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from kakehashi.web.accounts import lists
from kakehashi.web.accounts.models import Role
from kakehashi.web.recruitment.models import Cycle
from kakehashi.web.recruitment.services import application_advance
from kakehashi.web.recruitment.tests.recruiting import make_cycle, submitted
from kakehashi.web.testing import signed_in, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world: Any) -> Cycle:
    north = world[0]
    made = make_cycle(north.program)
    submitted(made, north.users["applicant"])  # Ada Lovelace, N3
    bob = user("bob", {"kind": Role.Kind.APPLICANT})
    application_advance(
        application=submitted(made, bob, full_name="Bob Smith", email="bob@example.org", japanese_level="N1"),
        to="screened",
        by=None,
    )
    submitted(made, user("cy", {"kind": Role.Kind.APPLICANT}), full_name="Cy Young", email="cy@example.org")
    return made


def test_applications_sort_by_name_both_ways(world: Any, cycle: Cycle) -> None:
    page = signed_in(world[0].users["coordinator"])
    up = page.get(f"/recruit/cycles/{cycle.pk}/applications/?sort=full_name").content.decode()
    down = page.get(f"/recruit/cycles/{cycle.pk}/applications/?sort=-full_name").content.decode()
    assert up.index("Ada Lovelace") < up.index("Bob Smith") < up.index("Cy Young")
    assert down.index("Cy Young") < down.index("Bob Smith") < down.index("Ada Lovelace")


def test_applications_have_a_second_page_and_keep_the_filter(
    world: Any, cycle: Cycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "PAGE_SIZE", 1)
    page = signed_in(world[0].users["coordinator"])
    text = page.get(f"/recruit/cycles/{cycle.pk}/applications/?status=submitted&sort=full_name&page=2").content
    assert b"Cy Young" in text and b"Ada Lovelace" not in text and b"Bob Smith" not in text
    assert b"page 2 of 2" in text


def test_the_applications_download_holds_the_filtered_rows_with_email(world: Any, cycle: Cycle) -> None:
    page = signed_in(world[0].users["coordinator"])
    response = page.get(f"/recruit/cycles/{cycle.pk}/applications/?status=submitted&sort=full_name&export=xlsx")
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert rows[0][:3] == ["name", "email", "citizenships"]
    assert [r[:2] for r in rows[1:]] == [["Ada Lovelace", "ada@example.org"], ["Cy Young", "cy@example.org"]]
    text = page.get(f"/recruit/cycles/{cycle.pk}/applications/?export=csv").content.decode("utf-8-sig")
    assert "Bob Smith" in text and "screened" in text


def test_another_programs_coordinator_cannot_download_the_applications(world: Any, cycle: Cycle) -> None:
    south = world[1]
    response = signed_in(south.users["coordinator"]).get(f"/recruit/cycles/{cycle.pk}/applications/?export=csv")
    assert response.status_code == 404


def test_the_selected_applications_move_together(world: Any, cycle: Cycle) -> None:
    page = signed_in(world[0].users["coordinator"])
    text = page.get(f"/recruit/cycles/{cycle.pk}/applications/").content.decode()
    assert 'form="move-many"' in text and 'data-select-all="applications"' in text
    ids = list(cycle.applications.filter(status="submitted").values_list("pk", flat=True))
    page.post(f"/recruit/cycles/{cycle.pk}/applications/move/", {"applications": ids, "to": "screened"})
    assert set(cycle.applications.values_list("status", flat=True)) == {"screened"}
