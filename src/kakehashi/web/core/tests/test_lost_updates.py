"""No decision or edit is silently lost (issue 16, finding 5): two decisions on the same leave request or daily
report at the same moment apply exactly one (PostgreSQL row locks); two stale edit forms of a participant do not
overwrite each other; SQLite waits for its lock instead of answering "database is locked"."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.duties.models import DailyReport
from kakehashi.web.env import parse_database_url
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.notices.models import Notice
from kakehashi.web.people.models import Participant
from kakehashi.web.testing import signed_in

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL")


def at_the_same_moment(*decisions: Callable[[], Any]) -> list[str]:
    """Run the decisions in threads released together; "applied" or "refused" for each."""
    outcomes: list[str] = []
    start = threading.Barrier(len(decisions))

    def run(decide: Callable[[], Any]) -> None:
        try:
            start.wait()
            decide()
            outcomes.append("applied")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(decide,)) for decide in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
@postgresql_only
def test_approve_and_refuse_of_one_leave_request_at_the_same_moment_apply_exactly_one(world: Any) -> None:
    from kakehashi.web.leave.services import leave_request_create, leave_request_decide

    north, _, _ = world
    alt = north.alts[0]
    asked = leave_request_create(participant=alt, kind="sick", starts=dt.date(2026, 6, 1), ends=dt.date(2026, 6, 2))
    coordinator = north.users["coordinator"]
    # Each decision starts from the request as its page showed it: still waiting.
    first, second = LeaveRequest.objects.get(pk=asked.pk), LeaveRequest.objects.get(pk=asked.pk)
    outcomes = at_the_same_moment(
        lambda: leave_request_decide(request=first, approve=True, user=coordinator),
        lambda: leave_request_decide(request=second, approve=False, user=coordinator),
    )
    assert outcomes == ["applied", "refused"]
    decided = LeaveRequest.objects.get(pk=asked.pk)
    # One notice, in the ALT's language, saying the decision that stands.
    told = Notice.objects.filter(user=alt.user)
    assert told.count() == 1
    words = []
    for language in ("en", "ja"):
        with translation.override(language):
            words.append(translation.gettext(decided.status))
    assert any(told.get().subject.endswith(word) for word in words)


@pytest.mark.django_db(transaction=True)
@postgresql_only
def test_approve_and_return_of_one_daily_report_at_the_same_moment_apply_exactly_one(world: Any) -> None:
    from kakehashi.web.duties.services import entry_add, report_approve, report_return, report_start, report_submit

    north, _, _ = world
    report = report_start(participant=north.alts[0], date=dt.date(2026, 11, 2))
    entry_add(report=report, kind="preparation", minutes=50, title="Flashcards")
    report_submit(report=report)
    coordinator = north.users["coordinator"]
    first, second = DailyReport.objects.get(pk=report.pk), DailyReport.objects.get(pk=report.pk)
    outcomes = at_the_same_moment(
        lambda: report_approve(report=first, user=coordinator),
        lambda: report_return(report=second, user=coordinator, comment="Add the club"),
    )
    assert outcomes == ["applied", "refused"]
    assert DailyReport.objects.get(pk=report.pk).status in ("approved", "returned")


@pytest.mark.django_db
def test_a_decision_on_a_leave_request_decided_since_its_page_was_shown_is_refused(world: Any) -> None:
    from kakehashi.web.leave.services import leave_request_create, leave_request_decide

    north, _, _ = world
    asked = leave_request_create(
        participant=north.alts[0], kind="sick", starts=dt.date(2026, 6, 1), ends=dt.date(2026, 6, 2)
    )
    shown = LeaveRequest.objects.get(pk=asked.pk)
    leave_request_decide(request=asked, approve=True, user=north.users["coordinator"])
    with pytest.raises(ValidationError, match="already been decided"):
        leave_request_decide(request=shown, approve=False, user=north.users["coordinator"])
    assert LeaveRequest.objects.get(pk=asked.pk).status == "approved"


def _edit_form_data(client: Any, code: str) -> dict[str, Any]:
    form = client.get(f"/people/{code}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_the_second_of_two_stale_participant_forms_is_refused_and_the_first_kept(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    first, second = signed_in(north.users["coordinator"]), signed_in(north.users["coordinator"])
    shown_first, shown_second = _edit_form_data(first, alt.code), _edit_form_data(second, alt.code)
    assert shown_first["seen"] and shown_first["seen"] == shown_second["seen"]
    assert first.post(f"/people/{alt.code}/edit/", {**shown_first, "origin_region": "Ontario"}).status_code == 302
    answer = second.post(f"/people/{alt.code}/edit/", {**shown_second, "classes_max": 24})
    assert answer.status_code == 200 and "your changes were not saved" in answer.content.decode()
    kept = Participant.objects.get(pk=alt.pk)
    assert (kept.origin_region, kept.classes_max) == ("Ontario", alt.classes_max)


@pytest.mark.django_db
def test_the_api_answers_409_to_an_edit_of_a_participant_changed_since_it_was_read(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    api = script(north.users["coordinator"])
    seen = api.get(f"/api/participants/{alt.code}/").json()["record"]["seen"]
    fresh = api.patch(f"/api/participants/{alt.code}/", {"origin_region": "Ontario", "seen": seen}, format="json")
    assert fresh.status_code == 200 and fresh.json()["record"]["seen"] != seen
    stale = api.patch(f"/api/participants/{alt.code}/", {"classes_max": 24, "seen": seen}, format="json")
    assert stale.status_code == 409 and "not saved" in stale.json()["seen"][0]
    assert Participant.objects.get(pk=alt.pk).classes_max == alt.classes_max


def test_sqlite_write_transactions_take_the_lock_when_they_begin_and_wait_for_it() -> None:
    options = parse_database_url("sqlite:///k.sqlite3", base_dir=Path()).as_django()["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
