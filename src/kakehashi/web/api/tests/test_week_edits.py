"""The week edited by hand through the API, as on *Edit the week*: each edit checked by the core at once (a
refused one names the broken rule), refused when the week changed since the script read it, and visits locked."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.timetables.models import LessonRow, LockedVisit, TimetableVersion, VisitRow

pytestmark = pytest.mark.django_db


def test_a_lesson_dropped_makes_a_draft_and_an_edit_on_the_old_week_is_refused_with_409(published: Any) -> None:
    north, _, _ = published
    client = script(north.users["coordinator"])
    state = client.get("/api/week-edits/", {"program": north.program.pk}).json()
    published_version = TimetableVersion.objects.get(program=north.program)
    assert state["version"]["id"] == published_version.pk and state["seen"] == f"{published_version.number}.0"

    row = LessonRow.objects.filter(version=published_version).select_related("participant", "lesson").first()
    assert row is not None
    edit = {"action": "drop", "alt": row.participant.code, "lesson": row.lesson.code, "seen": state["seen"]}
    dropped = client.post("/api/week-edits/", edit, format="json")
    assert dropped.status_code == 200, dropped.content
    draft = dropped.json()["version"]
    assert draft["state"] == "draft" and draft["number"] == published_version.number + 1
    assert not LessonRow.objects.filter(version_id=draft["id"], lesson=row.lesson).exists()

    again = client.post("/api/week-edits/", edit, format="json")  # still the old `seen`
    assert again.status_code == 409 and "changed" in again.json()["non_field_errors"][0]


def test_an_edit_that_breaks_a_rule_is_refused_in_words_and_changes_nothing(published: Any) -> None:
    north, _, _ = published
    client = script(north.users["coordinator"])
    version = TimetableVersion.objects.get(program=north.program)
    alt = north.alts[0]
    visited = set(VisitRow.objects.filter(version=version, participant=alt).values_list("day", "school_id"))
    elsewhere = next(
        x
        for x in LessonRow.objects.filter(version=version).exclude(participant=alt).select_related("lesson")
        if (x.lesson.day, x.lesson.school_id) not in visited
    )
    refused = client.post(
        "/api/week-edits/", {"action": "add", "alt": alt.code, "lesson": elsewhere.lesson.code}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["non_field_errors"]
    assert TimetableVersion.objects.filter(program=north.program).count() == 1


def test_a_visit_is_locked_and_unlocked_and_another_program_s_alt_is_not_found(published: Any) -> None:
    north, south, _ = published
    client = script(north.users["coordinator"])
    lock = {"action": "lock", "alt": north.alts[1].code, "day": "thu", "school": north.schools[-1].code}
    assert client.post("/api/week-edits/", lock, format="json").json()["locked"] is True
    assert LockedVisit.objects.filter(participant=north.alts[1], day="thu").exists()
    assert client.post("/api/week-edits/", lock, format="json").json()["locked"] is False
    other = {**lock, "alt": south.alts[0].code, "school": south.schools[0].code}
    assert client.post("/api/week-edits/", other, format="json").status_code == 404
    incomplete = client.post("/api/week-edits/", {"action": "move", "alt": north.alts[1].code}, format="json")
    assert incomplete.status_code == 400 and {"day", "school", "to_day", "to_school"} <= set(incomplete.json())
