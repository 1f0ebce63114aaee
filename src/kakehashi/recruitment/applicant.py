"""Who applies and for what: positions, Japanese levels and the applicant as eligibility sees them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Position(StrEnum):
    """The three JET positions. SEA posts exist only where a contracting organization asks for one."""

    ALT = "ALT"
    CIR = "CIR"
    SEA = "SEA"


# JLPT levels from lowest to highest; "native" sits above N1 because a native speaker never sits the test.
JAPANESE_LEVELS: tuple[str, ...] = ("N5", "N4", "N3", "N2", "N1", "native")

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def japanese_rank(level: str | None) -> int:
    """0 for no recorded Japanese, 1 for N5 … 5 for N1, 6 for native: higher is better."""
    if level is None:
        return 0
    if level not in JAPANESE_LEVELS:
        raise ValueError(f"{level!r} is not a Japanese level ({', '.join(JAPANESE_LEVELS)})")
    return JAPANESE_LEVELS.index(level) + 1


def is_country_code(text: str) -> bool:
    """ISO 3166-1 alpha-2, upper case (`US`, `GB`, `JM`)."""
    return bool(_COUNTRY.match(text))


def same_sport(a: str, b: str) -> bool:
    """Sport names are typed by people: `Judo` and ` judo` are the same sport."""
    return a.strip().casefold() == b.strip().casefold()


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """What the eligibility rules look at. `previous_years` counts earlier years on JET or as an ALT;
    `coaching_qualifications` names the sports the applicant may coach."""

    id: str = ""
    name: str = ""
    degree_date: date | None = None
    citizenships: tuple[str, ...] = ()
    previous_years: int = 0
    japanese_level: str | None = None
    coaching_qualifications: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.previous_years < 0:
            raise ValueError(f"previous_years cannot be negative (got {self.previous_years})")
        japanese_rank(self.japanese_level)  # refuses an unknown level early, where it was made
        for country in self.citizenships:
            if not is_country_code(country):
                raise ValueError(f"{country!r} is not an ISO 3166 country code like 'US'")
