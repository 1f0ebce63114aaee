"""A one-line field (a name, a title, a place) refuses line breaks and other control characters, on the page and
through the API, before anything is saved (issue 16, finding 8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models

from kakehashi.web.api.tests.helpers import script
from kakehashi.web.leave.models import LeaveEntitlement, LeaveRequest
from kakehashi.web.people.models import Participant
from kakehashi.web.testing import signed_in

BROKEN = [
    "Anna\r\nBcc: all@example.jp",
    "Anna\nSmith",
    "Anna\tSmith",
    "Anna\x1b[2J",
    "Anna\x85Smith",
    "Anna\u2028Smith",
]


def one_line_fields() -> list[Any]:
    """Every CharField of Kakehashi's models, and the user's names."""
    found = []
    for model in apps.get_models():
        if model.__module__.startswith("kakehashi.") or model._meta.label == "auth.User":
            found += [f for f in model._meta.local_fields if isinstance(f, models.CharField)]
    return found


def test_kakehashi_has_one_line_fields_to_check() -> None:
    labels = {f"{f.model._meta.label}.{f.name}" for f in one_line_fields()}
    assert {"people.Participant.name", "auth.User.first_name", "duties.DutyEntry.title"} <= labels


@pytest.mark.parametrize("field", one_line_fields(), ids=lambda f: f"{f.model._meta.label}.{f.name}")
def test_every_one_line_field_refuses_a_line_break(field: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        field.run_validators("two\nlines")
    assert "control_characters" in [e.code for e in refused.value.error_list]


@pytest.mark.django_db
@pytest.mark.parametrize("name", BROKEN)
def test_the_participant_page_refuses_a_name_with_a_control_character(world: Any, name: str) -> None:
    north, _, _ = world
    alt = north.alts[0]
    page = signed_in(north.users["coordinator"]).get(f"/people/{alt.code}/edit/")
    form = page.context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None}
    data["name"] = name
    answer = signed_in(north.users["coordinator"]).post(f"/people/{alt.code}/edit/", data)
    assert answer.status_code == 200 and "no line breaks or other control characters" in answer.content.decode()
    assert Participant.objects.get(pk=alt.pk).name == alt.name


@pytest.mark.django_db
@pytest.mark.parametrize("name", BROKEN)
def test_the_api_refuses_a_name_with_a_control_character_and_names_the_field(world: Any, name: str) -> None:
    north, _, _ = world
    alt = north.alts[0]
    answer = script(north.users["coordinator"]).patch(f"/api/participants/{alt.code}/", {"name": name}, format="json")
    assert answer.status_code == 400 and "no line breaks or other control characters" in answer.json()["name"][0]
    assert Participant.objects.get(pk=alt.pk).name == alt.name


@pytest.mark.django_db
def test_a_name_stored_with_a_line_break_before_the_check_still_lets_the_alt_ask_for_leave(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    Participant.objects.filter(pk=alt.pk).update(name="Anna\r\nBcc: all@example.jp")
    LeaveEntitlement.objects.create(participant=alt, year=2026, days=10)
    answer = signed_in(north.users["participant"]).post(
        "/leave/",
        {"leave-kind": "annual", "leave-starts": "2026-12-03", "leave-ends": "2026-12-04", "leave-reason": "Family"},
    )
    assert answer.status_code == 302 and LeaveRequest.objects.filter(participant=alt).exists()
    assert mail.outbox and all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_the_school_page_refuses_a_school_name_with_a_line_break(world: Any) -> None:
    from kakehashi.web.pages.schools.tests.test_school_pages import form_of, logged_in

    north, _, _ = world
    school = north.schools[0]
    answer = logged_in(north, "coordinator").post(f"/schools/{school.code}/edit/", form_of(school, name="A\nB"))
    assert answer.status_code == 200 and "no line breaks or other control characters" in answer.content.decode()
    school.organization.refresh_from_db()
    assert "\n" not in school.organization.name
