"""Travel minutes between schools and homes: the one place that knows the spec's formula.

`travel(a, x, y)` is 0 for the same school, else the `minutes` override for the pair and the ALT's
mode, else `ceil(60 * haversine_km * detour / kmh) + overhead_min`.
"""

from __future__ import annotations

import itertools
import math
from functools import cached_property

import numpy as np
import numpy.typing as npt

from kakehashi.timetable.instance import Alt, Instance, Location, TravelMode

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: Location, b: Location) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def formula_minutes(origin: Location, destination: Location, mode: TravelMode, detour: float) -> int:
    """The spec's travel formula, for a pair of places with no `minutes` override."""
    return math.ceil(60 * haversine_km(origin, destination) * detour / mode.kmh) + mode.overhead_min


class TravelTimes:
    """Travel minutes for one instance, memoised because solvers ask the same pairs many times.

    Places are school ids; an ALT's home is named by the ALT's id (as in `travel.minutes`)."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self._cache: dict[tuple[str, str, str], int] = {}
        self._grids: dict[str, tuple[dict[str, int], npt.NDArray[np.int32]]] = {}

    @cached_property
    def _overrides(self) -> dict[tuple[str, str, str], int]:
        table: dict[tuple[str, str, str], int] = {}
        for override in self.instance.travel.minutes:
            table[(override.origin, override.destination, override.mode)] = override.minutes
            table[(override.destination, override.origin, override.mode)] = override.minutes
        return table

    def _location(self, place: str, alt: Alt) -> Location:
        if place == alt.id:
            return alt.home
        return self.instance.school_by_id[place].location

    def between(self, alt: Alt, origin: str, destination: str) -> int:
        """Minutes for `alt` from `origin` to `destination` (school ids, or `alt.id` for home)."""
        if origin == destination and origin != alt.id:
            return 0
        key = (origin, destination, alt.mode)
        cached = self._cache.get(key) if origin != alt.id and destination != alt.id else None
        if cached is not None:
            return cached
        minutes = self._overrides.get(key)
        if minutes is None:
            minutes = formula_minutes(self._location(origin, alt), self._location(destination, alt),
                                      self.instance.travel.modes[alt.mode], self.instance.travel.detour)
        if origin != alt.id and destination != alt.id:
            # School-to-school times depend only on the mode, so ALTs who share a mode share them.
            self._cache[key] = minutes
        return minutes

    def school_grid(self, mode: str) -> tuple[dict[str, int], npt.NDArray[np.int32]]:
        """Every school's row index, and the minutes between every two schools for `mode`, at once.

        For the solver's heuristics (which pairs of schools are near neighbours), where asking `between`
        for every pair took seconds at prefecture size. numpy's trigonometry may differ from `math`'s in
        the last bit, so a minute here may be one off the spec's: exact rules still ask `between`."""
        grid = self._grids.get(mode)
        if grid is None:
            schools = self.instance.schools
            lat = np.radians(np.array([s.location.lat for s in schools]))
            lon = np.radians(np.array([s.location.lon for s in schools]))
            h = (np.sin((lat[None, :] - lat[:, None]) / 2) ** 2
                 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[None, :] - lon[:, None]) / 2) ** 2)
            km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
            speed = self.instance.travel.modes[mode]
            minutes = np.ceil(60 * km * self.instance.travel.detour / speed.kmh).astype(np.int32) + speed.overhead_min
            np.fill_diagonal(minutes, 0)
            index = {school.id: row for row, school in enumerate(schools)}
            for (origin, destination, override_mode), value in self._overrides.items():
                if override_mode == mode and origin in index and destination in index:
                    minutes[index[origin], index[destination]] = value
            grid = self._grids[mode] = (index, minutes)
        return grid

    def commute(self, alt: Alt, school: str) -> int:
        """Minutes from the ALT's home to a school."""
        return self.between(alt, alt.id, school)

    def day_trip(self, alt: Alt, schools: list[str]) -> int:
        """The day's trip: home → schools in the order given → home (`2 * commute` for one school)."""
        if not schools:
            return 0
        trip = self.commute(alt, schools[0])
        for origin, destination in itertools.pairwise(schools):
            trip += self.between(alt, origin, destination)
        return trip + self.between(alt, schools[-1], alt.id)
