"""The fill-rate report's two tables, shown on its page and downloaded as CSV or Excel through the lists'
export (core/tables.py): each school by month, and each absent ALT's day."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core import dates
from kakehashi.web.core.tables import NOWRAP, TEXT, WIDE_ONLY, DayColumn, ListTable, MomentColumn
from kakehashi.web.leave.fill_report import REPORT, AbsentDay, DayState, FillReport, Reason


def duration_words(hours: float | None) -> str:
    """A wait in the unit a coordinator thinks in: minutes, hours or days."""
    if hours is None:
        return "—"
    if hours < 1:
        return gettext("%(minutes)d min") % {"minutes": round(hours * 60)}
    if hours < 48:
        return gettext("%(hours).1f h") % {"hours": hours}
    return gettext("%(days).1f days") % {"days": hours / 24}


def share_words(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


class MonthColumn(tables.Column):
    """A month in words on the page (2026年12月, December 2026), as 2026-12 in a download."""

    def render(self, value: Any) -> str:
        return dates.month(value)

    def value(self, value: Any) -> str:
        return f"{value:%Y-%m}"


class ShareColumn(tables.Column):
    """A share as a percentage on the page, a fraction in a download (a spreadsheet computes with it)."""

    def render(self, value: Any) -> str:
        return share_words(value)

    def value(self, value: Any) -> Any:
        return None if value is None else round(value, 3)


class HoursColumn(tables.Column):
    """A wait in words on the page, in hours in a download."""

    def render(self, value: Any) -> str:
        return duration_words(value)

    def value(self, value: Any) -> Any:
        return None if value is None else round(value, 2)


class FillSchoolTable(ListTable):
    export_name = "fill-rate-schools"
    export_rows = "schools"

    month = MonthColumn(verbose_name=_("month"), attrs=NOWRAP)
    school = tables.Column(verbose_name=_("school"), attrs=TEXT)
    days = tables.Column(verbose_name=pgettext_lazy(REPORT, "absent ALT-days"))
    lessons = tables.Column(verbose_name=_("lessons to cover"))
    covered = tables.Column(verbose_name=_("covered"))
    rate = ShareColumn(verbose_name=_("fill rate"), default=None)
    not_filled = tables.Column(verbose_name=pgettext_lazy(REPORT, "days not filled"))
    median_hours = HoursColumn(verbose_name=_("report to filled (median)"), default=None, attrs=WIDE_ONLY)

    class Meta(ListTable.Meta):
        orderable = False  # one page, two tables: each keeps its own order (by month)
        empty_text = _("No absences this year.")


class FillDayTable(ListTable):
    export_name = "fill-rate-days"
    export_rows = "days"

    date = DayColumn(verbose_name=_("date"))
    alt = tables.Column(verbose_name=pgettext_lazy(REPORT, "absent ALT"), attrs=NOWRAP)
    schools = tables.Column(verbose_name=_("schools"), attrs=TEXT)
    lessons = tables.Column(verbose_name=_("lessons to cover"))
    covered = tables.Column(verbose_name=_("covered"))
    state = tables.Column(verbose_name=pgettext_lazy(REPORT, "filled?"), attrs=NOWRAP)
    reason = tables.Column(verbose_name=pgettext_lazy(REPORT, "why not"), default="")
    reported_at = MomentColumn(verbose_name=pgettext_lazy(REPORT, "reported"), default=None, attrs=WIDE_ONLY)
    filled_at = MomentColumn(verbose_name=pgettext_lazy(REPORT, "filled at"), default=None, attrs=WIDE_ONLY)
    hours = HoursColumn(verbose_name=_("report to filled"), default=None)
    offers_sent = tables.Column(verbose_name=pgettext_lazy(REPORT, "offers sent"), attrs=WIDE_ONLY)

    class Meta(ListTable.Meta):
        orderable = False
        empty_text = _("Every absent day so far was filled.")


def school_rows(report: FillReport) -> list[dict[str, Any]]:
    return [
        {"month": month, "school": name, "days": s.days, "lessons": s.lessons, "covered": s.covered, "rate": s.rate,
         "not_filled": s.partly + s.unfilled, "median_hours": s.median_hours}
        for month, _code, name, s in report.by_school()
    ]


def day_rows(report: FillReport, days: list[AbsentDay] | None = None) -> list[dict[str, Any]]:
    return [
        {"date": d.date, "alt": d.alt_name, "schools": ", ".join(report.school_names.get(s, s) for s in d.schools),
         "lessons": d.lessons, "covered": d.taught, "state": DayState(d.state).label,
         "reason": Reason(d.reason).label if d.reason else "", "reported_at": d.reported_at,
         "filled_at": d.filled_at, "hours": d.hours_to_fill, "offers_sent": d.offers_sent}
        for d in (report.days if days is None else days)
    ]
