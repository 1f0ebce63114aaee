"""The analysis page opens short: the classes without an ALT are grouped into one closed section per school."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kakehashi.timetable.explain import explain
from kakehashi.timetable.solve import solve
from kakehashi.web.organizations.models import Organization
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


def test_the_classes_without_an_alt_are_ordered_by_the_schools_reading_and_then_by_class(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    version = timetable_store(program=north.program, instance=instance, solution=solve(instance, time_limit=3))
    analysis = explain(instance, version_solution(version))
    schools = sorted({u.school for u in analysis.uncovered})
    assert len(schools) >= 2, "the test week leaves classes without an ALT at two schools or more"
    # By character code 中 < 南 < 青; read aloud あおば < ちゅうおう < なん: a Japanese reader expects the latter.
    japanese = ["南中学校", "中央小学校", "青葉小学校"][-len(schools) :]
    for code, name_ja in zip(schools, japanese, strict=False):
        Organization.objects.filter(school__code=code).update(name_ja=name_ja)
    page = signed_in(north.users["coordinator"]).get(
        f"/programs/{north.program.pk}/timetables/{version.number}/", HTTP_ACCEPT_LANGUAGE="ja"
    )
    text = page.content.decode()
    shown = re.findall(r"<summary>([^<：:]+)[：:]", text)
    expected = sorted(japanese, key=["青葉小学校", "中央小学校", "南中学校"].index)
    assert [name for name in shown if name in japanese] == expected
    for section in re.findall(r"<tbody>(.*?)</tbody>", text.split("<h2>", 3)[-1], flags=re.S):
        classes = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", section)
        numbers = [[int(part) for part in re.findall(r"\d+", homeroom)] for homeroom in classes]
        assert numbers == sorted(numbers), classes
