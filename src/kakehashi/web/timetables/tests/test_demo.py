"""`kakehashi manage demo` loads Takasaki, one user per role and a published week; running it again is safe."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.scope import visible_participants, visible_schools
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.models import TimetableVersion

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_loads_takasaki_with_every_role_and_a_published_week_and_can_run_again() -> None:
    out = io.StringIO()
    call_command("demo", time_limit=3, alts=6, stdout=out)
    call_command("demo", time_limit=3, alts=6, stdout=out)
    text = out.getvalue()
    assert "already loaded" in text and "password for all" in text
    assert School.objects.count() == 83  # Takasaki's municipal elementary and junior high schools (MLIT)
    assert set(Participant.objects.values_list("kind", flat=True)) == {"alt", "cir", "sea"}
    assert TimetableVersion.objects.filter(state="published").count() == 1
    users = {u.username: u for u in get_user_model().objects.all()}
    assert {r.kind for r in Role.objects.all()} == {kind.value for kind in Role.Kind}
    assert visible_schools(users["jte"]).count() == 1
    assert visible_schools(users["board"]).count() == 83
    assert list(visible_participants(users["alt"]).values_list("code", flat=True)) == ["A01"]
