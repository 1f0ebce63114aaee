"""Publishing: versions compared, and a notice to each ALT and school whose week changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from kakehashi.timetable.instance import Solution, Status
from kakehashi.timetable.solve import solve
from kakehashi.web.testing import IMMEDIATE_TASKS, PASSWORD
from kakehashi.web.timetables.diff import week_changes
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.services import timetable_publish, timetable_store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_go_out_as_the_worker_would_send_them(settings: Any) -> None:
    """Publishing leaves its emails to a quick-queue task: here tasks run as soon as they are queued."""
    settings.TASKS = IMMEDIATE_TASKS


def two_versions(side: Any) -> tuple[Any, Any, Any]:
    instance = week_instance(side.program)
    first = solve(instance, time_limit=3, workers=1)
    # The second version drops the first ALT's lessons of one day: a change only they and that school see.
    alt = side.alts[0].code
    day = next(instance.lesson_by_id[a.lesson].day for a in first.lessons if a.alt == alt)
    kept = tuple(a for a in first.lessons if not (a.alt == alt and instance.lesson_by_id[a.lesson].day == day))
    second = Solution(Status.FEASIBLE, first.visits, kept)
    return (
        timetable_store(program=side.program, instance=instance, solution=first),
        timetable_store(program=side.program, instance=instance, solution=second),
        day,
    )


def test_the_difference_names_only_what_changed_for_whom(world: Any) -> None:
    north, _, _ = world
    v1, v2, day = two_versions(north)
    changes = week_changes(v1, v2)
    assert set(changes.by_participant) == {north.alts[0].code}
    day_name = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday"}[day]
    assert all(
        str(line).startswith(f"{day_name} period") and "dropped" in str(line)
        for line in changes.by_participant[north.alts[0].code]
    )
    with translation.override("ja"):  # worded when shown: a weekday's name, never its key ("fri")
        japanese = [str(line) for line in changes.by_participant[north.alts[0].code]]
    assert all("曜日" in line and "限" in line and "を外す" in line and day not in line for line in japanese)


def test_publishing_tells_each_alt_and_school_whose_week_changed_once(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, v2, _ = two_versions(north)
    with django_capture_on_commit_callbacks(execute=True):
        timetable_publish(version=v1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        timetable_publish(version=v2)
    recipients = [m.to for m in mail.outbox]
    assert [north.users["participant"].email] in recipients  # the first ALT, whose lessons changed
    assert all("dropped" in m.body or "no longer" in m.body for m in mail.outbox)
    assert len(recipients) == len({tuple(r) for r in recipients})


def test_the_coordinator_publishes_from_the_program_page_and_compares_versions(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    _, v2, _ = two_versions(north)
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/programs/{north.program.pk}/timetables/{v2.number}/publish/",
            {"in_force": "none", "confirm": "yes"},
            follow=True,
        )
    assert "Version 2 is now in force" in response.content.decode()
    v2.refresh_from_db()
    assert v2.state == "published" and v2.in_force
    assert "in force" in client.get(f"/programs/{north.program.pk}/").content.decode()
    page = client.get(f"/programs/{north.program.pk}/diff/?a=1&b=2").content.decode()
    assert north.alts[0].name in page and "dropped" in page


def test_the_publish_request_only_queues_the_emails_and_the_worker_sends_each_once_in_its_readers_language(
    world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from kakehashi.web import queues
    from kakehashi.web.core.models import LanguagePreference

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": list(queues.ALL)}}
    north, _, _ = world
    v1, v2, _ = two_versions(north)
    timetable_publish(version=v1, notify=False)
    alt_user = north.users["participant"]
    LanguagePreference.objects.create(user=alt_user, language="ja")
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/programs/{north.program.pk}/timetables/{v2.number}/publish/", {"in_force": "1", "confirm": "yes"}
        )
    assert mail.outbox == []  # nothing is composed or sent while the coordinator waits
    (queued,) = DBTaskResult.objects.filter(task_path__endswith="send_publish_notices")
    assert queued.queue_name == queues.QUICK and queued.args_kwargs["args"] == [v2.pk, v1.pk]
    queued.task.call(*queued.args_kwargs["args"])  # what the quick-queue worker runs
    recipients = [tuple(m.to) for m in mail.outbox]
    assert (alt_user.email,) in recipients and len(recipients) == len(set(recipients))
    to_alt = next(m for m in mail.outbox if m.to == [alt_user.email])
    assert to_alt.subject == "[架け橋] 時間割 第2版" and "を外す" in to_alt.body
    # Anyone else told has chosen no language: the site's (English in the tests).
    assert all(m.subject == "[Kakehashi] Timetable version 2" for m in mail.outbox if m is not to_alt)
