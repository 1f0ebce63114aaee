"""The figures a program publishes about itself, and the operational ones, computed from the database for
the participants a user may see. Every figure is a plain number here; the page draws it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean

from django.db.models import QuerySet

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.leave.reports import fill_rates
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.timetables.door import rotation_days, version_cycle_solution, version_cycle_weeks, version_instance
from kakehashi.web.timetables.selectors import program_schools, published_version

CLASSES_TARGET = (20, 25)  # classes a week an ALT is meant to teach


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.total if self.total else 0.0


@dataclass
class Figures:
    participants: int = 0
    by_kind: list[Share] = field(default_factory=list)
    by_gender: list[Share] = field(default_factory=list)
    by_region: list[Share] = field(default_factory=list)
    by_citizenship: list[Share] = field(default_factory=list)
    average_age: float | None = None
    average_service_years: float | None = None
    longest_service_years: float | None = None
    multi_level: int = 0  # ALTs visiting schools of two or more levels in the published week
    alts_with_week: int = 0
    classes_below: int = 0
    classes_within: int = 0
    classes_above: int = 0
    # A week, on average over a rotation's weeks (a whole number for a program of one week).
    visit_days_contracted: float = 0  # at least, over the program's schools
    visit_days_delivered: float = 0  # in the published timetable
    lessons_to_cover: int = 0
    lessons_covered: int = 0

    @property
    def fill_rate(self) -> float | None:
        return self.lessons_covered / self.lessons_to_cover if self.lessons_to_cover else None


def _shares(values: list[str], labels: dict[str, str] | None = None) -> list[Share]:
    counts = Counter(values)
    total = len(values)
    return [Share((labels or {}).get(key, key) or "—", n, total) for key, n in counts.most_common()]


def _years(since: dt.date, today: dt.date) -> float:
    return (today - since).days / 365.25


def service_years(person: Participant, today: dt.date) -> float | None:
    """Length of service: time since the start date, plus earlier years stated when applying."""
    if person.start_date is None:
        return None
    return max(0.0, _years(person.start_date, today)) + person.earlier_years


def workforce_figures(people: QuerySet[Participant], program: Program | None, today: dt.date) -> Figures:
    rows = list(people.select_related("application"))
    figures = Figures(participants=len(rows))
    figures.by_kind = _shares([p.kind for p in rows], {k: str(v) for k, v in Participant.Kind.choices})
    figures.by_gender = _shares([p.gender for p in rows], {k: str(v) for k, v in Participant.Gender.choices})
    figures.by_region = _shares([p.origin_region for p in rows])
    figures.by_citizenship = _shares([p.citizenship for p in rows])
    ages = [_years(p.birth_date, today) for p in rows if p.birth_date]
    figures.average_age = fmean(ages) if ages else None
    service = [y for y in (service_years(p, today) for p in rows) if y is not None]
    figures.average_service_years = fmean(service) if service else None
    figures.longest_service_years = max(service) if service else None
    if program is not None:
        _operational(figures, program, {p.pk for p in rows}, today)
    return figures


def _operational(figures: Figures, program: Program, visible: set[int], today: dt.date) -> None:
    """Classes a week against the 20-25 target and visit days against contracts (published week), and the
    fill rate of absences so far this school year. A rotation counts all its weeks, as averages a week: an
    ALT's classes, the visit days delivered and contracted (its schools' days over the rotation)."""
    version = published_version(program)
    if version is not None:
        week, timetable = version_instance(version), version_cycle_solution(version)
        weeks = version_cycle_weeks(version)
        seen = set(program.participants.filter(pk__in=visible).values_list("code", flat=True))
        levels: dict[str, set[str]] = {}
        for visit in timetable.visits:
            if visit.alt in seen:
                levels.setdefault(visit.alt, set()).add(week.school_by_id[visit.school].level)
        figures.multi_level = sum(1 for found in levels.values() if len(found) >= 2)
        classes = Counter(a.alt for a in timetable.lessons if a.alt in seen)
        alts = set(
            program.participants.filter(kind=Participant.Kind.ALT, pk__in=visible).values_list("code", flat=True)
        )
        figures.alts_with_week = len(alts)
        low, high = CLASSES_TARGET
        figures.classes_below = sum(1 for p in alts if classes[p] / weeks < low)
        figures.classes_above = sum(1 for p in alts if classes[p] / weeks > high)
        figures.classes_within = len(alts) - figures.classes_below - figures.classes_above
        figures.visit_days_delivered = len(timetable.visits) / weeks
        contracted = sum(rotation_days(s, weeks)[0] for s in program_schools(program))
        figures.visit_days_contracted = contracted / weeks
    rates = fill_rates(program, SchoolYear.of(today), until=today)
    figures.lessons_to_cover = sum(r.needed for r in rates)
    figures.lessons_covered = sum(r.covered for r in rates)
