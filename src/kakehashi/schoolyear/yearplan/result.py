"""What `kakehashi plan-year` finds, and the `kakehashi/year-plan@1` file it writes (docs/year-plan.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kakehashi.schoolyear.plan import DatedVisit

YEAR_PLAN_FORMAT = "kakehashi/year-plan@1"


@dataclass(frozen=True)
class Move:
    """One dated visit changed: `moved` to another date and/or ALT, or `dropped` (the school is over its
    contract, or the ALT over their days). `date`/`alt` are the visit as the cycle planned it."""

    kind: str
    school: str
    date: dt.date
    alt: str
    reason: str
    to_date: dt.date | None = None
    to_alt: str | None = None

    def sentence(self) -> str:
        if self.kind == "dropped":
            return f"{self.date} {self.alt} at {self.school}: dropped — {self.reason}"
        who = self.alt if self.to_alt == self.alt else f"{self.to_alt} (instead of {self.alt})"
        return f"{self.date} {self.alt} at {self.school}: moved to {self.to_date}, {who} — {self.reason}"

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"kind": self.kind, "school": self.school, "date": self.date.isoformat(),
                                    "alt": self.alt}
        if self.kind == "moved":
            document["to"] = {"date": self.to_date.isoformat() if self.to_date else None, "alt": self.to_alt}
        document["reason"] = self.reason
        return document


@dataclass(frozen=True)
class SchoolYearDays:
    school: str
    contracted: int | None  # None: the school has no annual contract, its days are left as planned
    before: int
    after: int
    obstacles: tuple[str, ...] = ()  # for a contract not met: the dates and limits in the way

    def to_json(self) -> dict[str, Any]:
        return {"school": self.school, "contracted": self.contracted, "planned_before": self.before,
                "planned_after": self.after, "met": self.met, "obstacles": list(self.obstacles)}

    @property
    def met(self) -> bool | None:
        return None if self.contracted is None else self.after == self.contracted


@dataclass(frozen=True)
class AltYearDays:
    alt: str
    limit: int | None
    before: int
    after: int

    def to_json(self) -> dict[str, Any]:
        return {"alt": self.alt, "limit": self.limit, "days_before": self.before, "days_after": self.after}


@dataclass
class YearPlan:
    instance: str
    year: int
    cycle_weeks: int
    anchor: dt.date
    status: str
    schools: list[SchoolYearDays]
    alts: list[AltYearDays]
    moves: list[Move]
    visits: list[tuple[DatedVisit, int]]  # each dated visit after balancing, with its cycle week
    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": YEAR_PLAN_FORMAT,
            "instance": self.instance,
            "year": self.year,
            "cycle_weeks": self.cycle_weeks,
            "cycle_week_1_starts": self.anchor.isoformat(),
            "status": self.status,
            "schools": [s.to_json() for s in self.schools],
            "alts": [a.to_json() for a in self.alts],
            "moves": [m.to_json() for m in self.moves],
            "visits": [{"date": v.date.isoformat(), "cycle_week": week, "alt": v.alt, "school": v.school}
                       for v, week in self.visits],
            "stats": self.stats,
        }

    def text(self) -> str:
        """Per school: contracted, planned before, planned after; each move with its reason; what stands in
        the way of a contract the year cannot meet."""
        lines = [f"{'school':<10} {'contracted':>10} {'before':>7} {'after':>6}"]
        for row in self.schools:
            contracted = "-" if row.contracted is None else str(row.contracted)
            flag = "" if row.met in (None, True) else "  NOT MET"
            lines.append(f"{row.school:<10} {contracted:>10} {row.before:>7} {row.after:>6}{flag}")
            lines += [f"    {move.sentence()}" for move in self.moves if move.school == row.school]
            lines += [f"    cannot meet: {sentence}" for sentence in row.obstacles]
        met = [row for row in self.schools if row.contracted is not None]
        before = sum(1 for row in met if row.before == row.contracted)
        after = sum(1 for row in met if row.met)
        gap = f" (at most {self.stats['gap']} changes more than the fewest)" if self.stats.get("gap") else ""
        lines.append(f"{after} of {len(met)} contracted schools meet their annual days exactly "
                     f"({before} before balancing); {len(self.moves)} visit(s) changed; status {self.status}{gap}")
        return "\n".join(lines)
