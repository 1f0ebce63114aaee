"""The change log and a user's notices are lists like the others: sorted by a column, filtered, a page at a
time, and downloaded as CSV and Excel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from kakehashi.web.accounts import lists
from kakehashi.web.core.models import Change
from kakehashi.web.core.tests.test_lists import csv_text, in_order, workbook_rows
from kakehashi.web.notices.models import Notice
from kakehashi.web.organizations.models import Organization
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _administrator() -> Client:
    admin = get_user_model().objects.create_superuser("boss", password="x-password-123")
    web = Client()
    web.force_login(admin)
    return web


def test_the_change_log_filters_by_kind_and_action_in_words() -> None:
    board = Organization.objects.create(name="Maebashi Board", kind=Organization.Kind.BOARD)
    board.name = "Maebashi City Board"
    board.save()
    web = _administrator()
    updated = web.get("/changes/?model=organizations.organization&action=update", HTTP_ACCEPT_LANGUAGE="en")
    text = updated.content.decode()
    assert "Maebashi Board → Maebashi City Board" in text and "1 row" in text
    created = web.get("/changes/?model=organizations.organization&action=create", HTTP_ACCEPT_LANGUAGE="en")
    assert "Maebashi Board → Maebashi City Board" not in created.content.decode()


def test_the_change_log_sorts_oldest_first_on_asking_and_has_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    Organization.objects.create(name="First Board", kind=Organization.Kind.BOARD)
    Organization.objects.create(name="Second Board", kind=Organization.Kind.BOARD)
    Change.objects.filter(object_repr="First Board").update(at=timezone.now() - dt.timedelta(days=1))
    web = _administrator()
    assert in_order(web.get("/changes/").content.decode(), "Second Board", "First Board")
    assert in_order(web.get("/changes/?sort=at").content.decode(), "First Board", "Second Board")
    monkeypatch.setattr(lists, "PAGE_SIZE", 1)
    assert "Second Board" in web.get("/changes/?sort=at&page=2").content.decode()


def test_the_change_log_downloads_each_change_in_words_as_csv_and_excel() -> None:
    board = Organization.objects.create(name="Maebashi Board", kind=Organization.Kind.BOARD)
    board.name = "=Maebashi City Board"
    board.save()
    web = _administrator()
    text = csv_text(web.get("/changes/?action=update&export=csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert "'=Maebashi City Board" in text  # what someone typed stays text in a spreadsheet
    rows = workbook_rows(web.get("/changes/?action=update&export=xlsx", HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0][:4] == ["time", "user", "action", "kind"]
    assert len(rows) == 2 and "Maebashi Board → =Maebashi City Board" in rows[1][-1]


def test_the_change_log_stays_the_administrators(world: Any) -> None:
    north, _, _ = world
    assert signed_in(north.users["coordinator"]).get("/changes/?export=csv").status_code == 403


def _notices(user: Any) -> None:
    now = timezone.now()
    old = Notice.objects.create(user=user, subject="Cover for Monday", body="Mr Lee takes 2-1.")
    Notice.objects.filter(pk=old.pk).update(at=now - dt.timedelta(days=3), read_at=now)
    Notice.objects.create(user=user, subject="Leave approved", body="Your leave of 4 December is approved.")


def test_a_users_notices_filter_unread_and_by_words(world: Any) -> None:
    north, south, _ = world
    me = north.users["participant"]
    _notices(me)
    Notice.objects.create(user=south.users["participant"], subject="Someone else's notice", body="")
    page = signed_in(me)
    every = page.get("/leave/notices/").content.decode()
    assert in_order(every, "Leave approved", "Cover for Monday") and "Someone else" not in every
    rows = every.split("<tr")
    assert 'class="unread' in next(row for row in rows if "Leave approved" in row)  # stands out until read
    assert "unread" not in next(row for row in rows if "Cover for Monday" in row)
    unread = page.get("/leave/notices/?read=unread").content.decode()
    assert "Leave approved" in unread and "Cover for Monday" not in unread
    assert "Leave approved" not in page.get("/leave/notices/?words=Lee").content.decode()


def test_a_users_notices_sort_oldest_first_and_download(world: Any) -> None:
    north, _, _ = world
    me = north.users["participant"]
    _notices(me)
    page = signed_in(me)
    assert in_order(page.get("/leave/notices/?sort=at").content.decode(), "Cover for Monday", "Leave approved")
    rows = workbook_rows(page.get("/leave/notices/?export=xlsx", HTTP_ACCEPT_LANGUAGE="en"))
    assert [row[1] for row in rows[1:]] == ["Leave approved", "Cover for Monday"]
    assert "Mr Lee takes 2-1." in csv_text(page.get("/leave/notices/?export=csv"))


def test_marking_all_read_still_works_from_the_notices_list(world: Any) -> None:
    north, _, _ = world
    me = north.users["participant"]
    _notices(me)
    page = signed_in(me)
    assert page.post("/leave/notices/").status_code == 302
    assert not Notice.objects.filter(user=me, read_at__isnull=True).exists()
