"""Apps above hand their parts down to the ones below when they start (docs/architecture.md): the privacy log,
the visits of the week in force, who is away. Without them the lower app refuses, never answers less."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from kakehashi.web.accounts import scope
from kakehashi.web.calendars import selectors as calendar_selectors
from kakehashi.web.core.personal_data import personal_data_viewed, record_view
from kakehashi.web.privacy.access import log_view


@pytest.fixture
def without_the_privacy_log() -> Iterator[None]:
    personal_data_viewed.disconnect(dispatch_uid="privacy-log-view")
    yield
    personal_data_viewed.connect(log_view, dispatch_uid="privacy-log-view")


def test_every_part_is_handed_down_once_the_apps_are_ready() -> None:
    assert personal_data_viewed.has_listeners()
    assert scope._visits_in_force and calendar_selectors._leave_readers


def test_a_view_of_personal_data_that_no_one_would_log_is_refused(without_the_privacy_log: None) -> None:
    with pytest.raises(ImproperlyConfigured):
        record_view(object(), "participant page")


def test_the_scope_rules_refuse_to_guess_visits_they_were_not_given(monkeypatch: Any) -> None:
    monkeypatch.setattr(scope, "_visits_in_force", [])
    with pytest.raises(ImproperlyConfigured):
        scope._published_visits()


def test_the_dated_plan_refuses_to_guess_who_is_away(monkeypatch: Any) -> None:
    monkeypatch.setattr(calendar_selectors, "_leave_readers", [])
    with pytest.raises(ImproperlyConfigured):
        calendar_selectors._leave()
