"""The API confirms a cover that leaves lessons without an ALT only with the same explicit acknowledgement
as the page's ticked box (issue 18 part 4)."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.leave.covers import cover_propose
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.tests.test_substitute_cover import _everyone_away

pytestmark = pytest.mark.django_db


def test_the_api_refuses_a_partial_cover_without_accept_partial_and_names_the_lessons_left(published: Any) -> None:
    north, _, _ = published
    day = _everyone_away(north)
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None and cover.covered < len(cover.needed)
    client = script(north.users["coordinator"])
    refused = client.post(f"/api/covers/{cover.pk}/confirm/", {}, format="json")
    assert refused.status_code == 400
    first = cover.needed[0]
    assert f"class {first['homeroom']}, period {first['period']}" in refused.content.decode()
    assert Cover.objects.get(pk=cover.pk).status == "proposed"
    confirmed = client.post(f"/api/covers/{cover.pk}/confirm/", {"accept_partial": True}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["cover"]["status"] == "confirmed"
