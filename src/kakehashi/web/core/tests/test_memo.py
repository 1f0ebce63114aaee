"""A remembered result is served until the next change, then computed again."""

from __future__ import annotations

import pytest
from django.test import override_settings

from kakehashi.web.core.memo import until_next_change
from kakehashi.web.organizations.models import Organization

pytestmark = pytest.mark.django_db
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "memo-test"}}


@override_settings(CACHES=LOCAL)
def test_a_result_is_remembered_until_anything_changes() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert until_next_change("answer", compute) == 1
    assert until_next_change("answer", compute) == 1
    Organization.objects.create(name="Kiryu Board", kind=Organization.Kind.BOARD)
    assert until_next_change("answer", compute) == 2
