"""The analysis page opens short: the classes without an ALT are grouped into one closed section per school."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kakehashi.timetable.explain import explain
from kakehashi.timetable.solve import solve
from kakehashi.web.testing import signed_in
from kakehashi.web.timetables.door import version_solution, week_instance
from kakehashi.web.timetables.services import timetable_store

pytestmark = pytest.mark.django_db


def test_the_classes_without_an_alt_are_one_closed_section_per_school(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    version = timetable_store(program=north.program, instance=instance, solution=solve(instance, time_limit=3))
    analysis = explain(instance, version_solution(version))
    assert analysis.uncovered, "the test week leaves some classes without an ALT"
    page = signed_in(north.users["coordinator"]).get(f"/programs/{north.program.pk}/timetables/{version.number}/")
    text = page.content.decode()
    counts = [int(n) for n in re.findall(r": (\d+) class(?:es)? without an ALT</summary>", text)]
    assert len(counts) == len({u.school for u in analysis.uncovered})
    assert sum(counts) == len(analysis.uncovered)
    assert f"{len(analysis.school_days)} schools</summary>" in text and "<details open" not in text
