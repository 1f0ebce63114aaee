"""School events: sports day, culture festival, test weeks, closures, shortened days; a Saturday or Sunday
event gives the school a compensatory weekday off (振替休業日), which moves when the event is rained out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum


class EventKind(StrEnum):
    SPORTS_DAY = "sports_day"  # 運動会・体育祭
    CULTURE_FESTIVAL = "culture_festival"  # 文化祭・学習発表会
    TEST = "test"  # 定期テスト: no ALT lessons
    CLOSURE = "closure"  # 臨時休業 and other days without school
    SHORTENED = "shortened"  # 短縮日課: school, with its own bells
    CEREMONY = "ceremony"  # 式典: school, but no lessons


# Which kinds are days without regular lessons (no ALT lesson can happen).
NO_LESSONS = {EventKind.SPORTS_DAY, EventKind.CULTURE_FESTIVAL, EventKind.TEST, EventKind.CLOSURE, EventKind.CEREMONY}


@dataclass(frozen=True)
class SchoolEvent:
    """An event at one school (or every school of a board when `school` is None) from `starts` to `ends`.

    `compensatory` is the weekday off given for a weekend event; leave it None to have it chosen (the next
    school day after the event) by `with_compensatory_day`. `bells` names the bell variant of a shortened
    day."""

    kind: EventKind
    name: str
    starts: dt.date
    ends: dt.date
    school: str | None = None
    compensatory: dt.date | None = None
    bells: str | None = None

    def __post_init__(self) -> None:
        if self.ends < self.starts:
            raise ValueError(
                f"event {self.name!r} ends ({self.ends}) before it starts ({self.starts}) / "
                "行事の終了日が開始日より前です"
            )

    def covers(self, day: dt.date) -> bool:
        return self.starts <= day <= self.ends

    @property
    def on_weekend(self) -> bool:
        return self.starts.weekday() >= 5 and self.starts == self.ends

    def rained_out(self, new_day: dt.date, is_school_day: Callable[[dt.date], bool]) -> SchoolEvent:
        """The event moved to `new_day` (rain): the compensatory day is chosen again after the new date."""
        moved = replace(self, starts=new_day, ends=new_day, compensatory=None)
        return with_compensatory_day(moved, is_school_day) if moved.on_weekend else moved


def with_compensatory_day(event: SchoolEvent, is_school_day: Callable[[dt.date], bool]) -> SchoolEvent:
    """A weekend event gets the first weekday after it that would have been a school day (usually Monday;
    Tuesday when Monday is a national holiday)."""
    if not event.on_weekend or event.compensatory is not None:
        return event
    day = event.ends + dt.timedelta(days=1)
    # A compensatory day is taken within weeks; past that (the year's end, a vacation) there is none to give.
    limit = event.ends + dt.timedelta(days=60)
    while day.weekday() >= 5 or not is_school_day(day):
        day += dt.timedelta(days=1)
        if day > limit:
            return event
    return replace(event, compensatory=day)
