"""The monthly report of a school or a board on a page, and as Excel and A4 PDF downloads (`?month=2026-11`).
A school's report is for its staff, its board's supervisors and the coordinators of the programs serving it;
a board's for its supervisors and those coordinators (permissions.py).

A document goes to an office, so it is written in one language: `?lang=ja` or `?lang=en`, else the reader's
(there is no organization language setting); the page offers the other one for the downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation

from kakehashi.web.duties.exports import XLSX, monthly_excel, monthly_filename, monthly_pdf
from kakehashi.web.duties.monthly import Monthly, board_month, month_end, parse_month, school_month
from kakehashi.web.duties.permissions import report_boards, report_schools
from kakehashi.web.duties.sections import by_week
from kakehashi.web.organizations.models import Organization
from kakehashi.web.schools.models import School


def _month(request: HttpRequest) -> dt.date:
    try:
        return parse_month(request.GET.get("month"), timezone.localdate())
    except ValueError as error:
        raise Http404 from error


def _language(request: HttpRequest) -> str:
    """The language the report is written in: the one asked for, else the reader's."""
    asked = request.GET.get("lang", "")
    return asked if asked in dict(settings.LANGUAGES) else translation.get_language() or settings.LANGUAGE_CODE


def _download(request: HttpRequest, build: Callable[[], Monthly], code: str, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    with translation.override(_language(request)):
        return _file(build(), code, fmt)


def _file(report: Monthly, code: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(monthly_excel(report), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{monthly_filename(report, code, "xlsx")}"'
        return response
    if fmt == "pdf":
        response = HttpResponse(monthly_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{monthly_filename(report, code, "pdf")}"'
        return response
    raise Http404


def _page(request: HttpRequest, report: Monthly, url: str, key: str | int) -> HttpResponse:
    """The month's page at `url` (the school's or the board's, by `key`), with its files beside it."""
    files = [reverse(f"duties:{url}-file", args=[key, fmt]) for fmt in ("xlsx", "pdf")]
    page = reverse(f"duties:{url}", args=[key])
    reader = translation.get_language() or settings.LANGUAGE_CODE
    other = next(code for code, _name in settings.LANGUAGES if code != reader[:2])
    previous = (report.month - dt.timedelta(days=1)).replace(day=1)
    following = month_end(report.month) + dt.timedelta(days=1)
    return render(
        request,
        "duties/monthly.html",
        {
            "report": report,
            "page": page,
            "xlsx": files[0],
            "pdf": files[1],
            "month": f"{report.month:%Y-%m}",
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "other_language": other,
            "visit_weeks": by_week(report.visits, lambda v: v.reported),
            "cover_weeks": by_week(report.covers, lambda c: bool(c.substitute)),
        },
    )


def _school(request: HttpRequest, code: str) -> School:
    school: School = get_object_or_404(report_schools(request.user), code=code)
    return school


def _board(request: HttpRequest, pk: int) -> Organization:
    board: Organization = get_object_or_404(report_boards(request.user), pk=pk)
    return board


@login_required
def school_monthly(request: HttpRequest, code: str) -> HttpResponse:
    school = _school(request, code)
    return _page(request, school_month(school, _month(request)), "school-monthly", school.code)


@login_required
def school_monthly_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    school = _school(request, code)
    month = _month(request)
    return _download(request, lambda: school_month(school, month), school.code, fmt)


@login_required
def board_monthly(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, pk)
    return _page(request, board_month(board, _month(request)), "board-monthly", board.pk)


@login_required
def board_monthly_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    board = _board(request, pk)
    month = _month(request)
    return _download(request, lambda: board_month(board, month), f"board-{board.pk}", fmt)
