"""The demo's 2026 school year (令和8年度): Takasaki-style events, shortened bells, paid leave and a weekend
duty owed a compensatory day. Dates are typical of Gunma's public schools; the national holidays come from
the `holidays` package, not from here."""

from __future__ import annotations

import datetime as dt

from kakehashi.timetable.instance import clock_time
from kakehashi.web.calendars.models import Event
from kakehashi.web.leave.models import LeaveEntitlement, WeekendWork
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.schools.models import SHORTENED_BELLS, BellPeriod, School

D = dt.date
# (name, English name, kind, first day, last day): every school of the board.
BOARD_EVENTS = [
    ("始業式・入学式", "Opening and entrance ceremonies", "ceremony", D(2026, 4, 6), D(2026, 4, 7)),
    ("終業式", "End-of-term ceremony", "ceremony", D(2026, 7, 20), D(2026, 7, 20)),
    ("始業式", "Opening ceremony", "ceremony", D(2026, 8, 27), D(2026, 8, 27)),
    ("短縮日課", "Shortened day (parent interviews)", "shortened", D(2026, 7, 15), D(2026, 7, 17)),
    ("終業式", "End-of-term ceremony", "ceremony", D(2026, 12, 24), D(2026, 12, 24)),
    ("卒業式", "Graduation", "ceremony", D(2027, 3, 17), D(2027, 3, 17)),
]
ELEMENTARY_EVENTS = [
    ("運動会", "Sports day", "sports_day", D(2026, 5, 23), D(2026, 5, 23)),  # a Saturday: 振替 Monday 5/25
    ("学習発表会", "Learning presentation", "culture_festival", D(2026, 11, 7), D(2026, 11, 7)),  # Saturday
]
JUNIOR_HIGH_EVENTS = [
    ("中間テスト", "Mid-term tests", "test", D(2026, 5, 27), D(2026, 5, 28)),
    ("期末テスト", "End-of-term tests", "test", D(2026, 6, 30), D(2026, 7, 2)),
    ("体育祭", "Sports festival", "sports_day", D(2026, 9, 26), D(2026, 9, 26)),  # a Saturday: 振替 Monday 9/28
    ("合唱祭", "Choir festival", "culture_festival", D(2026, 10, 24), D(2026, 10, 24)),  # Saturday
    ("中間テスト", "Mid-term tests", "test", D(2026, 10, 14), D(2026, 10, 15)),
    ("期末テスト", "End-of-term tests", "test", D(2026, 11, 26), D(2026, 11, 27)),
    ("学年末テスト", "Year-end tests", "test", D(2027, 2, 24), D(2027, 2, 26)),
]
# A shortened day's bells: four 40-minute periods in the morning (45 for junior high).
SHORT_START, SHORT_GAP = 8 * 60 + 45, 10


def load_school_year(program: Program, board: Organization) -> None:
    if Event.objects.filter(board=board).exists():
        return
    for name, name_en, kind, starts, ends in BOARD_EVENTS:
        Event.objects.create(board=board, kind=kind, name=name, name_en=name_en, starts=starts, ends=ends)
    for school in School.objects.filter(organization__parent=board):
        events = ELEMENTARY_EVENTS if school.level == School.Level.ELEMENTARY else JUNIOR_HIGH_EVENTS
        for name, name_en, kind, starts, ends in events:
            Event.objects.create(school=school, kind=kind, name=name, name_en=name_en, starts=starts, ends=ends)
        length = 40 if school.level == School.Level.ELEMENTARY else 45
        for index in range(4):
            start = SHORT_START + index * (length + SHORT_GAP)
            BellPeriod.objects.get_or_create(
                school=school,
                variant=SHORTENED_BELLS,
                period=str(index + 1),
                defaults={"start": clock_time(start), "end": clock_time(start + length)},
            )
    for person in program.participants.all():
        LeaveEntitlement.objects.get_or_create(participant=person, year=2026, defaults={"days": 10})
    first = program.participants.order_by("code").first()
    if first is not None:
        WeekendWork.objects.create(participant=first, date=D(2026, 11, 28), description="Speech contest judge")
