"""One published week per program: whichever version was published last is the week in force for every
reader (the ALT's week and feed, the school's page, who sees whom, the figures), even an older draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from django.core import mail
from icalendar import Calendar

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import ForbiddenPair, Solution, Status
from kakehashi.timetable.solve import solve
from kakehashi.web.accounts.scope import visible_schools
from kakehashi.web.pages.people.calendar import participant_calendar
from kakehashi.web.pages.people.selectors import participant_version
from kakehashi.web.pages.schools.selectors import school_version
from kakehashi.web.schools.models import School
from kakehashi.web.testing import IMMEDIATE_TASKS
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.edits import timetable_draft
from kakehashi.web.timetables.services import timetable_publish, timetable_store
from kakehashi.web.workforce.figures import workforce_figures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_go_out_as_the_worker_would_send_them(settings: Any) -> None:
    """Publishing leaves its emails to a quick-queue task: here tasks run as soon as they are queued."""
    settings.TASKS = IMMEDIATE_TASKS

# A Monday of the first term of the test world's school year (April 2026 - March 2027).
TERM_MONDAY = dt.date(2026, 5, 11)


def week_with_and_without_a_school(side: Any) -> tuple[Any, Any, School]:
    """Two drafts of the side's week: the first as solved, the second without the first ALT at one of their
    schools, so the two weeks differ wherever anyone looks. Both keep every rule, whichever timetable the
    solver found in its time: when dropping the visits would break a school's minimum, the second week is
    solved again with that ALT kept away from the school."""
    instance = week_instance(side.program)
    first = solve(instance, time_limit=3, workers=1)
    alt = side.alts[0].code
    school = next(v.school for v in first.visits if v.alt == alt)
    second = Solution(
        Status.FEASIBLE,
        tuple(v for v in first.visits if not (v.alt == alt and v.school == school)),
        tuple(a for a in first.lessons if not (a.alt == alt and instance.lesson_by_id[a.lesson].school == school)),
    )
    if check(instance, second):
        second = solve(replace(instance, forbidden=(*instance.forbidden, ForbiddenPair(alt, school))),
                       time_limit=3, workers=1)
    return (
        timetable_store(program=side.program, instance=instance, solution=first),
        timetable_store(program=side.program, instance=instance, solution=second),
        School.objects.get(code=school),
    )


def test_publishing_an_older_draft_makes_it_the_week_every_reader_shows(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, v2, school = week_with_and_without_a_school(north)
    alt = north.alts[0]
    timetable_publish(version=v2, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        timetable_publish(version=v1)
    # The notice compares v1 with v2, the week that really was in force: the ALT is back at the school.
    assert any(alt.user.email in m.to for m in mail.outbox)
    assert any(f"now at {school.organization.name}" in m.body for m in mail.outbox)
    # Every reader shows v1.
    assert participant_version(alt) == v1
    assert school_version(school) == v1
    events = Calendar.from_ical(participant_calendar(alt, today=TERM_MONDAY)).walk("VEVENT")
    assert events and all(str(event["uid"]).endswith("-v1@kakehashi") for event in events)
    assert any(school.organization.name in str(event.get("location", "")) for event in events)
    figures = workforce_figures(north.program.participants.all(), north.program, TERM_MONDAY)
    assert figures.visit_days_delivered == v1.visits.count()


def test_a_school_dropped_by_the_published_week_is_no_longer_the_alts_to_see(world: Any) -> None:
    north, _, _ = world
    v1, v2, school = week_with_and_without_a_school(north)
    alt_user = north.users["participant"]
    timetable_publish(version=v1, notify=False)
    assert school in visible_schools(alt_user)
    timetable_publish(version=v2, notify=False)
    # Placed at the board, not at the school: only the week in force took them there.
    assert school not in visible_schools(alt_user)


def test_hand_edits_after_publishing_an_older_draft_start_from_that_draft(world: Any) -> None:
    north, _, _ = world
    v1, v2, _ = week_with_and_without_a_school(north)
    timetable_publish(version=v2, notify=False)
    timetable_publish(version=v1, notify=False)
    draft = timetable_draft(program=north.program)
    assert draft.number == 3
    assert visit_rows(draft) == visit_rows(v1) != visit_rows(v2)


def visit_rows(version: Any) -> set[tuple[int, str, int]]:
    return set(version.visits.values_list("participant_id", "day", "school_id"))
