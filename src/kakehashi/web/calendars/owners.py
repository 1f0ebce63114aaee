"""Whose events a page or an import is about: one school, or one board (every school of it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.calendars.models import Event
from kakehashi.web.organizations.models import Organization
from kakehashi.web.schools.models import School


@dataclass(frozen=True)
class Owner:
    school: School | None = None
    board: Organization | None = None

    @staticmethod
    def of(event: Event) -> Owner:
        return Owner(school=event.school) if event.school_id is not None else Owner(board=event.board)

    @property
    def subject(self) -> School | Organization:
        """What the page's heading names."""
        subject = self.school or self.board
        assert subject is not None, "an owner is a school or a board"
        return subject

    @property
    def school_code(self) -> str | None:
        return self.school.code if self.school is not None else None

    def new_event(self) -> Event:
        return Event(school=self.school, board=self.board)

    def own_events(self) -> QuerySet[Event]:
        """The events this owner holds (what an import replaces)."""
        if self.school is not None:
            return Event.objects.filter(school=self.school)
        return Event.objects.filter(board=self.board)

    def applying_events(self) -> QuerySet[Event]:
        """Every event on this owner's calendar: a school's own and its board's."""
        if self.school is None:
            return self.own_events()
        return Event.objects.filter(Q(school=self.school) | Q(board_id=self.school.organization.parent_id))

    @staticmethod
    def in_year(events: QuerySet[Event], year: int) -> QuerySet[Event]:
        """Events that touch the school year (April to March), including one that crosses its edge."""
        span = SchoolYear(year)
        return events.filter(starts__lte=span.ends, ends__gte=span.starts)

    def _url(self, name: str) -> str:
        if self.school is not None:
            return reverse(f"calendars:school_{name}", args=[self.school.code])
        assert self.board is not None
        return reverse(f"calendars:board_{name}", args=[self.board.pk])

    def list_url(self, year: int | None = None) -> str:
        return self._url("events") + (f"?year={year}" if year is not None else "")

    def new_url(self) -> str:
        return self._url("event_new")

    def import_url(self) -> str:
        return self._url("event_import")

    def confirm_url(self) -> str:
        return self._url("event_import_confirm")
