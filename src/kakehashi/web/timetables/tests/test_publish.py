"""Publishing: versions compared, and a notice to each ALT and school whose week changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from kakehashi.timetable.instance import Solution, Status
from kakehashi.timetable.solve import solve
from kakehashi.web.testing import PASSWORD
from kakehashi.web.timetables.diff import week_changes
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.services import timetable_publish, timetable_store

pytestmark = pytest.mark.django_db


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
