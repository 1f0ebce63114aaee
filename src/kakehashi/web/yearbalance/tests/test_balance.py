"""Balance the year from the pages: the job plans the year, the page reads in names and the reader's language,
publishing changes what ALTs see on the dates it moves, and publishing again replaces the earlier balance."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.notices.models import Notice
from kakehashi.web.people.feeds import calendar_token_issue
from kakehashi.web.testing import IMMEDIATE_TASKS, signed_in
from kakehashi.web.yearbalance.changes import balance_publish
from kakehashi.web.yearbalance.models import BalanceChange, BalanceJob
from kakehashi.web.yearbalance.tests.setup import TODAY, balanced, lose_a_visit

pytestmark = pytest.mark.django_db
IMMEDIATE = IMMEDIATE_TASKS


def _moved(job: BalanceJob, school: str) -> list[dict[str, Any]]:
    """The job's moved visits at `school` (at any school when empty)."""
    return [m for m in job.result["moves"] if m["kind"] == "moved" and school in ("", m["school"])]


def _alt_on(program: Any, school: str, date: Any) -> set[str]:
    plan = program_dated_plan(program, starts=date, ends=date)
    assert plan is not None
    return {v.alt for v in plan.visits if v.school == school}


def test_the_job_gives_back_a_visit_lost_to_a_closure_on_another_day_of_that_week(published: Any) -> None:
    lost = lose_a_visit(published[0])
    job = balanced(lost.side)
    row = next(r for r in job.result["schools"] if r["school"] == lost.school.code)
    assert row["planned_after"] == row["contracted"] == row["planned_before"] + 1
    [move] = _moved(job, lost.school.code)
    date, to_date = _date(move["date"]), _date(move["to"]["date"])
    assert date >= TODAY and date.isocalendar()[:2] == to_date.isocalendar()[:2] and date != to_date


@override_settings(TASKS=IMMEDIATE)
def test_the_coordinator_starts_the_job_from_the_program_page_and_the_worker_runs_it(
    published: Any, django_capture_on_commit_callbacks: Any
) -> None:
    north = published[0]
    lose_a_visit(north)
    client = signed_in(north.users["coordinator"])
    program_page = client.get(f"/programs/{north.program.pk}/").content.decode()
    assert f"/balance/programs/{north.program.pk}/start/" in program_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/balance/programs/{north.program.pk}/start/")
    job = BalanceJob.objects.get(program=north.program)
    assert response.url == f"/balance/{job.pk}/"
    job.refresh_from_db()
    assert job.state == BalanceJob.State.SUCCEEDED, job.message
    # Started today: today's visits are under way and earlier ones happened; only later dates change.
    changed = [m["date"] for m in job.result["moves"]] + [m["to"]["date"] for m in _moved(job, "")]
    assert job.result["moves"] and min(changed) > TODAY.isoformat()


def test_the_result_page_names_schools_and_alts_and_says_why_in_the_readers_language(published: Any) -> None:
    lost = lose_a_visit(published[0])
    job = balanced(lost.side)
    [move] = _moved(job, lost.school.code)
    client = signed_in(lost.side.users["coordinator"])
    english = client.get(f"/balance/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert lost.school.name in english and lost.alt.name in english
    assert lost.school.code not in english and lost.alt.code not in english
    assert _date(move["date"]).strftime("%a %-d %b %Y") in english
    assert "moves to" in english and "Publish the balance" in english
    japanese = client.get(f"/balance/{job.pk}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert lost.school.name_ja in japanese and f"{_date(move['date']).month}月" in japanese
    assert "moves to" not in japanese and move["reason"] not in japanese


def test_publishing_puts_the_moved_visit_in_my_week_and_the_calendar_feed(published: Any) -> None:
    lost = lose_a_visit(published[0])
    job = balanced(lost.side)
    [move] = _moved(job, lost.school.code)
    to_date = move["to"]["date"]
    to_alt = next(a for a in lost.side.alts if a.code == move["to"]["alt"])
    token = calendar_token_issue(participant=to_alt).token
    client = signed_in(lost.side.users["coordinator"])
    week_page = f"/people/{to_alt.code}/?week={to_date}"
    before_week = client.get(week_page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    before_feed = client.get(f"/calendar/{token}.ics").content.decode()
    assert to_alt.code not in _alt_on(lost.side.program, lost.school.code, _date(to_date))

    response = client.post(f"/balance/{job.pk}/publish/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302

    assert to_alt.code in _alt_on(lost.side.program, lost.school.code, _date(to_date))
    after_week = client.get(week_page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    after_feed = client.get(f"/calendar/{token}.ics").content.decode()
    card = _day_card(after_week, to_date)
    name = lost.school.organization.name
    assert name in card and name not in _day_card(before_week, to_date)
    stamp = to_date.replace("-", "")
    assert f"DTSTART;TZID=Asia/Tokyo:{stamp}" in after_feed.replace("\r\n ", "")
    assert f"DTSTART;TZID=Asia/Tokyo:{stamp}" not in before_feed.replace("\r\n ", "")
    assert Notice.objects.filter(user=to_alt.user).exists()
    school_week = client.get(f"/schools/{lost.school.code}/?week={to_date}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert to_alt.name in _day_card(school_week, to_date)


def test_publishing_again_replaces_the_earlier_balance(published: Any) -> None:
    lost = lose_a_visit(published[0])
    first = balanced(lost.side)
    balance_publish(job=first, user=None)
    [move] = _moved(first, lost.school.code)
    # The closure is called off: a new balance has nothing to give back, and replaces the first one.
    lost.school.events.all().delete()
    second = balanced(lost.side)
    assert not _moved(second, lost.school.code)
    balance_publish(job=second, user=None)
    assert BalanceChange.objects.filter(balance__program=lost.side.program).count() == len(second.result["moves"])
    assert move["to"]["alt"] not in _alt_on(lost.side.program, lost.school.code, _date(move["to"]["date"]))


def test_the_program_page_shows_each_schools_year(published: Any) -> None:
    lost = lose_a_visit(published[0])
    page = signed_in(lost.side.users["coordinator"]).get(
        f"/programs/{lost.side.program.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = page[page.index("The school year"):]
    assert lost.school.name in section and "delivered to date" in section
    assert str(lost.school.annual_visit_days) in section


def _date(iso: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(iso)


def _day_card(page: str, iso: str) -> str:
    start = page.index(f'data-date="{iso}"')
    end = page.find('<div class="card dated-day"', start + 1)
    return page[start : end if end > 0 else None]


def test_a_balance_whose_worker_died_is_shown_as_failed_instead_of_running_forever(published: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    north = published[0]
    long_ago = timezone.now() - dt.timedelta(hours=1)
    job = BalanceJob.objects.create(program=north.program, year=2026, changes_from=TODAY, time_limit=30,
                                    state=BalanceJob.State.RUNNING, started_at=long_ago)
    page = signed_in(north.users["coordinator"]).get(f"/balance/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    job.refresh_from_db()
    assert job.state == BalanceJob.State.FAILED and "The balance could not be made." in page


def test_the_school_and_the_alt_are_told_their_coming_changed_dates_by_name_and_not_the_past_ones(world: Any) -> None:
    import datetime as dt

    from kakehashi.web.yearbalance.notices import tell_balance

    north = world[0]
    school, alt = north.schools[0], north.alts[0]
    coming = BalanceChange(date=dt.date(2027, 2, 17), kind=BalanceChange.Kind.ADDED, alt=alt.code, school=school.code)
    past = BalanceChange(date=dt.date(2026, 6, 1), kind=BalanceChange.Kind.DROPPED, alt=alt.code, school=school.code)
    assert tell_balance(north.program, [coming, past], TODAY) == 2
    to_school = Notice.objects.get(user=north.users["school_staff"])
    to_alt = Notice.objects.get(user=north.users["participant"])
    assert alt.name in to_school.body and alt.code not in to_school.body
    assert school.name in to_alt.body and "17 Feb 2027" in to_alt.body and "Jun 2026" not in to_alt.body
