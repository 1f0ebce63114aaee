"""The daily reports list of coordinators and board supervisors: sorted, filtered, paged and downloaded within
the reports they decide; and reports approved many at once, each as if approved alone."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone

from kakehashi.web.accounts import lists
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.notices.models import Notice
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _report(alt: Any, day: int, status: str = DailyReport.Status.SUBMITTED) -> DailyReport:
    return DailyReport.objects.create(
        participant=alt, date=dt.date(2026, 11, day), status=status, submitted_at=timezone.now()
    )


@pytest.fixture
def reports(world: Any) -> dict[str, DailyReport]:
    north, south, _ = world
    return {
        "mon": _report(north.alts[0], 16),
        "tue": _report(north.alts[0], 17),
        "other": _report(north.alts[1], 18),
        "draft": _report(north.alts[1], 19, DailyReport.Status.DRAFT),
        "south": _report(south.alts[0], 16),
    }


def _rows(response: Any) -> list[list[Any]]:
    return [list(r) for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def test_the_reports_list_sorts_by_date_both_ways(world: Any, reports: dict[str, DailyReport]) -> None:
    page = signed_in(world[0].users["coordinator"])
    up = page.get("/duties/reports/?sort=date").content.decode()
    down = page.get("/duties/reports/?sort=-date").content.decode()
    assert up.index("Mon 16 Nov 2026") < up.index("Tue 17 Nov 2026") < up.index("Wed 18 Nov 2026")
    assert down.index("Wed 18 Nov 2026") < down.index("Tue 17 Nov 2026") < down.index("Mon 16 Nov 2026")
    assert "Thu 19 Nov 2026" not in up  # a draft is its participant's work in progress


def test_the_reports_list_filters_by_participant(world: Any, reports: dict[str, DailyReport]) -> None:
    north = world[0]
    text = signed_in(north.users["coordinator"]).get(f"/duties/reports/?participant={north.alts[1].code}").content
    assert b"Wed 18 Nov 2026" in text and b"Mon 16 Nov 2026" not in text


def test_the_reports_list_has_a_second_page(
    world: Any, reports: dict[str, DailyReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    text = signed_in(world[0].users["coordinator"]).get("/duties/reports/?sort=date&page=2").content.decode()
    assert "Wed 18 Nov 2026" in text and "Mon 16 Nov 2026" not in text and "page 2 of 2" in text


def test_the_reports_download_holds_only_the_reports_the_reader_decides(
    world: Any, reports: dict[str, DailyReport]
) -> None:
    north, south, _ = world
    page = signed_in(north.users["coordinator"])
    rows = _rows(page.get("/duties/reports/?sort=date&export=xlsx"))
    assert rows[0][:4] == ["date", "id", "participant", "program"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        (dt.datetime(2026, 11, 16), north.alts[0].code),
        (dt.datetime(2026, 11, 17), north.alts[0].code),
        (dt.datetime(2026, 11, 18), north.alts[1].code),
    ]
    text = page.get("/duties/reports/?export=csv").content.decode("utf-8-sig")
    assert north.alts[0].code in text and south.alts[0].code not in text


def test_a_jte_and_an_alt_have_no_reports_list(world: Any) -> None:
    for role in ("school_staff", "participant"):
        assert signed_in(world[0].users[role]).get("/duties/reports/").status_code == 404


def test_reports_approved_in_bulk_only_the_selected_of_the_readers_and_each_participant_told_once(
    world: Any, reports: dict[str, DailyReport]
) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    mail.outbox.clear()
    chosen = [reports[name].pk for name in ("mon", "tue", "draft", "south")]
    response = page.post("/duties/reports/approve/", {"selected": chosen}, follow=True)
    status = {name: DailyReport.objects.get(pk=r.pk).status for name, r in reports.items()}
    assert status == {
        "mon": "approved",
        "tue": "approved",
        "other": "submitted",  # not selected
        "draft": "draft",  # not decidable: never even looked at
        "south": "submitted",  # another program's: never touched
    }
    assert DailyReport.objects.get(pk=reports["mon"].pk).decided_by == north.users["coordinator"]
    subjects = list(
        Notice.objects.filter(user=north.users["participant"], subject__contains="approved").values_list(
            "subject", flat=True
        )
    )
    assert sorted(subjects) == [
        "[Kakehashi] Daily report Mon 16 Nov 2026: approved",
        "[Kakehashi] Daily report Tue 17 Nov 2026: approved",
    ]
    assert len(mail.outbox) == 2
    assert "2 daily reports approved" in response.content.decode()


def test_a_report_decided_meanwhile_is_left_alone_and_the_reason_shown(
    world: Any, reports: dict[str, DailyReport]
) -> None:
    north = world[0]
    page = signed_in(north.users["coordinator"])
    page.post(f"/duties/reports/{reports['mon'].pk}/approve/")
    Notice.objects.all().delete()
    response = page.post(
        "/duties/reports/approve/", {"selected": [reports["mon"].pk, reports["tue"].pk]}, follow=True
    )
    assert Notice.objects.filter(user=north.users["participant"]).count() == 1
    assert "not waiting for a decision" in response.content.decode()


def test_the_board_supervisor_approves_in_bulk_only_reports_of_alts_placed_with_the_board(
    world: Any, reports: dict[str, DailyReport]
) -> None:
    north = world[0]
    page = signed_in(north.users["supervisor"])
    page.post("/duties/reports/approve/", {"selected": [reports["other"].pk, reports["south"].pk]})
    assert DailyReport.objects.get(pk=reports["other"].pk).status == "approved"
    assert DailyReport.objects.get(pk=reports["south"].pk).status == "submitted"


def test_the_queue_approves_the_selected_cards_and_comes_back(world: Any, reports: dict[str, DailyReport]) -> None:
    page = signed_in(world[0].users["coordinator"])
    queue = page.get("/duties/queue/").content.decode()
    assert f'name="selected" value="{reports["mon"].pk}" form="decide-many"' in queue
    assert 'data-select-all="selected"' in queue
    response = page.post("/duties/reports/approve/", {"selected": [reports["mon"].pk], "next": "/duties/queue/"})
    assert response.status_code == 302 and response["Location"] == "/duties/queue/"
    assert DailyReport.objects.get(pk=reports["mon"].pk).status == "approved"
