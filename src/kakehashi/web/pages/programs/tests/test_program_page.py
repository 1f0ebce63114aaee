"""The program page: contracts with who may instruct whom, and the week and timetable files."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.solve import solve
from kakehashi.web.organizations.models import Contract
from kakehashi.web.schools.models import BellPeriod
from kakehashi.web.testing import PASSWORD, side
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.rule_words import names_of, reason_sentence
from kakehashi.web.timetables.services import timetable_store

pytestmark = pytest.mark.django_db


def coordinator(s: Any) -> Client:
    client = Client()
    assert client.login(username=s.users["coordinator"].username, password=PASSWORD)
    return client


def test_an_outsourcing_contract_says_requests_go_through_the_responsible_manager(db: Any) -> None:
    outsourced = side("East", prefix="E", seed=3, contract=Contract.Type.OUTSOURCING)
    page = coordinator(outsourced).get(f"/programs/{outsourced.program.pk}/").content.decode()
    assert "requests go through the responsible manager" in page and "Emanager" in page


def test_the_week_file_downloads_and_reads_as_a_week(world: Any) -> None:
    north, _, _ = world
    response = coordinator(north).get(f"/programs/{north.program.pk}/week.json")
    week = parse_instance(json.loads(response.content))
    assert {s.id for s in week.schools} == {s.code for s in north.schools}


def test_a_week_the_core_refuses_is_explained_on_the_page_with_its_json_path(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    first = BellPeriod.objects.filter(school=school).order_by("start").first()
    BellPeriod.objects.create(school=school, variant="default", period="X", start=first.start, end=first.end)
    page = coordinator(north).get(f"/programs/{north.program.pk}/").content.decode()
    assert "cannot be exported" in page and "bells" in page
    assert coordinator(north).get(f"/programs/{north.program.pk}/week.json").status_code == 422


def test_a_stored_timetable_downloads_as_a_solution_file(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    version = timetable_store(program=north.program, instance=instance, solution=solve(instance, time_limit=3))
    response = coordinator(north).get(f"/programs/{north.program.pk}/timetables/{version.number}.json")
    assert parse_solution(json.loads(response.content)).objective == version.objective


def test_another_programs_page_is_not_found(world: Any) -> None:
    north, south, _ = world
    assert coordinator(north).get(f"/programs/{south.program.pk}/").status_code == 404


def test_the_analysis_explains_each_class_without_an_alt_and_the_visit_days(world: Any) -> None:
    north, _, _ = world
    instance = week_instance(north.program)
    version = timetable_store(program=north.program, instance=instance, solution=solve(instance, time_limit=3))
    page = coordinator(north).get(f"/programs/{north.program.pk}/timetables/{version.number}/").content.decode()
    from kakehashi.timetable.explain import explain
    from kakehashi.web.timetables.door import version_solution

    analysis = explain(instance, version_solution(version))
    assert str(analysis.score.objective) in page  # under "Details for specialists"
    assert analysis.uncovered, "the demo week leaves some classes without an ALT"
    names = names_of(instance)
    # Each reason in the reader's words, with names: never the core's sentence with its ids.
    with translation.override("en"):
        in_english = [reason_sentence(u, names) for u in analysis.uncovered[:5]]
    for uncovered, reason in zip(analysis.uncovered, in_english, strict=False):
        assert reason in html.unescape(page) and uncovered.reason[:40] not in html.unescape(page)
    client = coordinator(north)
    client.cookies["django_language"] = "ja"
    response = client.get(f"/programs/{north.program.pk}/timetables/{version.number}/")
    in_japanese = html.unescape(response.content.decode())
    with translation.override("ja"):
        names = names_of(instance)
        said = [reason_sentence(u, names) for u in analysis.uncovered[:5]]
    for uncovered, reason in zip(analysis.uncovered, said, strict=False):
        assert reason in in_japanese and uncovered.reason_ja[:30] not in in_japanese
