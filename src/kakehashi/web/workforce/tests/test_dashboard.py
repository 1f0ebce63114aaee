"""The workforce dashboard's figures equal those computed directly from the database, for the participants
the user may see; the map and charts need no internet; CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db.models import Count
from django.test import Client

from kakehashi.web.organizations.models import Organization
from kakehashi.web.people.models import Participant
from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.timetables.models import LessonRow, VisitRow
from kakehashi.web.timetables.selectors import published_version

pytestmark = pytest.mark.django_db


def _people(side: Any) -> None:
    """Give the side's participants the facts the dashboard counts."""
    facts = [
        ("woman", dt.date(1996, 5, 1), "Ontario", "CA", dt.date(2023, 8, 1)),
        ("man", dt.date(1990, 1, 20), "California", "US", dt.date(2025, 8, 1)),
    ]
    for person, (gender, born, region, country, started) in zip(side.alts, facts, strict=True):
        person.gender, person.birth_date, person.origin_region = gender, born, region
        person.citizenship, person.start_date = country, started
        person.save()


def _csv_rows(client: Client, query: str) -> list[list[str]]:
    text = client.get(f"/workforce/?{query}format=csv").content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


def test_the_dashboards_figures_equal_those_computed_directly_from_the_database(world: Any) -> None:
    north, _, _ = world
    _people(north)
    publish_week(north.program)
    client = signed_in(north.users["coordinator"])
    rows = {(figure, part): value for figure, part, value in _csv_rows(client, f"program={north.program.pk}&")}
    people = Participant.objects.filter(program=north.program)
    assert rows[("participants", "")] == str(people.count())
    for row in people.values("gender").annotate(n=Count("id")):
        label = str(dict(Participant.Gender.choices)[row["gender"]])
        assert rows[("gender", label)] == str(row["n"])
    for row in people.values("origin_region").annotate(n=Count("id")):
        assert rows[("origin region", row["origin_region"] or "—")] == str(row["n"])
    today = dt.date.today()
    ages = [(today - p.birth_date).days / 365.25 for p in people if p.birth_date]
    assert float(rows[("average age (years)", "")]) == pytest.approx(sum(ages) / len(ages), abs=0.01)
    service = [(today - p.start_date).days / 365.25 for p in people if p.start_date]
    assert float(rows[("longest length of service (years)", "")]) == pytest.approx(max(service), abs=0.01)
    published = published_version(north.program)
    per_alt = dict(
        LessonRow.objects.filter(version=published)
        .values("participant")
        .annotate(n=Count("id"))
        .values_list("participant", "n")
    )
    alts = list(people.filter(kind="alt"))
    assert rows[("ALTs with classes a week below 20", "")] == str(sum(1 for p in alts if per_alt.get(p.pk, 0) < 20))
    assert rows[("visit days a week in the published timetable", "")] == str(
        VisitRow.objects.filter(version=published).count()
    )
    levels: dict[int, set[str]] = {}
    for visit in VisitRow.objects.filter(version=published).select_related("school"):
        levels.setdefault(visit.participant_id, set()).add(visit.school.level)
    assert rows[("ALTs teaching at two or more school levels", "")] == str(
        sum(1 for s in levels.values() if len(s) > 1)
    )


def test_the_page_draws_charts_and_an_offline_map_and_loads_nothing_from_elsewhere(world: Any) -> None:
    north, _, _ = world
    _people(north)
    page = signed_in(north.users["coordinator"]).get("/workforce/").content.decode()
    assert "<svg" in page and "offline-map" in page and "km</text>" in page
    assert "http://" not in page.split("<body", 1)[1].replace("http://www.w3.org", "")
    assert "https://" not in page


def test_a_supervisor_sees_figures_for_their_boards_participants_only_and_school_staff_none(world: Any) -> None:
    north, south, _ = world
    _people(north)
    for person in south.alts:
        person.origin_region = "Wales"
        person.save()
    rows = _csv_rows(signed_in(north.users["supervisor"]), "")
    by_key = {(figure, part): value for figure, part, value in rows}
    places = [north.board.pk, *Organization.objects.filter(parent=north.board).values_list("pk", flat=True)]
    placed_here = Participant.objects.filter(placements__organization_id__in=places).distinct().count()
    assert placed_here > 0 and by_key[("participants", "")] == str(placed_here)
    assert ("origin region", "Wales") not in by_key  # the other program's people are not counted
    assert signed_in(north.users["school_staff"]).get("/workforce/").status_code == 403
    assert signed_in(north.users["participant"]).get("/workforce/").status_code == 403
    assert signed_in(north.users["coordinator"]).get(f"/workforce/?program={south.program.pk}").status_code == 404
