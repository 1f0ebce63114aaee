"""Why a school's annual contract cannot be met: the dates its visits were lost and what stands in the way
of each (no other lesson day that week, every ALT who may teach there busy, unavailable or at their days)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kakehashi.schoolyear.plan import DatedVisit, SkippedVisit
from kakehashi.schoolyear.yearplan.balance import schools_each_week
from kakehashi.schoolyear.yearplan.candidates import Openings
from kakehashi.schoolyear.yearplan.contracts import AnnualContracts
from kakehashi.schoolyear.yearplan.lay import week_monday
from kakehashi.timetable.instance import ALL_DAYS

# A short school's report names at most this many lost dates, and this many ALTs for each other day.
DATES_SHOWN = 5
ALTS_SHOWN = 4
FREE = "is free, but no move was found in the time given"


class Obstacles:
    def __init__(self, visits_after: list[DatedVisit], contracts: AnnualContracts, openings: Openings) -> None:
        self.openings = openings
        self.contracts = contracts
        self.where: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
        days: dict[str, set[dt.date]] = defaultdict(set)
        for visit in visits_after:
            self.where[(visit.alt, visit.date)].append(visit.school)
            days[visit.alt].add(visit.date)
        self.alt_days = {alt: len(dates) for alt, dates in days.items()}
        self.weekly = schools_each_week(visits_after)

    def of(self, school: str, before: int, lost: int, unplaced: list[SkippedVisit]) -> tuple[str, ...]:
        contracted = self.contracts.schools[school]
        sentences = []
        if before + lost < contracted:
            sentences.append(
                f"the cycle gives {school} {before} ALT-days on the year's lesson days and {lost} more that "
                f"holidays and events take: {before + lost} at most, below its contract of {contracted} "
                f"(its visit_days per cycle are too few for the contract)")
        for visit in unplaced[:DATES_SHOWN]:
            sentences.append(f"{visit.date} ({visit.reason}): {self._in_the_way(visit)}")
        if len(unplaced) > DATES_SHOWN:
            sentences.append(f"and {len(unplaced) - DATES_SHOWN} more lost date(s) like these")
        return tuple(sentences)

    def _week_full(self, alt: str, school: str, day: dt.date, limit: int) -> bool:
        schools = self.weekly.get((alt, week_monday(day)), set())
        return school not in schools and len(schools) >= limit

    def _in_the_way(self, lost: SkippedVisit) -> str:
        days = [d for d in self.openings.lesson_days_in_week(lost.school, lost.date) if d != lost.date]
        if not days:
            return "the school has no other lesson day that week"
        alts = self.openings.alts_of[lost.school]
        if not alts:
            return "no ALT may teach at the school (levels, school lists, forbidden pairs, commute)"
        parts = []
        for day in days:
            reasons = []
            for alt in alts:
                limit = self.contracts.alts.get(alt.id)
                if not self.openings.works_on(alt, day):
                    reasons.append(f"{alt.id} does not work on {ALL_DAYS[day.weekday()]}")
                elif (at := self.where.get((alt.id, day))):
                    reasons.append(f"{alt.id} is at {', '.join(at)}")
                elif limit is not None and self.alt_days.get(alt.id, 0) >= limit:
                    reasons.append(f"{alt.id} has reached their {limit} days")
                elif self._week_full(alt.id, lost.school, day, alt.max_schools_per_week):
                    reasons.append(f"{alt.id} already visits {alt.max_schools_per_week} schools that week "
                                   f"(max_schools_per_week)")
                else:
                    reasons.append(f"{alt.id} {FREE}")
            reasons.sort(key=lambda reason: not reason.endswith(FREE))  # a free ALT is news: first
            rest = len(reasons) - ALTS_SHOWN
            shown = "; ".join(reasons[:ALTS_SHOWN]) + (f"; {rest} other ALT(s), none free" if rest > 0 else "")
            parts.append(f"on {day}: {shown}")
        return " / ".join(parts)
