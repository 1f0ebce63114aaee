"""The balance tests run on a fixed "today" in the school year 2026 (the machine's date may be any)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.yearbalance.tests.setup import TODAY


@pytest.fixture(autouse=True)
def today_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    real = timezone.localdate

    def localdate(value: dt.datetime | None = None, tz: Any = None) -> dt.date:
        return TODAY if value is None else real(value, tz)

    monkeypatch.setattr(timezone, "localdate", localdate)
