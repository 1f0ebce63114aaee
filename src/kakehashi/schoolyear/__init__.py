"""The Japanese school year, pure (no Django): terms, national holidays, school events with their
compensatory days, and the dated plan that turns a weekly timetable into the days it really happens."""

from kakehashi.schoolyear.calendar import DayKind, SchoolCalendar, SchoolDay
from kakehashi.schoolyear.events import EventKind, SchoolEvent
from kakehashi.schoolyear.year import SchoolYear, Term

__all__ = ["DayKind", "EventKind", "SchoolCalendar", "SchoolDay", "SchoolEvent", "SchoolYear", "Term"]
