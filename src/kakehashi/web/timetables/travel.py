"""Travel minutes for pages, from the program's week settings and overrides, by the core's formula."""

from __future__ import annotations

from kakehashi.timetable.instance import Location, TravelMode, default_modes
from kakehashi.timetable.travel import formula_minutes
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.models import WeekSettings


class PageTravel:
    """`minutes(participant, origin, destination)` where a place is a School or None (the participant's home)."""

    def __init__(self, participant: Participant) -> None:
        settings = WeekSettings.objects.filter(program_id=participant.program_id).first()
        modes = default_modes()
        for name, values in (settings.travel_modes if settings else {}).items():
            modes[name] = TravelMode(float(values["kmh"]), int(values.get("overhead_min", 0)))
        self.mode = modes[participant.travel_mode]
        self.detour = settings.detour if settings else 1.3
        self.participant = participant
        self.overrides = {
            (t.origin, t.destination): t.minutes
            for t in participant.program.travel_times.filter(mode=participant.travel_mode)
        }

    def _place(self, school: School | None) -> tuple[str, Location]:
        if school is None:
            return self.participant.code, Location(self.participant.home_lat, self.participant.home_lon)
        return school.code, Location(school.lat, school.lon)

    def minutes(self, origin: School | None, destination: School | None) -> int:
        (a, here), (b, there) = self._place(origin), self._place(destination)
        if a == b and origin is not None:
            return 0
        override = self.overrides.get((a, b), self.overrides.get((b, a)))
        return override if override is not None else formula_minutes(here, there, self.mode, self.detour)
