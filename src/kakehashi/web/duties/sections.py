"""The monthly report's long tables cut into weeks, so the page opens short (a city's month has hundreds of
visits): each week is a section that opens on a click, its summary saying how many rows and how many done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WeekSection:
    monday: dt.date
    rows: list[Any]
    done: int  # visits an approved daily report confirms; lessons covered by a substitute

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def by_week(rows: Iterable[Any], done: Callable[[Any], bool]) -> list[WeekSection]:
    """Rows with a `date`, in date order, grouped by the week (Monday to Sunday) they fall in."""
    weeks: dict[dt.date, list[Any]] = {}
    for row in sorted(rows, key=lambda r: r.date):
        weeks.setdefault(row.date - dt.timedelta(days=row.date.weekday()), []).append(row)
    return [WeekSection(monday, found, sum(1 for r in found if done(r))) for monday, found in weeks.items()]
