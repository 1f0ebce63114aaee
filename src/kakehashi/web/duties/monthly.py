"""The monthly report to a school or a board of education (月次報告), as dispatch contracts ask for it: the ALT
visits and lessons planned (the dated plan: the published week laid on the month's dates), how many of those
visits an approved daily report confirms, the duties logged in approved daily reports, the absences and the
substitute cover. Labels are in the language active when the report is built and shown: the views build a
document in the language asked for (`?lang=ja`, else the reader's), so an office gets it in its own language."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.holidays import working_days
from kakehashi.schoolyear.plan import ON_LEAVE
from kakehashi.timetable.instance import format_clock
from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.core import dates
from kakehashi.web.duties.models import DailyReport, DutyEntry, DutyKind
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.leave.selectors import confirmed_covers
from kakehashi.web.organizations.models import Contract, Organization, Program
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.schools.models import School

KIND_LABELS: dict[str, Promise] = {
    DutyKind.LESSON: gettext_lazy("Lessons (as reported)"),
    DutyKind.PREPARATION: gettext_lazy("Preparing materials"),
    DutyKind.CLUBS: gettext_lazy("Clubs and homeroom activities"),
    DutyKind.SPEECH: gettext_lazy("Speech-contest coaching"),
    DutyKind.EXCHANGE: gettext_lazy("International exchange events"),
    DutyKind.TRAINING: gettext_lazy("Training"),
    DutyKind.MEETING: gettext_lazy("Meetings"),
    DutyKind.TRANSLATION: gettext_lazy("Translation"),
    DutyKind.INTERPRETATION: gettext_lazy("Interpretation"),
    DutyKind.SPORTS: gettext_lazy("Sports training sessions"),
    DutyKind.OTHER: gettext_lazy("Other duties"),
}
LEAVE_LABELS: dict[str, Promise] = {
    LeaveRequest.Kind.ANNUAL: gettext_lazy("Paid leave"),
    LeaveRequest.Kind.COMPENSATORY: gettext_lazy("Compensatory day"),
    LeaveRequest.Kind.SICK: gettext_lazy("Sick leave"),
    LeaveRequest.Kind.SPECIAL: gettext_lazy("Special leave"),
}


def parse_month(text: str | None, today: dt.date) -> dt.date:
    """`2026-11` → 2026-11-01; nothing → this month. A malformed month raises ValueError."""
    if not text:
        return today.replace(day=1)
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def month_end(first: dt.date) -> dt.date:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def month_label(first: dt.date) -> str:
    """2026年（令和8年）11月 — Japanese offices date documents in the imperial era — or November 2026."""
    if (get_language() or "").startswith("ja"):
        return f"{first.year}年（令和{first.year - 2018}年）{first.month}月"
    return dates.month(first)


def day_label(day: dt.date) -> str:
    return dates.day(day)


@dataclass(frozen=True)
class VisitLine:
    date: dt.date
    alt: str
    alt_name: str
    school: str
    substitute: bool
    lessons: int
    reported: bool = False  # the ALT's daily report of that date is approved: the visit is known to have happened


@dataclass(frozen=True)
class SchoolVisits:
    """A school's visits of the month on one line: the board's printed report lists schools, not every
    visit (a city's month is hundreds of visits, each one on the Excel sheet)."""

    school: str
    alts: str  # the ALTs who visited, by name
    days: str  # the days of the month visited: "2, 5, 9"
    visits: int
    lessons: int
    reported: int


@dataclass(frozen=True)
class LessonLine:
    date: dt.date
    period: str
    time: str
    school: str
    homeroom: str
    alt: str
    alt_name: str


@dataclass(frozen=True)
class DutyLine:
    date: dt.date
    participant: str
    name: str
    kind: str
    title: str
    school: str
    minutes: int
    words: int | None
    headcount: int | None


@dataclass(frozen=True)
class DutyTotal:
    kind: str
    label: str
    entries: int
    minutes: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


@dataclass(frozen=True)
class AbsenceLine:
    date: dt.date
    participant: str
    name: str
    kind: str
    schools: str  # the schools whose visit that day fell to the absence


@dataclass(frozen=True)
class CoverLine:
    date: dt.date
    school: str
    homeroom: str
    time: str
    absent: str
    substitute: str  # empty when no one could take the lesson


@dataclass(frozen=True)
class YearToDate:
    """A school's annual contracted ALT-days against the visits of the dated plan in force from the first day
    of the school year to the month's last day (the same count as the program page's "delivered"). The
    report calls them *planned*: a visit is only known to have happened from its approved daily report,
    which the summary counts on its own line."""

    school: str
    contracted: int
    delivered: int

    @property
    def remaining(self) -> int:
        return max(self.contracted - self.delivered, 0)


@dataclass
class Monthly:
    name: str
    name_ja: str
    scope: str  # "school" or "board"
    month: dt.date
    visits: list[VisitLine] = field(default_factory=list)
    lessons: list[LessonLine] = field(default_factory=list)
    duties: list[DutyLine] = field(default_factory=list)
    absences: list[AbsenceLine] = field(default_factory=list)
    covers: list[CoverLine] = field(default_factory=list)
    year: list[YearToDate] = field(default_factory=list)  # the schools with annual contracted days

    @property
    def ends(self) -> dt.date:
        return month_end(self.month)

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def visit_days(self) -> int:
        """Planned: the dated plan's visits, whether or not anyone has reported them yet."""
        return len(self.visits)

    @property
    def reported_days(self) -> int:
        return sum(1 for v in self.visits if v.reported)

    @property
    def duty_minutes(self) -> int:
        return sum(d.minutes for d in self.duties)

    @property
    def duty_hours(self) -> float:
        return round(self.duty_minutes / 60, 2)

    @property
    def duty_totals(self) -> list[DutyTotal]:
        entries: Counter[str] = Counter(d.kind for d in self.duties)
        minutes: Counter[str] = Counter()
        for line in self.duties:
            minutes[line.kind] += line.minutes
        return [DutyTotal(k, str(KIND_LABELS[k]), entries[k], minutes[k]) for k in DutyKind.values if entries[k]]

    @property
    def covered(self) -> int:
        return sum(1 for c in self.covers if c.substitute)

    @property
    def fill_rate(self) -> float | None:
        return self.covered / len(self.covers) if self.covers else None

    @property
    def display_name(self) -> str:
        """The school's or board's name in the language the report is read in."""
        return self.name_ja if self.name_ja and (get_language() or "").startswith("ja") else self.name

    def visits_by_school(self) -> list[SchoolVisits]:
        """The month's visits school by school, in the order of the schools' first visits' names."""
        by_school: dict[str, list[VisitLine]] = defaultdict(list)
        for visit in self.visits:
            by_school[visit.school].append(visit)
        return [
            SchoolVisits(
                school,
                ", ".join(dict.fromkeys(v.alt_name for v in visits)),
                ", ".join(str(day) for day in sorted({v.date.day for v in visits})),
                len(visits),
                sum(v.lessons for v in visits),
                sum(1 for v in visits if v.reported),
            )
            for school, visits in sorted(by_school.items())
        ]

    def summary(self) -> list[tuple[str, float | int | str]]:
        """The figures a contract asks for, each with its label (the Excel sheet's and PDF's first table)."""
        rate = "—" if self.fill_rate is None else f"{self.fill_rate:.0%}"
        return [
            (_("Visits planned (ALT-days)"), self.visit_days),
            (_("Visits with an approved daily report"), self.reported_days),
            (_("Lessons"), len(self.lessons)),
            (_("Duty hours (approved daily reports)"), self.duty_hours),
            (_("Absences (days)"), len(self.absences)),
            (_("Lessons to cover"), len(self.covers)),
            (_("Lessons covered by a substitute"), self.covered),
            (_("Fill rate"), rate),
        ]


def school_month(school: School, month: dt.date) -> Monthly:
    report = Monthly(school.name, school.name_ja, "school", month)
    _fill(report, [school], {school.organization_id})
    return report


def board_month(board: Organization, month: dt.date) -> Monthly:
    schools = list(School.objects.filter(organization__parent=board).select_related("organization"))
    report = Monthly(board.name, board.name_ja, "board", month)
    _fill(report, schools, {board.pk, *(s.organization_id for s in schools)})
    return report


def _serving(schools: list[School], organizations: set[int], first: dt.date, last: dt.date) -> list[Program]:
    """Programs with a contract for these schools in force some day of the month: with a school or its board."""
    parents = {s.organization.parent_id for s in schools if s.organization.parent_id}
    contracts = Contract.objects.overlapping(first, last).filter(organization_id__in=organizations | parents)
    return list(Program.objects.filter(contracts__in=contracts).distinct())


def _placed(organizations: set[int], first: dt.date, last: dt.date) -> set[int]:
    """Participants placed at these organizations at some time in the month."""
    rows = Placement.objects.filter(organization_id__in=organizations, starts__lte=last).filter(
        Q(ends__isnull=True) | Q(ends__gte=first)
    )
    return set(rows.values_list("participant_id", flat=True))


def _fill(report: Monthly, schools: list[School], organizations: set[int]) -> None:
    first, last = report.month, report.ends
    names = {s.code: s.display_name for s in schools}
    lost: dict[tuple[dt.date, str], list[str]] = defaultdict(list)  # (date, ALT) → schools missed for leave
    cover_rows = []
    for program in _serving(schools, organizations, first, last):
        plan = program_dated_plan(program, starts=first, ends=last)
        if plan is not None:
            visits = [v for v in plan.visits if v.school in names]
            lessons = [x for x in plan.lessons if x.school in names]
            per_visit = Counter((x.date, x.alt, x.school) for x in lessons)
            people = _names({v.alt for v in visits} | {x.alt for x in lessons})
            reported = _reported({v.alt for v in visits}, first, last)
            report.visits += [
                VisitLine(
                    v.date,
                    v.alt,
                    people.get(v.alt, v.alt),
                    names[v.school],
                    v.substitute,
                    per_visit[v.date, v.alt, v.school],
                    (v.alt, v.date) in reported,
                )
                for v in visits
            ]
            report.lessons += [
                LessonLine(
                    x.date,
                    x.period,
                    f"{format_clock(x.start)}–{format_clock(x.end)}",
                    names[x.school],
                    x.homeroom,
                    x.alt,
                    people.get(x.alt, x.alt),
                )
                for x in lessons
            ]
            for skipped in plan.skipped:
                if skipped.reason == ON_LEAVE and skipped.school in names:
                    lost[skipped.date, skipped.alt].append(names[skipped.school])
        for cover in confirmed_covers(program, first, last).values():
            cover_rows += [(cover.date, row) for row in cover.needed if row["school"] in names]
        report.year += _year_to_date(program, schools, names, last)
    report.covers = [
        CoverLine(
            day,
            names[row["school"]],
            row["homeroom"],
            f"{row['start']}–{row['end']}",
            row.get("alt_name") or row["alt"],
            (row.get("substitute_name") or row["substitute"]) if row["substitute"] else "",
        )
        for day, row in cover_rows
    ]
    placed = _placed(organizations, first, last)
    report.absences = _absences(lost, placed, first, last)
    report.duties = _duties({s.pk for s in schools}, placed, first, last)
    report.visits.sort(key=lambda v: (v.date, v.school, v.alt))
    report.lessons.sort(key=lambda x: (x.date, x.school, x.time, x.homeroom))
    report.covers.sort(key=lambda c: (c.date, c.school, c.time))
    report.year.sort(key=lambda y: y.school)


def _year_to_date(program: Program, schools: list[School], names: dict[str, str], last: dt.date) -> list[YearToDate]:
    """The program's visits to these schools with annual days, from the school year's first day to `last`. The
    plan is laid again from April: a rotation's week of a date is counted from the program's week A, so the
    month's own plan cannot be stretched backwards by multiplying."""
    contracted = {s.code: int(s.annual_visit_days) for s in schools if s.annual_visit_days is not None}
    if not contracted:
        return []
    plan = program_dated_plan(program, starts=SchoolYear(SchoolYear.of(last)).starts, ends=last)
    if plan is None:
        return []
    delivered = Counter(v.school for v in plan.visits if v.school in contracted)
    return [YearToDate(names[code], days, delivered[code]) for code, days in contracted.items()]


def _names(codes: Iterable[str]) -> dict[str, str]:
    return dict(Participant.objects.filter(code__in=list(codes)).values_list("code", "name"))


def _reported(codes: set[str], first: dt.date, last: dt.date) -> set[tuple[str, dt.date]]:
    """(ALT, date) of the month's approved daily reports."""
    rows = DailyReport.objects.filter(
        participant__code__in=codes, status=DailyReport.Status.APPROVED, date__gte=first, date__lte=last
    )
    return set(rows.values_list("participant__code", "date"))


def _absences(
    lost: dict[tuple[dt.date, str], list[str]], placed: set[int], first: dt.date, last: dt.date
) -> list[AbsenceLine]:
    """A day of leave counts when it cost one of these schools its ALT visit, or when the participant is placed
    here (a board counts its own ALTs' leave even on a day without a visit)."""
    codes = {alt for _day, alt in lost}
    requests = LeaveRequest.objects.filter(
        Q(participant__code__in=codes) | Q(participant_id__in=placed),
        status__in=LeaveRequest.AWAY,
        starts__lte=last,
        ends__gte=first,
    ).select_related("participant")
    lines = []
    for request in requests:
        person = request.participant
        starts, ends = max(request.starts, first), min(request.ends, last)
        days = set(working_days(starts, ends)) | {d for d, alt in lost if alt == person.code and starts <= d <= ends}
        for day in sorted(days):
            schools = lost.get((day, person.code), [])
            if schools or person.pk in placed:
                kind = str(LEAVE_LABELS.get(request.kind, request.kind))
                lines.append(AbsenceLine(day, person.code, person.name, kind, ", ".join(sorted(schools))))
    return sorted(lines, key=lambda a: (a.date, a.participant))


def _duties(schools: set[int], placed: set[int], first: dt.date, last: dt.date) -> list[DutyLine]:
    """Duties of approved reports done at these schools, and those of participants placed here that were not
    done at any school (a training day, a CIR's translation)."""
    entries = (
        DutyEntry.objects.filter(
            report__status=DailyReport.Status.APPROVED, report__date__gte=first, report__date__lte=last
        )
        .filter(Q(school_id__in=schools) | Q(school__isnull=True, report__participant_id__in=placed))
        .select_related("report__participant", "school__organization")
        .order_by("report__date", "report__participant__code", "id")
    )
    return [
        DutyLine(
            e.report.date,
            e.report.participant.code,
            e.report.participant.name,
            e.kind,
            e.title,
            e.school.display_name if e.school else "",
            e.minutes,
            e.words,
            e.headcount,
        )
        for e in entries
    ]
