"""The fill-rate report for the coordinator: each absent ALT's day — how many of its lessons someone else
taught, whether it was filled, and if not why (no candidate, declined, too late) — and the time from the
report to filled, summed by month, by school and month, and by reason.

Read from the absences (approved leave and reported absences), the confirmed covers and the offers of
ADR 0013: an offer that closed unfilled gives its reason; a day whose confirmed cover still left lessons
without an ALT had no candidate for them; a past day nobody confirmed anything for was handled too late.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.plan import dated_plan
from kakehashi.web.calendars.selectors import school_calendars
from kakehashi.web.core.memo import until_next_change
from kakehashi.web.leave.models import Cover, LeaveRequest
from kakehashi.web.leave.offer_models import CoverOffer, OfferCandidate
from kakehashi.web.leave.selectors import away_requests, program_changes
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.door import version_instance, version_solution
from kakehashi.web.timetables.selectors import program_schools, published_version

# Short words that other pages use in other senses get their own context in the translations.
REPORT = "fill-rate report"


class DayState(models.TextChoices):
    FILLED = "filled", pgettext_lazy(REPORT, "filled")
    PARTLY = "partly", pgettext_lazy(REPORT, "partly filled")
    UNFILLED = "unfilled", pgettext_lazy(REPORT, "not filled")
    OPEN = "open", pgettext_lazy(REPORT, "still open")  # a day yet to come, not filled so far


class Reason(models.TextChoices):
    """Why a day stayed (partly) without an ALT."""

    NO_CANDIDATE = "no_candidate", pgettext_lazy(REPORT, "no candidate")
    DECLINED = "declined", pgettext_lazy(REPORT, "everyone declined")
    TOO_LATE = "too_late", pgettext_lazy(REPORT, "too late")


@dataclass
class AbsentDay:
    """One absent ALT on one date with lessons planned."""

    alt: str
    alt_name: str
    date: dt.date
    schools: list[str] = field(default_factory=list)  # codes, in the order of the day's lessons
    needed: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # school → lessons planned
    covered: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # school → taught by someone else
    reported_at: dt.datetime | None = None
    filled_at: dt.datetime | None = None
    state: str = DayState.OPEN
    reason: str = ""  # a Reason when the day is partly or not filled
    offers_sent: int = 0

    @property
    def lessons(self) -> int:
        return sum(self.needed.values())

    @property
    def taught(self) -> int:
        return sum(self.covered.values())

    @property
    def hours_to_fill(self) -> float | None:
        if self.filled_at is None or self.reported_at is None:
            return None
        return max(0.0, (self.filled_at - self.reported_at).total_seconds() / 3600)


@dataclass
class Summary:
    """A group of absent days: a month, a school in a month, or a reason."""

    days: int = 0
    filled: int = 0
    partly: int = 0
    unfilled: int = 0
    open: int = 0
    lessons: int = 0
    covered: int = 0
    offers_sent: int = 0
    hours: list[float] = field(default_factory=list)

    def add(self, day: AbsentDay, lessons: int, covered: int) -> None:
        self.days += 1
        setattr(self, day.state, getattr(self, day.state) + 1)
        self.lessons += lessons
        self.covered += covered
        self.offers_sent += day.offers_sent
        if day.state == DayState.FILLED and day.hours_to_fill is not None:
            self.hours.append(day.hours_to_fill)

    @property
    def rate(self) -> float | None:
        return self.covered / self.lessons if self.lessons else None

    @property
    def median_hours(self) -> float | None:
        return statistics.median(self.hours) if self.hours else None

    @property
    def offers_per_filled_day(self) -> float | None:
        return self.offers_sent / self.filled if self.filled else None


@dataclass
class FillReport:
    year: SchoolYear
    days: list[AbsentDay]
    school_names: dict[str, str]

    def whole_year(self) -> Summary:
        total = Summary()
        for day in self.days:
            total.add(day, day.lessons, day.taught)
        return total

    def by_month(self) -> list[tuple[dt.date, Summary]]:
        months: dict[dt.date, Summary] = defaultdict(Summary)
        for day in self.days:
            months[day.date.replace(day=1)].add(day, day.lessons, day.taught)
        return sorted(months.items())

    def by_school(self) -> list[tuple[dt.date, str, str, Summary]]:
        """(month, school code, school name, summary), a day counted at each school it had lessons at."""
        rows: dict[tuple[dt.date, str], Summary] = defaultdict(Summary)
        for day in self.days:
            for school in day.schools:
                rows[(day.date.replace(day=1), school)].add(day, day.needed[school], day.covered[school])
        return [(month, school, self.school_names.get(school, school), rows[(month, school)])
                for month, school in sorted(rows, key=lambda k: (k[0], self.school_names.get(k[1], k[1])))]

    def by_reason(self) -> list[tuple[str, str, Summary]]:
        """(reason, its words, summary) for every reason, in the order a coordinator reads them."""
        rows: dict[str, Summary] = {reason.value: Summary() for reason in Reason}
        for day in self.days:
            if day.reason:
                rows[day.reason].add(day, day.lessons - day.taught, 0)
        return [(reason.value, str(reason.label), rows[reason.value]) for reason in Reason]


def named_year(text: str | None) -> int:
    """The school year a report is asked for (`?year=2026`, on the page and in the API): this one unless a
    plausible one is named (a year out of the calendar's reach would have no dates at all)."""
    named = int(text) if text and text.isdigit() and 2000 <= int(text) <= 2100 else None
    return named or SchoolYear.of(timezone.localdate())


def remembered_fill_report(program: Program, year: int) -> FillReport:
    """The report as of today. A year of dates laid out twice: remembered until the next change (an absence, a
    cover, an offer), for each day (what is still open) and language (the schools' names)."""
    today = timezone.localdate()
    return until_next_change(
        f"fill-report:{program.pk}:{year}:{today}:{get_language()}", lambda: fill_report(program, year, today=today)
    )


def fill_report(program: Program, year: int, *, today: dt.date, until: dt.date | None = None) -> FillReport:
    """Every absent ALT-day of the school year with lessons planned, from April to `until` (or March)."""
    school_year = SchoolYear(year)
    version = published_version(program)
    if version is None:
        return FillReport(school_year, [], {})
    starts, ends = school_year.starts, min(until or school_year.ends, school_year.ends)
    requests = list(away_requests(program, starts, ends))
    if not requests:
        return FillReport(school_year, [], {})
    away: dict[dt.date, dict[str, LeaveRequest]] = defaultdict(dict)
    for request in requests:
        day = max(request.starts, starts)
        while day <= min(request.ends, ends):
            away[day][request.participant.code] = request
            day += dt.timedelta(days=1)
    schools = list(program_schools(program).select_related("organization").prefetch_related("bells"))
    calendars = school_calendars(schools, year)
    names = {s.code: s.organization.display_name for s in schools}
    people = dict(Participant.objects.filter(program=program).values_list("code", "name"))
    instance, solution = version_instance(version), version_solution(version)
    changes = program_changes(program, starts, ends)
    away_codes = {date: set(alts) for date, alts in away.items()}
    days: dict[tuple[str, dt.date], AbsentDay] = {}
    for date, alts in sorted(away.items()):
        planned = dated_plan(instance, solution, calendars, starts=date, ends=date)
        actual = dated_plan(instance, solution, calendars, starts=date, ends=date, away=away_codes, changes=changes)
        taught = {x.lesson for x in actual.lessons}
        for lesson in planned.lessons:
            if lesson.alt not in alts:
                continue
            name = people.get(lesson.alt, lesson.alt)
            absent = days.setdefault((lesson.alt, date), AbsentDay(lesson.alt, name, date))
            if lesson.school not in absent.schools:
                absent.schools.append(lesson.school)
            absent.needed[lesson.school] += 1
            absent.covered[lesson.school] += lesson.lesson in taught
    _add_times_and_reasons(program, days, away, starts, ends, today)
    return FillReport(school_year, sorted(days.values(), key=lambda d: (d.date, d.alt_name)), names)


def _add_times_and_reasons(program: Program, days: dict[tuple[str, dt.date], AbsentDay],
                           away: dict[dt.date, dict[str, LeaveRequest]], starts: dt.date, ends: dt.date,
                           today: dt.date) -> None:
    """When each day was reported and filled, and why a day not filled was not."""
    # The first confirmation that took each absent ALT's day in hand (a later one may supersede it).
    confirmed: dict[tuple[str, dt.date], dt.datetime] = {}
    covers = Cover.objects.filter(program=program, date__gte=starts, date__lte=ends, confirmed_at__isnull=False)
    for cover in covers.order_by("confirmed_at", "id"):
        for alt in cover.absent:
            if cover.confirmed_at is not None:
                confirmed.setdefault((alt, cover.date), cover.confirmed_at)
    offers: dict[tuple[str, dt.date], list[CoverOffer]] = defaultdict(list)
    for offer in _offers(program, starts, ends):
        offers[(offer.absent.code, offer.date)].append(offer)
    sent = _offers_sent(program, starts, ends)
    for key, day in days.items():
        request = away[day.date][day.alt]
        its_offers = offers.get(key, [])
        # When it was known: the offer's record of it, else the report on the day, the approval or the request.
        day.reported_at = min((o.reported_at for o in its_offers), default=None) or (
            request.reported_at or request.decided_at or request.created_at
        )
        day.offers_sent = sum(sent.get(o.pk, 0) for o in its_offers)
        times = [t for t in [confirmed.get(key)] + [o.filled_at for o in its_offers if o.filled_at] if t]
        if day.lessons and day.taught == day.lessons:
            day.state = DayState.FILLED
            day.filled_at = max(times) if times else None
            continue
        if day.date >= today and not any(o.status == CoverOffer.Status.UNFILLED for o in its_offers):
            day.state = DayState.OPEN
            continue
        day.state = DayState.PARTLY if day.taught else DayState.UNFILLED
        day.reason = _reason(its_offers, key in confirmed)


def _reason(offers: list[CoverOffer], cover_confirmed: bool) -> str:
    """The last offer's word when it closed unfilled; else nobody was found by a confirmed cover; else nothing
    was confirmed before the day."""
    closed = [o for o in offers if o.status == CoverOffer.Status.UNFILLED and o.unfilled_reason]
    if closed:
        return max(closed, key=lambda o: (o.closed_at or o.created_at, o.pk)).unfilled_reason
    if any(o.status == CoverOffer.Status.OPEN for o in offers):
        return Reason.TOO_LATE  # still waiting for answers when the day came
    return Reason.NO_CANDIDATE if cover_confirmed else Reason.TOO_LATE


def _offers(program: Program, starts: dt.date, ends: dt.date) -> Iterable[CoverOffer]:
    return (CoverOffer.objects.filter(program=program, date__gte=starts, date__lte=ends)
            .exclude(status=CoverOffer.Status.WITHDRAWN).select_related("absent"))


def _offers_sent(program: Program, starts: dt.date, ends: dt.date) -> dict[int, int]:
    """Offer → how many people were asked."""
    asked = OfferCandidate.objects.filter(offer__program=program, offer__date__gte=starts, offer__date__lte=ends,
                                          sent_at__isnull=False)
    return {row["offer"]: row["n"] for row in asked.values("offer").annotate(n=models.Count("id"))}
