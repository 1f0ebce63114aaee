"""Every create, update and delete is in the change log with before/after, user and time."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from kakehashi.web.core.actor import acting_as
from kakehashi.web.core.models import Change
from kakehashi.web.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_a_create_an_update_and_a_delete_are_each_recorded_with_before_and_after() -> None:
    editor = get_user_model().objects.create_user("editor", password="x-password-123")
    with acting_as(editor, "req-1"):
        board = Organization.objects.create(name="Maebashi Board", kind=Organization.Kind.BOARD)
        board.name_ja = "前橋市教育委員会"
        board.save()
        board_id = board.pk
        board.delete()
    created, updated, deleted = Change.objects.filter(model="organizations.organization").order_by("id")
    assert (created.action, created.before, created.after["name"]) == ("create", None, "Maebashi Board")
    assert updated.before["name_ja"] == "" and updated.after["name_ja"] == "前橋市教育委員会"
    assert deleted.action == "delete" and deleted.after is None and deleted.object_id == str(board_id)
    assert {c.user for c in (created, updated, deleted)} == {editor}
    assert created.request_id == "req-1" and created.at is not None


def test_a_save_that_changes_nothing_is_not_logged() -> None:
    board = Organization.objects.create(name="Kiryu Board", kind=Organization.Kind.BOARD)
    board.save()
    assert Change.objects.filter(object_id=str(board.pk)).count() == 1


def test_a_rolled_back_change_leaves_no_log_either() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.create(name="Ota Board", kind=Organization.Kind.BOARD)
        raise RuntimeError("the import failed further down")
    assert not Change.objects.filter(object_repr__contains="Ota").exists()


def test_a_change_made_through_a_page_is_logged_with_the_user_of_the_request(client: object) -> None:
    from django.test import Client

    admin = get_user_model().objects.create_superuser("boss", password="x-password-123")
    web = Client()
    web.force_login(admin)
    response = web.post(
        "/admin/organizations/organization/add/",
        {"name": "Isesaki Board", "kind": "board", "name_ja": "", "municipality_code": ""},
    )
    assert response.status_code == 302
    change = Change.objects.get(object_repr="Isesaki Board")
    assert change.user == admin and len(change.request_id) == 36
