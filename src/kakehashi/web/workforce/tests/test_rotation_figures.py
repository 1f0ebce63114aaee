"""The workforce figures and the coordinator's home page count a rotation's every week (issue 19), not week A
only: visit days and classes a week are averages over the rotation's weeks, and a class seen in any week of the
rotation has an ALT."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from kakehashi.web.testing import signed_in
from kakehashi.web.timetables.door import program_cycle, version_cycle_solution
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.workforce.figures import CLASSES_TARGET, workforce_figures
from kakehashi.web.yearbalance.tests.test_balance_rotation import published_rotation

pytestmark = pytest.mark.django_db


def _rotation_with_uneven_weeks(side: Any) -> TimetableVersion:
    """A published two-week rotation whose week B has one visit (and its lessons) fewer than week A, so that
    week A alone and the average of the two weeks differ."""
    published_rotation(side)
    version = published_version(side.program)
    assert version is not None
    dropped = version.visits.filter(cycle_week=2).order_by("id").first()
    assert dropped is not None
    version.lessons.filter(
        cycle_week=2, participant=dropped.participant, lesson__school=dropped.school, lesson__day=dropped.day
    ).delete()
    dropped.delete()
    return version


def test_the_workforce_figures_are_averages_a_week_over_the_rotation(world: Any) -> None:
    north, _, _ = world
    version = _rotation_with_uneven_weeks(north)
    visits = version_cycle_solution(version).visits
    lessons = version_cycle_solution(version).lessons

    figures = workforce_figures(north.program.participants.all(), north.program, dt.date(2026, 11, 2))

    assert figures.visit_days_delivered == len(visits) / 2
    assert figures.visit_days_delivered != sum(1 for v in visits if v.week == 1)
    contracted = sum(s.visit_days.min for s in program_cycle(north.program).base.schools)
    assert figures.visit_days_contracted == contracted / 2
    low, high = CLASSES_TARGET
    a_week = [sum(1 for a in lessons if a.alt == alt.code) / 2 for alt in north.alts]
    assert figures.classes_below == sum(1 for n in a_week if n < low)
    assert figures.classes_above == sum(1 for n in a_week if n > high)


def test_the_home_page_counts_a_class_seen_in_any_week_of_the_rotation(world: Any) -> None:
    north, _, _ = world
    version = _rotation_with_uneven_weeks(north)
    cycle = program_cycle(north.program)
    class_of = {code: (x.school, x.homeroom) for code, x in cycle.base.lesson_by_id.items()}
    seen = {class_of[a.lesson] for a in version_cycle_solution(version).lessons}
    classes = set(class_of.values())

    page = signed_in(north.users["coordinator"]).get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert f"2週のローテーションで ALT が入るクラス：{len(classes)}クラス中{len(seen)}クラス" in said
