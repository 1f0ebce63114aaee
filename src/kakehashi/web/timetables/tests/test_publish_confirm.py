"""Publishing safely: a confirm page that says who will be told before anyone is, one version in force that
the pages name, and a rollback to an earlier version in one step (a publication, with its own notices)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from icalendar import Calendar

from kakehashi.web.pages.people.calendar import participant_calendar
from kakehashi.web.pages.people.selectors import participant_version
from kakehashi.web.pages.schools.selectors import school_version
from kakehashi.web.testing import IMMEDIATE_TASKS, signed_in
from kakehashi.web.timetables.publishing import publish_preview
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.timetables.services import timetable_publish
from kakehashi.web.timetables.tests.weeks import two_valid_weeks as week_with_and_without_a_school

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_go_out_as_the_worker_would_send_them(settings: Any) -> None:
    """Publishing leaves its emails to a quick-queue task: here tasks run as soon as they are queued."""
    settings.TASKS = IMMEDIATE_TASKS

TERM_MONDAY = dt.date(2026, 5, 11)


def url(version: Any) -> str:
    return f"/programs/{version.program_id}/timetables/{version.number}/publish/"


def test_the_confirm_page_lists_who_will_be_told_and_publishes_nothing(world: Any) -> None:
    north, _, _ = world
    v1, v2, school = week_with_and_without_a_school(north)
    timetable_publish(version=v1, notify=False)
    coordinator = signed_in(north.users["coordinator"])
    page = coordinator.get(url(v2)).content.decode()
    alt = north.alts[0]
    assert alt.name in page and alt.user.email in page  # the ALT whose visits change, and their address
    assert school.organization.name in page  # the school where they lose a lesson
    preview = publish_preview(v2)
    assert preview.in_force == v1 and preview.email_count >= 1
    assert f'<div class="figure">{preview.email_count}</div>' in page
    assert 'name="confirm" value="yes"' in page
    v2.refresh_from_db()
    assert not v2.in_force and published_version(north.program) == v1
    assert mail.outbox == []


def test_publishing_without_the_confirm_button_does_nothing(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, v2, _ = week_with_and_without_a_school(north)
    timetable_publish(version=v1, notify=False)
    coordinator = signed_in(north.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(url(v2), {"in_force": "1"})
    assert response.status_code == 302 and response["Location"] == url(v2)
    assert published_version(north.program) == v1
    assert mail.outbox == []


def test_a_confirm_made_while_another_version_came_into_force_is_refused(world: Any) -> None:
    north, _, _ = world
    v1, v2, _ = week_with_and_without_a_school(north)
    coordinator = signed_in(north.users["coordinator"])
    # The coordinator read the page when nothing was in force; meanwhile a colleague published version 1.
    timetable_publish(version=v1, notify=False)
    response = coordinator.post(url(v2), {"in_force": "none", "confirm": "yes"}, follow=True)
    assert published_version(north.program) == v1
    assert "changed while you were reading" in response.content.decode()


def test_the_emails_the_confirm_page_counts_are_the_emails_sent(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, v2, _ = week_with_and_without_a_school(north)
    timetable_publish(version=v1, notify=False)
    preview = publish_preview(v2)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(north.users["coordinator"]).post(url(v2), {"in_force": "1", "confirm": "yes"})
    assert published_version(north.program) == v2
    assert len(mail.outbox) == preview.email_count
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted(
        [(a.email,) for a in preview.alts if a.email] + [tuple(s.emails) for s in preview.schools if s.emails]
    )


def test_rolling_back_makes_the_older_version_in_force_everywhere_and_tells_what_changed_against_the_one_in_force(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, v2, school = week_with_and_without_a_school(north)
    alt = north.alts[0]
    timetable_publish(version=v1, notify=False)
    timetable_publish(version=v2, notify=False)
    coordinator = signed_in(north.users["coordinator"])
    program_page = coordinator.get(f"/programs/{north.program.pk}/").content.decode()
    assert "Roll back to this version" in program_page and url(v1) in program_page
    confirm = coordinator.get(url(v1)).content.decode()
    assert "Roll back to version 1" in confirm and "In force now: version 2" in confirm
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url(v1), {"in_force": "2", "confirm": "yes"})
    # Version 1 is the one week in force, on every page and feed.
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v1.in_force and not v2.in_force
    assert participant_version(alt) == v1 and school_version(school) == v1
    assert "version 1" in signed_in(north.users["participant"]).get(f"/people/{alt.code}/").content.decode()
    assert signed_in(north.users["coordinator"]).get(f"/schools/{school.code}/").context["version"] == v1
    events = Calendar.from_ical(participant_calendar(alt, today=TERM_MONDAY)).walk("VEVENT")
    assert events and all(str(event["uid"]).endswith("-v1@kakehashi") for event in events)
    # The notices describe version 1 against version 2, the week that was in force: the ALT is back there.
    to_alt = [m for m in mail.outbox if alt.user.email in m.to]
    assert to_alt and any("added" in m.body for m in to_alt)
    assert not any("dropped" in m.body or "no longer" in m.body for m in to_alt)
    program_page = coordinator.get(f"/programs/{north.program.pk}/").content.decode()
    assert "In force: version 1, since" in program_page


def test_a_version_in_force_has_nothing_to_publish_and_tells_nobody(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, _, _ = week_with_and_without_a_school(north)
    timetable_publish(version=v1, notify=False)
    coordinator = signed_in(north.users["coordinator"])
    assert "already the week in force" in coordinator.get(url(v1)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(url(v1), {"in_force": "1", "confirm": "yes"})
    assert mail.outbox == []


def test_the_api_previews_the_recipients_and_refuses_a_publication_on_a_stale_preview(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north, _, _ = world
    v1, v2, school = week_with_and_without_a_school(north)
    timetable_publish(version=v1, notify=False)
    timetable_publish(version=v2, notify=False)
    api = signed_in(north.users["coordinator"])
    preview = api.get(f"/api/timetable-versions/{v1.pk}/publish-preview/").json()
    assert preview["rollback"] and preview["in_force"]["number"] == 2
    assert north.alts[0].code in [a["alt"] for a in preview["alts"]]
    assert school.code in [s["school"] for s in preview["schools"]]
    stale = api.post(f"/api/timetable-versions/{v1.pk}/publish/", {"in_force": 1}, content_type="application/json")
    assert stale.status_code == 409 and published_version(north.program) == v2
    with django_capture_on_commit_callbacks(execute=True):
        done = api.post(f"/api/timetable-versions/{v1.pk}/publish/", {"in_force": 2}, content_type="application/json")
    assert done.status_code == 200 and done.json()["version"]["in_force"]
    assert len(mail.outbox) == preview["email_count"]
