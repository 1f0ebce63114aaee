"""Two coordinators editing the same week never lose an update: an edit made on a week that changed since
the page was shown is refused (optimistic locking), and nothing of it is applied."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.timetables import edits
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.selectors import latest_version


def _two_lessons(version: Any) -> tuple[str, str]:
    lessons = sorted(a.lesson for a in version_solution(version).lessons)
    return lessons[0], lessons[-1]


@pytest.mark.django_db
def test_the_second_of_two_edits_made_on_the_same_page_is_refused_and_then_made_on_the_new_week(world: Any) -> None:
    north, _, _ = world
    version = publish_week(north.program)
    first, second = _two_lessons(version)
    alt = version_solution(version).lessons[0].alt
    seen = edits.week_token(latest_version(north.program))
    coordinator_a, coordinator_b = (
        signed_in(north.users["coordinator"]),
        signed_in(get_user_model().objects.get(username="Nmanager")),  # the program's other coordinator
    )
    page = f"/people/{alt}/week-edit/"
    coordinator_a.post(page, {"action": "drop", "lesson": first, "seen": seen})
    refused = coordinator_b.post(page, {"action": "drop", "lesson": second, "seen": seen}, follow=True)
    assert "your edit was not applied" in refused.content.decode()
    week = version_solution(latest_version(north.program))
    assert first not in {a.lesson for a in week.lessons} and second in {a.lesson for a in week.lessons}
    fresh = edits.week_token(latest_version(north.program))
    assert fresh != seen and f'name="seen" value="{fresh}"' in coordinator_b.get(page).content.decode()
    coordinator_b.post(page, {"action": "drop", "lesson": second, "seen": fresh})
    week = version_solution(latest_version(north.program))
    assert not {first, second} & {a.lesson for a in week.lessons}  # both edits are in, neither lost


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL")
def test_two_edits_sent_at_the_same_moment_on_the_same_week_apply_exactly_one(world: Any) -> None:
    north, _, _ = world
    version = publish_week(north.program)
    first, second = _two_lessons(version)
    seen = edits.week_token(latest_version(north.program))
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def edit(lesson: str) -> None:
        try:
            start.wait()
            edits.edit_drop_lesson(program=north.program, user=None, lesson=lesson, seen=seen)
            outcomes.append("applied")
        except edits.EditConflictError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(lesson,)) for lesson in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["applied", "refused"]
    left = {a.lesson for a in version_solution(latest_version(north.program)).lessons}
    assert len({first, second} - left) == 1  # one edit in, the other not half-applied
