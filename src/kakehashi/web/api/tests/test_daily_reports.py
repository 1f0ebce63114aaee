"""Daily reports through the API, as on the phone: a duty added and removed, a note, submitted, returned with
what to change (a return needs a comment), submitted again; a submitted report can no longer be changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import script

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 13)  # a Friday already past


def test_a_report_is_filled_in_submitted_returned_and_submitted_again(world: Any) -> None:
    north, _, _ = world
    alt, coordinator = script(north.users["participant"]), script(north.users["coordinator"])
    report = alt.post("/api/daily-reports/", {"date": DAY.isoformat()}, format="json").json()
    url = f"/api/daily-reports/{report['id']}"
    club = alt.post(f"{url}/entries/", {"kind": "clubs", "minutes": 60, "title": "English club"}, format="json")
    assert club.status_code == 201
    slip = alt.post(f"{url}/entries/", {"kind": "preparation", "minutes": 4000}, format="json")
    assert slip.status_code == 400 and "minutes" in slip.json()  # the page's form: at most a day
    other = alt.post(f"{url}/entries/", {"kind": "preparation", "minutes": 30}, format="json").json()
    assert alt.delete(f"{url}/entries/{other['id']}/").status_code == 204
    assert alt.post(f"{url}/note/", {"note": "Busy day"}, format="json").json()["note"] == "Busy day"
    assert coordinator.get(f"{url}/").status_code == 404  # a draft is the participant's own until submitted

    submitted = alt.post(f"{url}/submit/")
    assert submitted.status_code == 200 and submitted.json()["total_minutes"] == 60
    frozen = alt.delete(f"{url}/entries/{club.json()['id']}/")
    assert frozen.status_code == 400 and "waiting for approval" in frozen.json()["non_field_errors"][0]

    unexplained = coordinator.post(f"{url}/return/", {"comment": ""}, format="json")
    assert unexplained.status_code == 400 and "comment" in unexplained.json()
    returned = coordinator.post(f"{url}/return/", {"comment": "Add the morning meeting."}, format="json")
    assert returned.json()["status"] == "returned"
    alt.post(f"{url}/entries/", {"kind": "meeting", "minutes": 20, "title": "Morning meeting"}, format="json")
    assert alt.post(f"{url}/submit/").json()["status"] == "submitted"
