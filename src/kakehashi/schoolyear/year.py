"""The school year: 1 April to 31 March, three terms with vacations between them, and its era label."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Reiwa began on 1 May 2019; a school year is named by the era year of its April (令和8年度 = April 2026).
REIWA_FIRST_YEAR = 2019


@dataclass(frozen=True)
class Term:
    name: str
    name_ja: str
    starts: dt.date
    ends: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.starts <= day <= self.ends


def default_terms(year: int) -> tuple[Term, ...]:
    """The usual three terms of a public school in Gunma; a board sets its own dates."""
    return (
        Term("first term", "1学期", dt.date(year, 4, 6), dt.date(year, 7, 20)),
        Term("second term", "2学期", dt.date(year, 8, 27), dt.date(year, 12, 24)),
        Term("third term", "3学期", dt.date(year + 1, 1, 8), dt.date(year + 1, 3, 24)),
    )


@dataclass(frozen=True)
class SchoolYear:
    """`SchoolYear(2026)` runs from 2026-04-01 to 2027-03-31."""

    year: int
    terms: tuple[Term, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.terms:
            object.__setattr__(self, "terms", default_terms(self.year))
        for term in self.terms:
            if not (self.starts <= term.starts <= term.ends <= self.ends):
                raise ValueError(
                    f"{term.name} ({term.starts} to {term.ends}) is not inside the school year "
                    f"{self.starts} to {self.ends} / 学期が年度の範囲外です"
                )
        for one, other in zip(self.terms, self.terms[1:], strict=False):
            if other.starts <= one.ends:
                raise ValueError(f"{other.name} starts before {one.name} ends / 学期が重なっています")

    @property
    def starts(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def ends(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)

    @property
    def label_ja(self) -> str:
        """令和8年度 for 2026 (and 令和元年度 for 2019, as the first year of an era is written)."""
        era_year = self.year - REIWA_FIRST_YEAR + 1
        return f"令和{'元' if era_year == 1 else era_year}年度"

    @property
    def label(self) -> str:
        return f"School year {self.year}-{(self.year + 1) % 100:02d} ({self.label_ja})"

    def days(self) -> list[dt.date]:
        return [self.starts + dt.timedelta(days=n) for n in range((self.ends - self.starts).days + 1)]

    def term_of(self, day: dt.date) -> Term | None:
        return next((term for term in self.terms if day in term), None)

    @staticmethod
    def of(day: dt.date) -> int:
        """The school year a date belongs to: January-March belong to the year that began the April before."""
        return day.year if day.month >= 4 else day.year - 1
