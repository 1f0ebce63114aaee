"""Application deadlines in the recruiting office's own time zone.

A deadline is a wall-clock minute where the office is ("2024-04-05 23:59" in Honolulu), and it
includes that whole minute: 23:59 accepts submissions until 23:59:59.999. Comparisons happen in UTC,
so an applicant's or a server's own zone never matters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`; a ValueError (not zoneinfo's KeyError subclass) for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone like 'Asia/Tokyo'") from None


@dataclass(frozen=True)
class Deadline:
    """The last minute submissions are accepted, as the office's clock shows it."""

    local: datetime
    tz: str

    def __post_init__(self) -> None:
        if self.local.tzinfo is not None:
            raise ValueError("a deadline's local time is naive: its zone is given by tz")
        if self.local.second or self.local.microsecond:
            raise ValueError(f"a deadline is a whole minute like 23:59, not {self.local.time()}")
        zone(self.tz)

    @property
    def last_minute_utc(self) -> datetime:
        """The deadline minute's start in UTC.

        Where a clock change makes the local minute happen twice (autumn) or never (spring), the later
        reading is taken: nobody is refused because the office's clocks moved."""
        readings = (self.local.replace(tzinfo=zone(self.tz), fold=fold).astimezone(UTC) for fold in (0, 1))
        return max(readings)

    @property
    def closes_utc(self) -> datetime:
        """The first instant that is too late: one minute after the deadline minute begins."""
        return self.last_minute_utc + timedelta(minutes=1)

    def in_zone(self, tz: str) -> datetime:
        """The deadline minute on another zone's clock, for display (e.g. Asia/Tokyo for Japanese staff)."""
        return self.last_minute_utc.astimezone(zone(tz))

    def label(self) -> str:
        """`2024-04-05 23:59 HST (Pacific/Honolulu)`."""
        shown = self.last_minute_utc.astimezone(zone(self.tz))
        return f"{shown:%Y-%m-%d %H:%M} {shown.tzname()} ({self.tz})"


def is_open(deadline: Deadline, now_utc: datetime) -> bool:
    """Whether a submission made at `now_utc` (any aware time) is still accepted."""
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must carry its time zone (datetime.now(UTC)), or the comparison is a guess")
    return now_utc < deadline.closes_utc
