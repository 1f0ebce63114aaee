"""The main flows in a real browser (Debian's Chromium driven by Playwright): the coordinator solves and
publishes, the ALT opens their week and calendar, the JTE views their school and sends a request, in
English and Japanese. Screenshots go to test-artifacts/ (kept by CI)."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import override_settings
from icalendar import Calendar

from kakehashi.web.core import dates
from kakehashi.web.core.tests.browsing import BROWSER_MARKS, page_as, shot
from kakehashi.web.organizations.models import Contract
from kakehashi.web.recruitment.tests.recruiting import PDF
from kakehashi.web.testing import IMMEDIATE_TASKS, publish_week, side

IMMEDIATE = IMMEDIATE_TASKS

pytestmark = BROWSER_MARKS


@override_settings(TASKS=IMMEDIATE)
def test_the_coordinator_solves_publishes_and_compares(browser: Any, live_server: Any) -> None:
    north = side("North", prefix="N", seed=11)
    page = page_as(browser, live_server, "Ncoordinator")
    page.get_by_role("link", name=north.program.name).click()
    shot(page, "coordinator-program")
    page.fill("#id_time_limit", "5")
    page.click("text=Start solving")
    page.wait_for_selector("text=Timetable version 1 stored", timeout=60_000)
    shot(page, "coordinator-job")
    page.click("text=Timetable version 1 stored")
    page.click("a:has-text('Publish…')")
    page.wait_for_selector("text=Publish version 1")  # the confirm page: who will be told, before anyone is
    shot(page, "coordinator-publish-confirm")
    page.click("button:has-text('Publish and tell them')")
    page.wait_for_selector("text=Version 1 is now in force")
    shot(page, "coordinator-published")
    page.goto(f"{live_server.url}/schools/{north.schools[0].code}/")
    assert page.locator("h2", has_text="ALT visits in the regular week").is_visible()
    assert page.locator("h2", has_text="Week of").is_visible()


def test_the_alt_opens_their_week_and_subscribes_to_the_calendar(browser: Any, live_server: Any) -> None:

    north = side("North", prefix="N", seed=11)
    publish_week(north.program)
    phone = page_as(browser, live_server, "Nalt", width=390)
    phone.click("text=My week")
    assert phone.locator(".regular-day").first.is_visible()  # the day-by-day list on a phone
    shot(phone, "alt-week-phone")
    desktop = page_as(browser, live_server, "Nalt")
    desktop.click("text=My week")
    assert desktop.locator(".weekgrid").is_visible()  # the week on a clock on a desktop
    shot(desktop, "alt-week-desktop")
    desktop.click("text=Calendar subscription")
    desktop.click("text=Make a calendar link")
    url = desktop.input_value("input[readonly]")
    feed = desktop.request.get(url)
    assert feed.ok and Calendar.from_ical(feed.body()).walk("VEVENT")


def test_the_jte_views_the_school_and_sends_a_request_that_goes_to_the_manager(browser: Any, live_server: Any) -> None:
    east = side("East", prefix="E", seed=3, contract=Contract.Type.OUTSOURCING)
    page = page_as(browser, live_server, "Ejte")
    page.click("button[value=ja]")
    # The menu's 学校 (the home page names the JTE's school too, so "text=学校" alone is ambiguous).
    page.get_by_role("navigation").get_by_role("link", name="学校", exact=True).click()
    page.get_by_role("link", name=east.schools[0].organization.name_ja).click()
    assert page.locator("text=外国語の授業").is_visible()
    shot(page, "jte-school-ja")
    page.goto(f"{live_server.url}/schools/{east.schools[0].code}/requests/")
    assert page.locator("text=Also tell the ALT directly").count() == 0
    assert page.locator("text=ALT にも直接伝える").count() == 0
    page.fill("#id_message", "運動会のため金曜日の訪問を木曜日に変更できますか。")
    page.click("button.primary")
    page.wait_for_selector("text=Emanager")
    shot(page, "jte-request-routed")


@override_settings(TASKS=IMMEDIATE)
def test_an_absence_reported_on_the_phone_is_covered_and_announced_after_one_click(
    browser: Any, live_server: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from kakehashi.schoolyear.holidays import working_days
    from kakehashi.timetable.instance import ALL_DAYS
    from kakehashi.timetable.solve import solve
    from kakehashi.web.timetables.door import week_instance
    from kakehashi.web.timetables.services import timetable_publish, timetable_store

    north = side("North", prefix="N", seed=11)
    instance = week_instance(north.program)
    solution = solve(instance, time_limit=3, workers=1)
    timetable_publish(version=timetable_store(program=north.program, instance=instance, solution=solution))
    weekdays = {v.day for v in solution.visits if v.alt == north.alts[0].code}
    today = timezone.localdate()
    day = next(
        d
        for d in working_days(today + dt.timedelta(days=1), today + dt.timedelta(days=21))
        if ALL_DAYS[d.weekday()] in weekdays
    )
    phone = page_as(browser, live_server, "Nalt", width=390)
    phone.click("text=Report an absence today")
    phone.fill("#id_date", day.isoformat())
    phone.fill("#id_reason", "Fever")
    shot(phone, "alt-report-absence")
    phone.click("button:has-text('Report absence')")
    phone.wait_for_selector("text=Absence reported")

    desk = page_as(browser, live_server, "Ncoordinator")
    desk.goto(f"{live_server.url}/leave/programs/{north.program.pk}/")
    desk.wait_for_selector("text=Proposed cover")
    shot(desk, "coordinator-cover-proposed")
    if desk.locator("input[name=accept_partial]").count():  # a partial cover asks for a tick under its warning
        desk.check("input[name=accept_partial]")
    desk.click("button:has-text('Confirm cover and tell everyone')")
    desk.wait_for_selector(f"text=Cover confirmed for {dates.day(day)}")
    shot(desk, "coordinator-cover-confirmed")

    phone.goto(f"{live_server.url}/leave/notices/")
    phone.wait_for_selector(f"text=Cover for {dates.day(day)}")
    phone.goto(f"{live_server.url}/people/{north.alts[0].code}/?week={day.isoformat()}")
    assert "on leave" in phone.locator(f'[data-date="{day.isoformat()}"]').inner_text()


def test_an_applicant_applies_and_is_screened_shortlisted_and_placed(browser: Any, live_server: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from kakehashi.schoolyear import SchoolYear
    from kakehashi.web.people.models import Placement
    from kakehashi.web.recruitment.models import Application, Cycle, PlacementRequest

    north = side("North", prefix="N", seed=11)
    today = timezone.localdate()
    year = SchoolYear.of(today) + 1
    school = north.schools[1]
    cycle = Cycle.objects.create(
        program=north.program,
        position="alt",
        name="ALT next year",
        opens_on=today - dt.timedelta(days=10),
        deadline_date=today + dt.timedelta(days=20),
        time_zone="Pacific/Honolulu",
        departure_on=dt.date(year, 4, 1),
        recruiting_country="US",
    )
    PlacementRequest.objects.create(
        program=north.program, organization=school.organization, year=year, position="alt", count=1
    )

    visitor = browser.new_page(viewport={"width": 1280, "height": 900})
    visitor.goto(f"{live_server.url}/recruit/")
    visitor.click("text=Duties, eligibility and how to apply")
    visitor.click("text=Create an applicant account and apply")
    # Sign-up asks only for the email and sends a link (it never says whether an account exists).
    visitor.fill("#id_email", "ada@example.org")
    visitor.click("button:has-text('Send me the link')")
    visitor.wait_for_url("**/signup/sent/**")
    link = next(line for m in mail.outbox if "ada@example.org" in m.to for line in m.body.splitlines()
                if "/signup/finish/" in line).strip()
    visitor.goto(link)
    visitor.fill("#id_password1", "a-long-pass-phrase-77")
    visitor.fill("#id_password2", "a-long-pass-phrase-77")
    visitor.click("button:has-text('Create the account')")
    visitor.wait_for_selector("text=Send my application")
    visitor.fill("#id_full_name", "Ada Lovelace")
    visitor.fill("#id_email", "ada@example.org")
    visitor.fill("#id_birth_date", "1999-12-10")
    visitor.select_option("#id_citizenships", "US")  # a list of country names now, not codes typed in
    visitor.fill("#id_degree", "BA in Mathematics")
    visitor.fill("#id_degree_date", f"{year - 1}-05-20")
    visitor.select_option("#id_japanese_level", "N4")
    visitor.check("input[name=levels][value=elementary]")
    visitor.select_option("#id_preference_1", str(school.organization.pk))
    visitor.set_input_files("#id_cv", {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF})
    shot(visitor, "applicant-apply")
    visitor.click("button:has-text('Send my application')")
    visitor.wait_for_selector("text=ALT next year")
    application = Application.objects.get(cycle=cycle)
    assert application.status == "submitted"

    desk = page_as(browser, live_server, "Ncoordinator")
    desk.goto(f"{live_server.url}/recruit/applications/{application.pk}/")
    for stage in ("screened", "interview", "shortlisted", "offered", "accepted"):
        with desk.expect_navigation():
            desk.click(f"button[name=to][value={stage}]")
        application.refresh_from_db()
        assert application.status == stage
    shot(desk, "coordinator-application")
    desk.goto(f"{live_server.url}/recruit/programs/{north.program.pk}/placement/?year={year}")
    desk.click("button:has-text('Run placement')")
    desk.wait_for_selector("text=Ada Lovelace")
    desk.click("button:has-text('Apply: create participants and placements')")
    desk.wait_for_selector("text=Placement applied")
    shot(desk, "coordinator-placement")
    application.refresh_from_db()
    assert application.status == "placed"
    assert Placement.objects.get(participant=application.participant).organization == school.organization


def test_an_alt_files_a_daily_report_on_the_phone_that_the_coordinator_approves(browser: Any, live_server: Any) -> None:
    from kakehashi.web.duties.models import DailyReport

    north = side("North", prefix="N", seed=11)
    publish_week(north.program, notify=True)
    phone = page_as(browser, live_server, "Nalt", width=390)
    phone.click("text=Daily report >> nth=0")
    phone.wait_for_selector("text=Submit the report")
    phone.get_by_label("minutes").fill("60")
    phone.get_by_label("what (title, event, class)").fill("Worksheets for 5-1 / 5年1組のワークシート")
    phone.locator("form", has_text="Add a duty").or_(phone.locator("form:has(input[name$=minutes])")).first.locator(
        "button"
    ).click()
    phone.wait_for_selector("text=Worksheets for 5-1")
    shot(phone, "alt-daily-report")
    with phone.expect_navigation():
        phone.click("button:has-text('Submit the report')")
    report = DailyReport.objects.get(participant=north.alts[0])
    assert report.status == "submitted"

    desk = page_as(browser, live_server, "Ncoordinator")
    desk.goto(f"{live_server.url}/duties/reports/{report.pk}/")
    with desk.expect_navigation():
        desk.click("button:has-text('approve')")
    shot(desk, "coordinator-daily-report-approved")
    report.refresh_from_db()
    assert report.status == "approved" and report.decided_by.username == "Ncoordinator"
    phone.goto(f"{live_server.url}/leave/notices/")
    assert phone.locator("text=approved").count() >= 1
