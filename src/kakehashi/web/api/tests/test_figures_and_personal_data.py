"""Read-only figures and personal data through the API: the workforce dashboard's figures for coordinators and
supervisors, a person's own data (APPI) with who viewed it, and the access log for administrators."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import every, script

pytestmark = pytest.mark.django_db


def test_the_workforce_figures_are_the_dashboard_s_for_the_participants_one_sees(published: Any) -> None:
    north, south, _ = published
    figures = script(north.users["coordinator"]).get("/api/workforce/").json()
    assert figures["program"] == north.program.pk and figures["participants"] == len(north.alts)
    assert sum(share["count"] for share in figures["by_kind"]) == len(north.alts)
    assert figures["alts_with_week"] == len(north.alts)
    assert figures["classes_below"] + figures["classes_within"] + figures["classes_above"] == len(north.alts)
    assert script(north.users["coordinator"]).get("/api/workforce/", {"program": south.program.pk}).status_code == 404
    board = script(north.users["supervisor"]).get("/api/workforce/").json()
    assert board["program"] is None and board["participants"] == len(north.alts)


def test_my_data_holds_my_record_and_who_viewed_it_and_the_administrator_reads_the_access_log(world: Any) -> None:
    north, _, root = world
    alt = north.alts[0]
    script(north.users["coordinator"]).get(f"/api/participants/{alt.code}/")
    mine = script(north.users["participant"]).get("/api/me/data/").json()
    assert mine["format"] == "kakehashi/personal-data@1" and mine["participant"]["code"] == alt.code
    assert [v["viewer"] for v in mine["viewed_by"]] == [str(north.users["coordinator"])]
    log = every(script(root), "/api/access-log/")
    assert [(row["viewer"], row["participant"]) for row in log] == [(north.users["coordinator"].username, alt.code)]


def test_a_supervisor_reads_the_contract_of_their_board_and_its_organizations(world: Any) -> None:
    north, south, _ = world
    supervisor = script(north.users["supervisor"])
    [contract] = every(supervisor, "/api/contracts/")
    assert contract["organization"] == north.board.pk and contract["school_may_instruct_participants"]
    organizations = {row["id"] for row in every(supervisor, "/api/organizations/")}
    assert north.board.pk in organizations and south.board.pk not in organizations
    assert {s.organization_id for s in north.schools} <= organizations
