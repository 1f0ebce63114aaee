"""The coordinator's leave list and absences list: sorted, filtered, paged, downloaded within the programs they
coordinate; and leave approved or refused many at once, each as if decided alone."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest

from kakehashi.web.accounts import lists
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.leave.services import absence_report, leave_request_create
from kakehashi.web.notices.models import Notice
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _sick(alt: Any, day: dt.date, reason: str = "") -> LeaveRequest:
    return leave_request_create(participant=alt, kind="sick", starts=day, ends=day, reason=reason)


def _rows(response: Any) -> list[list[Any]]:
    return [list(r) for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


@pytest.fixture
def leave(world: Any) -> dict[str, LeaveRequest]:
    north, south, _ = world
    return {
        "early": _sick(north.alts[0], dt.date(2026, 12, 1), "Flu"),
        "late": _sick(north.alts[0], dt.date(2026, 12, 8), "Dentist"),
        "other": _sick(north.alts[1], dt.date(2026, 12, 3), "Back pain"),
        "south": _sick(south.alts[0], dt.date(2026, 12, 2), "Cold in the south"),
    }


def test_the_leave_list_sorts_by_first_day_both_ways(world: Any, leave: dict[str, LeaveRequest]) -> None:
    page = signed_in(world[0].users["coordinator"])
    up = page.get("/leave/requests/?sort=starts").content.decode()
    down = page.get("/leave/requests/?sort=-starts").content.decode()
    assert up.index("Flu") < up.index("Back pain") < up.index("Dentist")
    assert down.index("Dentist") < down.index("Back pain") < down.index("Flu")


def test_the_leave_list_filters_by_participant_and_status(world: Any, leave: dict[str, LeaveRequest]) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    text = page.get(f"/leave/requests/?participant={north.alts[1].code}").content.decode()
    assert "Back pain" in text and "Flu" not in text
    assert "Flu" not in page.get("/leave/requests/?status=approved").content.decode()


def test_the_leave_list_has_a_second_page(
    world: Any, leave: dict[str, LeaveRequest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    text = signed_in(world[0].users["coordinator"]).get("/leave/requests/?sort=starts&page=2").content.decode()
    assert "Dentist" in text and "Flu" not in text and "page 2 of 2" in text


def test_the_leave_download_holds_only_the_coordinators_programs(world: Any, leave: dict[str, LeaveRequest]) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    rows = _rows(page.get("/leave/requests/?sort=starts&export=xlsx"))
    assert rows[0] == ["id", "participant", "program", "kind", "first day", "last day", "status", "reason"]
    assert [r[7] for r in rows[1:]] == ["Flu", "Back pain", "Dentist"]
    assert rows[1][0] == north.alts[0].code and rows[1][4] == dt.datetime(2026, 12, 1)
    text = page.get("/leave/requests/?export=csv").content.decode("utf-8-sig")
    assert "Dentist" in text and "Cold in the south" not in text


def test_a_supervisor_or_an_alt_has_no_leave_list(world: Any) -> None:
    north = world[0]
    for role in ("supervisor", "participant", "school_staff"):
        assert signed_in(north.users[role]).get("/leave/requests/?export=csv").status_code == 404


def test_the_absences_list_shows_who_is_away_between_two_dates(world: Any, leave: dict[str, LeaveRequest]) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    absence_report(participant=north.alts[1], date=dt.date(2026, 12, 10), reason="Fever")
    assert "Flu" not in page.get("/leave/absences/").content.decode()  # asked for, not yet approved
    page.post("/leave/requests/decide/", {"decision": "approve", "selected": [leave["early"].pk, leave["late"].pk]})
    text = page.get("/leave/absences/?starting=2026-12-05&ending=2026-12-31&sort=starts").content.decode()
    assert text.index("Dentist") < text.index("Fever") and "Flu" not in text
    rows = _rows(page.get("/leave/absences/?sort=-starts&export=xlsx"))
    assert [r[7] for r in rows[1:]] == ["Fever", "Dentist", "Flu"]


def test_leave_is_approved_in_bulk_only_for_the_selected_and_each_participant_is_told_once(
    world: Any, leave: dict[str, LeaveRequest]
) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    response = page.post(
        "/leave/requests/decide/",
        {"decision": "approve", "selected": [leave["early"].pk, leave["late"].pk, leave["south"].pk]},
        follow=True,
    )
    status = {name: LeaveRequest.objects.get(pk=r.pk).status for name, r in leave.items()}
    # Another program's request is not the coordinator's to decide, whatever was sent; the unselected waits.
    assert status == {"early": "approved", "late": "approved", "other": "requested", "south": "requested"}
    assert LeaveRequest.objects.get(pk=leave["early"].pk).decided_by == north.users["coordinator"]
    told = Notice.objects.filter(user=north.users["participant"], subject__contains="approved")
    assert sorted(n.subject for n in told) == sorted({n.subject for n in told}) and told.count() == 2
    assert "2 leave requests approved" in response.content.decode()


def test_leave_refused_in_bulk_skips_one_already_decided_and_says_why(
    world: Any, leave: dict[str, LeaveRequest]
) -> None:
    page = signed_in(world[0].users["coordinator"])
    page.post(f"/leave/requests/{leave['early'].pk}/approve/")
    response = page.post(
        "/leave/requests/decide/",
        {"decision": "refuse", "selected": [leave["early"].pk, leave["other"].pk], "next": "/leave/requests/"},
        follow=True,
    )
    assert LeaveRequest.objects.get(pk=leave["early"].pk).status == "approved"
    assert LeaveRequest.objects.get(pk=leave["other"].pk).status == "refused"
    text = response.content.decode()
    assert "1 leave request refused" in text and "already been decided" in text
    assert response.redirect_chain[-1][0] == "/leave/requests/"


def test_a_decided_request_has_no_box_to_select(world: Any, leave: dict[str, LeaveRequest]) -> None:
    page = signed_in(world[0].users["coordinator"])
    page.post(f"/leave/requests/{leave['early'].pk}/refuse/")
    text = page.get("/leave/requests/").content.decode()
    assert f'name="selected" value="{leave["late"].pk}"' in text
    assert f'name="selected" value="{leave["early"].pk}"' not in text
    assert 'data-select-all="selected"' in text


def test_a_reason_typed_like_a_formula_stays_text_in_the_download(world: Any) -> None:
    north = world[0]
    _sick(north.alts[0], dt.date(2026, 12, 1), "=1+2")
    page = signed_in(north.users["coordinator"])
    cell = openpyxl.load_workbook(io.BytesIO(page.get("/leave/requests/?export=xlsx").content)).active["H2"]
    assert cell.value == "=1+2" and cell.data_type == "s" and cell.quotePrefix
    assert ",'=1+2" in page.get("/leave/requests/?export=csv").content.decode("utf-8-sig")


def test_the_program_page_decides_the_selected_waiting_requests_and_comes_back(
    world: Any, leave: dict[str, LeaveRequest]
) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    back = f"/leave/programs/{north.program.pk}/"
    text = page.get(back).content.decode()
    assert f'name="selected" value="{leave["early"].pk}" form="decide-many"' in text
    response = page.post(
        "/leave/requests/decide/", {"decision": "approve", "selected": [leave["early"].pk], "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    assert LeaveRequest.objects.get(pk=leave["early"].pk).status == "approved"
