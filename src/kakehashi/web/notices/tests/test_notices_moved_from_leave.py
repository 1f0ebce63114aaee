"""Notices moved from the leave app to their own: the notices written before the move are still there after it,
read through the new app, and the move can be taken back."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kakehashi.web.notices.models import Notice

LEAVE_BEFORE = ("leave", "0003_cover_offers")
BEFORE = [LEAVE_BEFORE, ("notices", None)]
AFTER = [("leave", "0004_notice_moves_to_notices")]
pytestmark = pytest.mark.usefixtures("every_migration_applied_afterwards")


@pytest.mark.django_db(transaction=True)
def test_notices_written_in_the_leave_app_are_read_by_the_notices_app_after_the_move() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state([LEAVE_BEFORE]).apps
    reader = apps.get_model("auth", "User").objects.create(username="reader")
    apps.get_model("leave", "Notice").objects.create(user=reader, subject="Cover for Monday", body="Mr Lee takes 2-1.")
    ContentType.objects.get_or_create(app_label="leave", model="notice")  # as Django had made it for the admin

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    ContentType.objects.clear_cache()

    kept = Notice.objects.get()
    assert (kept.user.username, kept.subject, kept.body, kept.read_at) == (
        "reader",
        "Cover for Monday",
        "Mr Lee takes 2-1.",
        None,
    )
    assert kept.user == get_user_model().objects.get(username="reader")
    assert ContentType.objects.filter(app_label="notices", model="notice").exists()
    assert not ContentType.objects.filter(app_label="leave", model="notice").exists()


@pytest.mark.django_db(transaction=True)
def test_taking_the_move_back_gives_the_leave_app_its_notices_again() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    reader = get_user_model().objects.create(username="reader")
    Notice.objects.create(user=reader, subject="Leave approved", body="1 May")

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state([LEAVE_BEFORE]).apps
    assert list(apps.get_model("leave", "Notice").objects.values_list("subject", flat=True)) == ["Leave approved"]
