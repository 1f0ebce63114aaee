"""A stored version's week never changes, so each server process reads it once: the pages that lay a version
out (program, daily report, monthly report, cover) no longer parse a city's week on every request. A row that
reuses a deleted row's id (SQLite after a rollback) is another week and is read afresh."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

import pytest

from kakehashi.web.timetables.door import versions
from kakehashi.web.timetables.door.versions import version_instance
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import published_version


def test_a_stored_week_is_read_once_per_process_and_a_reused_id_afresh(
    published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    north, _, _ = published
    pk = published_version(north.program).pk  # type: ignore[union-attr]
    reads: list[object] = []

    def counted(document: Any) -> Any:
        reads.append(document)
        return real(document)

    real = versions.parse_instance
    monkeypatch.setattr(versions, "parse_instance", counted)
    monkeypatch.setattr(versions, "_weeks", OrderedDict())
    first = version_instance(TimetableVersion.objects.get(pk=pk))
    again = version_instance(TimetableVersion.objects.get(pk=pk))  # another request's row object
    assert again is first and len(reads) == 1
    TimetableVersion.objects.filter(pk=pk).update(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    version_instance(TimetableVersion.objects.get(pk=pk))
    assert len(reads) == 2
