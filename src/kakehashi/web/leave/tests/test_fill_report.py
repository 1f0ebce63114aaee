"""The fill-rate report: each absent ALT's day filled or not, why not (no candidate, declined, too late), the
time from the report to filled and the offers it took, by month, school and reason, on the page and in
downloads. The offers' clock is fixed (offer_world.morning), never slept on."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.utils import timezone, translation

from kakehashi.web.leave.fill_report import DayState, Reason, fill_report
from kakehashi.web.leave.models import CoverOffer
from kakehashi.web.leave.offers import offer_accept, offer_decline, offer_send, offers_advance
from kakehashi.web.leave.tests.offer_world import absent_day, morning, substitute
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _report(north: Any, day: dt.date, *, today: dt.date | None = None) -> Any:
    return fill_report(north.program, 2026, today=today or day + dt.timedelta(days=1))


def _the_day(report: Any, alt: Any, day: dt.date) -> Any:
    return next(d for d in report.days if d.alt == alt.code and d.date == day)


def test_a_day_a_substitute_accepted_is_filled_with_the_time_from_report_to_filled(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))
    offer_accept(candidate=offer.candidates.get(), user=None, now=morning(day, 7, 20))
    report = _report(north, day)
    filled = _the_day(report, alt, day)
    assert filled.state == DayState.FILLED and not filled.reason
    assert filled.taught == filled.lessons > 0
    assert filled.filled_at == morning(day, 7, 20)
    assert filled.hours_to_fill == pytest.approx((morning(day, 7, 20) - filled.reported_at).total_seconds() / 3600)
    assert filled.offers_sent == 1
    year = report.whole_year()
    assert (year.filled, year.days, year.offers_per_filled_day) == (1, 1, 1.0)
    assert year.median_hours == pytest.approx(filled.hours_to_fill)
    assert all(summary.days == 0 for _code, _words, summary in report.by_reason())


def test_a_day_everyone_declined_stays_unfilled_for_that_reason(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    substitute(north, "NZ02", school, km_north=2)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))
    for candidate in offer.candidates.order_by("rank"):
        offer_decline(candidate=candidate, now=morning(day, 7, 10))
    offer.refresh_from_db()
    assert offer.unfilled_reason == CoverOffer.Unfilled.DECLINED
    report = _report(north, day)
    unfilled = _the_day(report, alt, day)
    assert (unfilled.state, unfilled.reason, unfilled.offers_sent) == (DayState.UNFILLED, Reason.DECLINED, 2)
    reasons = {code: summary for code, _words, summary in report.by_reason()}
    assert reasons["declined"].days == 1 and reasons["declined"].lessons == unfilled.lessons
    assert reasons["too_late"].days == reasons["no_candidate"].days == 0


def test_a_day_with_no_answer_before_its_lessons_began_was_too_late(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))
    offers_advance(now=morning(day, 23), program=north.program)
    assert _the_day(_report(north, day), alt, day).reason == Reason.TOO_LATE


def test_a_day_no_substitute_could_take_had_no_candidate(published: Any) -> None:
    north, _, _ = published
    alt, day, _school = absent_day(north)
    offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))  # the program has no substitutes
    assert _the_day(_report(north, day), alt, day).reason == Reason.NO_CANDIDATE


def test_a_day_still_to_come_with_nothing_done_yet_is_open_not_unfilled(published: Any) -> None:
    north, _, _ = published
    alt, day, _school = absent_day(north)
    report = _report(north, day, today=day - dt.timedelta(days=2))
    assert (_the_day(report, alt, day).state, _the_day(report, alt, day).reason) == (DayState.OPEN, "")
    # Once the day has passed with nothing confirmed, it was handled too late.
    assert _the_day(_report(north, day), alt, day).reason == Reason.TOO_LATE


def test_the_page_shows_months_reasons_and_schools_and_downloads_each_table(published: Any) -> None:
    north, _, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))
    offer_decline(candidate=offer.candidates.get(), now=morning(day, 7, 10))
    coordinator = signed_in(north.users["coordinator"])
    url = f"/leave/programs/{north.program.pk}/fill-rate/?year=2026"
    page = coordinator.get(url).content.decode()
    for words in ("Why days stayed unfilled", "By school and month", "Days not filled", f"{day:%B %Y}", alt.name):
        assert words in page
    assert "everyone declined</td><td>1</td>" in page
    days_csv = coordinator.get(url + "&export=csv&rows=days").content.decode("utf-8-sig")
    header, row = days_csv.strip().splitlines()
    assert header.startswith("date,absent ALT,schools,lessons to cover,covered,filled?,why not,")
    assert f"{day.isoformat()},{alt.name}," in row and ",not filled,everyone declined," in row
    book = openpyxl.load_workbook(io.BytesIO(coordinator.get(url + "&export=xlsx&rows=schools").content))
    sheet = book.active
    assert [cell.value for cell in sheet[1]][:3] == ["month", "school", "absent ALT-days"]
    assert sheet.cell(2, 1).value == f"{day:%Y-%m}" and sheet.cell(2, 2).value == school.organization.display_name
    assert coordinator.get(url + "&export=csv&rows=everything").status_code == 404


def test_the_page_is_in_the_reader_s_language_school_names_too(published: Any, settings: Any) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # as served
    north, _, _ = published
    alt, day, school = absent_day(north)
    school.organization.name_ja = "北第一小学校"
    school.organization.save()
    offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))
    coordinator = signed_in(north.users["coordinator"])
    url = f"/leave/programs/{north.program.pk}/fill-rate/?year=2026"
    with translation.override("ja"):
        page = coordinator.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    for words in ("充足率", "補充できなかった理由", "候補者なし", "令和8年度", "北第一小学校"):
        assert words in page
    assert "Why days stayed unfilled" not in page
    # The same report read next in English names the school in English (it is remembered per language).
    english = coordinator.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert school.organization.name in english and "北第一小学校" not in english


def test_the_api_lists_each_absent_day_with_its_reason_and_offers_for_the_coordinator_only(published: Any) -> None:
    from kakehashi.web.api.tests.helpers import script

    north, south, _ = published
    alt, day, school = absent_day(north)
    substitute(north, "NZ01", school, km_north=1)
    offer = offer_send(program=north.program, date=day, absent=alt, now=morning(day, 7))
    offer_decline(candidate=offer.candidates.get(), now=morning(day, 7, 10))
    url = f"/api/covers/fill-days/?program={north.program.pk}&year=2026"
    [row] = script(north.users["coordinator"]).get(url).json()
    assert (row["date"], row["alt"], row["state"], row["reason"], row["offers_sent"]) == (
        day.isoformat(), alt.code, "unfilled", "declined", 1)
    assert row["schools"] == [school.code] and row["covered"] == 0 and row["lessons"] > 0
    assert script(south.users["coordinator"]).get(url).status_code in (400, 404)


def test_a_year_out_of_reach_shows_this_school_year_on_the_page_as_in_the_api(published: Any) -> None:
    from kakehashi.schoolyear import SchoolYear

    north, _, _ = published
    coordinator = signed_in(north.users["coordinator"])
    this_year = SchoolYear.of(timezone.localdate())
    for asked in ("99999", "1", "next"):
        response = coordinator.get(f"/leave/programs/{north.program.pk}/fill-rate/?year={asked}")
        assert response.status_code == 200
        assert f'href="?year={this_year + 1}"' in response.content.decode()  # "next year" from this one
