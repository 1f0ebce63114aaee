"""A calendar feed stops with its account, and its secret never reaches the change log (issue 16, finding 9)."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from kakehashi.web.core.models import Change
from kakehashi.web.people.feeds import calendar_token_issue
from kakehashi.web.people.models import CalendarToken

pytestmark = pytest.mark.django_db


def feed(token: str) -> int:
    return Client().get(f"/calendar/{token}.ics").status_code  # a calendar app: no login


def test_deactivating_an_account_stops_its_feed_and_reactivating_does_not_bring_it_back(world: Any) -> None:
    north, _, _ = world
    alt, account = north.alts[0], north.users["participant"]
    token = calendar_token_issue(participant=alt).token
    assert feed(token) == 200
    account.is_active = False
    account.save()
    assert feed(token) == 404
    assert CalendarToken.objects.get(token=token).revoked_at is not None
    account.is_active = True
    account.save()
    assert feed(token) == 404


def test_a_feed_does_not_answer_for_an_account_switched_off_without_its_signal(world: Any) -> None:
    north, _, _ = world
    token = calendar_token_issue(participant=north.alts[0]).token
    type(north.users["participant"]).objects.filter(pk=north.users["participant"].pk).update(is_active=False)
    assert feed(token) == 404


def test_the_change_log_records_a_new_feed_link_but_never_its_token(world: Any) -> None:
    north, _, _ = world
    first = calendar_token_issue(participant=north.alts[0]).token
    second = calendar_token_issue(participant=north.alts[0]).token  # revokes the first: an update is logged too
    logged = Change.objects.filter(model="people.calendartoken")
    assert logged.filter(action="create").count() == 2 and logged.filter(action="update").count() == 1
    everything = json.dumps([[c.before, c.after, c.object_repr] for c in Change.objects.all()])
    assert first not in everything and second not in everything


def test_tokens_already_in_the_change_log_are_removed_by_the_migration(world: Any) -> None:
    north, _, _ = world
    token = calendar_token_issue(participant=north.alts[0]).token
    Change.objects.filter(model="people.calendartoken").update(after={"token": token, "revoked_at": None})
    migration = importlib.import_module("kakehashi.web.core.migrations.0002_forget_logged_calendar_tokens")
    migration.forget_tokens(apps, None)
    assert token not in json.dumps([c.after for c in Change.objects.all()])
