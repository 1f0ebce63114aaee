"""Each stored version keeps the week it was made from: when the program's week moves on (a weight, a
contract, a school's bells), every reader of an old version reads it against its own week."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.timetable.format import instance_to_json
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import solve
from kakehashi.web.timetables.analysis import _analysis
from kakehashi.web.timetables.door import version_instance, version_solution, week_instance
from kakehashi.web.timetables.edits import timetable_draft
from kakehashi.web.timetables.models import TimetableVersion, WeekSettings
from kakehashi.web.timetables.services import timetable_publish, timetable_store

pytestmark = pytest.mark.django_db


def stored_week(program: Any) -> TimetableVersion:
    instance = week_instance(program)
    return timetable_store(program=program, instance=instance, solution=solve(instance, time_limit=3, workers=1))


def test_a_stored_version_keeps_the_week_document_it_was_solved_for(world: Any) -> None:
    north, _, _ = world
    version = stored_week(north.program)
    assert version.week == instance_to_json(week_instance(north.program))


def test_an_old_version_is_scored_against_its_own_week_after_the_weights_change(world: Any) -> None:
    north, _, _ = world
    version = stored_week(north.program)
    WeekSettings.objects.filter(program=north.program).update(travel_minute=50)
    fresh = TimetableVersion.objects.get(pk=version.pk)
    own = version_instance(fresh)
    assert own.weights.travel_minute != week_instance(north.program).weights.travel_minute
    # The analysis page explains the objective the version was stored with, not one made up today.
    assert _analysis(fresh, 1)["objective"] == version.objective == score(own, version_solution(fresh)).objective


def test_a_hand_edited_copy_keeps_the_week_of_the_version_it_copies(world: Any) -> None:
    north, _, _ = world
    version = timetable_publish(version=stored_week(north.program), notify=False)
    WeekSettings.objects.filter(program=north.program).update(travel_minute=50)
    draft = timetable_draft(program=north.program)
    assert draft.pk != version.pk
    assert draft.week == version.week
    # and its edits are checked and scored against that week
    assert version_instance(draft).weights.travel_minute == version_instance(version).weights.travel_minute


def test_a_version_stored_before_weeks_were_kept_is_read_against_todays_week(world: Any) -> None:
    north, _, _ = world
    version = stored_week(north.program)
    TimetableVersion.objects.filter(pk=version.pk).update(week=None)
    old = TimetableVersion.objects.get(pk=version.pk)
    assert instance_to_json(version_instance(old)) == instance_to_json(week_instance(north.program))
